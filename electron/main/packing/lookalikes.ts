import type { Database } from 'better-sqlite3';
import type { Lookalike } from '../../../shared/packing';
import type { Clock } from '../infra/clock';
import { lookalikePairs } from '../db/queries/scan-events';
import { lookalikeProducts } from '../db/queries/products';
import { picklistProductIds } from '../db/queries/picklists';

/*
 * Look-alike warnings for the pack screen: the pairs this station's packers confused at least
 * `minCount` times in the last `days`, where either product is on the picklist being packed.
 * Read fresh each time (once per picklist opened): the query starts from the few wrong-item scans
 * through their own index, and a cache would miss an undone scan or a resumed session.
 */

export interface LookalikeOptions {
  days: number;
  minCount: number;
}

export const defaultLookalikeOptions: LookalikeOptions = { days: 90, minCount: 2 };

export function createLookalikes(db: () => Database | null, clock: Pick<Clock, 'now'>, options: LookalikeOptions = defaultLookalikeOptions) {
  return {
    forPicklist(idpicklist: number): Lookalike[] {
      const current = db();
      if (!current) return [];
      const since = new Date(clock.now() - options.days * 86_400_000).toISOString();
      const onPicklist = picklistProductIds(current, idpicklist);
      const relevant = lookalikePairs(current, { since, minCount: options.minCount }).filter((p) => onPicklist.has(p.a) || onPicklist.has(p.b));
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
