import type { Database } from 'better-sqlite3';
import type { PicqerShipment } from '../../../../shared/picqer-types';
import { rawJson, statement } from '../statements';

/** One label document of one parcel, as kept for downloading (and downloading again). */
export interface LabelDocument {
  parcel: number;
  format: string;
  url: string;
}

export interface ShipmentRow {
  id: number;
  idshipment: number;
  idpicklist: number;
  packSessionId: number | null;
  picklistid: string | null;
  customer: string | null;
  profileName: string | null;
  idshippingproviderProfile: number | null;
  /** The box of the parcel this shipment's first parcel is (1 unless each box was shipped alone). */
  firstBox: number;
  /** Parcels Picqer made in this shipment (boxes firstBox..firstBox+parcelCount-1). */
  parcelCount: number;
  /** Each parcel's tracking code, in parcel order (empty for shipments recorded before boxes). */
  parcelTracking: Array<string | null>;
  status: 'pending' | 'created' | 'cancelled' | 'failed';
  trackingcode: string | null;
  trackingUrl: string | null;
  labelUrl: string | null;
  labelFormat: string | null;
  documentsJson: string | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelledByIduser: number | null;
  cancelledByName: string | null;
  cancelReason: string | null;
}

/** A shipment as SQLite returns it. */
interface ShipmentRecord {
  id: number;
  idshipment: number;
  idpicklist: number;
  pack_session_id: number | null;
  picklistid: string | null;
  customer: string | null;
  profile_name: string | null;
  idshippingprovider_profile: number | null;
  first_box: number | null;
  parcel_count: number | null;
  parcel_tracking_json: string | null;
  status: 'pending' | 'created' | 'cancelled' | 'failed';
  trackingcode: string | null;
  tracking_url: string | null;
  label_url: string | null;
  label_format: string | null;
  documents_json: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by_iduser: number | null;
  cancelled_by_name: string | null;
  cancel_reason: string | null;
}

function toShipmentRow(r: ShipmentRecord): ShipmentRow {
  return {
    id: r.id,
    idshipment: r.idshipment,
    idpicklist: r.idpicklist,
    packSessionId: r.pack_session_id,
    picklistid: r.picklistid,
    customer: r.customer,
    profileName: r.profile_name,
    idshippingproviderProfile: r.idshippingprovider_profile,
    firstBox: r.first_box ?? 1,
    parcelCount: r.parcel_count ?? 1,
    parcelTracking: r.parcel_tracking_json ? (JSON.parse(r.parcel_tracking_json) as Array<string | null>) : [],
    status: r.status,
    trackingcode: r.trackingcode,
    trackingUrl: r.tracking_url,
    labelUrl: r.label_url,
    labelFormat: r.label_format,
    documentsJson: r.documents_json,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
    cancelledByIduser: r.cancelled_by_iduser,
    cancelledByName: r.cancelled_by_name,
    cancelReason: r.cancel_reason,
  };
}

/** Every label document of every parcel, whichever shape Picqer sent (the client folds them into parcels). */
export function labelDocumentsOf(shipment: PicqerShipment): LabelDocument[] {
  return shipment.parcels.flatMap((parcel, index) =>
    parcel.documents.filter((d) => d.type === 'label').map((d) => ({ parcel: index + 1, format: d.format.toLowerCase(), url: d.url })),
  );
}

export interface SaveShipmentInput {
  shipment: PicqerShipment;
  idpicklist: number;
  packSessionId: number | null;
  picklistid: string | null;
  customer: string | null;
  idshippingproviderProfile: number | null;
  createdAt: string;
  /** The parcel's box its first parcel is, when each box of a parcel is shipped alone; absent: box 1. */
  firstBox?: number;
}

/**
 * Records the shipment Picqer made. Keyed on idshipment, so settling an unknown outcome that finds
 * the same shipment again updates the one row instead of adding a second.
 */
