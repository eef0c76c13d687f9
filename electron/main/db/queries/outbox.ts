import type { Database } from 'better-sqlite3';
import type { OutboxKind } from '../../sync/outbox-rows';
import { statement } from '../statements';

/*
 * The outbox rows as the worker reads and moves them. Row states:
 *   pending   -> in_flight (committed before the request leaves) -> done | pending (retry) | failed
 *   unknown   the request may or may not have been carried out: settled by reading Picqer
 *             before anything is sent again. A row found in_flight at start is unknown too.
 *   failed    for good (with the reason); it never blocks another picklist.
 */

export type OutboxRowStatus = 'pending' | 'in_flight' | 'unknown' | 'done' | 'failed';

export interface OutboxRow {
  id: number;
  idpicklist: number | null;
  kind: OutboxKind;
  payload_json: string;
  status: OutboxRowStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** After a restart nothing is in flight: whatever was, may or may not have reached Picqer. */
export function markInFlightUnknown(db: Database, now: string): number {
  return statement(db, "UPDATE outbox SET status = 'unknown', updated_at = ? WHERE status = 'in_flight'").run(now).changes;
}

/**
 * The first unsent row of each picklist, when it is due. A picklist's later rows wait behind its
 * first; rows of other picklists do not (each picklist is its own line). Failed and done rows are
 * behind us and block nothing.
 */
export function dueHeadRows(db: Database, now: string): OutboxRow[] {
  return statement(
    db,
    `SELECT o.* FROM outbox o
     WHERE o.status IN ('pending', 'unknown')
       AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
       AND NOT EXISTS (
         SELECT 1 FROM outbox e
         WHERE e.idpicklist IS o.idpicklist AND e.id < o.id AND e.status IN ('pending', 'unknown', 'in_flight'))
     ORDER BY o.id`,
  ).all(now) as OutboxRow[];
}

/** When the next waiting row becomes due; null when none waits for a time. */
export function nextOutboxAttemptAt(db: Database): string | null {
  const row = statement(db, "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status IN ('pending', 'unknown') AND next_attempt_at IS NOT NULL").get() as {
    at: string | null;
  };
  return row.at;
}

export function getOutboxRow(db: Database, id: number): OutboxRow | null {
  return (statement(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined) ?? null;
}

/** Claims a row for sending. False when someone else moved it (cancelled, set aside) meanwhile. */
export function markOutboxInFlight(db: Database, id: number, now: string): boolean {
  return (
    statement(db, "UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status IN ('pending', 'unknown')").run(now, id)
      .changes === 1
  );
}

/** Only a row still in flight becomes done: one set aside meanwhile (a cancelled shipment) stays failed. */
export function markOutboxDone(db: Database, id: number, now: string): boolean {
  return (
    statement(db, "UPDATE outbox SET status = 'done', last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'in_flight'").run(now, id)
      .changes === 1
  );
}

export function markOutboxRetry(db: Database, id: number, status: 'pending' | 'unknown', nextAttemptAt: string, error: string, now: string): void {
  statement(db, "UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'in_flight'").run(
    status,
    nextAttemptAt,
    error,
    now,
    id,
  );
}

export function markOutboxFailed(db: Database, id: number, reason: string, now: string): void {
  statement(db, "UPDATE outbox SET status = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status <> 'done'").run(
    reason,
    now,
    id,
  );
}

/** Sets aside the unsent rows of a picklist after `afterId` (not sent, with the reason). */
export function setAsideOutboxRows(db: Database, idpicklist: number, afterId: number, reason: string, now: string): number[] {
  const rows = statement(db, "SELECT id FROM outbox WHERE idpicklist = ? AND id > ? AND status IN ('pending', 'unknown') ORDER BY id").all(
    idpicklist,
    afterId,
  ) as Array<{ id: number }>;
  for (const row of rows) markOutboxFailed(db, row.id, reason, now);
  return rows.map((r) => r.id);
}

/** Sets aside the unsent rows of one pack session (its complete sequence), e.g. when its shipment was cancelled. */
export function setAsideSessionRows(db: Database, packSessionId: number, reason: string, now: string): number {
  const rows = statement(
    db,
    "SELECT id FROM outbox WHERE status IN ('pending', 'unknown') AND json_extract(payload_json, '$.packSessionId') = ?",
  ).all(packSessionId) as Array<{ id: number }>;
  for (const row of rows) markOutboxFailed(db, row.id, reason, now);
  return rows.length;
}

export function outboxCounts(db: Database): { pending: number; failed: number } {
  const row = statement(
    db,
    `SELECT COALESCE(SUM(status IN ('pending', 'in_flight', 'unknown')), 0) AS pending, COALESCE(SUM(status = 'failed'), 0) AS failed FROM outbox`,
  ).get() as { pending: number; failed: number };
  return { pending: row.pending, failed: row.failed };
}

/** Parcels completed at this station whose shipment or labels have not come back yet. */
export function labelsPendingSessions(db: Database): Array<{ idpicklist: number; picklistid: string }> {
  return statement(
    db,
    `SELECT ps.idpicklist AS idpicklist,
            COALESCE(p.picklistid, (SELECT s.picklistid FROM shipments s WHERE s.pack_session_id = ps.id LIMIT 1), CAST(ps.idpicklist AS TEXT)) AS picklistid
     FROM pack_sessions ps LEFT JOIN picklists p ON p.idpicklist = ps.idpicklist
     WHERE ps.status IN ('completing', 'labels_pending')
     ORDER BY ps.id`,
  ).all() as Array<{ idpicklist: number; picklistid: string }>;
}

export type SessionStatus = 'completing' | 'labels_pending' | 'completed' | 'alert' | 'abandoned';

/** The outbox moves a completed session along; the pack session core owns every other change. */
export function setPackSessionStatus(db: Database, id: number, status: SessionStatus, now: string, alert: string | null = null): void {
  statement(
    db,
    `UPDATE pack_sessions SET status = ?, alert = ?, updated_at = ?,
       completed_at = CASE WHEN ? = 'completed' THEN COALESCE(completed_at, ?) ELSE completed_at END
     WHERE id = ?`,
  ).run(status, alert, now, status, now, id);
}

export function packSessionStatus(db: Database, id: number): string | null {
  const row = statement(db, 'SELECT status FROM pack_sessions WHERE id = ?').get(id) as { status: string } | undefined;
  return row?.status ?? null;
}
