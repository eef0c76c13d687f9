import type { Database } from 'better-sqlite3';
import { picqerAnswer, type PicqerAnswer } from '../../../../shared/domain';
import { moveSql, type Move } from '../lifecycle';
import { statement } from '../statements';

/*
 * The outbox: every change for Picqer is a row here, written in the same transaction as the local
 * change it sends (DESIGN.md "Data"). A worker sends the rows in order per picklist. The payloads
 * below are the shape of a row and enqueueOutbox the one way to add one; the worker lives in
 * sync/outbox.ts.
 */

export interface OutboxPayloads {
  assign: { iduser: number };
  unassign: Record<string, never>;
  /** Records every verified unit of the session as picked (one pickall where possible). */
  pick: { packSessionId: number; lines: Array<{ idpicklist_product: number; amount: number }> };
  /**
   * Re-reads picklist and order, stops the parcel with an alert if either changed, then creates
   * the one shipment. Never sent twice: an unknown outcome is settled by reading the shipments.
   */
  ship: {
    packSessionId: number;
    idshippingprovider_profile: number | null;
    idpackaging: number | null;
    weight: number | null;
    /** What the packer verified, to compare with the picklist Picqer has now. */
    lines: Array<{ idpicklist_product: number; amount: number }>;
    iduser: number | null;
    /**
     * Set by the pick step when Picqer's answer to this parcel's own pick showed the picklist
     * closed (an account where picking everything closes it): closed is then no reason to stop.
     */
    isClosedByPick?: boolean;
    /** The shipping method's extra fields (pickup point...), sent with the shipment; absent when none. */
    extraFields?: Record<string, string>;
    /**
     * A parcel of several boxes (multi-colli), box 1 first: one shipment with a parcel per box, or,
     * where the carrier refuses parcels, one shipment per box. Absent for a parcel of one box.
     */
    boxes?: Array<{ box: number; idpackaging: number | null; weight: number | null }>;
  };
  /** Fetches the shipment's labels and the packing slip and queues their print jobs. */
  documents: { packSessionId: number };
  close: { packSessionId: number };
  comment: { body: string };
  snooze: { until: string };
  pause: { reason: string };
  cancel_shipment: { idshipment: number };
}

export type OutboxKind = keyof OutboxPayloads;

export interface NewOutboxRow<K extends OutboxKind = OutboxKind> {
  idpicklist: number;
  kind: K;
  payload: OutboxPayloads[K];
}

/**
 * Adds a row. Call it inside the transaction that makes the local change, so the two are
 * written together or not at all.
 */
