import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import { upsertPicklists } from '../../../electron/main/db/queries/picklists';
import { replaceWarehouses } from '../../../electron/main/db/queries/warehouses';
import { packingSlipSettingsFrom, renderParcelSlip } from '../../../electron/main/documents/parcel-slip';
import { packingSlipInputFor } from '../../../electron/main/documents/packing-slip-input';
import { line, order, picklist, warehouse } from '../db/factories';
import { tempDir } from '../db/temp-db';
import { missingTools, pdfText } from './pdf-tools';
import { upsertOrders } from '../../../electron/main/db/queries/orders';
import { recordScanEvent } from '../../../electron/main/db/queries/scan-events';

const now = '2026-11-02T09:00:00.000Z';
const query = { date: new Date(2026, 10, 2), orderFields: null, fallbackLanguage: 'nl' as const };

describe('packingSlipInputFor', () => {
  let db: Database;
  let cleanup: () => void;

  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    db = openDatabase(tmp.file());
    replaceWarehouses(db, [warehouse({ idwarehouse: 1, name: 'Magazijn Utrecht' })], now);
    upsertPicklists(
      db,
      [
        picklist({
          idpicklist: 5000,
          idorder: 7000,
          reference: 'PS #73 / ITQRFWVHT',
          deliveryname: 'Jörg Müller',
          deliveryaddress: 'Schloßstraße 1',
          deliveryzipcode: '90-001',
          deliverycity: 'Łódź',
          deliverycountry: 'PL',
          products: [
            line({ idpicklist_product: 1, productcode: 'BOX-1', name: 'Giftbox', amount: 1, has_parts: true }),
            line({ idpicklist_product: 2, productcode: 'PART-A', name: 'Zeep', amount: 2, partof_idpicklist_product: 1 }),
            line({ idpicklist_product: 3, productcode: 'BEL-1', name: 'Fietsbel', amount: 3, remarks: 'Rood' }),
          ],
        }),
      ],
      now,
    );
    upsertOrders(
      db,
      [
        order({
          idorder: 7000,
          orderid: 'O2026-7000',
          reference: 'PS #73 / ITQRFWVHT',
          language: 'en',
          customer_remarks: '  Leave at the door  ',
          invoicename: 'Ørsted A/S',
          invoiceaddress: 'Ærøvej 2',
          invoicezipcode: '5970',
          invoicecity: 'Ærøskøbing',
          invoicecountry: 'DK',
          orderfields: [
            { idorderfield: 1, title: 'Gift note', value: 'Happy birthday' },
            { idorderfield: 2, title: 'Internal', value: 'B2B' },
            { idorderfield: 3, title: 'Empty', value: null },
          ],
        }),
      ],
      now,
    );
  });

  afterEach(() => {
    db.close();
    cleanup();
  });

  it('reads the order, both addresses, remarks, fields and lines with parts under their parent', () => {
    const found = packingSlipInputFor(db, 5000, query);
    expect(found?.language).toBe('en');
    expect(found?.input).toMatchObject({
      picklistid: 'P2026-5000',
      orderid: 'O2026-7000',
      reference: 'PS #73 / ITQRFWVHT',
      deliveryAddress: ['Jörg Müller', 'Schloßstraße 1', '90-001 Łódź', 'PL'],
      invoiceAddress: ['Ørsted A/S', 'Ærøvej 2', '5970 Ærøskøbing', 'DK'],
      customerRemarks: 'Leave at the door',
      orderFields: [
        { title: 'Gift note', value: 'Happy birthday' },
        { title: 'Internal', value: 'B2B' },
      ],
    });
    expect(found?.input.lines).toEqual([
      { productcode: 'BOX-1', name: 'Giftbox', amount: 1, remarks: null, parts: [{ productcode: 'PART-A', name: 'Zeep', amount: 2, remarks: null }] },
      { productcode: 'BEL-1', name: 'Fietsbel', amount: 3, remarks: 'Rood', parts: [] },
    ]);
  });

  it('lists the lot, best-before date and serial of the units the parcel was packed with, per line (issue 18)', () => {
    const session = (id: number) =>
      db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (?, 5000, 1, 'Pack 1', 'completed', ?, ?)").run(id, now, now);
    const unit = (packSessionId: number, idpicklistProduct: number, fields: { lot?: string; expiry?: string; serial?: string; quantity?: number; outcome?: string }) =>
      recordScanEvent(db, {
        packSessionId,
        idpicklist: 5000,
        iduser: 1,
        station: 'Pack 1',
        code: 'gs1',
        source: 'wedge',
        outcome: fields.outcome ?? 'counted',
        scannedAt: now,
        idpicklistProduct,
        quantity: fields.quantity ?? 1,
        lot: fields.lot ?? null,
        expiry: fields.expiry ?? null,
        serial: fields.serial ?? null,
      });
    // An older session of the same picklist (left, then packed again) is not what went in the box.
    session(1);
    unit(1, 3, { lot: 'OLD' });
    session(2);
    unit(2, 3, { lot: 'L1', expiry: '2027-03-15' });
    unit(2, 3, { lot: 'L1', expiry: '2027-03-15' });
    unit(2, 3, { lot: 'L2', expiry: '2027-04-30', serial: 'SN9' });
    unit(2, 3, { lot: 'SHORT', expiry: '2026-11-05', outcome: 'short_dated' });
    const undone = unit(2, 2, { lot: 'UNDONE' });
    db.prepare('UPDATE scan_events SET undone_at = ? WHERE id = ?').run(now, undone);
    unit(2, 2, { serial: 'P-1' });

    const lines = packingSlipInputFor(db, 5000, query)?.input.lines;
    expect(lines?.[0]?.parts[0]?.units).toEqual([{ lot: null, expiry: null, serial: 'P-1', amount: 1 }]);
    expect(lines?.[1]?.units).toEqual([
      { lot: 'L1', expiry: '2027-03-15', serial: null, amount: 2 },
      { lot: 'L2', expiry: '2027-04-30', serial: 'SN9', amount: 1 },
    ]);
  });

  it('prints only the chosen order fields, and the station language for an order without one', () => {
    db.prepare('UPDATE orders SET language = NULL').run();
    const found = packingSlipInputFor(db, 5000, { ...query, orderFields: ['gift note'], fallbackLanguage: 'nl' });
    expect(found?.input.orderFields).toEqual([{ title: 'Gift note', value: 'Happy birthday' }]);
    expect(found?.language).toBe('nl');
    db.prepare("UPDATE orders SET language = 'de'").run();
    expect(packingSlipInputFor(db, 5000, query)?.language).toBe('en');
  });

  it('leaves out an invoice address equal to the delivery address, and null for an uncached picklist', () => {
    db.prepare(
      "UPDATE orders SET invoicename = 'Jörg Müller', invoiceaddress = 'Schloßstraße 1', invoicezipcode = '90-001', invoicecity = 'Łódź', invoicecountry = 'PL'",
    ).run();
    expect(packingSlipInputFor(db, 5000, query)?.input.invoiceAddress).toEqual([]);
    expect(packingSlipInputFor(db, 4242, query)).toBeNull();
  });

  it.skipIf(missingTools.length > 0)('renders the parcel slip with the warehouse name when no company is configured', async () => {
    const settings = packingSlipSettingsFrom({ printers: { packingSlip: { driver: 'cups', queue: 'slips', media: 'A6' } } }, 'nl');
    expect(settings).toMatchObject({ source: 'local', size: 'A6', company: null });
    const pdf = await renderParcelSlip(db, 5000, settings, new Date(2026, 10, 2));
    const text = pdfText(pdf ?? Buffer.alloc(0));
    expect(text).toContain('Magazijn Utrecht');
    expect(text).toContain('Delivery address');
    expect(text).toContain('Ærøskøbing');
    expect(await renderParcelSlip(db, 4242, settings, new Date())).toBeNull();
  });

  it('takes the company, the source and the order fields from the station config', () => {
    const settings = packingSlipSettingsFrom(
      { company: { name: 'Acme BV', address: ['Kanaalweg 1'], logo: '/etc/packdesk/logo.png' }, packing: { packingSlip: 'picqer', orderFields: ['Gift note'] } },
      'en',
    );
    expect(settings).toEqual({
      source: 'picqer',
      size: 'A4',
      company: { name: 'Acme BV', address: ['Kanaalweg 1'], logoPath: '/etc/packdesk/logo.png' },
      orderFields: ['Gift note'],
      language: 'en',
    });
  });
});
