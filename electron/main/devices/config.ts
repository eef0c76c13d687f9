import { AppError } from '../../../shared/errors';
import { devicesConfigSchema, type DevicesConfig } from '../../../shared/devices-config';

export * from '../../../shared/devices-config';

/* Parsing the `devices` section on its own, with messages written as the file names the field. */

export function defaultDevicesConfig(): DevicesConfig {
  return devicesConfigSchema.parse({});
}

/** `devices.scanners[0].baudRate`: the way the field is written in the file. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = 'devices';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/** Checks the section on its own (the station config embeds the schema; this is for the Settings screen and tests). */
export function parseDevicesConfig(input: unknown): DevicesConfig {
  const parsed = devicesConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const message = issue ? `${fieldPath(issue.path)}: ${issue.message}` : 'devices: invalid';
  throw new AppError('VALIDATION', `Station config ${message}`);
}