export function enqueueOutbox<K extends OutboxKind>(db: Database, row: NewOutboxRow<K>, now: string, notBefore: string | null = null): number {
  const result = statement(
    db,
    `INSERT INTO outbox (idpicklist, kind, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
  ).run(row.idpicklist, row.kind, JSON.stringify(row.payload), notBefore, now, now);
  return Number(result.lastInsertRowid);
}

/*
 * The outbox rows as the worker reads and moves them. Row states:
 *   pending   -> in_flight (committed before the request leaves) -> done | pending (retry) | failed
 *   unknown   the request may or may not have been carried out: settled by reading Picqer
 *             before anything is sent again. A row found in_flight at start is unknown too.
 *   failed    set aside, with the reason: Picqer refused it for good, or the parcel stopped. It
 *             blocks nothing; a person retries it (back to pending) or discards it. The rows of
 *             the same parcel held back behind it are failed too, their reason starting with
 *             `Not sent: `, and go wherever it goes.
 *   done      settled: sent, or deliberately never sent (discarded, or made pointless by a
 *             cancelled shipment), and then last_error says why.
 */

/** The reason of a row held back behind a set-aside row of its picklist. */
export const heldBackPrefix = 'Not sent: ';
export const discardedPrefix = 'Discarded: ';

export type OutboxRowStatus = 'pending' | 'in_flight' | 'unknown' | 'done' | 'failed';

export interface OutboxRow {
  id: number;
  idpicklist: number | null;
  kind: OutboxKind;
  payloadJson: string;
  status: OutboxRowStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** What Picqer answered the last attempt (PicqerAnswer as JSON), when it answered at all. */
  lastAnswerJson: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An outbox row as SQLite returns it. */
interface OutboxRecord {
  id: number;
  idpicklist: number | null;
  kind: OutboxKind;
  payload_json: string;
  status: OutboxRowStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_answer_json: string | null;
  created_at: string;
  updated_at: string;
}

function toOutboxRow(r: OutboxRecord): OutboxRow {
  return {
    id: r.id,
    idpicklist: r.idpicklist,
    kind: r.kind,
    payloadJson: r.payload_json,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    lastAnswerJson: r.last_answer_json,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Every way an outbox row changes status, written once (the lifecycle above): where it may leave
 * from, where it goes, and what it writes. moveOutboxRows is the one function that makes a move.
 */
const outboxMoves = {
  /** After a restart nothing is in flight: whatever was, may or may not have reached Picqer. */
  restart: { from: ['in_flight'], to: 'unknown' },
  /** Claimed for sending, committed before the request leaves. */
  claim: { from: ['pending', 'unknown'], to: 'in_flight', set: { attempts: 'attempts + 1' } },
  /** Carried out. Only a row still in flight: one set aside meanwhile (a cancelled shipment) stays failed. */
  sent: { from: ['in_flight'], to: 'done', set: { last_error: 'NULL', last_answer_json: 'NULL', next_attempt_at: 'NULL' } },
  retry: { from: ['in_flight'], to: 'pending', set: { next_attempt_at: '@nextAttemptAt', last_error: '@error', last_answer_json: '@answer' } },
  /** Tried again later, but read Picqer first: the attempt may or may not have been carried out. */
  retryUnknown: { from: ['in_flight'], to: 'unknown', set: { next_attempt_at: '@nextAttemptAt', last_error: '@error', last_answer_json: '@answer' } },
  /** Set aside for a person, with the reason; anything not settled yet. */
  setAside: { from: ['pending', 'in_flight', 'unknown', 'failed'], to: 'failed', set: { last_error: '@error', last_answer_json: '@answer', next_attempt_at: 'NULL' } },
  /** Made pointless before it was sent (its shipment was cancelled): settled, never sent. */
  settleUnsent: { from: ['pending', 'unknown'], to: 'done', set: { last_error: '@error', next_attempt_at: 'NULL' } },
  /** A held-back assign that must not be sent after all: only while it was never tried. */
  dropHeld: { from: ['pending'], to: 'done', set: { last_error: '@error', next_attempt_at: 'NULL' }, only: 'attempts = 0' },
  /** A person sends a set-aside row again: due now, the earlier attempts kept so a step reads Picqer first. */
  requeue: { from: ['failed'], to: 'pending', set: { last_error: 'NULL', next_attempt_at: 'NULL' } },
  /** A person decided a set-aside row is not to be sent. */
  discard: { from: ['failed'], to: 'done', set: { last_error: '@error', next_attempt_at: 'NULL' } },
} as const satisfies Record<string, Move<OutboxRowStatus, 'attempts' | 'last_error' | 'last_answer_json' | 'next_attempt_at'>>;

export type OutboxMove = keyof typeof outboxMoves;

/** Which rows a move applies to: one row, the rows of one pack session, or every row. */
export type OutboxRowsWhere = { id: number } | { packSessionId: number } | 'all';

function whereOf(rows: OutboxRowsWhere): string {
  if (rows === 'all') return '1 = 1';
  return 'id' in rows ? 'id = @id' : "json_extract(payload_json, '$.packSessionId') = @packSessionId";
}

/** Makes one move on the rows it applies to (those in a status it may leave from) and returns how many moved. */
export function moveOutboxRows(
  db: Database,
  rows: OutboxRowsWhere,
  move: OutboxMove,
  now: string,
  values: { error?: string | null; answer?: PicqerAnswer | null; nextAttemptAt?: string | null } = {},
): number {
  return statement(db, moveSql('outbox', outboxMoves[move], whereOf(rows))).run({
    id: rows !== 'all' && 'id' in rows ? rows.id : null,
    packSessionId: rows !== 'all' && 'packSessionId' in rows ? rows.packSessionId : null,
    now,
    error: values.error ?? null,
    answer: values.answer ? JSON.stringify(values.answer) : null,
    nextAttemptAt: values.nextAttemptAt ?? null,
  }).changes;
}

/** After a restart nothing is in flight: whatever was, may or may not have reached Picqer. */
export function markInFlightUnknown(db: Database, now: string): number {
  return moveOutboxRows(db, 'all', 'restart', now);
}

/**
 * The first unsent row of each picklist, when it is due. A picklist's later rows wait behind its
 * first; rows of other picklists do not (each picklist is its own line). Failed and done rows are
 * behind us and block nothing.
 */
export function dueHeadRows(db: Database, now: string): OutboxRow[] {
  const rows = statement(
    db,
    `SELECT o.* FROM outbox o
     WHERE o.status IN ('pending', 'unknown')
       AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
       AND NOT EXISTS (
         SELECT 1 FROM outbox e
         WHERE e.idpicklist IS o.idpicklist AND e.id < o.id AND e.status IN ('pending', 'unknown', 'in_flight'))
     ORDER BY o.id`,
  ).all(now) as OutboxRecord[];
  return rows.map(toOutboxRow);
}

/** When the next waiting row becomes due; null when none waits for a time. */
export function nextOutboxAttemptAt(db: Database): string | null {
  const row = statement(db, "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status IN ('pending', 'unknown') AND next_attempt_at IS NOT NULL").get() as {
    at: string | null;
  };
  return row.at;
}

export function getOutboxRow(db: Database, id: number): OutboxRow | null {
  const row = statement(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRecord | undefined;
  return row ? toOutboxRow(row) : null;
}

/** Claims a row for sending. False when someone else moved it (cancelled, set aside) meanwhile. */
export function markOutboxInFlight(db: Database, id: number, now: string): boolean {
  return moveOutboxRows(db, { id }, 'claim', now) === 1;
}

/** Only a row still in flight becomes done: one set aside meanwhile (a cancelled shipment) stays failed. */
export function markOutboxDone(db: Database, id: number, now: string): boolean {
  return moveOutboxRows(db, { id }, 'sent', now) === 1;
}

export function markOutboxRetry(
  db: Database,
  id: number,
  status: 'pending' | 'unknown',
  nextAttemptAt: string,
  error: string,
  now: string,
  answer: PicqerAnswer | null = null,
): void {
  moveOutboxRows(db, { id }, status === 'pending' ? 'retry' : 'retryUnknown', now, { nextAttemptAt, error, answer });
}

export function markOutboxFailed(db: Database, id: number, reason: string, now: string, answer: PicqerAnswer | null = null): void {
  moveOutboxRows(db, { id }, 'setAside', now, { error: reason, answer });
}

/** Picqer's answer kept with a row, or null (none kept, or one this version cannot read). */
export function answerOfRow(row: Pick<OutboxRow, 'lastAnswerJson'>): PicqerAnswer | null {
  if (!row.lastAnswerJson) return null;
  const parsed = picqerAnswer.safeParse(JSON.parse(row.lastAnswerJson));
  return parsed.success ? parsed.data : null;
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

/**
 * Drops the unsent rows of one pack session (its complete sequence) because they have become
 * pointless, e.g. its shipment was cancelled: settled with the reason, never sent, not a problem
 * anyone has to act on.
 */
export function setAsideSessionRows(db: Database, packSessionId: number, reason: string, now: string): number {
  return moveOutboxRows(db, { packSessionId }, 'settleUnsent', now, { error: reason });
}

/**
 * The connection is back: every waiting row is due now instead of at the end of a backoff that
 * grew while Picqer could not be reached.
 */
export function makeWaitingRowsDue(db: Database, now: string): number {
  return statement(db, "UPDATE outbox SET next_attempt_at = NULL, updated_at = ? WHERE status IN ('pending', 'unknown') AND next_attempt_at IS NOT NULL").run(now)
    .changes;
}

/** A set-aside row with the rows of its picklist held back behind it (their reason starts with `Not sent: `). */
export interface SetAsideGroup {
  row: OutboxRow;
  heldBack: OutboxRow[];
}

/** Every set-aside row, oldest first, each with the rows held back behind it. */
export function setAsideGroups(db: Database): SetAsideGroup[] {
  const rows = (statement(db, "SELECT * FROM outbox WHERE status = 'failed' ORDER BY id").all() as OutboxRecord[]).map(toOutboxRow);
  const groups: SetAsideGroup[] = [];
  const lastOf = new Map<number | null, SetAsideGroup>();
  for (const row of rows) {
    const owner = lastOf.get(row.idpicklist);
    if (owner && row.lastError?.startsWith(heldBackPrefix)) {
      owner.heldBack.push(row);
      continue;
    }
    const group = { row, heldBack: [] };
    groups.push(group);
    lastOf.set(row.idpicklist, group);
  }
  return groups;
}

export function setAsideGroup(db: Database, id: number): SetAsideGroup | null {
  return setAsideGroups(db).find((g) => g.row.id === id) ?? null;
}

/** Sends set-aside rows again, in their order: due now, the earlier attempts kept so a step reads Picqer first. */
export function requeueRows(db: Database, ids: readonly number[], now: string): void {
  for (const id of ids) moveOutboxRows(db, { id }, 'requeue', now);
}

/**
 * An assignment held back while the open's re-read is out (issue 12): sent now, or settled
 * unsent because Picqer showed someone else has the picklist (or it cannot be packed).
 */
export function releaseHeldRow(db: Database, id: number, now: string): void {
  statement(db, "UPDATE outbox SET next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'pending'").run(now, id);
}

export function dropHeldRow(db: Database, id: number, reason: string, now: string): boolean {
  return moveOutboxRows(db, { id }, 'dropHeld', now, { error: `${heldBackPrefix}${reason}` }) === 1;
}

/** A person decided these set-aside rows are not to be sent: settled, with who and why kept in last_error. */
export function discardRows(db: Database, ids: readonly number[], reason: string, now: string): void {
  for (const id of ids) moveOutboxRows(db, { id }, 'discard', now, { error: `${discardedPrefix}${reason}` });
}

/** Settles the set-aside rows of a pack session that is being packed again: its new complete sequence replaces them. */
export function discardSessionRows(db: Database, packSessionId: number, reason: string, now: string): number {
  const ids = (
    statement(db, "SELECT id FROM outbox WHERE status = 'failed' AND json_extract(payload_json, '$.packSessionId') = ? ORDER BY id").all(packSessionId) as Array<{
      id: number;
    }>
  ).map((r) => r.id);
  discardRows(db, ids, reason, now);
  return ids.length;
}

/** The unsent rows of a pack session, oldest first. */
export function sessionRows(db: Database, packSessionId: number): OutboxRow[] {
  return (statement(db, "SELECT * FROM outbox WHERE json_extract(payload_json, '$.packSessionId') = ? ORDER BY id").all(packSessionId) as OutboxRecord[]).map(toOutboxRow);
}

export function outboxCounts(db: Database): { pending: number; failed: number } {
  const row = statement(
    db,
    `SELECT COALESCE(SUM(status IN ('pending', 'in_flight', 'unknown')), 0) AS pending, COALESCE(SUM(status = 'failed'), 0) AS failed FROM outbox`,
  ).get() as { pending: number; failed: number };
  return { pending: row.pending, failed: row.failed };
}

/** An assign to this user that has not reached Picqer yet: a re-read still shows the old assignee. */
export function hasPendingAssign(db: Database, idpicklist: number, iduser: number): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM outbox WHERE idpicklist = ? AND kind = 'assign' AND status IN ('pending', 'in_flight', 'unknown')
         AND json_extract(payload_json, '$.iduser') = ? LIMIT 1`,
    ).get(idpicklist, iduser) !== undefined
  );
}

/** The parcel's ship row has not finished (a box of it may still be on its way to Picqer). */
export function isShipUnfinished(db: Database, packSessionId: number): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM outbox WHERE kind = 'ship' AND status IN ('pending', 'in_flight', 'unknown')
         AND json_extract(payload_json, '$.packSessionId') = ? LIMIT 1`,
    ).get(packSessionId) !== undefined
  );
}

/** Tells a parcel's waiting ship row that its own pick closed the picklist in Picqer. */
export function markShipClosedByPick(db: Database, idpicklist: number, packSessionId: number): void {
  statement(
    db,
    `UPDATE outbox SET payload_json = json_set(payload_json, '$.isClosedByPick', json('true'))
     WHERE idpicklist = ? AND kind = 'ship' AND status = 'pending' AND json_extract(payload_json, '$.packSessionId') = ?`,
  ).run(idpicklist, packSessionId);
}
