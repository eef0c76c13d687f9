import type { Database } from 'better-sqlite3';
import { statement } from '../statements';
import { picklistidOfSql } from './picklists';

/*
 * The scan_events table: every scan a station took, with what it did. The pack loop writes them
 * through recordScanEvent only and reads the verified counts back from them.
 */

/** Scan outcomes that add to a line's verified count (unless undone). */
export const countingOutcomes = ['counted', 'line_complete', 'all_verified'] as const;

/** Product scan answers a reloaded pack screen shows again: the counting ones and the refusals. */
const productAnswerOutcomes = [...countingOutcomes, 'wrong_item', 'too_many', 'unknown_barcode', 'partial_scan', 'ambiguous', 'short_dated', 'serial_needed'] as const;

/** A list of outcomes as an SQL list literal, for `outcome IN ${...}`: fixed words from this module, never input. */
function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `outcome IN ${countingOutcomesSql}`: the counting outcomes, spelled once. */
export const countingOutcomesSql = sqlList(countingOutcomes);

/**
 * A unit counted on a line that still stands: a counting scan not taken back by UNDO (undo marks
 * the event undone_at, never deletes it). The packing slip and the lots CSV both read units so.
 */
function standingUnitSql(e: string): string {
  return `${e}.undone_at IS NULL AND ${e}.idpicklist_product IS NOT NULL AND ${e}.outcome IN ${countingOutcomesSql}`;
}

/** A unit whose GS1 element string said a lot, a best-before date or a serial. */
function hasUnitDataSql(e: string): string {
  return `(${e}.lot IS NOT NULL OR ${e}.expiry IS NOT NULL OR ${e}.serial IS NOT NULL)`;
}

/** A scan to record: where and by whom, what was scanned and what it did. */
export interface NewScanEvent {
  packSessionId: number | null;
  idpicklist: number | null;
  iduser: number | null;
  station: string;
  code: string;
  source: string;
  outcome: string;
  scannedAt: string;
  /** Units the scan stood for (a multiplier); 1 when not given. */
  quantity?: number;
  idproduct?: number | null;
  idpicklistProduct?: number | null;
  /** Why, in English for the log and the CSV: the refusal, the command, the packaging. */
  reason?: string | null;
  /** The first event's id, on the later events of one multiplied scan split over several lines. */
  batch?: number | null;
  /** What the unit's GS1 element string said (issue 18): lot (AI 10), best-before as an ISO date (AI 17), serial (AI 21). */
  lot?: string | null;
  expiry?: string | null;
  serial?: string | null;
}

