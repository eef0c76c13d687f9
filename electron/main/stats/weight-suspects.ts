import type { Database } from 'better-sqlite3';
import type { WeightSuspect } from '../../../shared/weights';
import type { Clock } from '../infra/clock';
import { singleProductParcels } from '../db/queries/pack-sessions';
import { catalogueWeights } from '../db/queries/products';
import { judgeWeight, type WeightTolerance } from '../packing/weight-check';
import { median } from './summary';

/*
 * Learning from weights (issue 18, item 1). A completed one-box parcel that held one product, in
 * any amount, with a weight the packer typed or a scale gave, says what a unit weighs: the parcel's
 * weight (the packaging counts as 0 g, as in the weight check) divided by its units. The median over
 * at least `minParcels` such parcels is the measured unit weight; a product whose measured weight is
 * outside the weight check's tolerance of its catalogue weight is a suspect. Parcels let through by
 * a shift lead's override count: the lead looked in the box, and a wrong catalogue weight is
 * exactly what stops good parcels. Nothing here writes to the catalogue.
 */

/** Parcels a product needs before its measured weight says anything. */
export const minParcels = 3;
/** When the weight check is off: a unit a fifth off its catalogue weight is worth a look. */
export const defaultSuspectTolerance: WeightTolerance = { grams: 0, percent: 20 };
/** How far back parcels count: long enough to gather slow movers, short enough to forget a corrected catalogue. */
export const lookBackDays = 90;

export interface MeasuredWeight {
  /** Grams a unit, rounded to whole grams. */
  measured: number;
  parcels: number;
}

export function measuredUnitWeights(db: Database, options: { since: string }): Map<number, MeasuredWeight> {
  const perProduct = new Map<number, number[]>();
  for (const parcel of singleProductParcels(db, options.since)) {
    const list = perProduct.get(parcel.idproduct) ?? [];
    list.push(parcel.weight / parcel.units);
    perProduct.set(parcel.idproduct, list);
  }
  const result = new Map<number, MeasuredWeight>();
  for (const [idproduct, weights] of perProduct) {
    result.set(idproduct, { measured: Math.round(median(weights) ?? 0), parcels: weights.length });
  }
  return result;
}

/** The shift lead's list: products with enough parcels whose catalogue weight looks wrong, the largest difference first. */
export function weightSuspects(db: Database, options: { clock: Pick<Clock, 'now'>; tolerance: WeightTolerance | null }): WeightSuspect[] {
  const since = new Date(options.clock.now() - lookBackDays * 24 * 3600 * 1000).toISOString();
  const measured = [...measuredUnitWeights(db, { since })].filter(([, m]) => m.parcels >= minParcels);
  const catalogue = catalogueWeights(
    db,
    measured.map(([id]) => id),
  );
  const tolerance = options.tolerance ?? defaultSuspectTolerance;
  const suspects: WeightSuspect[] = [];
  for (const [idproduct, m] of measured) {
    const product = catalogue.get(idproduct);
    // Without a catalogue weight there is nothing to be wrong (the weight check skips such parcels too).
    if (!product?.weight) continue;
    const judged = judgeWeight(m.measured, product.weight, tolerance);
    if (!judged.isOff) continue;
    suspects.push({ idproduct, productcode: product.productcode, name: product.name, catalogueWeight: product.weight, measuredWeight: m.measured, parcels: m.parcels, percent: judged.percent });
  }
  return suspects.sort((a, b) => Math.abs(b.percent) - Math.abs(a.percent) || a.productcode.localeCompare(b.productcode));
}
