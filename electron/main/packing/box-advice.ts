/*
 * Box advice (issue 18): the smallest packaging marked for advice in Picqer whose volume, with a
 * fill factor for the air and padding between products, holds the products, and whose longest side
 * holds the longest product. Dimensions are Picqer's, in cm. Learning: once the last parcels of the
 * same set of products all went into one other packaging, that packaging is advised instead.
 */

import { maxBoxes } from '../../../shared/packing';
import type { AdvisablePackaging } from '../db/queries/packagings';

/** The share of a box the products may fill: the rest is air, padding and the way things lie. */
export const fillFactor = 0.8;

/** How many parcels of the same products, all in one other packaging, turn the advice to it. */
export const learnAfter = 5;

export interface AdviceLine {
  idproduct: number;
  amount: number;
  length: number | null;
  width: number | null;
  height: number | null;
}

/** A packaging marked for advice, as the cache holds it (cm). */
export type AdvicePackaging = AdvisablePackaging;

function sides(item: { length: number | null; width: number | null; height: number | null }): [number, number, number] | null {
  const { length, width, height } = item;
  if (length === null || width === null || height === null || length <= 0 || width <= 0 || height <= 0) return null;
  return [length, width, height];
}

const volumeOf = ([l, w, h]: [number, number, number]) => l * w * h;

/** The smallest packaging that fits; null when a product's dimensions are unknown or none fits. */
export function adviseBox(lines: readonly AdviceLine[], packagings: readonly AdvicePackaging[], fill: number = fillFactor): AdvicePackaging | null {
  const counted = lines.filter((l) => l.amount > 0);
  if (counted.length === 0) return null;
  let volume = 0;
  let longest = 0;
  for (const line of counted) {
    const s = sides(line);
    if (s === null) return null;
    volume += volumeOf(s) * line.amount;
    longest = Math.max(longest, ...s);
  }
  let best: { packaging: AdvicePackaging; volume: number } | null = null;
  for (const packaging of packagings) {
    const s = sides(packaging);
    if (s === null) continue;
    const boxVolume = volumeOf(s);
    if (boxVolume * fill < volume || Math.max(...s) < longest) continue;
    if (best === null || boxVolume < best.volume || (boxVolume === best.volume && packaging.idpackaging < best.packaging.idpackaging)) {
      best = { packaging, volume: boxVolume };
    }
  }
  return best?.packaging ?? null;
}

/**
 * The boxes for products that one box does not hold: units go largest first into the first box of
 * the largest packaging with room for them (by volume with the fill factor), and each box is then
 * the smallest packaging that holds what went in it. One box when one holds them all; null when a
 * dimension is unknown, a product is longer than the largest box, or it would take more than
 * `limit` boxes.
 */
export function adviseBoxes(lines: readonly AdviceLine[], packagings: readonly AdvicePackaging[], fill: number = fillFactor, limit: number = maxBoxes): AdvicePackaging[] | null {
  const single = adviseBox(lines, packagings, fill);
  if (single) return [single];
  const counted = lines.filter((l) => l.amount > 0);
  if (counted.length === 0) return null;
  let largest: { packaging: AdvicePackaging; sides: [number, number, number] } | null = null;
  for (const packaging of packagings) {
    const s = sides(packaging);
    if (s !== null && (largest === null || volumeOf(s) > volumeOf(largest.sides))) largest = { packaging, sides: s };
  }
  if (largest === null) return null;
  const capacity = volumeOf(largest.sides) * fill;
  const units: Array<{ line: AdviceLine; volume: number }> = [];
  for (const line of counted) {
    const s = sides(line);
    if (s === null || Math.max(...s) > Math.max(...largest.sides) || volumeOf(s) > capacity) return null;
    units.push({ line, volume: volumeOf(s) });
  }
  units.sort((a, b) => b.volume - a.volume);
  const filled: Array<{ volume: number; amounts: Map<AdviceLine, number> }> = [];
  for (const { line, volume } of units) {
    for (let left = line.amount; left > 0; ) {
      let box = filled.find((b) => b.volume + volume <= capacity);
      if (!box) {
        if (filled.length === limit) return null;
        box = { volume: 0, amounts: new Map() };
        filled.push(box);
      }
      // As many units of this line as the box has room for, at once: at least the one the find
      // above made room for (in decimal centimetres the division can round just below one).
      const fits = Math.min(left, Math.max(1, Math.floor((capacity - box.volume) / volume)));
      box.volume += fits * volume;
      box.amounts.set(line, (box.amounts.get(line) ?? 0) + fits);
      left -= fits;
    }
  }
  return filled.map((box) => adviseBox([...box.amounts].map(([line, amount]) => ({ ...line, amount })), packagings, fill) ?? largest.packaging);
}

/** The products and amounts of a parcel as one key: line order and split lines do not matter. */
export function productSetKey(lines: readonly Pick<AdviceLine, 'idproduct' | 'amount'>[]): string {
  const amounts = new Map<number, number>();
  for (const line of lines) amounts.set(line.idproduct, (amounts.get(line.idproduct) ?? 0) + line.amount);
  return [...amounts.entries()]
    .filter(([, amount]) => amount > 0)
    .sort(([a], [b]) => a - b)
    .map(([id, amount]) => `${id}x${amount}`)
    .join(',');
}

/**
 * What packers chose, newest first, for parcels of the same products: the packaging the last
 * `after` all chose, when that is not the fitted advice; else null.
 */
export function learnedChoice(chosenNewestFirst: readonly number[], fitted: number | null, after: number = learnAfter): number | null {
  if (chosenNewestFirst.length < after) return null;
  const last = chosenNewestFirst.slice(0, after);
  const first = last[0];
  if (first === undefined || first === fitted || last.some((id) => id !== first)) return null;
  return first;
}