/** Records one scan event: the only place a scan_events row is written. Returns its id. */
export function recordScanEvent(db: Database, event: NewScanEvent): number {
  const result = statement(
    db,
    `INSERT INTO scan_events (pack_session_id, idpicklist, iduser, station, code, source, quantity, outcome, idproduct,
       idpicklist_product, reason, batch, scanned_at, lot, expiry, serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.packSessionId,
    event.idpicklist,
    event.iduser,
    event.station,
    event.code,
    event.source,
    event.quantity ?? 1,
    event.outcome,
    event.idproduct ?? null,
    event.idpicklistProduct ?? null,
    event.reason ?? null,
    event.batch ?? null,
    event.scannedAt,
    event.lot ?? null,
    event.expiry ?? null,
    event.serial ?? null,
  );
  return Number(result.lastInsertRowid);
}

export interface PackedUnits {
  idpicklistProduct: number;
  lot: string | null;
  expiry: string | null;
  serial: string | null;
  amount: number;
}

/**
 * The lots, best-before dates and serials of the units counted into the picklist's newest pack
 * session (the one its parcel left with), per line in the order they were first scanned. Undone
 * and refused scans, and units scanned without any of the three, are not listed.
 */
export function packedUnitsOfPicklist(db: Database, idpicklist: number): PackedUnits[] {
  const rows = statement(
    db,
    `SELECT e.idpicklist_product, e.lot, e.expiry, e.serial, SUM(e.quantity) AS amount FROM scan_events e
     WHERE e.pack_session_id = (SELECT MAX(id) FROM pack_sessions WHERE idpicklist = ?)
       AND ${standingUnitSql('e')} AND ${hasUnitDataSql('e')}
     GROUP BY e.idpicklist_product, e.lot, e.expiry, e.serial
     ORDER BY MIN(e.id)`,
  ).all(idpicklist) as Array<{ idpicklist_product: number; lot: string | null; expiry: string | null; serial: string | null; amount: number }>;
  return rows.map((r) => ({ idpicklistProduct: r.idpicklist_product, lot: r.lot, expiry: r.expiry, serial: r.serial, amount: r.amount }));
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

/** Of these sessions (a batch's picklists), the one whose counting scan is the newest still standing; null when none. */
export function sessionOfLastCountingScan(db: Database, packSessionIds: readonly number[]): number | null {
  if (packSessionIds.length === 0) return null;
  const row = statement(
    db,
    `SELECT pack_session_id AS id FROM scan_events WHERE pack_session_id IN (SELECT value FROM json_each(?)) AND undone_at IS NULL
       AND outcome IN ${countingOutcomesSql} ORDER BY id DESC LIMIT 1`,
  ).get(JSON.stringify(packSessionIds)) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The newest counted scan of several pack sessions (a batch's slots), with its whole quantity. */
export interface LastCountedScan {
  packSessionId: number;
  code: string;
  /** Every unit of the scan: a multiplied scan split over two lines is two events, one scan. */
  quantity: number;
  outcome: string;
  idproduct: number | null;
  scannedAt: string;
}

/**
 * The newest counted scan still standing among these pack sessions, for a restarted batch screen;
 * null when there is none, or when an undo came after it (the screen said nothing then either).
 */
export function lastCountedScanOf(db: Database, packSessionIds: readonly number[]): LastCountedScan | null {
  if (packSessionIds.length === 0) return null;
  const ids = JSON.stringify(packSessionIds);
  const row = statement(
    db,
    `SELECT id, batch, pack_session_id, code, outcome, idproduct, scanned_at FROM scan_events
     WHERE pack_session_id IN (SELECT value FROM json_each(?)) AND undone_at IS NULL AND outcome IN ${countingOutcomesSql}
     ORDER BY id DESC LIMIT 1`,
  ).get(ids) as { id: number; batch: number | null; pack_session_id: number; code: string; outcome: string; idproduct: number | null; scanned_at: string } | undefined;
  if (!row) return null;
  // Undo takes the newest standing scan, so an undone scan newer than this one was undone after it.
  const undoneAfter = statement(
    db,
    `SELECT 1 FROM scan_events WHERE pack_session_id IN (SELECT value FROM json_each(?)) AND undone_at IS NOT NULL AND id > ? LIMIT 1`,
  ).get(ids, row.id);
  if (undoneAfter !== undefined) return null;
  const first = row.batch ?? row.id;
  const total = statement(db, `SELECT SUM(quantity) AS quantity FROM scan_events WHERE (id = ? OR batch = ?) AND undone_at IS NULL`).get(first, first) as {
    quantity: number | null;
  };
  return {
    packSessionId: row.pack_session_id,
    code: row.code,
    quantity: total.quantity ?? 1,
    outcome: row.outcome,
    idproduct: row.idproduct,
    scannedAt: row.scanned_at,
  };
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
  /** Set on the second and later event of one multiplied scan that counted on several lines. */
  batch: number | null;
  scannedAt: string;
  undoneAt: string | null;
  lot: string | null;
  expiry: string | null;
  serial: string | null;
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
  lot: string | null;
  expiry: string | null;
  serial: string | null;
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
    lot: r.lot,
    expiry: r.expiry,
    serial: r.serial,
  }));
}

/*
 * Lookalikes: products packers mistake for each other, learnt from this station's scan events: a
 * wrong-item scan of B followed, in the same pack session, by a counted scan of A means the packer
 * reached for B when A was meant. Each pair counts both ways round. The query starts from the few
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

/* What the Stats screen and its CSV files read of the scan events. Read only. */

/** What Stats reads of a scan event, as SQLite returns it: the record without its session and line. */
type StatsScanRecord = Omit<ScanEventRecord, 'pack_session_id' | 'idpicklist_product' | 'lot' | 'expiry' | 'serial'>;

/** What Stats reads of a scan event: the row without its session and line. */
export type StatsScanRow = Omit<ScanEventRow, 'packSessionId' | 'idpicklistProduct' | 'lot' | 'expiry' | 'serial'>;

function toScanRow(r: StatsScanRecord): StatsScanRow {
  return {
    id: r.id,
    scannedAt: r.scanned_at,
    station: r.station,
    iduser: r.iduser,
    idpicklist: r.idpicklist,
    code: r.code,
    source: r.source,
    outcome: r.outcome,
    quantity: r.quantity,
    idproduct: r.idproduct,
    batch: r.batch,
    reason: r.reason,
    undoneAt: r.undone_at,
  };
}

/** Scan events in [from, to), oldest first (the scanned_at index). */
export function scanEventsBetween(db: Database, from: string, to: string): StatsScanRow[] {
  const rows = statement(
    db,
    `SELECT id, scanned_at, station, iduser, idpicklist, code, source, outcome, quantity, idproduct, batch, reason, undone_at
     FROM scan_events WHERE scanned_at >= ? AND scanned_at < ? ORDER BY scanned_at, id`,
  ).all(from, to) as StatsScanRecord[];
  return rows.map(toScanRow);
}

export interface StatsScanExportRow extends StatsScanRow {
  picklistid: string | null;
  productcode: string | null;
  productName: string | null;
  lot: string | null;
  expiry: string | null;
  serial: string | null;
}

/**
 * The same events with the names a spreadsheet needs. A closed picklist may have left the cache;
 * its shipment still knows its picklistid, and its line still knows the product.
 */
export function scanEventsForExport(db: Database, from: string, to: string): StatsScanExportRow[] {
  const rows = statement(
    db,
    `SELECT e.id, e.scanned_at, e.station, e.iduser, e.idpicklist, e.code, e.source, e.outcome, e.quantity, e.idproduct, e.batch,
       e.reason, e.undone_at, e.lot, e.expiry, e.serial,
       ${picklistidOfSql('e.idpicklist')} AS picklistid,
       COALESCE(pr.productcode, l.productcode) AS productcode,
       COALESCE(pr.name, l.name) AS product_name
     FROM scan_events e
     LEFT JOIN products pr ON pr.idproduct = e.idproduct
     LEFT JOIN picklist_lines l ON l.idpicklist_product = e.idpicklist_product
     WHERE e.scanned_at >= ? AND e.scanned_at < ?
     ORDER BY e.scanned_at, e.id`,
  ).all(from, to) as Array<
    StatsScanRecord & { picklistid: string | null; productcode: string | null; product_name: string | null; lot: string | null; expiry: string | null; serial: string | null }
  >;
  return rows.map((r) => ({ ...toScanRow(r), picklistid: r.picklistid, ...unitFieldsOf(r) }));
}

/** A unit's product and what its GS1 code said, as a row of the scans export or the lots CSV carries them. */
function unitFieldsOf(r: { productcode: string | null; product_name: string | null; lot: string | null; expiry: string | null; serial: string | null }) {
  return { productcode: r.productcode, productName: r.product_name, lot: r.lot, expiry: r.expiry, serial: r.serial };
}

/**
 * Whether a unit counted (and not undone) in one of these pack sessions already carries the serial;
 * compared without case. A picklist packed alone is one session; a batch is its slots' sessions.
 */
export function isSerialCounted(db: Database, packSessionIds: readonly number[], serial: string): boolean {
  if (packSessionIds.length === 0) return false;
  return (
    statement(
      db,
      `SELECT 1 FROM scan_events WHERE pack_session_id IN (SELECT value FROM json_each(?)) AND undone_at IS NULL
         AND outcome IN ${countingOutcomesSql} AND serial = ? COLLATE NOCASE LIMIT 1`,
    ).get(JSON.stringify(packSessionIds), serial) !== undefined
  );
}

/*
 * An order's lots, best-before dates and serials (issue 18): Picqer's pick takes none of them, so
 * the station's scan events are the record a shift lead reads for a recall. An order is reached
 * through its cached picklists (a picklist this station packed stays cached, closed); a parcel
 * counts once it was handed over to ship, so one whose shipment was cancelled (its session
 * abandoned, packed again in a new one) and one still on the bench are left out. A parcel the
 * outbox stopped (alert) counts when Picqer made its shipment first (its labels not fetched, a
 * later box refused): it carries a label and may be on its way; stopped before that, it is not.
 */

function handedOverSql(ps: string): string {
  return `(${ps}.status IN ('completing', 'labels_pending', 'completed')
    OR (${ps}.status = 'alert' AND EXISTS (SELECT 1 FROM shipments s WHERE s.pack_session_id = ${ps}.id AND s.status = 'created')))`;
}

export interface LotUnitRow {
  id: number;
  orderid: string;
  picklistid: string;
  productcode: string | null;
  productName: string | null;
  lot: string | null;
  expiry: string | null;
  serial: string | null;
  quantity: number;
  scannedAt: string;
  iduser: number | null;
  station: string | null;
}

/** Every standing unit of the order's handed-over parcels that carries a lot, best-before date or serial, in the order scanned. */
export function lotUnitsOfOrder(db: Database, idorder: number): LotUnitRow[] {
  const rows = statement(
    db,
    `SELECT e.id, COALESCE(o.orderid, CAST(p.idorder AS TEXT)) AS orderid, p.picklistid,
       COALESCE(pr.productcode, l.productcode) AS productcode, COALESCE(pr.name, l.name) AS product_name,
       e.lot, e.expiry, e.serial, e.quantity, e.scanned_at, e.iduser, e.station
     FROM picklists p
     JOIN pack_sessions ps ON ps.idpicklist = p.idpicklist AND ${handedOverSql('ps')}
     JOIN scan_events e ON e.pack_session_id = ps.id
     LEFT JOIN orders o ON o.idorder = p.idorder
     LEFT JOIN products pr ON pr.idproduct = e.idproduct
     LEFT JOIN picklist_lines l ON l.idpicklist_product = e.idpicklist_product
     WHERE p.idorder = ? AND ${standingUnitSql('e')} AND ${hasUnitDataSql('e')}
     ORDER BY e.id`,
  ).all(idorder) as Array<{
    id: number;
    orderid: string;
    picklistid: string;
    productcode: string | null;
    product_name: string | null;
    lot: string | null;
    expiry: string | null;
    serial: string | null;
    quantity: number;
    scanned_at: string;
    iduser: number | null;
    station: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    orderid: r.orderid,
    picklistid: r.picklistid,
    ...unitFieldsOf(r),
    quantity: r.quantity,
    scannedAt: r.scanned_at,
    iduser: r.iduser,
    station: r.station,
  }));
}

export interface LotOrder {
  idorder: number;
  /** Picqer's order number; the idorder as text while the order itself is not cached. */
  orderid: string;
  hasLots: boolean;
}

/** The orders of these picklists, each with whether any of its handed-over parcels carries a lot, best-before date or serial. */
export function lotOrdersOfPicklists(db: Database, idpicklists: readonly number[]): Map<number, LotOrder> {
  if (idpicklists.length === 0) return new Map();
  const rows = statement(
    db,
    `SELECT p.idpicklist, p.idorder, COALESCE(o.orderid, CAST(p.idorder AS TEXT)) AS orderid,
       EXISTS (SELECT 1 FROM picklists q
         JOIN pack_sessions ps ON ps.idpicklist = q.idpicklist AND ${handedOverSql('ps')}
         JOIN scan_events e ON e.pack_session_id = ps.id
         WHERE q.idorder = p.idorder AND ${standingUnitSql('e')} AND ${hasUnitDataSql('e')}) AS has_lots
     FROM picklists p LEFT JOIN orders o ON o.idorder = p.idorder
     WHERE p.idpicklist IN (SELECT value FROM json_each(?)) AND p.idorder IS NOT NULL`,
  ).all(JSON.stringify(idpicklists)) as Array<{ idpicklist: number; idorder: number; orderid: string; has_lots: number }>;
  return new Map(rows.map((r) => [r.idpicklist, { idorder: r.idorder, orderid: r.orderid, hasLots: r.has_lots === 1 }]));
}
