import type { Database } from 'better-sqlite3';
import { scanText } from '../../../../shared/barcode';
import type { PicklistStatus, QueueItem, Tag } from '../../../../shared/domain';
import { parseReference, webshopLabel } from '../../../../shared/reference';
import type { PicqerPickingContainer, PicqerPicklist } from '../../../../shared/picqer-types';
import { foldForSearch } from '../fold';
import { bool, rawJson, removeMissing, statement } from '../statements';
import { displayName } from './users';
import { upsertTag } from './tags';

/*
 * The cached picklists with their lines and tags (picklist_lines, picklist_tags) and the picking
 * containers, as sync writes them and the queue, the scan router, the pack screen, the documents
 * and the outbox read them. A read that returns picklists lives here even when it joins the
 * order, the assignee or the tags to show them (the queue, a scan naming a picklist).
 */

/** Picklist statuses that keep a picklist in the packer's queue. */
export const openStatuses = ['new', 'paused', 'snoozed'] as const;
/** `status IN ${openStatusesSql}`: the open statuses, spelled once. */
const openStatusesSql = `(${openStatuses.map((s) => `'${s}'`).join(', ')})`;

/**
 * The picklistid (P2026-...) of an idpicklist, as SQL: the cached picklist's, or, once a closed
 * picklist has left the cache, the one its newest shipment kept. `idpicklist` is an SQL expression
 * (a column such as `ps.idpicklist`, or a parameter such as `@idpicklist`).
 */
export function picklistidOfSql(idpicklist: string): string {
  return `COALESCE((SELECT pl.picklistid FROM picklists pl WHERE pl.idpicklist = ${idpicklist}),
    (SELECT sh.picklistid FROM shipments sh WHERE sh.idpicklist = ${idpicklist} AND sh.picklistid IS NOT NULL ORDER BY sh.id DESC LIMIT 1))`;
}

/** The picklistid of an idpicklist (see picklistidOfSql); null when this station never had it. */
export function picklistidOf(db: Database, idpicklist: number | null): string | null {
  if (idpicklist === null) return null;
  const row = statement(db, `SELECT ${picklistidOfSql('@idpicklist')} AS picklistid`).get({ idpicklist }) as { picklistid: string | null };
  return row.picklistid;
}

/*
 * A fingerprint of what the queue shows of a picklist (or its order). Comparing it before and after
 * an upsert tells sync which queue rows really changed, so the renderer is told about those only.
 */
function picklistFingerprint(p: PicqerPicklist): string {
  return JSON.stringify([
    p.picklistid,
    p.idorder,
    p.idwarehouse,
    p.status,
    p.paused_reason,
    p.urgent,
    p.preferred_delivery_date,
    p.assigned_to_iduser,
    p.deliveryname,
    p.reference,
    p.created,
    p.tags.map((t) => [t.idtag, t.title, t.color, t.textColor]),
    p.products.map((l) => [l.idpicklist_product, l.amount, l.partof_idpicklist_product]),
  ]);
}

/**
 * Upserts one page of picklists with their lines and tags in one transaction and returns the
 * idpicklists whose queue row changed (new, or different in anything the queue shows).
 */
