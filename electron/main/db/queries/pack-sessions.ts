import type { Database } from 'better-sqlite3';
import type { PicklistStatus, Tag } from '../../../../shared/domain';
import type { ShippingExtraField } from '../../../../shared/packing';
import { bool, statement } from '../statements';
import { displayName } from './reference-data';

/*
 * The pack loop's rows: pack sessions, their scan events and the cached picklist read as the pack
 * screen needs it. The scan path uses only prepared statements from `statement()`.
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
  };
}

const sessionColumns = `id, idpicklist, iduser, station_name, status, started_at, updated_at, completed_at, left_at, is_online,
  assigned_elsewhere_iduser, assigned_elsewhere_name, idshippingprovider_profile, idpackaging, weight, shipping_profiles_json,
  shipping_extra_fields_json, shipping_methods_read_at, comments_json, alert`;

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

/** The session on this station's screen when the process stopped: open and not left. */
export function currentPackSessionOfStation(db: Database, stationName: string): PackSessionRecord | null {
  const row = statement(
    db,
    `SELECT ${sessionColumns} FROM pack_sessions WHERE station_name = ? AND status = 'open' AND left_at IS NULL
     ORDER BY updated_at DESC, id DESC LIMIT 1`,
  ).get(stationName) as PackSessionRow | undefined;
  return row ? toRecord(row) : null;
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
}

