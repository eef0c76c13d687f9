import type { Database } from 'better-sqlite3';
import type { Lookalike } from '../../../shared/packing';
import type { Clock } from '../clock';
import { latestWrongItemId, lookalikePairs, lookalikeProducts, picklistProductIds, type LookalikePair } from '../db/queries/lookalikes';

/*
 * Look-alike warnings for the pack screen: the pairs this station's packers confused at least
 * `minCount` times in the last `days`, where either product is on the picklist being packed.
 * The pairs are read again only when a wrong-item scan was made since the last reading (one
 * indexed lookup), so opening a picklist stays instant.
 */

export interface LookalikeOptions {
  days: number;
  minCount: number;
}

export const defaultLookalikeOptions: LookalikeOptions = { days: 90, minCount: 2 };

export function createLookalikes(db: () => Database | null, clock: Clock, options: LookalikeOptions = defaultLookalikeOptions) {
  let cached: { day: string; db: Database; lastWrongItem: number; pairs: LookalikePair[] } | null = null;
  const pairs = (current: Database): LookalikePair[] => {
    const since = new Date(clock.now() - options.days * 86_400_000).toISOString();
    // The period moves on by the day; within a day only a new wrong-item scan changes the pairs.
    const day = since.slice(0, 10);
    const lastWrongItem = latestWrongItemId(current);
    if (!cached || cached.db !== current || cached.day !== day || cached.lastWrongItem !== lastWrongItem) {
      cached = { day, db: current, lastWrongItem, pairs: lookalikePairs(current, { since, minCount: options.minCount }) };
    }
    return cached.pairs;
  };
  return {
    forPicklist(idpicklist: number): Lookalike[] {
      const current = db();
      if (!current) return [];
      const onPicklist = picklistProductIds(current, idpicklist);
      const relevant = pairs(current).filter((p) => onPicklist.has(p.a) || onPicklist.has(p.b));
      const products = lookalikeProducts(current, relevant.flatMap((p) => [p.a, p.b]));
      return relevant.flatMap((p) => {
        // The product on the picklist first: "this one is easily taken for that one".
        const [mine, other] = onPicklist.has(p.a) ? [p.a, p.b] : [p.b, p.a];
        const product = products.get(mine);
        const lookalike = products.get(other);
        return product && lookalike ? [{ product, other: lookalike, count: p.count, isOtherOnPicklist: onPicklist.has(other) }] : [];
      });
    },
  };
}
