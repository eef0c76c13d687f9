import type { Database } from 'better-sqlite3';
import { parseReference } from '../../../../shared/reference';
import type { PicqerOrder, PicqerPickingContainer, PicqerPicklist } from '../../picqer/types';
import { bool, rawJson, statement } from '../statements';
import { upsertTag } from './reference-data';

/** Picklist statuses that keep a picklist in the packer's queue. */
export const openStatuses = ['new', 'paused', 'snoozed'] as const;

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

function orderFingerprint(o: PicqerOrder): string {
  return JSON.stringify([o.orderid, o.reference, o.deliveryname, o.invoicename]);
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

/**
 * Upserts one page of orders with their fields and tags in one transaction. Returns the
 * idpicklists whose queue row changed because of it (order number, reference or customer).
 */
export function upsertOrders(db: Database, orders: PicqerOrder[], syncedAt: string): number[] {
  const current = statement(db, 'SELECT queue_fingerprint FROM orders WHERE idorder = ?');
  const upsert = statement(
    db,
    `INSERT INTO orders (idorder, orderid, reference, webshop_prefix, shop_order_id, shop_reference, status, paused_reason,
       customer_remarks, language, idtemplate, preferred_delivery_date, deliveryname, deliverycountry, invoicename,
       deliverycontact, deliveryaddress, deliveryaddress2, deliveryzipcode, deliverycity, deliveryregion, invoicecontact,
       invoiceaddress, invoiceaddress2, invoicezipcode, invoicecity, invoiceregion, invoicecountry,
       emailaddress, telephone, created, updated, queue_fingerprint, raw_json, synced_at)
     VALUES (@idorder, @orderid, @reference, @webshop_prefix, @shop_order_id, @shop_reference, @status, @paused_reason,
       @customer_remarks, @language, @idtemplate, @preferred_delivery_date, @deliveryname, @deliverycountry, @invoicename,
       @deliverycontact, @deliveryaddress, @deliveryaddress2, @deliveryzipcode, @deliverycity, @deliveryregion, @invoicecontact,
       @invoiceaddress, @invoiceaddress2, @invoicezipcode, @invoicecity, @invoiceregion, @invoicecountry,
       @emailaddress, @telephone, @created, @updated, @queue_fingerprint, @raw_json, @synced_at)
     ON CONFLICT (idorder) DO UPDATE SET orderid = excluded.orderid, reference = excluded.reference,
       webshop_prefix = excluded.webshop_prefix, shop_order_id = excluded.shop_order_id, shop_reference = excluded.shop_reference,
       status = excluded.status, paused_reason = excluded.paused_reason, customer_remarks = excluded.customer_remarks,
       language = excluded.language, idtemplate = excluded.idtemplate, preferred_delivery_date = excluded.preferred_delivery_date,
       deliveryname = excluded.deliveryname, deliverycountry = excluded.deliverycountry, invoicename = excluded.invoicename,
       deliverycontact = excluded.deliverycontact, deliveryaddress = excluded.deliveryaddress, deliveryaddress2 = excluded.deliveryaddress2, deliveryzipcode = excluded.deliveryzipcode, deliverycity = excluded.deliverycity,
       deliveryregion = excluded.deliveryregion, invoicecontact = excluded.invoicecontact, invoiceaddress = excluded.invoiceaddress, invoiceaddress2 = excluded.invoiceaddress2, invoicezipcode = excluded.invoicezipcode,
       invoicecity = excluded.invoicecity, invoiceregion = excluded.invoiceregion, invoicecountry = excluded.invoicecountry,
       emailaddress = excluded.emailaddress, telephone = excluded.telephone, created = excluded.created, updated = excluded.updated,
       queue_fingerprint = excluded.queue_fingerprint, raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  const clearFields = statement(db, 'DELETE FROM order_fields WHERE idorder = ?');
  const addField = statement(db, 'INSERT OR REPLACE INTO order_fields (idorder, idorderfield, title, value) VALUES (?, ?, ?, ?)');
  const clearTags = statement(db, 'DELETE FROM order_tags WHERE idorder = ?');
  const addTag = statement(db, 'INSERT OR IGNORE INTO order_tags (idorder, idtag, position) VALUES (?, ?, ?)');
  const picklistsOf = statement(db, 'SELECT idpicklist FROM picklists WHERE idorder = ?');

  return db.transaction(() => {
    const changed: number[] = [];
    for (const o of orders) {
      const fingerprint = orderFingerprint(o);
      const before = current.get(o.idorder) as { queue_fingerprint: string } | undefined;
      if (before?.queue_fingerprint !== fingerprint) {
        for (const row of picklistsOf.all(o.idorder) as Array<{ idpicklist: number }>) changed.push(row.idpicklist);
      }
      const parsed = parseReference(o.reference);
      upsert.run({
        idorder: o.idorder,
        orderid: o.orderid,
        reference: o.reference,
        webshop_prefix: parsed?.prefix ?? null,
        shop_order_id: parsed?.shopOrderId ?? null,
        shop_reference: parsed?.shopReference ?? null,
        status: o.status,
        paused_reason: o.paused_reason,
        customer_remarks: o.customer_remarks,
        language: o.language,
        idtemplate: o.idtemplate,
        preferred_delivery_date: o.preferred_delivery_date,
        deliveryname: o.deliveryname,
        deliverycountry: o.deliverycountry,
        invoicename: o.invoicename,
        deliverycontact: o.deliverycontact ?? null,
        deliveryaddress: o.deliveryaddress ?? null,
        deliveryaddress2: o.deliveryaddress2 ?? null,
        deliveryzipcode: o.deliveryzipcode ?? null,
        deliverycity: o.deliverycity ?? null,
        deliveryregion: o.deliveryregion ?? null,
        invoicecontact: o.invoicecontact ?? null,
        invoiceaddress: o.invoiceaddress ?? null,
        invoiceaddress2: o.invoiceaddress2 ?? null,
        invoicezipcode: o.invoicezipcode ?? null,
        invoicecity: o.invoicecity ?? null,
        invoiceregion: o.invoiceregion ?? null,
        invoicecountry: o.invoicecountry ?? null,
        emailaddress: o.emailaddress,
        telephone: o.telephone,
        created: o.created,
        updated: o.updated,
        queue_fingerprint: fingerprint,
        raw_json: rawJson(o.raw),
        synced_at: syncedAt,
      });
      clearFields.run(o.idorder);
      for (const f of o.orderfields) addField.run(o.idorder, f.idorderfield, f.title, f.value);
      clearTags.run(o.idorder);
      o.tags.forEach((tag, position) => {
        upsertTag(db, tag, syncedAt);
        addTag.run(o.idorder, tag.idtag, position);
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
    statement(db, 'DELETE FROM picking_containers WHERE idpicking_container NOT IN (SELECT value FROM json_each(?))').run(
      JSON.stringify(containers.map((c) => c.idpicking_container)),
    );
  })();
}

/** Orders behind this warehouse's open picklists that are not cached yet, lowest first. */
export function missingOrderIds(db: Database, idwarehouse: number): number[] {
  const rows = statement(
    db,
    `SELECT DISTINCT p.idorder FROM picklists p LEFT JOIN orders o ON o.idorder = p.idorder
     WHERE p.idwarehouse = ? AND p.status IN ('new', 'paused', 'snoozed') AND p.idorder IS NOT NULL AND o.idorder IS NULL
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

export function hasOrder(db: Database, idorder: number): boolean {
  return statement(db, 'SELECT 1 FROM orders WHERE idorder = ?').get(idorder) !== undefined;
}

/** Open picklists of the warehouse that a full listing of the open set did not contain. */
export function vanishedOpenPicklists(db: Database, idwarehouse: number, listed: Iterable<number>): number[] {
  const rows = statement(
    db,
    `SELECT idpicklist FROM picklists
     WHERE idwarehouse = ? AND status IN ('new', 'paused', 'snoozed') AND idpicklist NOT IN (SELECT value FROM json_each(?))`,
  ).all(idwarehouse, JSON.stringify([...listed])) as Array<{ idpicklist: number }>;
  return rows.map((r) => r.idpicklist);
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