export function insertPackSession(db: Database, session: NewPackSession): number {
  const result = statement(
    db,
    `INSERT INTO pack_sessions (idpicklist, iduser, station_name, status, started_at, updated_at, is_online,
       assigned_elsewhere_iduser, assigned_elsewhere_name, idshippingprovider_profile, shipping_profiles_json, comments_json)
     VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    `UPDATE pack_sessions SET status = 'open', iduser = ?, left_at = NULL, alert = NULL, is_online = ?,
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
}

export function markPackSessionLeft(db: Database, id: number, now: string): void {
  statement(db, 'UPDATE pack_sessions SET left_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
}

export function touchPackSession(db: Database, id: number, now: string): void {
  statement(db, 'UPDATE pack_sessions SET updated_at = ? WHERE id = ?').run(now, id);
}

/**
 * Moves a session to another status. The outbox worker uses this too (labels_pending, completed,
 * alert with its sentence); call it inside the transaction that does the matching work.
 */
export function setPackSessionStatus(
  db: Database,
  id: number,
  status: PackSessionStatus,
  options: { now: string; alert?: string | null },
): void {
  statement(
    db,
    `UPDATE pack_sessions SET status = ?, alert = ?, updated_at = ?,
       completed_at = CASE WHEN ? = 'completed' THEN ? ELSE completed_at END
     WHERE id = ?`,
  ).run(status, options.alert ?? null, options.now, status, options.now, id);
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

/** Scan outcomes that add to a line's verified count (unless undone). */
export const countingOutcomes = ['counted', 'line_complete', 'all_verified'] as const;

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

export function insertScanEvent(db: Database, event: NewScanEvent): number {
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
          AND r.undone_at IS NULL AND r.reason IS NOT NULL AND r.outcome IN ('counted', 'line_complete', 'all_verified')
        ORDER BY r.id DESC LIMIT 1) AS manual_reason
     FROM scan_events e
     WHERE pack_session_id = ? AND undone_at IS NULL AND idpicklist_product IS NOT NULL
       AND outcome IN ('counted', 'line_complete', 'all_verified')
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
       AND outcome IN ('counted', 'line_complete', 'all_verified') ORDER BY id DESC LIMIT 1`,
  ).get(packSessionId) as { id: number; batch: number | null } | undefined;
  if (!last) return 0;
  const batch = last.batch ?? last.id;
  return statement(
    db,
    `UPDATE scan_events SET undone_at = ? WHERE pack_session_id = ? AND undone_at IS NULL
       AND outcome IN ('counted', 'line_complete', 'all_verified') AND (id = ? OR batch = ?)`,
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
       AND outcome IN ('counted', 'line_complete', 'all_verified', 'wrong_item', 'too_many', 'unknown_barcode', 'partial_scan', 'ambiguous')
     ORDER BY id DESC LIMIT 1`,
  ).get(packSessionId) as { code: string; quantity: number; outcome: string; idproduct: number | null; scanned_at: string } | undefined;
  return row ? { code: row.code, quantity: row.quantity, outcome: row.outcome, idproduct: row.idproduct, scannedAt: row.scanned_at } : null;
}

export interface ScanEventRow {
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
  return statement(db, 'SELECT * FROM scan_events WHERE pack_session_id = ? ORDER BY id').all(packSessionId) as ScanEventRow[];
}

/* The cached picklist, read whole for the pack screen. */

export interface PackPicklist {
  idpicklist: number;
  picklistid: string;
  idwarehouse: number;
  idorder: number | null;
  idshippingproviderProfile: number | null;
  status: PicklistStatus;
  pausedReason: string | null;
  snoozedUntil: string | null;
  assignedTo: { iduser: number; name: string } | null;
  isUrgent: boolean;
  deliveryname: string | null;
  deliverycontact: string | null;
  deliverycountry: string | null;
  reference: string | null;
  /** Every shipment this station made for it was cancelled (and at least one was made). */
  isShipmentCancelled: boolean;
}

export interface PackOrder {
  idorder: number;
  orderid: string;
  reference: string | null;
  webshopPrefix: string | null;
  deliveryname: string | null;
  invoicename: string | null;
  deliverycountry: string | null;
  customerRemarks: string | null;
  language: string | null;
  status: string;
  pausedReason: string | null;
}

export interface PackLineRow {
  idpicklistProduct: number;
  idproduct: number;
  productcode: string;
  name: string;
  remarks: string | null;
  amount: number;
  stocklocation: string | null;
  hasParts: boolean;
  partof: number | null;
  image: string | null;
  barcode: string | null;
  /** Grams per unit, when the product is cached with a weight. */
  weight: number | null;
}

interface PicklistRow {
  idpicklist: number;
  picklistid: string;
  idwarehouse: number;
  idorder: number | null;
  idshippingprovider_profile: number | null;
  status: PicklistStatus;
  paused_reason: string | null;
  snoozed_until: string | null;
  assigned_to_iduser: number | null;
  firstname: string | null;
  lastname: string | null;
  username: string | null;
  is_urgent: number;
  deliveryname: string | null;
  deliverycontact: string | null;
  deliverycountry: string | null;
  reference: string | null;
  is_shipment_cancelled: number;
}

export function getPackPicklist(db: Database, idpicklist: number): PackPicklist | null {
  const row = statement(
    db,
    `SELECT p.idpicklist, p.picklistid, p.idwarehouse, p.idorder, p.idshippingprovider_profile, p.status, p.paused_reason,
       p.snoozed_until, p.assigned_to_iduser, u.firstname, u.lastname, u.username, p.is_urgent, p.deliveryname,
       p.deliverycontact, p.deliverycountry, p.reference,
       (EXISTS (SELECT 1 FROM shipments s WHERE s.idpicklist = p.idpicklist AND s.status = 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.idpicklist = p.idpicklist AND s.status <> 'cancelled')) AS is_shipment_cancelled
     FROM picklists p LEFT JOIN users u ON u.iduser = p.assigned_to_iduser WHERE p.idpicklist = ?`,
  ).get(idpicklist) as PicklistRow | undefined;
  if (!row) return null;
  return {
    idpicklist: row.idpicklist,
    picklistid: row.picklistid,
    idwarehouse: row.idwarehouse,
    idorder: row.idorder,
    idshippingproviderProfile: row.idshippingprovider_profile,
    status: row.status,
    pausedReason: row.paused_reason,
    snoozedUntil: row.snoozed_until,
    assignedTo:
      row.assigned_to_iduser === null
        ? null
        : {
            iduser: row.assigned_to_iduser,
            name: row.username === null && row.firstname === null ? `#${row.assigned_to_iduser}` : displayName(row),
          },
    isUrgent: row.is_urgent === 1,
    deliveryname: row.deliveryname,
    deliverycontact: row.deliverycontact,
    deliverycountry: row.deliverycountry,
    reference: row.reference,
    isShipmentCancelled: row.is_shipment_cancelled === 1,
  };
}

export function getPackLines(db: Database, idpicklist: number): PackLineRow[] {
  const rows = statement(
    db,
    `SELECT l.idpicklist_product, l.idproduct, l.productcode, l.name, l.remarks, l.amount, l.stocklocation, l.has_parts,
       l.partof_idpicklist_product, p.image_url, p.barcode, p.weight
     FROM picklist_lines l LEFT JOIN products p ON p.idproduct = l.idproduct
     WHERE l.idpicklist = ? ORDER BY l.position`,
  ).all(idpicklist) as Array<{
    idpicklist_product: number;
    idproduct: number;
    productcode: string;
    name: string;
    remarks: string | null;
    amount: number;
    stocklocation: string | null;
    has_parts: number;
    partof_idpicklist_product: number | null;
    image_url: string | null;
    barcode: string | null;
    weight: number | null;
  }>;
  return rows.map((r) => ({
    idpicklistProduct: r.idpicklist_product,
    idproduct: r.idproduct,
    productcode: r.productcode,
    name: r.name,
    remarks: r.remarks,
    amount: r.amount,
    stocklocation: r.stocklocation,
    hasParts: r.has_parts === 1,
    partof: r.partof_idpicklist_product,
    image: r.image_url,
    barcode: r.barcode,
    weight: r.weight,
  }));
}

export function getPackOrder(db: Database, idorder: number): PackOrder | null {
  const row = statement(
    db,
    `SELECT idorder, orderid, reference, webshop_prefix, deliveryname, invoicename, deliverycountry, customer_remarks, language,
       status, paused_reason FROM orders WHERE idorder = ?`,
  ).get(idorder) as
    | {
        idorder: number;
        orderid: string;
        reference: string | null;
        webshop_prefix: string | null;
        deliveryname: string | null;
        invoicename: string | null;
        deliverycountry: string | null;
        customer_remarks: string | null;
        language: string | null;
        status: string;
        paused_reason: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    idorder: row.idorder,
    orderid: row.orderid,
    reference: row.reference,
    webshopPrefix: row.webshop_prefix,
    deliveryname: row.deliveryname,
    invoicename: row.invoicename,
    deliverycountry: row.deliverycountry,
    customerRemarks: row.customer_remarks,
    language: row.language,
    status: row.status,
    pausedReason: row.paused_reason,
  };
}

export function getOrderFields(db: Database, idorder: number): Array<{ title: string; value: string }> {
  const rows = statement(db, 'SELECT title, value FROM order_fields WHERE idorder = ? ORDER BY idorderfield').all(idorder) as Array<{
    title: string;
    value: string | null;
  }>;
  return rows.filter((r) => r.value !== null && r.value.trim() !== '').map((r) => ({ title: r.title, value: r.value ?? '' }));
}

/** The picklist's tags, then its order's (a tag on both is shown once). */
export function getPackTags(db: Database, idpicklist: number, idorder: number | null): Tag[] {
  const rows = statement(
    db,
    `SELECT t.idtag, t.title, t.color, t.text_color FROM (
       SELECT idtag, 0 AS source, position FROM picklist_tags WHERE idpicklist = ?
       UNION ALL SELECT idtag, 1, position FROM order_tags WHERE idorder = ?
     ) x JOIN tags t ON t.idtag = x.idtag ORDER BY x.source, x.position`,
  ).all(idpicklist, idorder) as Array<{ idtag: number; title: string; color: string | null; text_color: string | null }>;
  const seen = new Set<number>();
  const out: Tag[] = [];
  for (const r of rows) {
    if (seen.has(r.idtag)) continue;
    seen.add(r.idtag);
    out.push({ idtag: r.idtag, title: r.title, color: r.color, textColor: r.text_color });
  }
  return out;
}

export interface CachedPackaging {
  idpackaging: number;
  name: string;
}

export function findPackagingByCode(db: Database, code: string): CachedPackaging | null {
  const row = statement(db, 'SELECT idpackaging, name FROM packagings WHERE barcode = ? AND is_active = 1 ORDER BY idpackaging LIMIT 1').get(code) as
    | CachedPackaging
    | undefined;
  return row ?? null;
}

export function getPackaging(db: Database, idpackaging: number): CachedPackaging | null {
  const row = statement(db, 'SELECT idpackaging, name FROM packagings WHERE idpackaging = ?').get(idpackaging) as CachedPackaging | undefined;
  return row ?? null;
}

/** Active cached shipping profiles, the standard ones first: the offline stand-in for shippingmethods. */
export function cachedShippingProfiles(db: Database): Array<{ idshippingprovider_profile: number; name: string; isStandard: boolean }> {
  const rows = statement(
    db,
    `SELECT sp.idshippingprovider_profile, sp.name, sp.is_standard, pr.name AS provider
     FROM shipping_profiles sp JOIN shipping_providers pr ON pr.idshippingprovider = sp.idshippingprovider
     WHERE sp.is_active = 1 AND pr.is_active = 1 ORDER BY sp.is_standard DESC, pr.name, sp.name`,
  ).all() as Array<{ idshippingprovider_profile: number; name: string; is_standard: number; provider: string }>;
  return rows.map((r) => ({ idshippingprovider_profile: r.idshippingprovider_profile, name: r.name, isStandard: r.is_standard === 1 }));
}

export function productName(db: Database, idproduct: number): string | null {
  const row = statement(db, 'SELECT name FROM products WHERE idproduct = ?').get(idproduct) as { name: string } | undefined;
  return row?.name ?? null;
}

/**
 * Shows the picklist as assigned to the packer before Picqer confirms it (the assign is in the
 * outbox): the queue says so at once and a resume does not assign twice. Sync overwrites it
 * with what Picqer has.
 */
export function setLocalAssignee(db: Database, idpicklist: number, iduser: number): void {
  statement(db, 'UPDATE picklists SET assigned_to_iduser = ? WHERE idpicklist = ?').run(iduser, idpicklist);
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