export function saveShipment(db: Database, input: SaveShipmentInput): number {
  const { shipment } = input;
  const documents = labelDocumentsOf(shipment);
  const first = documents.find((d) => d.format === 'pdf') ?? documents[0] ?? null;
  const firstParcel = shipment.parcels[0];
  statement(
    db,
    `INSERT INTO shipments (idshipment, idpicklist, pack_session_id, idshippingprovider_profile, idpackaging, weight, status,
       trackingcode, tracking_url, label_url, label_format, created_at, raw_json, picklistid, customer, profile_name, documents_json, first_box, parcel_count, parcel_tracking_json)
     VALUES (@idshipment, @idpicklist, @pack_session_id, @profile, @idpackaging, @weight, @status, @trackingcode, @tracking_url,
       @label_url, @label_format, @created_at, @raw_json, @picklistid, @customer, @profile_name, @documents_json, @first_box, @parcel_count, @parcel_tracking_json)
     ON CONFLICT (idshipment) DO UPDATE SET status = excluded.status, trackingcode = excluded.trackingcode,
       tracking_url = excluded.tracking_url, label_url = excluded.label_url, label_format = excluded.label_format,
       raw_json = excluded.raw_json, profile_name = excluded.profile_name, documents_json = excluded.documents_json,
       pack_session_id = COALESCE(shipments.pack_session_id, excluded.pack_session_id),
       first_box = COALESCE(shipments.first_box, excluded.first_box), parcel_count = excluded.parcel_count,
       parcel_tracking_json = excluded.parcel_tracking_json`,
  ).run({
    idshipment: shipment.idshipment,
    idpicklist: input.idpicklist,
    pack_session_id: input.packSessionId,
    profile: shipment.idshippingprovider_profile ?? input.idshippingproviderProfile,
    idpackaging: shipment.idpackaging,
    weight: shipment.weight,
    status: shipment.cancelled ? 'cancelled' : 'created',
    trackingcode: shipment.trackingcode ?? firstParcel?.tracking_code ?? null,
    tracking_url: shipment.tracktraceurl ?? firstParcel?.tracking_url ?? null,
    label_url: first?.url ?? null,
    label_format: first?.format ?? null,
    created_at: input.createdAt,
    raw_json: rawJson(shipment.raw),
    picklistid: input.picklistid,
    customer: input.customer,
    profile_name: shipment.profile_name ?? shipment.providername,
    documents_json: JSON.stringify(documents),
    first_box: input.firstBox ?? null,
    parcel_count: Math.max(1, shipment.parcels.length),
    parcel_tracking_json: JSON.stringify(shipment.parcels.map((p, i) => p.tracking_code ?? (i === 0 ? shipment.trackingcode : null))),
  });
  const row = statement(db, 'SELECT id FROM shipments WHERE idshipment = ?').get(shipment.idshipment) as { id: number };
  return row.id;
}

export function shipmentDocuments(row: Pick<ShipmentRow, 'documentsJson'>): LabelDocument[] {
  if (!row.documentsJson) return [];
  return JSON.parse(row.documentsJson) as LabelDocument[];
}

export function shipmentOfSession(db: Database, packSessionId: number): ShipmentRow | null {
  const row = statement(db, "SELECT * FROM shipments WHERE pack_session_id = ? AND status = 'created' ORDER BY id DESC LIMIT 1").get(packSessionId) as ShipmentRecord | undefined;
  return row ? toShipmentRow(row) : null;
}

/** Every standing shipment of a parcel, in box order: one, or one per box where each box was shipped alone. */
export function shipmentsOfSession(db: Database, packSessionId: number): ShipmentRow[] {
  const rows = statement(
    db,
    "SELECT * FROM shipments WHERE pack_session_id = ? AND status = 'created' ORDER BY COALESCE(first_box, 1), id",
  ).all(packSessionId) as ShipmentRecord[];
  return rows.map(toShipmentRow);
}

/** How many boxes of a parcel its standing shipments hold: the boxes already shipped, counted from box 1. */
export function boxesShipped(db: Database, packSessionId: number): number {
  let shipped = 0;
  for (const row of shipmentsOfSession(db, packSessionId)) shipped = Math.max(shipped, row.firstBox + row.parcelCount - 1);
  return shipped;
}

/** The picklist's shipment that still stands (the newest, should there ever be more). */
export function currentShipmentOfPicklist(db: Database, idpicklist: number): ShipmentRow | null {
  const row = statement(db, "SELECT * FROM shipments WHERE idpicklist = ? AND status = 'created' ORDER BY id DESC LIMIT 1").get(idpicklist) as ShipmentRecord | undefined;
  return row ? toShipmentRow(row) : null;
}

/** Shipments this station already holds for other sessions of the picklist: never adopted twice. */
export function shipmentIdsOfPicklist(db: Database, idpicklist: number): Set<number> {
  const rows = statement(db, 'SELECT idshipment FROM shipments WHERE idpicklist = ?').all(idpicklist) as Array<{ idshipment: number }>;
  return new Set(rows.map((r) => r.idshipment));
}

/** Cancelled at this station by `by`, the packer signed in, for `reason`: kept for the shift lead. */
export function markShipmentCancelled(db: Database, id: number, now: string, by: { iduser: number; name: string }, reason: string | null = null): void {
  statement(
    db,
    "UPDATE shipments SET status = 'cancelled', cancelled_at = ?, cancelled_by_iduser = ?, cancelled_by_name = ?, cancel_reason = ? WHERE id = ?",
  ).run(now, by.iduser, by.name, reason, id);
}

/** A shipment made on `day` (local), with what History shows of it. */
export interface ShipmentHistoryRow extends ShipmentRow {
  sessionStatus: string | null;
  iduser: number | null;
  stationName: string | null;
  completedAt: string | null;
}

export function shipmentsCreatedBetween(db: Database, fromIso: string, toIso: string): ShipmentHistoryRow[] {
  const rows = statement(
    db,
    `SELECT s.*, ps.status AS session_status, ps.iduser AS iduser, ps.station_name AS station_name, ps.completed_at AS completed_at
     FROM shipments s LEFT JOIN pack_sessions ps ON ps.id = s.pack_session_id
     WHERE s.created_at >= ? AND s.created_at < ?
     ORDER BY s.created_at DESC, s.id DESC`,
  ).all(fromIso, toIso) as Array<
    ShipmentRecord & { session_status: string | null; iduser: number | null; station_name: string | null; completed_at: string | null }
  >;
  return rows.map((r) => ({
    ...toShipmentRow(r),
    sessionStatus: r.session_status,
    iduser: r.iduser,
    stationName: r.station_name,
    completedAt: r.completed_at,
  }));
}