export function upsertPicklists(db: Database, picklists: PicqerPicklist[], syncedAt: string): number[] {
  const current = statement(db, 'SELECT queue_fingerprint FROM picklists WHERE idpicklist = ?');
  const upsert = statement(
    db,
    `INSERT INTO picklists (idpicklist, picklistid, idorder, idwarehouse, idcustomer, idtemplate, idshippingprovider_profile,
       deliveryname, deliverycontact, deliveryaddress, deliveryaddress2, deliveryzipcode, deliverycity, deliveryregion,
       deliverycountry, emailaddress, telephone, reference, shop_reference, assigned_to_iduser, is_urgent,
       preferred_delivery_date, status, paused_reason, snoozed_until, totalproducts, totalpicked, weight, comment_count,
       created, updated, closed_at, queue_fingerprint, raw_json, synced_at)
     VALUES (@idpicklist, @picklistid, @idorder, @idwarehouse, @idcustomer, @idtemplate, @idshippingprovider_profile,
       @deliveryname, @deliverycontact, @deliveryaddress, @deliveryaddress2, @deliveryzipcode, @deliverycity, @deliveryregion,
       @deliverycountry, @emailaddress, @telephone, @reference, @shop_reference, @assigned_to_iduser, @is_urgent,
       @preferred_delivery_date, @status, @paused_reason, @snoozed_until, @totalproducts, @totalpicked, @weight, @comment_count,
       @created, @updated, @closed_at, @queue_fingerprint, @raw_json, @synced_at)
     ON CONFLICT (idpicklist) DO UPDATE SET picklistid = excluded.picklistid, idorder = excluded.idorder,
       idwarehouse = excluded.idwarehouse, idcustomer = excluded.idcustomer, idtemplate = excluded.idtemplate,
       idshippingprovider_profile = excluded.idshippingprovider_profile, deliveryname = excluded.deliveryname,
       deliverycontact = excluded.deliverycontact, deliveryaddress = excluded.deliveryaddress,
       deliveryaddress2 = excluded.deliveryaddress2, deliveryzipcode = excluded.deliveryzipcode,
       deliverycity = excluded.deliverycity, deliveryregion = excluded.deliveryregion, deliverycountry = excluded.deliverycountry,
       emailaddress = excluded.emailaddress, telephone = excluded.telephone, reference = excluded.reference,
       shop_reference = excluded.shop_reference, assigned_to_iduser = excluded.assigned_to_iduser, is_urgent = excluded.is_urgent,
       preferred_delivery_date = excluded.preferred_delivery_date, status = excluded.status, paused_reason = excluded.paused_reason,
       snoozed_until = excluded.snoozed_until, totalproducts = excluded.totalproducts, totalpicked = excluded.totalpicked,
       weight = excluded.weight, comment_count = excluded.comment_count, created = excluded.created, updated = excluded.updated,
       closed_at = excluded.closed_at, queue_fingerprint = excluded.queue_fingerprint, raw_json = excluded.raw_json,
       synced_at = excluded.synced_at`,
  );
  const clearLines = statement(db, 'DELETE FROM picklist_lines WHERE idpicklist = ?');
  const addLine = statement(
    db,
    `INSERT INTO picklist_lines (idpicklist_product, idpicklist, position, idproduct, idorder_product, productcode, name, remarks,
       amount, amount_picked, stocklocation, has_parts, partof_idpicklist_product, pick_locations_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (idpicklist_product) DO UPDATE SET idpicklist = excluded.idpicklist, position = excluded.position,
       idproduct = excluded.idproduct, idorder_product = excluded.idorder_product, productcode = excluded.productcode,
       name = excluded.name, remarks = excluded.remarks, amount = excluded.amount, amount_picked = excluded.amount_picked,
       stocklocation = excluded.stocklocation, has_parts = excluded.has_parts,
       partof_idpicklist_product = excluded.partof_idpicklist_product, pick_locations_json = excluded.pick_locations_json`,
  );
  const clearTags = statement(db, 'DELETE FROM picklist_tags WHERE idpicklist = ?');
  const addTag = statement(db, 'INSERT OR IGNORE INTO picklist_tags (idpicklist, idtag, position) VALUES (?, ?, ?)');

  return db.transaction(() => {
    const changed: number[] = [];
    for (const p of picklists) {
      const fingerprint = picklistFingerprint(p);
      const before = current.get(p.idpicklist) as { queue_fingerprint: string } | undefined;
      if (before?.queue_fingerprint !== fingerprint) changed.push(p.idpicklist);
      upsert.run({
        idpicklist: p.idpicklist,
        picklistid: p.picklistid,
        idorder: p.idorder,
        idwarehouse: p.idwarehouse,
        idcustomer: p.idcustomer,
        idtemplate: p.idtemplate,
        idshippingprovider_profile: p.idshippingprovider_profile,
        deliveryname: p.deliveryname,
        deliverycontact: p.deliverycontact,
        deliveryaddress: p.deliveryaddress,
        deliveryaddress2: p.deliveryaddress2,
        deliveryzipcode: p.deliveryzipcode,
        deliverycity: p.deliverycity,
        deliveryregion: p.deliveryregion,
        deliverycountry: p.deliverycountry,
        emailaddress: p.emailaddress,
        telephone: p.telephone,
        reference: p.reference,
        shop_reference: parseReference(p.reference)?.shopReference ?? null,
        assigned_to_iduser: p.assigned_to_iduser,
        is_urgent: bool(p.urgent),
        preferred_delivery_date: p.preferred_delivery_date,
        status: p.status,
        paused_reason: p.paused_reason,
        snoozed_until: p.snoozed_until,
        totalproducts: p.totalproducts,
        totalpicked: p.totalpicked,
        weight: p.weight,
        comment_count: p.comment_count,
        created: p.created,
        updated: p.updated,
        closed_at: p.closed_at,
        queue_fingerprint: fingerprint,
        raw_json: rawJson(p.raw),
        synced_at: syncedAt,
      });
      clearLines.run(p.idpicklist);
      p.products.forEach((l, position) => {
        addLine.run(
          l.idpicklist_product,
          p.idpicklist,
          position,
          l.idproduct,
          l.idorder_product,
          l.productcode,
          l.name,
          l.remarks,
          l.amount,
          l.amount_picked,
          l.stocklocation,
          bool(l.has_parts),
          l.partof_idpicklist_product,
          JSON.stringify(l.pick_locations),
        );
      });
      clearTags.run(p.idpicklist);
      p.tags.forEach((tag, position) => {
        upsertTag(db, tag, syncedAt);
        addTag.run(p.idpicklist, tag.idtag, position);
      });
    }
    return changed;
  })();
}

