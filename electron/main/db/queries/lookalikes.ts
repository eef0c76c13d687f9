import type { Database } from 'better-sqlite3';
import type { ProductCandidate } from '../../../../shared/packing';
import { statement } from '../statements';
import { countingOutcomesSql } from './scan-events';

/*
 * Products packers mistake for each other, learnt from this station's scan events: a wrong-item
 * scan of B followed, in the same pack session, by a counted scan of A means the packer reached
 * for B when A was meant. Each pair counts both ways round. The query starts from the few
 * wrong-item events (index scan_events_outcome) and looks up only the event after each one
 * (index scan_events_session), so it stays cheap however many scans the station has made.
 */

export interface LookalikePair {
  /** The lower idproduct of the two, so a pair has one key whichever way it was confused. */
  a: number;
  b: number;
  count: number;
}

export function lookalikePairs(db: Database, options: { since: string; minCount: number }): LookalikePair[] {
  const rows = statement(
    db,
    `WITH confused AS (
       SELECT w.idproduct AS taken, n.idproduct AS meant
       FROM scan_events w
       JOIN scan_events n ON n.id = (
         SELECT e.id FROM scan_events e
         WHERE e.pack_session_id = w.pack_session_id AND e.id > w.id AND e.undone_at IS NULL
         ORDER BY e.id LIMIT 1)
       WHERE w.outcome = 'wrong_item' AND w.scanned_at >= ? AND w.undone_at IS NULL AND w.pack_session_id IS NOT NULL
         AND n.outcome IN ${countingOutcomesSql}
         AND w.idproduct IS NOT NULL AND n.idproduct IS NOT NULL AND w.idproduct <> n.idproduct
     )
     SELECT MIN(taken, meant) AS a, MAX(taken, meant) AS b, COUNT(*) AS count
     FROM confused GROUP BY a, b HAVING COUNT(*) >= ? ORDER BY count DESC, a, b`,
  ).all(options.since, options.minCount) as LookalikePair[];
  return rows;
}

export function lookalikeProducts(db: Database, ids: number[]): Map<number, ProductCandidate> {
  const found = new Map<number, ProductCandidate>();
  const read = statement(db, 'SELECT idproduct, name, productcode, image_url FROM products WHERE idproduct = ?');
  for (const id of new Set(ids)) {
    const row = read.get(id) as { idproduct: number; name: string; productcode: string; image_url: string | null } | undefined;
    if (row) found.set(id, { idproduct: row.idproduct, name: row.name, productcode: row.productcode, image: row.image_url });
  }
  return found;
}

export function picklistProductIds(db: Database, idpicklist: number): Set<number> {
  const rows = statement(db, 'SELECT DISTINCT idproduct FROM picklist_lines WHERE idpicklist = ?').all(idpicklist) as Array<{ idproduct: number }>;
  return new Set(rows.map((r) => r.idproduct));
}

