import { z } from 'zod';

/*
 * The `devices` section of the station config: which scanners and which scale this station reads
 * itself (keyboard-wedge scanners need nothing here). Nothing configured opens nothing; the
 * Devices screen still lists every HID scanner and scale it finds, so the IT person can see the
 * ids to put here, or use one from there. Every message names the field, so a typo never turns
 * into a silent scanner. Shared: the config file and the Devices screen accept the same things.
 */

/** With no terminator the pause is all that ends a serial scan: short enough not to be noticed, longer than a USB adapter's latency. */
export const DEFAULT_SERIAL_TIMEOUT_MS = 50;

/** USB ids as lsusb prints them ("0c2e", "0x0c2e") or as numbers (3118). */
const usbIdField = (field: string) =>
  z.union(
    [
      z.number().int().min(0).max(0xffff),
      z
        .string()
        .trim()
        .regex(/^(0x)?[0-9a-f]{1,4}$/i)
        .transform((hex) => Number.parseInt(hex.replace(/^0x/i, ''), 16)),
    ],
    { error: `${field} must be a USB id: four hex digits as lsusb shows them ("0c2e" or "0x0c2e") or a number 0-65535` },
  );

const autoField = z.boolean({ error: 'auto must be true or false' }).optional();

/** With no ids the first device of its kind is used; ids without auto pin one model. */
function checkIds(value: { vendorId?: number; productId?: number; auto?: boolean }, ctx: z.RefinementCtx) {
  if (value.productId !== undefined && value.vendorId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['vendorId'], message: 'vendorId is needed with productId' });
  }
  if (value.auto === false && value.vendorId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['vendorId'], message: 'vendorId (and productId) are needed when auto is false' });
  }
}

const withAuto = <T extends { vendorId?: number; auto?: boolean }>(value: T) => ({ ...value, auto: value.auto ?? value.vendorId === undefined });

const hidPosScanner = z
  .object({
    kind: z.literal('hid-pos'),
    vendorId: usbIdField('vendorId').optional(),
    productId: usbIdField('productId').optional(),
    auto: autoField,
    layout: z
      .enum(['auto', 'aim-header', 'shifted', 'plain'], { error: 'layout must be one of auto, aim-header, shifted, plain' })
      .default('auto'),
  })
  .strict()
  .superRefine(checkIds)
  .transform(withAuto);

const serialScanner = z
  .object({
    kind: z.literal('serial'),
    path: z.string({ error: 'path must be the serial port, such as /dev/ttyACM0 or COM3' }).trim().min(1, 'path must not be empty'),
    baudRate: z
      .number({ error: 'baudRate must be a number, such as 9600' })
      .int('baudRate must be a whole number, such as 9600')
      .min(110, 'baudRate must be at least 110')
      .max(4_000_000, 'baudRate must be at most 4000000')
      .default(9600),
    terminator: z.enum(['CR', 'LF', 'CRLF', 'none'], { error: 'terminator must be one of CR, LF, CRLF, none' }).default('CR'),
    timeoutMs: z
      .number({ error: 'timeoutMs must be a number of milliseconds' })
      .int('timeoutMs must be a whole number of milliseconds')
      .min(5, 'timeoutMs must be at least 5')
      .max(10_000, 'timeoutMs must be at most 10000')
      .optional(),
  })
  .strict()
  .transform((value) => ({ ...value, timeoutMs: value.timeoutMs ?? (value.terminator === 'none' ? DEFAULT_SERIAL_TIMEOUT_MS : undefined) }));

const scanner = z.discriminatedUnion('kind', [hidPosScanner, serialScanner], {
  error: 'kind must be "hid-pos" (USB scanner in HID POS mode) or "serial"',
});

const hidScale = z
  .object({
    kind: z.literal('hid', { error: 'kind must be "hid" (USB HID scale)' }),
    vendorId: usbIdField('vendorId').optional(),
    productId: usbIdField('productId').optional(),
    auto: autoField,
    stableReadings: z
      .number({ error: 'stableReadings must be a number' })
      .int('stableReadings must be a whole number')
      .min(1, 'stableReadings must be at least 1')
      .max(50, 'stableReadings must be at most 50')
      .default(3),
  })
  .strict()
  .superRefine(checkIds)
  .transform(withAuto);

export const devicesConfigSchema = z
  .object({
    scanners: z.array(scanner, { error: 'scanners must be a list' }).default([]),
    scale: hidScale.nullable().default(null),
    /** How often the USB device list is read and a missing serial port is tried again. */
    pollMs: z
      .number({ error: 'pollMs must be a number of milliseconds' })
      .int('pollMs must be a whole number')
      .min(250, 'pollMs must be at least 250')
      .max(60_000, 'pollMs must be at most 60000')
      .default(2_000),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Map<string, number>();
    value.scanners.forEach((entry, index) => {
      if (entry.kind !== 'serial') return;
      const earlier = seen.get(entry.path);
      if (earlier !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['scanners', index, 'path'], message: `${entry.path} is already used by scanners[${earlier}]` });
      }
      seen.set(entry.path, index);
    });
  });

export type DevicesConfig = z.output<typeof devicesConfigSchema>;
export type DevicesConfigInput = z.input<typeof devicesConfigSchema>;
export type ScannerConfig = DevicesConfig['scanners'][number];
export type HidPosScannerConfig = Extract<ScannerConfig, { kind: 'hid-pos' }>;
export type SerialScannerConfig = Extract<ScannerConfig, { kind: 'serial' }>;
export type ScaleConfig = NonNullable<DevicesConfig['scale']>;


/** The config with a found HID device in use: a scanner is added, a scale replaces the scale. */
export function withDevice(config: DevicesConfig, device: { kind: 'scanner' | 'scale'; vendorId: number | null; productId: number | null }): DevicesConfig {
  if (device.vendorId === null) return config;
  const ids = { vendorId: device.vendorId, ...(device.productId !== null ? { productId: device.productId } : {}), auto: false };
  if (device.kind === 'scale') return { ...config, scale: { kind: 'hid', ...ids, stableReadings: config.scale?.stableReadings ?? 3 } };
  return { ...config, scanners: [...config.scanners, { kind: 'hid-pos', ...ids, layout: 'auto' }] };
}

/** The config without the device set up at `configKey` (`devices.scanners[1]`, `devices.scale`). */
export function withoutDevice(config: DevicesConfig, configKey: string): DevicesConfig {
  const key = configKey.replace(/^devices\./, '');
  if (key === 'scale') return { ...config, scale: null };
  const index = Number(/^scanners\[(\d+)\]$/.exec(key)?.[1] ?? -1);
  return { ...config, scanners: config.scanners.filter((_, i) => i !== index) };
}
