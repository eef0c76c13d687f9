/*
 * What the devices layer tells the rest of the station: the state of each scanner and scale, and
 * the latest scale reading. Plain data, so it can go to the renderer's Devices screen as it is.
 */

/**
 * - `not-found`: configured, but no matching device has been seen since the station started.
 * - `available`: plugged in and detected, but no scanner or scale entry in the config uses it.
 * - `connected`: open and reading.
 * - `disconnected`: it was open and went away (unplugged, cable, power); it reopens by itself.
 * - `error`: present but cannot be opened or read (permissions, driver); retried by itself.
 */
export type DeviceStatus =
  | { state: 'not-found' }
  | { state: 'available' }
  | { state: 'connected'; since: number }
  | { state: 'disconnected'; since: number }
  | { state: 'error'; message: string; since: number };

export type DeviceKind = 'scanner' | 'scale';
export type DeviceTransport = 'hid' | 'serial';

/** What a scale said about the weight on it, per the HID POS "Scale Status" usages. */
export type ScaleCondition =
  | 'fault'
  | 'zero'
  | 'in-motion'
  | 'stable'
  | 'under-zero'
  | 'over-weight'
  | 'needs-calibration'
  | 'needs-rezero'
  | 'unknown';

export type WeightUnit =
  | 'mg'
  | 'g'
  | 'kg'
  | 'ct'
  | 'tael'
  | 'gr'
  | 'dwt'
  | 't'
  | 'ton'
  | 'ozt'
  | 'oz'
  | 'lb'
  | 'unknown';

export interface ScaleReading {
  condition: ScaleCondition;
  /** The weight in the scale's own unit (negative under zero); null when the scale cannot weigh. */
  value: number | null;
  unit: WeightUnit;
  /** The same weight in grams; null when the unit is unknown or there is no weight. */
  grams: number | null;
  /** True once the same stable weight was read the configured number of times in a row. */
  isSettled: boolean;
  at: number;
}

/** A weight that counts: stable for N readings in a row. Sent once per weighing. */
export interface StableWeight {
  grams: number;
  value: number;
  unit: WeightUnit;
  at: number;
}

export interface DeviceEntry {
  /** Stable key: `scanners[0]`, `scale` for a configured device, `hid:0c2e:0b87:<serial or path>` for others. */
  id: string;
  kind: DeviceKind;
  transport: DeviceTransport;
  /** For people: the product name the device reports, or the serial port's path. */
  name: string;
  /** Where in the station config this device is set up (`devices.scanners[0]`), null when it is not. */
  configKey: string | null;
  vendorId: number | null;
  productId: number | null;
  manufacturer: string | null;
  serialNumber: string | null;
  /** The OS path of the open or detected device (`/dev/hidraw3`, `/dev/ttyACM0`). */
  path: string | null;
  status: DeviceStatus;
  /** Scales only: the latest reading, null before the first one. */
  reading: ScaleReading | null;
}

/** How a scan was read, next to its text. The AIM identifier is taken off the code and kept here. */
export interface ScanDetails {
  /** The AIM symbology identifier (`]E0`, `]C1`, ...) the scanner sent, if any. */
  aim: string | null;
  /** A readable symbology name ("EAN-13", "GS1-128", "QR Code"), when known. */
  symbology: string | null;
}
