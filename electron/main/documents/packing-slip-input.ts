import type { Database } from 'better-sqlite3';
import type { Language } from '../../../shared/domain';
import { getOrderFields, getSlipOrder } from '../db/queries/orders';
import { getSlipPicklist, picklistLines, type PicklistLine } from '../db/queries/picklists';
import { documentLanguageOf } from './i18n';
import { packedUnitsOfPicklist } from '../db/queries/scan-events';
import type { PackingSlipInput, PackingSlipLine, SlipLine, SlipUnit } from './packing-slip';

/*
 * What the local packing slip prints, read from the cache only: the slip is made after the
 * shipment, possibly offline, and must not cost a request. The picklist carries the delivery
 * address as Picqer shipped it; the order carries the invoice address (migration 0004), the
 * remarks, the fields and the customer's language.
 */

export interface PackingSlipQuery {
  date: Date;
  /** Order field titles to print; every field with a value when null. */
  orderFields: string[] | null;
  /** For orders without a language: the station's. */
  fallbackLanguage: Language;
}

function addressLines(parts: {
  name: string | null;
  contact: string | null;
  address: string | null;
  address2: string | null;
  zipcode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
}): string[] {
  const place = [parts.zipcode, parts.city].filter((p) => p && p.trim() !== '').join(' ');
  return [parts.name, parts.contact, parts.address, parts.address2, place, parts.region, parts.country]
    .map((l) => l?.trim() ?? '')
    .filter((l) => l !== '');
}

function hasSameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** The slip for a cached picklist, or null when the picklist is not in the cache. */
export function packingSlipInputFor(db: Database, idpicklist: number, query: PackingSlipQuery): { input: PackingSlipInput; language: Language } | null {
  const picklist = getSlipPicklist(db, idpicklist);
  if (!picklist) return null;
  const order = picklist.idorder === null ? undefined : (getSlipOrder(db, picklist.idorder) ?? undefined);

  const rows = picklistLines(db, idpicklist);
  const byId = new Map<number, PackingSlipLine>();
  const lines: PackingSlipLine[] = [];
  const unitsByLine = new Map<number, SlipUnit[]>();
  for (const u of packedUnitsOfPicklist(db, idpicklist)) {
    const list = unitsByLine.get(u.idpicklistProduct) ?? [];
    list.push({ lot: u.lot, expiry: u.expiry, serial: u.serial, amount: u.amount });
    unitsByLine.set(u.idpicklistProduct, list);
  }
  const toLine = (r: PicklistLine): SlipLine => {
    const units = unitsByLine.get(r.idpicklistProduct);
    return { productcode: r.productcode, name: r.name, amount: r.amount, remarks: r.remarks, ...(units ? { units } : {}) };
  };
  for (const r of rows.filter((r) => r.partof === null)) {
    const line: PackingSlipLine = { ...toLine(r), parts: [] };
    byId.set(r.idpicklistProduct, line);
    lines.push(line);
  }
  for (const r of rows.filter((r) => r.partof !== null)) {
    const parent = byId.get(r.partof ?? -1);
    // A part whose parent is not on this picklist still ships: it prints as a line of its own.
    if (parent) parent.parts.push(toLine(r));
    else lines.push({ ...toLine(r), parts: [] });
  }

  const fields = picklist.idorder === null ? [] : getOrderFields(db, picklist.idorder);
  const wanted = query.orderFields === null ? null : new Set(query.orderFields.map((t) => t.toLowerCase()));
  const orderFields = fields.filter((f) => wanted === null || wanted.has(f.title.toLowerCase()));

  const deliveryAddress = addressLines({
    name: picklist.deliveryname,
    contact: picklist.deliverycontact,
    address: picklist.deliveryaddress,
    address2: picklist.deliveryaddress2,
    zipcode: picklist.deliveryzipcode,
    city: picklist.deliverycity,
    region: picklist.deliveryregion,
    country: picklist.deliverycountry,
  });
  const invoice = order
    ? addressLines({
        name: order.invoicename,
        contact: order.invoicecontact,
        address: order.invoiceaddress,
        address2: order.invoiceaddress2,
        zipcode: order.invoicezipcode,
        city: order.invoicecity,
        region: order.invoiceregion,
        country: order.invoicecountry,
      })
    : [];
  const orderLanguage = order?.language ?? null;
  const language = orderLanguage === null || orderLanguage.trim() === '' ? query.fallbackLanguage : (documentLanguageOf(orderLanguage) ?? 'en');

  return {
    language,
    input: {
      picklistid: picklist.picklistid,
      orderid: order?.orderid ?? null,
      reference: order?.reference ?? picklist.reference,
      date: query.date,
      deliveryAddress,
      // The same address twice only fills the slip: printed once, as the delivery address.
      invoiceAddress: hasSameLines(invoice, deliveryAddress) ? [] : invoice,
      lines,
      customerRemarks: order?.customerRemarks?.trim() ? order.customerRemarks.trim() : null,
      orderFields,
    },
  };
}
