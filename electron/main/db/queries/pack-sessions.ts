import type { Database } from 'better-sqlite3';
import type { ShippingExtraField } from '../../../../shared/packing';
import { bool, statement } from '../statements';
import { picklistidOfSql } from './picklists';
import { countingOutcomesSql } from './scan-events';

/*
 * The pack_sessions table: one row per picklist packed (or being packed) at a station. The scan
 * path uses only prepared statements from `statement()`.
 */

export type PackSessionStatus = 'open' | 'completing' | 'labels_pending' | 'completed' | 'problem' | 'alert' | 'abandoned';

/** Statuses a packer can carry on from: the counts are kept and the session opens again. */
export const resumableStatuses: readonly PackSessionStatus[] = ['open', 'problem', 'alert'];
/** Statuses where the outbox owns the session: it cannot be packed again until it settles. */
export const completingStatuses: readonly PackSessionStatus[] = ['completing', 'labels_pending'];

export interface StoredProfile {
  idshippingprovider_profile: number;
  name: string;
  isSelected: boolean;
  /** What the method asks for at shipment; absent in sessions stored before issue 13. */
  extraFields?: ShippingExtraField[];
}

export interface StoredComment {
  author: string;
  body: string;
  created: string | null;
}

export interface PackSessionRecord {
  id: number;
  idpicklist: number;
  iduser: number | null;
  stationName: string | null;
  status: PackSessionStatus;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
  leftAt: string | null;
  isOnline: boolean;
  assignedElsewhere: { iduser: number; name: string } | null;
  idshippingproviderProfile: number | null;
  idpackaging: number | null;
  /** Grams the packer (or a scale) gave; null means "from the lines". */
  weight: number | null;
  profiles: StoredProfile[];
  /** The packer's values for the shipping method's extra fields, by key. */
  extraFields: Record<string, string>;
  /** When the profiles were read from Picqer as the methods it allows for the picklist; null: the cached ones. */
  methodsReadAt: string | null;
  comments: StoredComment[];
  alert: string | null;
  /** The batch session this picklist is packed in; null when packed on its own. */
  batchSessionId: number | null;
  /** A shift lead let this weight pass the weight check; it holds for that weight only. */
  weightOverride: WeightOverride | null;
}

export interface WeightOverride {
  weight: number;
  reason: string;
  by: { iduser: number; name: string } | null;
  at: string;
}

interface PackSessionRow {
  id: number;
  idpicklist: number;
  iduser: number | null;
  station_name: string | null;
  status: PackSessionStatus;
  started_at: string;
  updated_at: string;
  completed_at: string | null;
  left_at: string | null;
  is_online: number;
  assigned_elsewhere_iduser: number | null;
  assigned_elsewhere_name: string | null;
  idshippingprovider_profile: number | null;
  idpackaging: number | null;
  weight: number | null;
  shipping_profiles_json: string | null;
  shipping_extra_fields_json: string | null;
  shipping_methods_read_at: string | null;
  comments_json: string | null;
  alert: string | null;
  batch_session_id: number | null;
  weight_override_weight: number | null;
  weight_override_reason: string | null;
  weight_override_iduser: number | null;
  weight_override_name: string | null;
  weight_override_at: string | null;
}

