import type { ScaleCondition, ScaleReading, StableWeight, WeightUnit } from './types';

/*
 * The weight report of USB HID scales (usage page 0x8D, "Scale Data Report" of the USB HID Point
 * of Sale Usage Tables v1.02), as the Dymo M-series and S-series, Mettler Toledo PS-series,
 * Fairbanks and Stamps.com scales send it:
 *
 *   byte 0   report ID 3
 *   byte 1   Scale Status, an index into the status usages 0x71-0x78 (1 = fault, 2 = stable at
 *            center of zero, 3 = in motion, 4 = weight stable, 5 = under zero, 6 = over weight
 *            limit, 7 = requires calibration, 8 = requires re-zeroing)
 *   byte 2   Weight Unit, an index into the unit usages 0x51-0x5C (1 = milligram, 2 = gram,
 *            3 = kilogram, 4 = carat, 5 = tael, 6 = grain, 7 = pennyweight, 8 = metric ton,
 *            9 = avoirdupois ton, 10 = troy ounce, 11 = ounce, 12 = pound)
 *   byte 3   Data Scaling: a signed power of ten (0xFF = -1: the weight is in tenths)
 *   byte 4-5 Data Weight, 16-bit little endian, the magnitude (under zero it is the amount below)
 *
 * A Dymo M10 with 20 g on it sends 03 04 02 00 14 00; in ounce mode an empty one sends
 * 03 02 0B FF 00 00. Some scales number no reports, and their report is the same five bytes
 * without the report ID.
 */

export const SCALE_DATA_REPORT_ID = 0x03;

const conditions: Record<number, ScaleCondition> = {
  1: 'fault',
  2: 'zero',
  3: 'in-motion',
  4: 'stable',
  5: 'under-zero',
  6: 'over-weight',
  7: 'needs-calibration',
  8: 'needs-rezero',
};

const units: Record<number, WeightUnit> = {
  1: 'mg',
  2: 'g',
  3: 'kg',
  4: 'ct',
  5: 'tael',
  6: 'gr',
  7: 'dwt',
  8: 't',
  9: 'ton',
  10: 'ozt',
  11: 'oz',
  12: 'lb',
};

/** Grams per unit. The tael is the Hong Kong one (1 1/3 oz avoirdupois); the ton is the US short ton (2000 lb). */
export const gramsPerUnit: Record<Exclude<WeightUnit, 'unknown'>, number> = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  ct: 0.2,
  tael: (28.349523125 * 4) / 3,
  gr: 0.06479891,
  dwt: 1.55517384,
  t: 1_000_000,
  ton: 907_184.74,
  ozt: 31.1034768,
  oz: 28.349523125,
  lb: 453.59237,
};

export interface ScaleSample {
  condition: ScaleCondition;
  unit: WeightUnit;
  exponent: number;
  /** Data Weight as sent: an unsigned magnitude. */
  raw: number;
  value: number | null;
  grams: number | null;
}

/** raw * 10^exponent without the float noise of multiplying by 0.1. */
function scaleValue(raw: number, exponent: number): number {
  return exponent < 0 ? raw / 10 ** -exponent : raw * 10 ** exponent;
}

function roundGrams(grams: number): number {
  return Math.round(grams * 1000) / 1000;
}

/** Conditions in which the number on the report is a weight at all. */
const hasWeight = new Set<ScaleCondition>(['zero', 'in-motion', 'stable', 'under-zero']);

/** One weight report, or null for other reports and for bytes that are not one. */
export function parseScaleReport(report: Buffer): ScaleSample | null {
  let body: Buffer;
  if (report.length >= 6 && report[0] === SCALE_DATA_REPORT_ID) body = report.subarray(1, 6);
  else if (report.length === 5) body = report;
  else return null;

  const condition = conditions[body[0] ?? 0] ?? 'unknown';
  const unit = units[body[1] ?? 0] ?? 'unknown';
  const exponent = body.readInt8(2);
  const raw = body.readUInt16LE(3);
  if (!hasWeight.has(condition)) return { condition, unit, exponent, raw, value: null, grams: null };

  const magnitude = condition === 'zero' ? 0 : scaleValue(raw, exponent);
  const value = condition === 'under-zero' ? -magnitude : magnitude;
  const grams = unit === 'unknown' ? null : roundGrams(value * gramsPerUnit[unit]);
  return { condition, unit, exponent, raw, value, grams };
}

export interface StabilityTracker {
  /** The reading to show, and the weight to use when this sample made it count. */
  next(sample: ScaleSample, at: number): { reading: ScaleReading; settled: StableWeight | null };
  reset(): void;
}

/**
 * A weight counts once the scale said "stable" with the same number `readings` times in a row.
 * It is handed out once per weighing: a new weight, or the same one after the scale moved or went
 * back to zero, counts again.
 */
export function createStabilityTracker(readings = 3): StabilityTracker {
  const needed = Math.max(1, Math.floor(readings));
  let key: string | null = null;
  let count = 0;

  return {
    next(sample, at) {
      const isStable = sample.condition === 'stable' && sample.value !== null && sample.grams !== null;
      const sampleKey = `${sample.raw}/${sample.unit}/${sample.exponent}`;
      if (!isStable) {
        key = null;
        count = 0;
      } else if (sampleKey === key) {
        count++;
      } else {
        key = sampleKey;
        count = 1;
      }
      const isSettled = isStable && count >= needed;
      const reading: ScaleReading = { condition: sample.condition, value: sample.value, unit: sample.unit, grams: sample.grams, isSettled, at };
      const settled =
        isStable && count === needed && sample.value !== null && sample.grams !== null
          ? { grams: sample.grams, value: sample.value, unit: sample.unit, at }
          : null;
      return { reading, settled };
    },
    reset() {
      key = null;
      count = 0;
    },
  };
}