/** Replaces the picking containers (Picqer lists them whole, unpaginated). */
export function replacePickingContainers(db: Database, containers: PicqerPickingContainer[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO picking_containers (idpicking_container, name, barcode, idpicklist, raw_json, synced_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (idpicking_container) DO UPDATE SET name = excluded.name, barcode = excluded.barcode, idpicklist = excluded.idpicklist,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const c of containers) upsert.run(c.idpicking_container, c.name, c.barcode, c.idpicklist, JSON.stringify(c), syncedAt);
    removeMissing(db, 'picking_containers', 'idpicking_container', containers.map((c) => c.idpicking_container));
  })();
}

/** Orders behind this warehouse's open picklists that are not cached yet, lowest first. */
export function missingOrderIds(db: Database, idwarehouse: number): number[] {
  const rows = statement(
    db,
    `SELECT DISTINCT p.idorder FROM picklists p LEFT JOIN orders o ON o.idorder = p.idorder
     WHERE p.idwarehouse = ? AND p.status IN ${openStatusesSql} AND p.idorder IS NOT NULL AND o.idorder IS NULL
     ORDER BY p.idorder`,
  ).all(idwarehouse) as Array<{ idorder: number }>;
  return rows.map((r) => r.idorder);
}

/** The highest idpicklist cached for the warehouse: the `sinceid` cursor's fallback. */
export function maxIdpicklist(db: Database, idwarehouse: number): number | null {
  const row = statement(db, 'SELECT MAX(idpicklist) AS id FROM picklists WHERE idwarehouse = ?').get(idwarehouse) as { id: number | null };
  return row.id;
}

export function hasPicklist(db: Database, idpicklist: number): boolean {
  return statement(db, 'SELECT 1 FROM picklists WHERE idpicklist = ?').get(idpicklist) !== undefined;
}

/** Open picklists of the warehouse that a full listing of the open set did not contain. */
export function vanishedOpenPicklists(db: Database, idwarehouse: number, listed: Iterable<number>): number[] {
  const rows = statement(
    db,
    `SELECT idpicklist FROM picklists
     WHERE idwarehouse = ? AND status IN ${openStatusesSql} AND idpicklist NOT IN (SELECT value FROM json_each(?))`,
  ).all(idwarehouse, JSON.stringify([...listed])) as Array<{ idpicklist: number }>;
  return rows.map((r) => r.idpicklist);
}

