import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

/*
 * The scan_events table: every scan a station took, with what it did. The pack loop writes them
 * through recordScanEvent only and reads the verified counts back from them.
 */

/** Scan outcomes that add to a line's verified count (unless undone). */
export const countingOutcomes = ['counted', 'line_complete', 'all_verified'] as const;

/** Product scan answers a reloaded pack screen shows again: the counting ones and the refusals. */
const productAnswerOutcomes = [...countingOutcomes, 'wrong_item', 'too_many', 'unknown_barcode', 'partial_scan', 'ambiguous'] as const;

/** A list of outcomes as an SQL list literal, for `outcome IN ${...}`: fixed words from this module, never input. */
function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `outcome IN ${countingOutcomesSql}`: the counting outcomes, spelled once. */
export const countingOutcomesSql = sqlList(countingOutcomes);

export interface NewScanEvent {
  packSessionId: number | null;
  idpicklist: number | null;
  iduser: number | null;
  station: string;
  code: string;
  source: string;
  quantity: number;
  outcome: string;
  idproduct: number | null;
  idpicklistProduct: number | null;
  reason: string | null;
  batch: number | null;
  scannedAt: string;
}

/** Records one scan event: the only place a scan_events row is written. Returns its id. */
export function recordScanEvent(db: Database, event: NewScanEvent): number {
  const result = statement(
    db,
    `INSERT INTO scan_events (pack_session_id, idpicklist, iduser, station, code, source, quantity, outcome, idproduct,
       idpicklist_product, reason, batch, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.packSessionId,
    event.idpicklist,
    event.iduser,
    event.station,
    event.code,
    event.source,
    event.quantity,
    event.outcome,
    event.idproduct,
    event.idpicklistProduct,
    event.reason,
    event.batch,
    event.scannedAt,
  );
  return Number(result.lastInsertRowid);
}

export interface LineCount {
  idpicklistProduct: number;
  verified: number;
  /** The newest reason given for a count confirmed by hand, if any. */
  manualReason: string | null;
}

/** Verified units per line: the session's counting scan events that were not undone. */
export function countsBySession(db: Database, packSessionId: number): LineCount[] {
  const rows = statement(
    db,
    `SELECT idpicklist_product, SUM(quantity) AS verified,
       (SELECT r.reason FROM scan_events r WHERE r.pack_session_id = e.pack_session_id AND r.idpicklist_product = e.idpicklist_product
          AND r.undone_at IS NULL AND r.reason IS NOT NULL AND r.outcome IN ${countingOutcomesSql}
        ORDER BY r.id DESC LIMIT 1) AS manual_reason
     FROM scan_events e
     WHERE pack_session_id = ? AND undone_at IS NULL AND idpicklist_product IS NOT NULL
       AND outcome IN ${countingOutcomesSql}
     GROUP BY idpicklist_product`,
  ).all(packSessionId) as Array<{ idpicklist_product: number; verified: number; manual_reason: string | null }>;
  return rows.map((r) => ({ idpicklistProduct: r.idpicklist_product, verified: r.verified, manualReason: r.manual_reason }));
}

/**
 * Marks the session's last counting scan as undone, with every event of the same batch (a
 * multiplied scan split over two lines). Returns how many events it undid.
 */
export function undoLastCountingScan(db: Database, packSessionId: number, now: string): number {
  const last = statement(
    db,
    `SELECT id, batch FROM scan_events WHERE pack_session_id = ? AND undone_at IS NULL
       AND outcome IN ${countingOutcomesSql} ORDER BY id DESC LIMIT 1`,
  ).get(packSessionId) as { id: number; batch: number | null } | undefined;
  if (!last) return 0;
  const batch = last.batch ?? last.id;
  return statement(
    db,
    `UPDATE scan_events SET undone_at = ? WHERE pack_session_id = ? AND undone_at IS NULL
       AND outcome IN ${countingOutcomesSql} AND (id = ? OR batch = ?)`,
  ).run(now, packSessionId, batch, batch).changes;
}

export interface LastScanRow {
  code: string;
  quantity: number;
  outcome: string;
  idproduct: number | null;
  scannedAt: string;
}

/** The session's newest product scan answer still standing (not undone, not a command or an open), for a reloaded screen. */
export function lastProductScan(db: Database, packSessionId: number): LastScanRow | null {
  const row = statement(
    db,
    `SELECT code, quantity, outcome, idproduct, scanned_at FROM scan_events
     WHERE pack_session_id = ? AND undone_at IS NULL
       AND outcome IN ${sqlList(productAnswerOutcomes)}
     ORDER BY id DESC LIMIT 1`,
  ).get(packSessionId) as { code: string; quantity: number; outcome: string; idproduct: number | null; scanned_at: string } | undefined;
  return row ? { code: row.code, quantity: row.quantity, outcome: row.outcome, idproduct: row.idproduct, scannedAt: row.scanned_at } : null;
}

export interface ScanEventRow {
  id: number;
  packSessionId: number | null;
  idpicklist: number | null;
  iduser: number | null;
  station: string | null;
  code: string;
  source: string;
  quantity: number;
  outcome: string;
  idproduct: number | null;
  idpicklistProduct: number | null;
  reason: string | null;
  batch: number | null;
  scannedAt: string;
  undoneAt: string | null;
}

/** A scan event as SQLite returns it. */
interface ScanEventRecord {
  id: number;
  pack_session_id: number | null;
  idpicklist: number | null;
  iduser: number | null;
  station: string | null;
  code: string;
  source: string;
  quantity: number;
  outcome: string;
  idproduct: number | null;
  idpicklist_product: number | null;
  reason: string | null;
  batch: number | null;
  scanned_at: string;
  undone_at: string | null;
}

export function scanEventsOfSession(db: Database, packSessionId: number): ScanEventRow[] {
  const rows = statement(db, 'SELECT * FROM scan_events WHERE pack_session_id = ? ORDER BY id').all(packSessionId) as ScanEventRecord[];
  return rows.map((r) => ({
    id: r.id,
    packSessionId: r.pack_session_id,
    idpicklist: r.idpicklist,
    iduser: r.iduser,
    station: r.station,
    code: r.code,
    source: r.source,
    quantity: r.quantity,
    outcome: r.outcome,
    idproduct: r.idproduct,
    idpicklistProduct: r.idpicklist_product,
    reason: r.reason,
    batch: r.batch,
    scannedAt: r.scanned_at,
    undoneAt: r.undone_at,
  }));
}
