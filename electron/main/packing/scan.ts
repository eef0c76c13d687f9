import type { ProductMatch } from '../db/queries/products';
import type { LineState } from './types';
import type { ShelfLifeMinimum } from './shelf-life';

/*
 * What one product scan means for the lines of the open picklist. Pure: the service stores the
 * answer and applies the allocations.
 */

export interface Allocation {
  line: LineState;
  amount: number;
}

export type ScanResolution =
  | { outcome: 'unknown_barcode' }
  /** Not found, and it looks like a code cut short or misread: the packer scans again. */
  | { outcome: 'partial_scan' }
  | { outcome: 'wrong_item'; product: ProductMatch }
  /** A set's own barcode: its parts are what is scanned and counted. */
  | { outcome: 'set_scanned'; product: ProductMatch }
  | { outcome: 'ambiguous'; choices: ProductMatch[] }
  | { outcome: 'too_many'; product: ProductMatch; line: LineState | null; left: number }
  /** It would count, but its best-before date is within the minimum shelf life (issue 18). */
  | { outcome: 'short_dated'; product: ProductMatch; expiry: string; minDays: number; rule: ShelfLifeMinimum['rule'] }
  | { outcome: 'counted' | 'line_complete' | 'all_verified'; product: ProductMatch; allocations: Allocation[] };

const room = (line: LineState): number => Math.max(0, line.row.amount - line.verified);

export function isLineComplete(line: LineState): boolean {
  return line.verified >= line.row.amount;
}

/** Every countable line is full. A picklist without lines is never "all verified". */
export function areAllVerified(leaves: readonly LineState[]): boolean {
  return leaves.length > 0 && leaves.every(isLineComplete);
}

/**
 * Counts `amount` units of one product: the first line of it with room first, the rest on the
 * next (the same product may be on two lines). All or nothing: too many when they do not fit.
 */
export function countProduct(leaves: readonly LineState[], product: ProductMatch, amount: number): ScanResolution {
  const lines = leaves.filter((l) => l.row.idproduct === product.idproduct);
  const left = lines.reduce((sum, l) => sum + room(l), 0);
  if (lines.length === 0) return { outcome: 'wrong_item', product };
  if (amount > left) return { outcome: 'too_many', product, line: lines.find((l) => room(l) > 0) ?? lines[0] ?? null, left };

  const allocations: Allocation[] = [];
  let rest = amount;
  for (const line of lines) {
    if (rest === 0) break;
    const take = Math.min(rest, room(line));
    if (take > 0) allocations.push({ line, amount: take });
    rest -= take;
  }
  return { outcome: outcomeAfter(leaves, allocations), product, allocations };
}

/** The good-news outcome of counting these allocations: the last line, a line, or just a count. */
export function outcomeAfter(leaves: readonly LineState[], allocations: readonly Allocation[]): 'counted' | 'line_complete' | 'all_verified' {
  const after = new Map(allocations.map((a) => [a.line, a.line.verified + a.amount]));
  const isDone = (l: LineState) => (after.get(l) ?? l.verified) >= l.row.amount;
  if (leaves.every(isDone)) return 'all_verified';
  if (allocations.some((a) => isDone(a.line))) return 'line_complete';
  return 'counted';
}

export function roomOn(line: LineState): number {
  return room(line);
}

/**
 * Resolves a scan's products (from the barcode index) against the picklist. Of several products
 * sharing a code, only those on the picklist count: one of them is simply that one, more is a
 * choice for the packer. A composition is packed by its parts, so its own code is refused.
 */
export function resolveProductScan(
  lines: readonly LineState[],
  leaves: readonly LineState[],
  matches: readonly ProductMatch[],
  amount: number,
): ScanResolution {
  const first = matches[0];
  if (!first) return { outcome: 'unknown_barcode' };
  const onPicklist = matches.filter((m) => leaves.some((l) => l.row.idproduct === m.idproduct));
  const only = onPicklist[0];
  if (onPicklist.length > 1) return { outcome: 'ambiguous', choices: onPicklist };
  if (only) return countProduct(leaves, only, amount);
  const composition = matches.find((m) => lines.some((l) => l.parts.length > 0 && l.row.idproduct === m.idproduct));
  if (composition) return { outcome: 'set_scanned', product: composition };
  return { outcome: 'wrong_item', product: first };
}