/**
 * Drops picklists from the cache (lines and tags cascade) and the orders no picklist needs
 * any more, in one transaction.
 */
export function removePicklists(db: Database, idpicklists: number[]): void {
  if (idpicklists.length === 0) return;
  db.transaction(() => {
    statement(db, 'DELETE FROM picklists WHERE idpicklist IN (SELECT value FROM json_each(?))').run(JSON.stringify(idpicklists));
    statement(
      db,
      'DELETE FROM orders WHERE NOT EXISTS (SELECT 1 FROM picklists p WHERE p.idorder = orders.idorder)',
    ).run();
  })();
}

/* The cached picklist, read whole for the pack screen. */

interface PackPicklistRow {
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

export function getPackPicklist(db: Database, idpicklist: number): PackPicklist | null {
  const row = statement(
    db,
    `SELECT p.idpicklist, p.picklistid, p.idwarehouse, p.idorder, p.idshippingprovider_profile, p.status, p.paused_reason,
       p.snoozed_until, p.assigned_to_iduser, u.firstname, u.lastname, u.username, p.is_urgent, p.deliveryname,
       p.deliverycontact, p.deliverycountry, p.reference,
       (EXISTS (SELECT 1 FROM shipments s WHERE s.idpicklist = p.idpicklist AND s.status = 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.idpicklist = p.idpicklist AND s.status <> 'cancelled')) AS is_shipment_cancelled
     FROM picklists p LEFT JOIN users u ON u.iduser = p.assigned_to_iduser WHERE p.idpicklist = ?`,
  ).get(idpicklist) as PackPicklistRow | undefined;
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

/**
 * Shows the picklist as assigned to the packer before Picqer confirms it (the assign is in the
 * outbox): the queue says so at once and a resume does not assign twice. Sync overwrites it
 * with what Picqer has.
 */
export function setLocalAssignee(db: Database, idpicklist: number, iduser: number): void {
  statement(db, 'UPDATE picklists SET assigned_to_iduser = ? WHERE idpicklist = ?').run(iduser, idpicklist);
}

/** The cached picklist's number and customer, to keep with its shipment. */
export function picklistHeader(db: Database, idpicklist: number): { picklistid: string; customer: string | null } | null {
  return (
    (statement(db, 'SELECT picklistid, deliveryname AS customer FROM picklists WHERE idpicklist = ?').get(idpicklist) as
      | { picklistid: string; customer: string | null }
      | undefined) ?? null
  );
}

export interface PicklistLine {
  idpicklistProduct: number;
  productcode: string;
  name: string;
  amount: number;
  remarks: string | null;
  /** The composition line this line is a part of, if any. */
  partof: number | null;
}

/** The cached lines of a picklist, in Picqer's order. */
export function picklistLines(db: Database, idpicklist: number): PicklistLine[] {
  const rows = statement(
    db,
    `SELECT idpicklist_product, productcode, name, amount, remarks, partof_idpicklist_product AS partof
     FROM picklist_lines WHERE idpicklist = ? ORDER BY position, idpicklist_product`,
  ).all(idpicklist) as Array<{ idpicklist_product: number; productcode: string; name: string; amount: number; remarks: string | null; partof: number | null }>;
  return rows.map((r) => ({ idpicklistProduct: r.idpicklist_product, productcode: r.productcode, name: r.name, amount: r.amount, remarks: r.remarks, partof: r.partof }));
}

/** What a packing slip prints of the cached picklist: its number, order and delivery address. */
export interface SlipPicklist {
  picklistid: string;
  idorder: number | null;
  reference: string | null;
  deliveryname: string | null;
  deliverycontact: string | null;
  deliveryaddress: string | null;
  deliveryaddress2: string | null;
  deliveryzipcode: string | null;
  deliverycity: string | null;
  deliveryregion: string | null;
  deliverycountry: string | null;
}

export function getSlipPicklist(db: Database, idpicklist: number): SlipPicklist | null {
  return (
    (statement(
      db,
      `SELECT picklistid, idorder, reference, deliveryname, deliverycontact, deliveryaddress, deliveryaddress2, deliveryzipcode,
         deliverycity, deliveryregion, deliverycountry FROM picklists WHERE idpicklist = ?`,
    ).get(idpicklist) as SlipPicklist | undefined) ?? null
  );
}

/** The name of the warehouse the cached picklist belongs to. */
export function warehouseNameOfPicklist(db: Database, idpicklist: number): string | null {
  const row = statement(db, 'SELECT w.name FROM picklists p JOIN warehouses w ON w.idwarehouse = p.idwarehouse WHERE p.idpicklist = ?').get(idpicklist) as
    | { name: string }
    | undefined;
  return row?.name ?? null;
}

/** How many cached picklists of the warehouse are in each open status. */
export function openPicklistCounts(db: Database, idwarehouse: number): Record<(typeof openStatuses)[number], number> {
  const rows = statement(db, `SELECT status, COUNT(*) AS n FROM picklists WHERE idwarehouse = ? AND status IN ${openStatusesSql} GROUP BY status`).all(
    idwarehouse,
  ) as Array<{ status: string; n: number }>;
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { new: count('new'), paused: count('paused'), snoozed: count('snoozed') };
}

export function picklistProductIds(db: Database, idpicklist: number): Set<number> {
  const rows = statement(db, 'SELECT DISTINCT idproduct FROM picklist_lines WHERE idpicklist = ?').all(idpicklist) as Array<{ idproduct: number }>;
  return new Set(rows.map((r) => r.idproduct));
}

/* The packer's queue, and the picklists a scan names. */

interface QueueRow {
  idpicklist: number;
  picklistid: string;
  idorder: number | null;
  orderid: string | null;
  customer: string;
  reference: string | null;
  webshop_prefix: string | null;
  line_count: number;
  units: number;
  is_urgent: number;
  preferred_delivery_date: string | null;
  idshippingprovider_profile: number | null;
  carrier: string | null;
  assigned_to_iduser: number | null;
  firstname: string | null;
  lastname: string | null;
  username: string | null;
  status: PicklistStatus;
  paused_reason: string | null;
  created: string | null;
}

interface TagRow {
  idpicklist: number;
  idtag: number;
  title: string;
  color: string | null;
  text_color: string | null;
}

/*
 * Composition child lines (partof_idpicklist_product set) are the parts of a parent line; the
 * queue counts what the customer ordered, so only lines that are not a part count.
 * Search folds case and diacritics on both sides (pd_fold is registered by openDatabase).
 */
const queueSql = `
SELECT p.idpicklist, p.picklistid, p.idorder, o.orderid,
  COALESCE(NULLIF(p.deliveryname, ''), NULLIF(o.deliveryname, ''), NULLIF(o.invoicename, ''), NULLIF(p.deliverycontact, ''), '') AS customer,
  COALESCE(p.reference, o.reference) AS reference, o.webshop_prefix,
  (SELECT COUNT(*) FROM picklist_lines l WHERE l.idpicklist = p.idpicklist AND l.partof_idpicklist_product IS NULL) AS line_count,
  (SELECT COALESCE(SUM(l.amount), 0) FROM picklist_lines l WHERE l.idpicklist = p.idpicklist AND l.partof_idpicklist_product IS NULL) AS units,
  p.is_urgent, p.preferred_delivery_date, p.idshippingprovider_profile, pr.name AS carrier,
  p.assigned_to_iduser, u.firstname, u.lastname, u.username,
  p.status, p.paused_reason, p.created
FROM picklists p
LEFT JOIN orders o ON o.idorder = p.idorder
LEFT JOIN users u ON u.iduser = p.assigned_to_iduser
LEFT JOIN shipping_profiles sp ON sp.idshippingprovider_profile = p.idshippingprovider_profile
LEFT JOIN shipping_providers pr ON pr.idshippingprovider = sp.idshippingprovider
WHERE p.idwarehouse = @idwarehouse AND p.status IN ${openStatusesSql}
  AND (@search IS NULL
    OR instr(pd_fold(p.picklistid), @search) > 0
    OR instr(CAST(p.idpicklist AS TEXT), @search) > 0
    OR instr(pd_fold(COALESCE(o.orderid, '')), @search) > 0
    OR instr(pd_fold(COALESCE(p.reference, '')), @search) > 0
    OR instr(pd_fold(COALESCE(o.reference, '')), @search) > 0
    OR instr(pd_fold(COALESCE(p.deliveryname, '')), @search) > 0
    OR instr(pd_fold(COALESCE(p.deliverycontact, '')), @search) > 0
    OR instr(pd_fold(COALESCE(o.deliveryname, '')), @search) > 0
    OR instr(pd_fold(COALESCE(o.invoicename, '')), @search) > 0)
ORDER BY p.is_urgent DESC, p.preferred_delivery_date IS NULL, p.preferred_delivery_date, p.created IS NULL, p.created, p.idpicklist`;

const queueTagsSql = `
SELECT pt.idpicklist, t.idtag, t.title, t.color, t.text_color
FROM picklists p
JOIN picklist_tags pt ON pt.idpicklist = p.idpicklist
JOIN tags t ON t.idtag = pt.idtag
WHERE p.idwarehouse = ? AND p.status IN ${openStatusesSql}
ORDER BY pt.idpicklist, pt.position`;

/**
 * The packer's queue: open picklists of the warehouse (new, plus paused and snoozed shown with
 * their status), urgent first, then by preferred delivery date, then oldest first. Each carries
 * its carrier and the cut-off set for its shipping profile (`cutOffs`); the screen orders by the
 * next pickup with its own clock (shared/cut-off.ts), since that order changes as the day goes on.
 */
export function listQueue(db: Database, options: { idwarehouse: number; search?: string; cutOffs?: ReadonlyMap<number, string> }): QueueItem[] {
  const term = options.search?.trim() ?? '';
  const rows = statement(db, queueSql).all({
    idwarehouse: options.idwarehouse,
    search: term.length > 0 ? foldForSearch(term) : null,
  }) as QueueRow[];
  if (rows.length === 0) return [];

  const tagsByPicklist = new Map<number, Tag[]>();
  for (const t of statement(db, queueTagsSql).all(options.idwarehouse) as TagRow[]) {
    const list = tagsByPicklist.get(t.idpicklist) ?? [];
    list.push({ idtag: t.idtag, title: t.title, color: t.color, textColor: t.text_color });
    tagsByPicklist.set(t.idpicklist, list);
  }

  return rows.map((r) => ({
    idpicklist: r.idpicklist,
    picklistid: r.picklistid,
    idorder: r.idorder,
    orderid: r.orderid,
    customer: r.customer,
    reference: r.reference,
    webshop: webshopLabel(r.webshop_prefix ?? parseReference(r.reference)?.prefix),
    lineCount: r.line_count,
    units: r.units,
    tags: tagsByPicklist.get(r.idpicklist) ?? [],
    isUrgent: r.is_urgent === 1,
    preferredDeliveryDate: r.preferred_delivery_date,
    idshippingproviderProfile: r.idshippingprovider_profile,
    carrier: r.carrier,
    cutOff: r.idshippingprovider_profile === null ? null : (options.cutOffs?.get(r.idshippingprovider_profile) ?? null),
    assignedTo:
      r.assigned_to_iduser === null
        ? null
        : { iduser: r.assigned_to_iduser, name: r.username === null && r.firstname === null ? `#${r.assigned_to_iduser}` : displayName(r) },
    status: r.status,
    pausedReason: r.paused_reason,
    created: r.created,
  }));
}

export type ScanMatchKind = 'picklistid' | 'idpicklist' | 'orderid' | 'reference' | 'shop_reference' | 'picking_container';

export interface PicklistScanMatch {
  idpicklist: number;
  picklistid: string;
  idwarehouse: number;
  idorder: number | null;
  status: PicklistStatus;
  pausedReason: string | null;
  matchedBy: ScanMatchKind;
}

interface MatchRow {
  idpicklist: number;
  picklistid: string;
  idwarehouse: number;
  idorder: number | null;
  status: PicklistStatus;
  paused_reason: string | null;
  matched_by: ScanMatchKind;
  rank: number;
}

/*
 * One statement over every way a packer can name a picklist; each branch is an indexed equality
 * (the columns are COLLATE NOCASE). The rank keeps the most specific match first.
 */
const scanSql = `
SELECT p.idpicklist, p.picklistid, p.idwarehouse, p.idorder, p.status, p.paused_reason, m.matched_by, m.rank
FROM (
  SELECT idpicklist, 'picklistid' AS matched_by, 1 AS rank FROM picklists WHERE picklistid = @code
  UNION ALL SELECT idpicklist, 'idpicklist', 2 FROM picklists WHERE idpicklist = @id
  UNION ALL SELECT idpicklist, 'picking_container', 3 FROM picking_containers WHERE (name = @code OR barcode = @code) AND idpicklist IS NOT NULL
  UNION ALL SELECT p.idpicklist, 'orderid', 4 FROM orders o JOIN picklists p ON p.idorder = o.idorder WHERE o.orderid = @code
  UNION ALL SELECT idpicklist, 'reference', 5 FROM picklists WHERE reference = @code
  UNION ALL SELECT p.idpicklist, 'reference', 5 FROM orders o JOIN picklists p ON p.idorder = o.idorder WHERE o.reference = @code
  UNION ALL SELECT idpicklist, 'shop_reference', 6 FROM picklists WHERE shop_reference = @shop
  UNION ALL SELECT p.idpicklist, 'shop_reference', 6 FROM orders o JOIN picklists p ON p.idorder = o.idorder WHERE o.shop_reference = @shop
) m
JOIN picklists p ON p.idpicklist = m.idpicklist
ORDER BY m.rank, CASE p.status WHEN 'new' THEN 0 WHEN 'paused' THEN 1 WHEN 'snoozed' THEN 1 ELSE 2 END, p.idpicklist DESC`;

/**
 * The picklists a scan can open: by picklistid, idpicklist, order number, full reference
 * (`PS #73 / ITQRFWVHT`), bare shop reference (`ITQRFWVHT`) or picking container name. Every
 * status is returned; refusing a closed or paused one (with its reason) is the pack loop's call.
 */
export function findPicklistsByScan(db: Database, code: string): PicklistScanMatch[] {
  const text = scanText(code);
  if (text.length === 0) return [];
  const shop = parseReference(text)?.shopReference ?? text;
  const rows = statement(db, scanSql).all({
    code: text,
    id: /^\d{1,15}$/.test(text) ? Number(text) : null,
    shop,
  }) as MatchRow[];
  const seen = new Set<number>();
  const out: PicklistScanMatch[] = [];
  for (const r of rows) {
    if (seen.has(r.idpicklist)) continue;
    seen.add(r.idpicklist);
    out.push({
      idpicklist: r.idpicklist,
      picklistid: r.picklistid,
      idwarehouse: r.idwarehouse,
      idorder: r.idorder,
      status: r.status,
      pausedReason: r.paused_reason,
      matchedBy: r.matched_by,
    });
  }
  return out;
}

/** What names a picklist's webshop: its order's connector prefix and its reference (the queue's notion). */
export function picklistShop(db: Database, idpicklist: number): { idorder: number | null; reference: string | null; webshopPrefix: string | null } | null {
  const row = statement(
    db,
    `SELECT p.idorder, COALESCE(p.reference, o.reference) AS reference, o.webshop_prefix
     FROM picklists p LEFT JOIN orders o ON o.idorder = p.idorder WHERE p.idpicklist = ?`,
  ).get(idpicklist) as { idorder: number | null; reference: string | null; webshop_prefix: string | null } | undefined;
  return row ? { idorder: row.idorder, reference: row.reference, webshopPrefix: row.webshop_prefix } : null;
}
