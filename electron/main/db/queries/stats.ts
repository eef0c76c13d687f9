import type { Database } from 'better-sqlite3';
import { statement } from '../statements';
import { picklistidOfSql } from './picklists';

/*
 * What the Stats screen and its CSV files read: the station's own scan events and pack sessions,
 * with the outbox and print queue rows that tell when a parcel was completed and when its label
 * came out. Read only.
 */

export interface StatsScanRow {
  id: number;
  scannedAt: string;
  station: string | null;
  iduser: number | null;
  idpicklist: number | null;
  code: string;
  source: string;
  outcome: string;
  quantity: number;
  idproduct: number | null;
  /** Set on the second and later event of one multiplied scan that counted on several lines. */
  batch: number | null;
  reason: string | null;
  undoneAt: string | null;
}

/** A scan event as SQLite returns it. */
interface ScanRecord {
  id: number;
  scanned_at: string;
  station: string | null;
  iduser: number | null;
  idpicklist: number | null;
  code: string;
  source: string;
  outcome: string;
  quantity: number;
  idproduct: number | null;
  batch: number | null;
  reason: string | null;
  undone_at: string | null;
}

function toScanRow(r: ScanRecord): StatsScanRow {
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
  ).all(from, to) as ScanRecord[];
  return rows.map(toScanRow);
}

export interface StatsScanExportRow extends StatsScanRow {
  picklistid: string | null;
  productcode: string | null;
  productName: string | null;
}

/**
 * The same events with the names a spreadsheet needs. A closed picklist may have left the cache;
 * its shipment still knows its picklistid, and its line still knows the product.
 */
export function scanEventsForExport(db: Database, from: string, to: string): StatsScanExportRow[] {
  const rows = statement(
    db,
    `SELECT e.id, e.scanned_at, e.station, e.iduser, e.idpicklist, e.code, e.source, e.outcome, e.quantity, e.idproduct, e.batch,
       e.reason, e.undone_at,
       ${picklistidOfSql('e.idpicklist')} AS picklistid,
       COALESCE(pr.productcode, l.productcode) AS productcode,
       COALESCE(pr.name, l.name) AS product_name
     FROM scan_events e
     LEFT JOIN products pr ON pr.idproduct = e.idproduct
     LEFT JOIN picklist_lines l ON l.idpicklist_product = e.idpicklist_product
     WHERE e.scanned_at >= ? AND e.scanned_at < ?
     ORDER BY e.scanned_at, e.id`,
  ).all(from, to) as Array<ScanRecord & { picklistid: string | null; productcode: string | null; product_name: string | null }>;
  return rows.map((r) => ({ ...toScanRow(r), picklistid: r.picklistid, productcode: r.productcode, productName: r.product_name }));
}

export interface StatsSessionRow {
  id: number;
  iduser: number | null;
  stationName: string | null;
  status: string;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** When the packer completed it: the commit that queued its pick (the newest, after a retry). */
  packedAt: string | null;
  /** When the last of its labels printed (reprints left out); null while none has. */
  labelPrintedAt: string | null;
}

/**
 * Sessions that were completed or reported as a problem possibly inside [from, to). The moment
 * that places a session in a window lies between its start and its last update, so the filter
 * keeps every one that can count and the caller decides on the exact moment. pack_sessions has no
 * index on these columns; the outbox and shipments are reached through their idpicklist indexes.
 */
export function sessionsEndedBetween(db: Database, from: string, to: string): StatsSessionRow[] {
  const rows = statement(
    db,
    `SELECT ps.id, ps.iduser, ps.station_name, ps.status, ps.started_at, ps.updated_at, ps.completed_at,
       (SELECT MAX(o.created_at) FROM outbox o
         WHERE o.idpicklist = ps.idpicklist AND o.kind = 'pick' AND json_extract(o.payload_json, '$.packSessionId') = ps.id) AS packed_at,
       (SELECT MAX(j.printed_at) FROM shipments s JOIN print_jobs j ON j.shipment_id = s.id
         WHERE s.idpicklist = ps.idpicklist AND s.pack_session_id = ps.id AND s.status <> 'cancelled'
           AND j.kind = 'label' AND j.status = 'done' AND j.is_reprint = 0) AS label_printed_at
     FROM pack_sessions ps
     WHERE ps.status IN ('completing', 'labels_pending', 'completed', 'problem') AND ps.started_at < ? AND ps.updated_at >= ?
     ORDER BY ps.id`,
  ).all(to, from) as Array<{
    id: number;
    iduser: number | null;
    station_name: string | null;
    status: string;
    started_at: string;
    updated_at: string;
    completed_at: string | null;
    packed_at: string | null;
    label_printed_at: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    iduser: r.iduser,
    stationName: r.station_name,
    status: r.status,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    packedAt: r.packed_at,
    labelPrintedAt: r.label_printed_at,
  }));
}
