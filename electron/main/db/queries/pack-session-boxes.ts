import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

/*
 * The boxes of a parcel after the first (multi-colli, issue 17). Box 1 is the pack session's own
 * idpackaging and weight; these rows are boxes 2..n, and the last of them is the current box.
 */

export interface StoredBox {
  box: number;
  idpackaging: number | null;
  /** Grams the packer (or a scale) gave for this box; null: none given. */
  weight: number | null;
}

export function packSessionBoxes(db: Database, packSessionId: number): StoredBox[] {
  return statement(db, 'SELECT box, idpackaging, weight FROM pack_session_boxes WHERE pack_session_id = ? ORDER BY box').all(packSessionId) as StoredBox[];
}

/** Adds a box after the last one and returns its number. */
export function addPackSessionBox(db: Database, packSessionId: number): number {
  const row = statement(db, 'SELECT COALESCE(MAX(box), 1) + 1 AS box FROM pack_session_boxes WHERE pack_session_id = ?').get(packSessionId) as { box: number };
  statement(db, 'INSERT INTO pack_session_boxes (pack_session_id, box) VALUES (?, ?)').run(packSessionId, row.box);
  return row.box;
}

/** Takes the last box back when it holds no packaging and no weight (a mistaken "new box"); false when it cannot. */
export function removeLastPackSessionBox(db: Database, packSessionId: number): boolean {
  return (
    statement(
      db,
      `DELETE FROM pack_session_boxes WHERE pack_session_id = @id AND idpackaging IS NULL AND weight IS NULL
         AND box = (SELECT MAX(box) FROM pack_session_boxes WHERE pack_session_id = @id)`,
    ).run({ id: packSessionId }).changes === 1
  );
}

export function setPackSessionBox(db: Database, packSessionId: number, box: number, values: { idpackaging: number | null; weight: number | null }): void {
  statement(db, 'UPDATE pack_session_boxes SET idpackaging = ?, weight = ? WHERE pack_session_id = ? AND box = ?').run(values.idpackaging, values.weight, packSessionId, box);
}
