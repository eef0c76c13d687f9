import type { Database } from 'better-sqlite3';
import { bool, statement } from '../statements';

/* What the box advice advised per parcel and what the packer chose (issue 18). */

export interface AdviceOutcome {
  packSessionId: number;
  /** The parcel's products and amounts, packing/box-advice.ts productSetKey. */
  productSet: string;
  advised: number;
  chosen: number;
  isLearned: boolean;
  at: string;
}

/** One row per parcel: a later packaging scan for the same parcel replaces the earlier choice. */
export function recordAdviceOutcome(db: Database, outcome: AdviceOutcome): void {
  statement(
    db,
    `INSERT INTO box_advice_outcomes (pack_session_id, product_set, advised_idpackaging, chosen_idpackaging, is_learned, chosen_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (pack_session_id) DO UPDATE SET product_set = excluded.product_set, advised_idpackaging = excluded.advised_idpackaging,
       chosen_idpackaging = excluded.chosen_idpackaging, is_learned = excluded.is_learned, chosen_at = excluded.chosen_at`,
  ).run(outcome.packSessionId, outcome.productSet, outcome.advised, outcome.chosen, bool(outcome.isLearned), outcome.at);
}

/** The packagings chosen for parcels of these products, newest first; the session being packed left out. */
export function chosenForProductSet(db: Database, productSet: string, exceptSession: number, limit: number): number[] {
  const rows = statement(
    db,
    `SELECT chosen_idpackaging FROM box_advice_outcomes WHERE product_set = ? AND pack_session_id <> ?
     ORDER BY chosen_at DESC, pack_session_id DESC LIMIT ?`,
  ).all(productSet, exceptSession, limit) as Array<{ chosen_idpackaging: number }>;
  return rows.map((r) => r.chosen_idpackaging);
}

export interface AdviceCount {
  idpackaging: number;
  name: string;
  followed: number;
  overridden: number;
}

/** Per advised packaging: how often packers took it and how often another, for choices in [from, until). */
export function adviceOutcomeCounts(db: Database, from: string, until: string): AdviceCount[] {
  return statement(
    db,
    `SELECT o.advised_idpackaging AS idpackaging, COALESCE(p.name, '#' || o.advised_idpackaging) AS name,
       SUM(o.chosen_idpackaging = o.advised_idpackaging) AS followed, SUM(o.chosen_idpackaging <> o.advised_idpackaging) AS overridden
     FROM box_advice_outcomes o LEFT JOIN packagings p ON p.idpackaging = o.advised_idpackaging
     WHERE o.chosen_at >= ? AND o.chosen_at < ?
     GROUP BY o.advised_idpackaging ORDER BY name`,
  ).all(from, until) as AdviceCount[];
}
