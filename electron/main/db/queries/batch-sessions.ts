import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

/*
 * The station's batch sessions (issue 17, migration 0010): one per batch opened here, open while
 * it is on the screen, left when the packer stepped away from it (its picklists' counts stay),
 * done when every picklist in it was sent, set aside or refused.
 */

export type BatchSessionStatus = 'open' | 'left' | 'done';

export interface BatchSessionRecord {
  id: number;
  idpicklistBatch: number;
  stationName: string;
  iduser: number | null;
  status: BatchSessionStatus;
  idpackaging: number | null;
  startedAt: string;
  updatedAt: string;
}

const columns = `id, idpicklist_batch AS idpicklistBatch, station_name AS stationName, iduser, status, idpackaging,
  started_at AS startedAt, updated_at AS updatedAt`;

export function getBatchSession(db: Database, id: number): BatchSessionRecord | null {
  return (statement(db, `SELECT ${columns} FROM batch_sessions WHERE id = ?`).get(id) as BatchSessionRecord | undefined) ?? null;
}

/** The batch on this station's screen when the process stopped. */
export function openBatchSessionOfStation(db: Database, stationName: string): BatchSessionRecord | null {
  return (
    (statement(db, `SELECT ${columns} FROM batch_sessions WHERE station_name = ? AND status = 'open' ORDER BY updated_at DESC, id DESC LIMIT 1`).get(
      stationName,
    ) as BatchSessionRecord | undefined) ?? null
  );
}

/** The batch's session at this station that is not done (open or left), to resume. */
export function resumableBatchSession(db: Database, idpicklistBatch: number, stationName: string): BatchSessionRecord | null {
  return (
    (statement(db, `SELECT ${columns} FROM batch_sessions WHERE idpicklist_batch = ? AND station_name = ? AND status <> 'done' ORDER BY id DESC LIMIT 1`).get(
      idpicklistBatch,
      stationName,
    ) as BatchSessionRecord | undefined) ?? null
  );
}

export function insertBatchSession(db: Database, session: { idpicklistBatch: number; stationName: string; iduser: number | null; now: string }): number {
  const result = statement(
    db,
    `INSERT INTO batch_sessions (idpicklist_batch, station_name, iduser, status, started_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?)`,
  ).run(session.idpicklistBatch, session.stationName, session.iduser, session.now, session.now);
  return Number(result.lastInsertRowid);
}

export function setBatchSessionStatus(db: Database, id: number, status: BatchSessionStatus, now: string, iduser?: number | null): void {
  statement(db, 'UPDATE batch_sessions SET status = ?, iduser = COALESCE(?, iduser), updated_at = ? WHERE id = ?').run(status, iduser ?? null, now, id);
}

export function setBatchSessionPackaging(db: Database, id: number, idpackaging: number | null, now: string): void {
  statement(db, 'UPDATE batch_sessions SET idpackaging = ?, updated_at = ? WHERE id = ?').run(idpackaging, now, id);
}
