import { gs1UnitData, readScan } from '../../../shared/barcode';
import { localDayIn, stationTimeZone } from '../stats/shifts';
import { reason, type Reason } from '../../../shared/reasons';
import type { ProductMatch } from '../db/queries/products';
import type { ScanResolution } from './scan';
import type { ShelfLifeMinimum } from './shelf-life';

/*
 * Lots, best-before dates and serials (issue 18). A unit scanned by its GS1 element string (a
 * DataMatrix or GS1-128 on the item) says its lot, best-before date and serial; they are kept with
 * the scan event that counted it. A unit whose best-before date is within the station's minimum
 * shelf life is refused before it counts.
 */

export interface UnitData {
  lot: string | null;
  /** ISO date (YYYY-MM-DD). */
  expiry: string | null;
  serial: string | null;
}

/**
 * What the scan says of its unit; null for a plain barcode. Read only where the scan was taken for
 * a GS1 element string (its AIM identifier, FNC1, brackets or a leading AI 01), so a productcode
 * that only looks like one is never split into a lot.
 */
export function unitDataOf(code: string, aim: string | null): UnitData | null {
  const scan = readScan(code, aim);
  if (!scan.gtin || scan.gtin === scan.text.padStart(14, '0')) return null;
  const data = gs1UnitData(scan.text);
  if (!data || (data.lot === null && data.expiry === null && data.serial === null)) return null;
  return { lot: data.lot, expiry: data.expiry, serial: data.serial };
}

/** YYYY-MM-DD `days` after the day `day`. */
function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * The resolution with its date checked: a unit that would count but whose best-before date is
 * sooner than today (in the station's zone) plus its minimum shelf life is short-dated. Exactly
 * the minimum is enough. Without a date, or with no minimum, the resolution stands. `minimum` is
 * asked only for a unit with a date that would count (shelfLifeMinimumOf for its picklist and
 * product), so a plain barcode's scan reads nothing more.
 */
export function shelfLifeCheck(
  resolution: ScanResolution,
  unit: UnitData | null,
  options: { now: number; minimum: (product: ProductMatch) => ShelfLifeMinimum; timeZone?: string },
): ScanResolution {
  if (!unit?.expiry) return resolution;
  if (resolution.outcome !== 'counted' && resolution.outcome !== 'line_complete' && resolution.outcome !== 'all_verified') return resolution;
  const minimum = options.minimum(resolution.product);
  if (minimum.days <= 0) return resolution;
  const earliest = addDays(localDayIn(options.now, options.timeZone ?? stationTimeZone()), minimum.days);
  return unit.expiry < earliest ? { outcome: 'short_dated', product: resolution.product, expiry: unit.expiry, minDays: minimum.days, rule: minimum.rule } : resolution;
}

/**
 * The words of a short-dated refusal, for a picklist and a batch alike: the date as DD-MM-YYYY, as
 * a packer reads it on the pack, and the tag or webshop whose rule set the minimum.
 */
export function shortDatedReason(resolution: { expiry: string; minDays: number; rule: ShelfLifeMinimum['rule'] }): Reason {
  const date = resolution.expiry.split('-').reverse().join('-');
  const { rule } = resolution;
  if (rule?.match === 'tag') return reason('scan.shortDatedTag', { date, days: resolution.minDays, tag: rule.value });
  if (rule?.match === 'webshop') return reason('scan.shortDatedWebshop', { date, days: resolution.minDays, webshop: rule.value });
  return reason('scan.shortDated', { date, days: resolution.minDays });
}
