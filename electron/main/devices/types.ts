/*
 * What the devices layer tells the rest of the station: the state of each scanner and scale, and
 * the latest scale reading. The shapes the renderer sees live in shared/devices.ts.
 */

export type {
  DeviceEntry,
  DeviceKind,
  DeviceStatus,
  DeviceTransport,
  ScaleCondition,
  ScaleReading,
  WeightUnit,
} from '../../../shared/devices';
import type { WeightUnit } from '../../../shared/devices';

/** A weight that counts: stable for N readings in a row. Sent once per weighing. */
export interface StableWeight {
  grams: number;
  value: number;
  unit: WeightUnit;
  at: number;
}

/** How a scan was read, next to its text. The AIM identifier is taken off the code and kept here. */
export interface ScanDetails {
  /** The AIM symbology identifier (`]E0`, `]C1`, ...) the scanner sent, if any. */
  aim: string | null;
  /** A readable symbology name ("EAN-13", "GS1-128", "QR Code"), when known. */
  symbology: string | null;
}
