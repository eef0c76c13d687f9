import { z } from 'zod';
import { reasonSchema } from './reasons';

/*
 * Scanners and scales as the Devices screen sees them: what the station found, what it opened,
 * and the scale's latest reading. Main's devices layer (electron/main/devices) produces these.
 *
 * States:
 * - `not-found`: configured, but no matching device has been seen since the station started.
 * - `available`: plugged in and detected, but no scanner or scale entry in the config uses it.
 * - `connected`: open and reading.
 * - `disconnected`: it was open and went away (unplugged, cable, power); it reopens by itself.
 * - `error`: present but cannot be opened or read (permissions, driver); retried by itself.
 */

export const deviceStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-found') }),
  z.object({ state: z.literal('available') }),
  z.object({ state: z.literal('connected'), since: z.number() }),
  z.object({ state: z.literal('disconnected'), since: z.number() }),
  /** `reason`: why, worded by the screen; `message`: the same in English, for the log. */
  z.object({ state: z.literal('error'), message: z.string(), reason: reasonSchema.optional(), since: z.number() }),
]);
export type DeviceStatus = z.infer<typeof deviceStatus>;

export const deviceKind = z.enum(['scanner', 'scale']);
export type DeviceKind = z.infer<typeof deviceKind>;
export const deviceTransport = z.enum(['hid', 'serial']);
export type DeviceTransport = z.infer<typeof deviceTransport>;

/** What a scale said about the weight on it, per the HID POS "Scale Status" usages. */
export const scaleCondition = z.enum(['fault', 'zero', 'in-motion', 'stable', 'under-zero', 'over-weight', 'needs-calibration', 'needs-rezero', 'unknown']);
export type ScaleCondition = z.infer<typeof scaleCondition>;

export const weightUnit = z.enum(['mg', 'g', 'kg', 'ct', 'tael', 'gr', 'dwt', 't', 'ton', 'ozt', 'oz', 'lb', 'unknown']);
export type WeightUnit = z.infer<typeof weightUnit>;

export const scaleReading = z.object({
  condition: scaleCondition,
  /** The weight in the scale's own unit (negative under zero); null when the scale cannot weigh. */
  value: z.number().nullable(),
  unit: weightUnit,
  /** The same weight in grams; null when the unit is unknown or there is no weight. */
  grams: z.number().nullable(),
  /** True once the same stable weight was read the configured number of times in a row. */
  isSettled: z.boolean(),
  at: z.number(),
});
export type ScaleReading = z.infer<typeof scaleReading>;

export const deviceEntry = z.object({
  /** Stable key: `scanners[0]`, `scale` for a configured device, `hid:0c2e:0b87:<serial or path>` for others. */
  id: z.string(),
  kind: deviceKind,
  transport: deviceTransport,
  /** For people: the product name the device reports, or the serial port's path. */
  name: z.string(),
  /** Where in the station config this device is set up (`devices.scanners[0]`), null when it is not. */
  configKey: z.string().nullable(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  /** The OS path of the open or detected device (`/dev/hidraw3`, `/dev/ttyACM0`). */
  path: z.string().nullable(),
  status: deviceStatus,
  /** Scales only: the latest reading, null before the first one. */
  reading: scaleReading.nullable(),
});
export type DeviceEntry = z.infer<typeof deviceEntry>;
