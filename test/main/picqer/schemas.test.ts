import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../electron/main/picqer/pagination';
import {
  orderSchema,
  parseWith,
  parseWithRaw,
  picklistSchema,
  productSchema,
  shipmentSchema,
  shippingMethodSchema,
  userSchema,
} from '../../../electron/main/picqer/schemas';
import type { PicqerPicklist, PicqerShipment } from '../../../electron/main/picqer/types';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/picqer/${name}`, import.meta.url), 'utf8'));
}

function record(name: string): Record<string, unknown> {
  return fixture(name) as Record<string, unknown>;
}

function parsePicklist(input: unknown): PicqerPicklist {
  const result = parseWithRaw<PicqerPicklist>(picklistSchema, input);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

function parseShipment(input: unknown): PicqerShipment {
  const result = parseWithRaw<PicqerShipment>(shipmentSchema, input);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('picklist schema', () => {
  it('reads the current shape: tags as an array, amount_picked, stocklocation', () => {
    const picklist = parsePicklist(fixture('picklist-tags-array.json'));
    expect(picklist.idpicklist).toBe(9001);
    expect(picklist.status).toBe('new');
    expect(picklist.urgent).toBe(true);
    expect(picklist.tags).toEqual([{ idtag: 7, title: 'Fragile', color: '#ff0000', textColor: '#ffffff' }]);
    expect(picklist.products).toHaveLength(2);
    expect(picklist.products[0]).toMatchObject({ idpicklist_product: 88123401, amount: 2, amount_picked: 1, stocklocation: 'A-01-02' });
    expect(picklist.products[0]?.pick_locations).toEqual([{ idlocation: 301, name: 'A-01-02', amount: 2 }]);
    expect(picklist.raw).toEqual(fixture('picklist-tags-array.json'));
  });

  it('reads the older shape: tags keyed by title, amountpicked, stock_location, numbers as strings', () => {
    const picklist = parsePicklist(fixture('picklist-tags-object.json'));
    expect(picklist.idpicklist).toBe(9002);
    expect(picklist.picklistid).toBe('20260452');
    expect(picklist.idwarehouse).toBe(1829);
    expect(picklist.urgent).toBe(false);
    expect(picklist.weight).toBe(1050);
    expect(picklist.assigned_to_iduser).toBeNull();
    expect(picklist.comment_count).toBe(0);
    expect(picklist.tags).toEqual([
      { idtag: 7, title: 'Fragile', color: '#ff0000', textColor: '#ffffff' },
      { idtag: 8, title: 'VIP', color: null, textColor: null },
    ]);
    expect(picklist.products[0]).toMatchObject({ idpicklist_product: 88123401, idproduct: 5001, amount: 2, amount_picked: 1, stocklocation: 'A-01-02', has_parts: false, remarks: '' });
  });

  it('treats a missing tags field and an empty PHP array alike', () => {
    const input = { ...record('picklist-tags-array.json'), tags: [] };
    expect(parsePicklist(input).tags).toEqual([]);
    const { tags: _tags, ...withoutTags } = record('picklist-tags-array.json');
    expect(parsePicklist(withoutTags).tags).toEqual([]);
  });

  it('refuses an unknown status, naming the field and the value', () => {
    const result = parseWith(picklistSchema, { ...record('picklist-tags-array.json'), status: 'archived' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^status: .*"archived"/);
  });

  it('sets a bad record of a page aside and keeps the rest', () => {
    const good = record('picklist-tags-array.json');
    const records: unknown[] = [good, { ...good, idpicklist: 9003, status: 'archived' }, { ...good, idpicklist: 9004 }, 'junk'];
    const page = parsePage(records, 200, (input) => parseWithRaw<PicqerPicklist>(picklistSchema, input), 'idpicklist');
    expect(page.items.map((p) => p.idpicklist)).toEqual([9001, 9004]);
    expect(page.rejected).toEqual([
      { index: 1, id: 9003, reason: expect.stringContaining('status') },
      { index: 3, id: null, reason: expect.any(String) },
    ]);
    expect(page.isLast).toBe(true);
    expect(page.offset).toBe(200);
  });
});

describe('order schema', () => {
  it('turns tags keyed by title into a list and orderid into a string', () => {
    const result = parseWith(orderSchema, fixture('order.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.orderid).toBe('20260073');
    expect(result.value.tags).toEqual([{ idtag: 11, title: 'Webshop A', color: '#00ff00', textColor: null }]);
    expect(result.value.orderfields).toEqual([{ idorderfield: 3, title: 'Gift wrap', value: 'yes' }]);
    expect(result.value.customer_remarks).toBe('Leave at the neighbours');
  });

  it('also takes tags as an array', () => {
    const input = { ...record('order.json'), tags: [{ idtag: 11, title: 'Webshop A', color: null }] };
    const result = parseWith(orderSchema, input);
    expect(result.ok && result.value.tags).toEqual([{ idtag: 11, title: 'Webshop A', color: null, textColor: null }]);
  });
});

describe('user and product schemas', () => {
  it('reads firstname/lastname and first_name/last_name', () => {
    const users = (fixture('users.json') as unknown[]).map((u) => parseWith(userSchema, u));
    expect(users.map((u) => (u.ok ? [u.value.iduser, u.value.firstname, u.value.lastname, u.value.admin] : u.reason))).toEqual([
      [24, 'Anna', 'de Vries', false],
      [25, 'Bram', 'Bakker', true],
    ]);
  });

  it('reads products with loose numbers, empty barcodes and both image shapes', () => {
    const products = (fixture('products.json') as unknown[]).map((p) => parseWith(productSchema, p));
    const [mug, tea] = products.map((p) => (p.ok ? p.value : null));
    expect(mug).toMatchObject({ idproduct: 5001, barcode: '8712345678906', productcode_supplier: null, type: 'normal', images: ['https://img.example/1.jpg'] });
    expect(tea).toMatchObject({ idproduct: 5002, productcode: '123456', barcode: null, type: 'unlimited_stock', weight: 80.5, images: ['https://img.example/2.jpg'] });
  });
});

describe('shipment schema', () => {
  it('keeps labels that arrive per parcel', () => {
    const shipment = parseShipment(fixture('shipment-parcels.json'));
    expect(shipment.idshippingprovider_profile).toBe(1365);
    expect(shipment.trackingcode).toBe('3SABCD1234567');
    expect(shipment.parcels).toHaveLength(1);
    expect(shipment.parcels[0]?.documents.map((d) => [d.type, d.format, d.url])).toEqual([
      ['label', 'pdf', 'https://files.example/labels/31001.pdf'],
      ['label', 'zpl', 'https://files.example/labels/31001.zpl'],
    ]);
  });

  it('moves top-level labels into one parcel', () => {
    const shipment = parseShipment(fixture('shipment-toplevel.json'));
    expect(shipment.idshipment).toBe(31002);
    expect(shipment.cancelled).toBe(false);
    expect(shipment.weight).toBe(900);
    expect(shipment.tracktraceurl).toBe('https://dhl.example/JVGL0001');
    expect(shipment.parcels).toEqual([
      {
        idparcel: null,
        idpackaging: null,
        weight: 900,
        tracking_code: 'JVGL0001',
        tracking_url: 'https://dhl.example/JVGL0001',
        documents: [
          { idparcel_document: null, type: 'label', size: null, format: 'pdf', url: 'https://files.example/labels/31002.pdf' },
          { idparcel_document: null, type: 'label', size: null, format: 'zpl', url: 'https://files.example/labels/31002.zpl' },
        ],
      },
    ]);
  });

  it('does not double the labels when both shapes are there', () => {
    const shipment = parseShipment(fixture('shipment-both.json'));
    expect(shipment.parcels).toHaveLength(1);
    expect(shipment.parcels[0]?.documents).toHaveLength(2);
    expect(shipment.parcels[0]?.documents[0]?.idparcel_document).toBe(9001);
  });
});

describe('shipping methods', () => {
  it('reads both profile id names and marks the default', () => {
    const methods = (fixture('shipping-methods.json') as unknown[]).map((m) => parseWith(shippingMethodSchema, m));
    expect(methods.map((m) => (m.ok ? [m.value.idshippingprovider_profile, m.value.selected, m.value.extra_fields.length] : m.reason))).toEqual([
      [1365, true, 0],
      [1366, false, 1],
    ]);
  });

  it('refuses a method without a profile id', () => {
    expect(parseWith(shippingMethodSchema, { name: 'x', selected: true }).ok).toBe(false);
  });
});