function parseValues(json: string | null): Record<string, string> {
  if (!json) return {};
  const value: unknown = JSON.parse(json);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function parseList<T>(json: string | null): T[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
}

function toRecord(row: PackSessionRow): PackSessionRecord {
  return {
    id: row.id,
    idpicklist: row.idpicklist,
    iduser: row.iduser,
    stationName: row.station_name,
    status: row.status,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    leftAt: row.left_at,
    isOnline: row.is_online === 1,
    assignedElsewhere:
      row.assigned_elsewhere_iduser === null ? null : { iduser: row.assigned_elsewhere_iduser, name: row.assigned_elsewhere_name ?? `#${row.assigned_elsewhere_iduser}` },
    idshippingproviderProfile: row.idshippingprovider_profile,
    idpackaging: row.idpackaging,
    weight: row.weight,
    profiles: parseList<StoredProfile>(row.shipping_profiles_json),
    extraFields: parseValues(row.shipping_extra_fields_json),
    methodsReadAt: row.shipping_methods_read_at,
    comments: parseList<StoredComment>(row.comments_json),
    alert: row.alert,
    batchSessionId: row.batch_session_id,
    weightOverride:
      row.weight_override_weight === null || row.weight_override_reason === null || row.weight_override_at === null
        ? null
        : {
            weight: row.weight_override_weight,
            reason: row.weight_override_reason,
            by: row.weight_override_iduser === null ? null : { iduser: row.weight_override_iduser, name: row.weight_override_name ?? `#${row.weight_override_iduser}` },
            at: row.weight_override_at,
          },
  };
}

const sessionColumns = `id, idpicklist, iduser, station_name, status, started_at, updated_at, completed_at, left_at, is_online,
  assigned_elsewhere_iduser, assigned_elsewhere_name, idshippingprovider_profile, idpackaging, weight, shipping_profiles_json,
  shipping_extra_fields_json, shipping_methods_read_at, comments_json, alert, batch_session_id,
  weight_override_weight, weight_override_reason, weight_override_iduser, weight_override_name, weight_override_at`;

export function getPackSession(db: Database, id: number): PackSessionRecord | null {
  const row = statement(db, `SELECT ${sessionColumns} FROM pack_sessions WHERE id = ?`).get(id) as PackSessionRow | undefined;
  return row ? toRecord(row) : null;
}

/** The newest session of the picklist at this station, whatever its status. */
export function latestPackSessionForPicklist(db: Database, idpicklist: number, stationName: string): PackSessionRecord | null {
  const row = statement(
    db,
    `SELECT ${sessionColumns} FROM pack_sessions WHERE idpicklist = ? AND station_name = ? ORDER BY id DESC LIMIT 1`,
  ).get(idpicklist, stationName) as PackSessionRow | undefined;
  return row ? toRecord(row) : null;
}

/** The newest session of the picklist that was handed to the outbox to ship (at any station this database knows). */
export function latestHandedOverSession(db: Database, idpicklist: number): PackSessionRecord | null {
  const row = statement(
    db,
    `SELECT ${sessionColumns} FROM pack_sessions WHERE idpicklist = ? AND status IN ('completing', 'labels_pending', 'completed')
     ORDER BY id DESC LIMIT 1`,
  ).get(idpicklist) as PackSessionRow | undefined;
  return row ? toRecord(row) : null;
}

/** The session on this station's screen when the process stopped: open, not left, and not one picklist of a batch. */
export function currentPackSessionOfStation(db: Database, stationName: string): PackSessionRecord | null {
  const row = statement(
    db,
    `SELECT ${sessionColumns} FROM pack_sessions WHERE station_name = ? AND status = 'open' AND left_at IS NULL AND batch_session_id IS NULL
     ORDER BY updated_at DESC, id DESC LIMIT 1`,
  ).get(stationName) as PackSessionRow | undefined;
  return row ? toRecord(row) : null;
}

export interface SessionWithoutShipment {
  id: number;
  idpicklist: number;
  iduser: number | null;
  status: PackSessionStatus;
  updatedAt: string;
  completedAt: string | null;
  picklistid: string | null;
  customer: string | null;
}

/**
 * This station's parcels still waiting for their shipment (offline), and those stopped before it
 * (an alert from the ship step) in [from, to), newest first: History shows them beside the shipments.
 */
export function sessionsWithoutShipment(db: Database, stationName: string | null, from: string, to: string): SessionWithoutShipment[] {
  const rows = statement(
    db,
    `SELECT ps.id, ps.idpicklist, ps.iduser, ps.status, ps.updated_at, ps.completed_at, p.picklistid, p.deliveryname AS customer
     FROM pack_sessions ps LEFT JOIN picklists p ON p.idpicklist = ps.idpicklist
     WHERE ps.station_name IS ? AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.pack_session_id = ps.id)
       AND (ps.status IN ('completing', 'labels_pending')
         OR (ps.status = 'alert' AND ps.updated_at >= ? AND ps.updated_at < ?
             AND EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'ship' AND json_extract(o.payload_json, '$.packSessionId') = ps.id)))
     ORDER BY ps.updated_at DESC`,
  ).all(stationName, from, to) as Array<{
    id: number;
    idpicklist: number;
    iduser: number | null;
    status: PackSessionStatus;
    updated_at: string;
    completed_at: string | null;
    picklistid: string | null;
    customer: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    idpicklist: r.idpicklist,
    iduser: r.iduser,
    status: r.status,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    picklistid: r.picklistid,
    customer: r.customer,
  }));
}

