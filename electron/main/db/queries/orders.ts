import type { Database } from 'better-sqlite3';
import type { PicqerOrder } from '../../../../shared/picqer-types';
import { parseReference } from '../../../../shared/reference';
import { rawJson, statement } from '../statements';
import { upsertTag } from './tags';

/* The cached orders, with their fields and tags (order_fields, order_tags). */

/** What the queue shows of an order: compared before and after an upsert (see picklists.ts). */
function orderFingerprint(o: PicqerOrder): string {
  return JSON.stringify([o.orderid, o.reference, o.deliveryname, o.invoicename]);
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

export function hasOrder(db: Database, idorder: number): boolean {
  return statement(db, 'SELECT 1 FROM orders WHERE idorder = ?').get(idorder) !== undefined;
}

/** What a packing slip prints of the cached order: its number, remarks, language and invoice address. */
export interface SlipOrder {
  orderid: string;
  reference: string | null;
  customerRemarks: string | null;
  language: string | null;
  invoicename: string | null;
  invoicecontact: string | null;
  invoiceaddress: string | null;
  invoiceaddress2: string | null;
  invoicezipcode: string | null;
  invoicecity: string | null;
  invoiceregion: string | null;
  invoicecountry: string | null;
}

export function getSlipOrder(db: Database, idorder: number): SlipOrder | null {
  const row = statement(
    db,
    `SELECT orderid, reference, customer_remarks, language, invoicename, invoicecontact, invoiceaddress, invoiceaddress2,
       invoicezipcode, invoicecity, invoiceregion, invoicecountry FROM orders WHERE idorder = ?`,
  ).get(idorder) as (Omit<SlipOrder, 'customerRemarks'> & { customer_remarks: string | null }) | undefined;
  if (!row) return null;
  const { customer_remarks: customerRemarks, ...rest } = row;
  return { ...rest, customerRemarks };
}

/** The connector prefixes of the cached orders (`PS`, `WC`), each once. */
export function webshopPrefixes(db: Database): string[] {
  const rows = statement(db, 'SELECT DISTINCT webshop_prefix FROM orders WHERE webshop_prefix IS NOT NULL').all() as Array<{ webshop_prefix: string }>;
  return rows.map((r) => r.webshop_prefix);
}
