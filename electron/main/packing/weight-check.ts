import { AppError } from '../../../shared/errors';
import type { WeightCheck } from '../../../shared/packing';
import { reason } from '../../../shared/reasons';
import { areAllVerified } from './scan';
import type { ActiveSession, LineState } from './types';

/*
 * The weight check (issue 18): what the scale (or the packer) says the box weighs against what its
 * lines should weigh. Picqer's packagings carry dimensions but no weight, so the packaging counts
 * as 0 g and belongs in the tolerance. Only a parcel of one box is checked: the lines say what the
 * whole parcel weighs, not how it is split over boxes. Only a box with every unit in is judged.
 */

/** Off when absent: the larger of the two is what a parcel may differ from the expected weight. */
export interface WeightTolerance {
  grams: number;
  percent: number;
}

export interface WeightJudgement {
  weight: number;
  expected: number;
  /** The difference as a percentage of the expected weight, signed, to one decimal. */
  percent: number;
  isOff: boolean;
}

export function judgeWeight(weight: number, expected: number, tolerance: WeightTolerance): WeightJudgement {
  const difference = weight - expected;
  const allowed = Math.max(tolerance.grams, (expected * tolerance.percent) / 100);
  return { weight, expected, percent: Math.round((difference / expected) * 1000) / 10, isOff: Math.abs(difference) > allowed };
}

/**
 * What the lines should weigh: product weights times amounts, parts rather than their
 * composition. Null when any line's weight is unknown (or all are 0): a partial sum would stop
 * good parcels.
 */
export function expectedWeight(leaves: readonly LineState[]): number | null {
  let total = 0;
  for (const leaf of leaves) {
    if (leaf.row.amount === 0) continue;
    if (leaf.row.weight === null) return null;
    total += leaf.row.weight * leaf.row.amount;
  }
  return total > 0 ? Math.round(total) : null;
}

/** The session's check as the screen shows it; null when nothing is checked. */
export function weightCheckOf(session: ActiveSession, tolerance: WeightTolerance | null): WeightCheck | null {
  const { weight, weightOverride } = session.record;
  // A box still being filled weighs less than its lines: it is judged once every unit is in.
  if (!tolerance || weight === null || session.boxes.length > 0 || !areAllVerified(session.leaves)) return null;
  const expected = expectedWeight(session.leaves);
  if (expected === null) return null;
  const judged = judgeWeight(weight, expected, tolerance);
  const override = weightOverride?.weight === weight ? { reason: weightOverride.reason, by: weightOverride.by } : null;
  return { ...judged, override };
}

/** The refusal of a parcel whose weight is off and not overridden; null when it may complete. */
export function weightRefusal(session: ActiveSession, tolerance: WeightTolerance | null): AppError | null {
  const check = weightCheckOf(session, tolerance);
  if (!check?.isOff || check.override) return null;
  return new AppError('CONFLICT', reason('pack.weightOff', { weight: check.weight, expected: check.expected, percent: check.percent }));
}