export interface NewPackSession {
  idpicklist: number;
  iduser: number | null;
  stationName: string;
  isOnline: boolean;
  assignedElsewhere: { iduser: number; name: string } | null;
  idshippingproviderProfile: number | null;
  profiles: StoredProfile[];
  comments: StoredComment[];
  now: string;
  /** The batch session it is packed in; absent or null on its own. */
  batchSessionId?: number | null;
}

export function insertPackSession(db: Database, session: NewPackSession): number {
  const result = statement(
    db,
    `INSERT INTO pack_sessions (idpicklist, iduser, station_name, status, started_at, updated_at, is_online,
       assigned_elsewhere_iduser, assigned_elsewhere_name, idshippingprovider_profile, shipping_profiles_json, comments_json, batch_session_id)
     VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    session.idpicklist,
    session.iduser,
    session.stationName,
    session.now,
    session.now,
    bool(session.isOnline),
    session.assignedElsewhere?.iduser ?? null,
    session.assignedElsewhere?.name ?? null,
    session.idshippingproviderProfile,
    JSON.stringify(session.profiles),
    JSON.stringify(session.comments),
    session.batchSessionId ?? null,
  );
  return Number(result.lastInsertRowid);
}

/**
 * What the re-read beside an open found (issue 12): Picqer's shipping methods and comments, who
 * has the picklist, and why it cannot be packed now (alert; the session stays on screen, open,
 * and cannot complete). Only a session still open is changed.
 */
export function setPackSessionRemote(
  db: Database,
  id: number,
  update: {
    isOnline: boolean;
    assignedElsewhere: { iduser: number; name: string } | null;
    alert: string | null;
    idshippingproviderProfile: number | null;
    profiles: StoredProfile[];
    /** Set when the profiles are Picqer's allowed methods for the picklist. */
    methodsReadAt?: string | null;
    comments: StoredComment[];
    now: string;
  },
): boolean {
  return (
    statement(
      db,
      `UPDATE pack_sessions SET is_online = ?, assigned_elsewhere_iduser = ?, assigned_elsewhere_name = ?, alert = ?,
         idshippingprovider_profile = ?, shipping_profiles_json = ?,
         shipping_methods_read_at = COALESCE(?, shipping_methods_read_at), comments_json = ?, updated_at = ?
       WHERE id = ? AND status = 'open'`,
    ).run(
      bool(update.isOnline),
      update.assignedElsewhere?.iduser ?? null,
      update.assignedElsewhere?.name ?? null,
      update.alert,
      update.idshippingproviderProfile,
      JSON.stringify(update.profiles),
      update.methodsReadAt ?? null,
      JSON.stringify(update.comments),
      update.now,
      id,
    ).changes === 1
  );
}

/**
 * Opens an existing session again for a packer: back to 'open', on screen, with what Picqer said
 * at this open. The packer's own shipping choice is kept unless the profile is no longer offered.
 */
export function reopenPackSession(
  db: Database,
  id: number,
  update: Omit<NewPackSession, 'idpicklist' | 'stationName'>,
): void {
  statement(
    db,
    `UPDATE pack_sessions SET iduser = ?, left_at = NULL, is_online = ?,
       assigned_elsewhere_iduser = ?, assigned_elsewhere_name = ?,
       idshippingprovider_profile = ?, shipping_profiles_json = ?, shipping_methods_read_at = NULL, comments_json = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    update.iduser,
    bool(update.isOnline),
    update.assignedElsewhere?.iduser ?? null,
    update.assignedElsewhere?.name ?? null,
    update.idshippingproviderProfile,
    JSON.stringify(update.profiles),
    JSON.stringify(update.comments),
    update.now,
    id,
  );
  setPackSessionStatus(db, id, 'open', { now: update.now });
}

/** A resumed session is packed in this batch session now, or on its own (null). */
export function setPackSessionBatch(db: Database, id: number, batchSessionId: number | null): void {
  statement(db, 'UPDATE pack_sessions SET batch_session_id = ? WHERE id = ?').run(batchSessionId, id);
}

/** The newest session of each picklist packed in this batch session, whatever its status. */
export function packSessionsOfBatchSession(db: Database, batchSessionId: number): PackSessionRecord[] {
  const rows = statement(
    db,
    `SELECT ${sessionColumns} FROM pack_sessions WHERE id IN (SELECT MAX(id) FROM pack_sessions WHERE batch_session_id = ? GROUP BY idpicklist)`,
  ).all(batchSessionId) as PackSessionRow[];
  return rows.map(toRecord);
}

export function markPackSessionLeft(db: Database, id: number, now: string): void {
  statement(db, 'UPDATE pack_sessions SET left_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
}

export function touchPackSession(db: Database, id: number, now: string): void {
  statement(db, 'UPDATE pack_sessions SET updated_at = ? WHERE id = ?').run(now, id);
}

/**
 * The one way a pack session changes status (the packer's problem and complete, the outbox's
 * labels_pending, completed and alert, History's abandoned, a reopen). Its rules, written once:
 * the alert is the one given or none; completed_at is the first moment it was completed, kept when
 * a completed session is told so again (a replayed step); updated_at is now. Call it inside the
 * transaction that does the matching work.
 */
export function setPackSessionStatus(
  db: Database,
  id: number,
  status: PackSessionStatus,
  options: { now: string; alert?: string | null },
): void {
  statement(
    db,
    `UPDATE pack_sessions SET status = @status, alert = @alert, updated_at = @now,
       completed_at = CASE WHEN @status = 'completed' THEN COALESCE(completed_at, @now) ELSE completed_at END
     WHERE id = @id`,
  ).run({ status, alert: options.alert ?? null, now: options.now, id });
}

export function setPackSessionShipping(
  db: Database,
  id: number,
  shipping: { idshippingproviderProfile: number | null; idpackaging: number | null; weight: number | null; extraFields: Record<string, string> },
  now: string,
): void {
  statement(
    db,
    'UPDATE pack_sessions SET idshippingprovider_profile = ?, idpackaging = ?, weight = ?, shipping_extra_fields_json = ?, updated_at = ? WHERE id = ?',
  ).run(shipping.idshippingproviderProfile, shipping.idpackaging, shipping.weight, JSON.stringify(shipping.extraFields), now, id);
}

/** The methods Picqer allows for the picklist, read when the packer opened the choice, with the choice they leave. */
export function setPackSessionWeightOverride(db: Database, id: number, override: WeightOverride): void {
  statement(
    db,
    `UPDATE pack_sessions SET weight_override_weight = ?, weight_override_reason = ?, weight_override_iduser = ?, weight_override_name = ?,
       weight_override_at = ?, updated_at = ? WHERE id = ?`,
  ).run(override.weight, override.reason, override.by?.iduser ?? null, override.by?.name ?? null, override.at, override.at, id);
}

export function setPackSessionMethods(
  db: Database,
  id: number,
  methods: { idshippingproviderProfile: number | null; profiles: StoredProfile[]; methodsReadAt: string },
  now: string,
): void {
  statement(
    db,
    `UPDATE pack_sessions SET idshippingprovider_profile = ?, shipping_profiles_json = ?, shipping_methods_read_at = ?, updated_at = ?
     WHERE id = ? AND status = 'open'`,
  ).run(methods.idshippingproviderProfile, JSON.stringify(methods.profiles), methods.methodsReadAt, now, id);
}

/**
 * Parcels of this station that had to wait for their labels (a change of their picklist since the
 * session began was sent more than once: offline, Picqer busy, an unknown outcome) and got them
 * since `since`, newest first.
 */
export function labelledAfterWaiting(db: Database, since: string, limit: number): Array<{ idpicklist: number; picklistid: string; at: string }> {
  return statement(
    db,
    `SELECT ps.idpicklist AS idpicklist,
            COALESCE(${picklistidOfSql('ps.idpicklist')}, CAST(ps.idpicklist AS TEXT)) AS picklistid,
            ps.completed_at AS at
     FROM pack_sessions ps
     WHERE ps.status = 'completed' AND ps.completed_at >= ?
       AND EXISTS (SELECT 1 FROM outbox o WHERE o.idpicklist = ps.idpicklist AND o.created_at >= ps.started_at AND o.attempts > 1)
     ORDER BY ps.completed_at DESC, ps.id DESC
     LIMIT ?`,
  ).all(since, limit) as Array<{ idpicklist: number; picklistid: string; at: string }>;
}

/**
 * Parcels handed to the outbox that have no shipment yet, and whether a change of their picklist
 * already had to be sent again (they are waiting for Picqer, not just being sent).
 */
export function parcelsWithoutShipment(db: Database): Array<{ packSessionId: number; idpicklist: number; hasRetried: boolean }> {
  const rows = statement(
    db,
    `SELECT ps.id AS packSessionId, ps.idpicklist AS idpicklist,
            EXISTS (SELECT 1 FROM outbox o WHERE o.idpicklist = ps.idpicklist AND o.status IN ('pending', 'unknown') AND o.attempts > 0) AS hasRetried
     FROM pack_sessions ps
     WHERE ps.status = 'completing' AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.pack_session_id = ps.id)
     ORDER BY ps.id`,
  ).all() as Array<{ packSessionId: number; idpicklist: number; hasRetried: number }>;
  return rows.map((r) => ({ packSessionId: r.packSessionId, idpicklist: r.idpicklist, hasRetried: r.hasRetried === 1 }));
}

/** Parcels completed at this station whose shipment or labels have not come back yet. */
export function labelsPendingSessions(db: Database): Array<{ idpicklist: number; picklistid: string }> {
  return statement(
    db,
    `SELECT ps.idpicklist AS idpicklist,
            COALESCE(${picklistidOfSql('ps.idpicklist')}, CAST(ps.idpicklist AS TEXT)) AS picklistid
     FROM pack_sessions ps
     WHERE ps.status IN ('completing', 'labels_pending')
     ORDER BY ps.id`,
  ).all() as Array<{ idpicklist: number; picklistid: string }>;
}

export function packSessionStatus(db: Database, id: number): string | null {
  const row = statement(db, 'SELECT status FROM pack_sessions WHERE id = ?').get(id) as { status: string } | undefined;
  return row?.status ?? null;
}

/** A pack session's alert as stored (a reason as JSON, or an older build's sentence); null when none. */
export function packSessionAlert(db: Database, id: number): string | null {
  const row = statement(db, 'SELECT alert FROM pack_sessions WHERE id = ?').get(id) as { alert: string | null } | undefined;
  return row?.alert ?? null;
}

/** A completed one-box parcel with a given weight that held one product, and how many units of it. */
export interface SingleProductParcel {
  packSessionId: number;
  idproduct: number;
  units: number;
  weight: number;
}

/**
 * The material of the measured unit weights (issue 18): parcels the packer completed in one box
 * since `since`, with a weight the packer typed or a scale gave (null is "from the lines", not a
 * measurement), whose verified units (counting scan events not undone) are all of one product.
 */
export function singleProductParcels(db: Database, since: string): SingleProductParcel[] {
  const rows = statement(
    db,
    `SELECT ps.id AS pack_session_id, ps.weight, MIN(e.idproduct) AS idproduct, SUM(e.quantity) AS units
     FROM pack_sessions ps JOIN scan_events e ON e.pack_session_id = ps.id
     WHERE ps.status IN ('completing', 'labels_pending', 'completed') AND ps.weight > 0 AND ps.started_at >= ?
       AND NOT EXISTS (SELECT 1 FROM pack_session_boxes b WHERE b.pack_session_id = ps.id)
       AND e.undone_at IS NULL AND e.idpicklist_product IS NOT NULL AND e.outcome IN ${countingOutcomesSql}
     GROUP BY ps.id
     HAVING COUNT(DISTINCT e.idproduct) = 1 AND COUNT(e.idproduct) = COUNT(*) AND SUM(e.quantity) > 0
     ORDER BY ps.id`,
  ).all(since) as Array<{ pack_session_id: number; weight: number; idproduct: number; units: number }>;
  return rows.map((r) => ({ packSessionId: r.pack_session_id, idproduct: r.idproduct, units: r.units, weight: r.weight }));
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

/** Which of these picklists this station is packing right now (an unfinished pack session). */
export function picklistsInActivePackSession(db: Database, idpicklists: number[]): number[] {
  const rows = statement(
    db,
    `SELECT DISTINCT idpicklist FROM pack_sessions
     WHERE status IN ('open', 'completing', 'labels_pending') AND idpicklist IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(idpicklists)) as Array<{ idpicklist: number }>;
  return rows.map((r) => r.idpicklist);
}
