import { afterEach, describe, expect, it } from 'vitest';
import { GS } from '../../../shared/barcode';
import { upsertOrders } from '../../../electron/main/db/queries/orders';
import { upsertPicklists } from '../../../electron/main/db/queries/picklists';
import { setPackSessionStatus } from '../../../electron/main/db/queries/pack-sessions';
import { listParcels, localDay } from '../../../electron/main/history/history';
import { lotColumns, orderLotsCsv } from '../../../electron/main/history/lots-csv';
import { line, order, picklist } from '../db/factories';
import { codes, createHarness, scan, type Harness } from '../packing/harness';
import { parseCsv } from '../stats/parse-csv';
import { labelArrives } from '../stats/helpers';

/*
 * An order's lots, best-before dates and serials as a CSV for the shift lead (issue 18): Picqer's
 * pick takes none of them, so the station's scan events are the record. The harness clock stands
 * at 2026-11-02 09:00 UTC; its picklists 5008 (red mug) and 5009 (blue mug) are both of order
 * 7009 (O2026-7009), packed by Anna at Station 1.
 */

let h: Harness;
afterEach(() => h.cleanup());

const gs1 = (ean: string, rest: string) => `]d201${`0${ean}`}${rest}`;
const timeZone = 'Europe/Amsterdam';

/** The CSV's rows as arrays of cells, read strictly (RFC 4180), after its byte order mark and header. */
function rowsOf(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual([...lotColumns]);
  return rows;
}

async function packAndComplete(harness: Harness, idpicklist: number, scans: string[], undoAfter: number[] = []) {
  await harness.service.open(idpicklist);
  for (const [index, code] of scans.entries()) {
    expect(await scan(harness.service, code)).toMatchObject({ kind: 'product' });
    if (undoAfter.includes(index)) harness.service.undo();
  }
  return harness.service.complete();
}

describe('the lots of an order as CSV', () => {
  it('lists every unit with a lot, best-before date or serial over the order’s picklists; an undone unit is not there', async () => {
    h = createHarness();
    await packAndComplete(h, 5008, [gs1(codes.redMug, `17270315` + `10A;B,"C"${GS}21SN-1`)]);
    h.clock.advance(60_000);
    // The first blue mug is taken back by UNDO: its lot never went to the customer.
    await packAndComplete(h, 5009, [gs1(codes.blueMug, `17261231` + `10UNDONE-1`), gs1(codes.blueMug, `10KEPT-1${GS}17270101`)], [0]);

    const file = orderLotsCsv(h.db, { idorder: 7009 }, { timeZone });
    expect(file.filename).toBe('packdesk-lots-o2026-7009.csv');
    // An order number with nothing a file name can keep is named by its Picqer id instead.
    upsertOrders(h.db, [order({ idorder: 7009, orderid: '№ 1' })], new Date(h.clock.now()).toISOString());
    expect(orderLotsCsv(h.db, { idorder: 7009 }, { timeZone }).filename).toBe('packdesk-lots-no-1.csv');
    upsertOrders(h.db, [order({ idorder: 7009, orderid: '#' })], new Date(h.clock.now()).toISOString());
    expect(orderLotsCsv(h.db, { idorder: 7009 }, { timeZone }).filename).toBe('packdesk-lots-order-7009.csv');
    upsertOrders(h.db, [order({ idorder: 7009, orderid: 'O2026-7009' })], new Date(h.clock.now()).toISOString());
    expect(rowsOf(file.csv)).toEqual([
      ['O2026-7009', 'P2026-5008', 'SKU-101', 'Red mug', 'A;B,"C"', '2027-03-15', 'SN-1', '1', '2026-11-02 10:00:00', 'Anna de Vries', 'Station 1'],
      ['O2026-7009', 'P2026-5009', 'SKU-100', 'Blue mug', 'KEPT-1', '2027-01-01', '', '1', '2026-11-02 10:01:00', 'Anna de Vries', 'Station 1'],
    ]);
    // The lot with a quote and a comma is one quoted cell, its quotes doubled.
    expect(file.csv).toContain(',"A;B,""C""",');
    expect(file.csv).not.toContain('UNDONE-1');
  });

  it('leaves out a plain unit, a refused one, and a parcel whose shipment was cancelled', async () => {
    h = createHarness({ minShelfLifeDays: 30 });
    const first = await packAndComplete(h, 5008, [gs1(codes.redMug, `17270315` + `10GONE`)]);
    // The parcel's shipment was cancelled in History: its session is abandoned and it is packed again.
    setPackSessionStatus(h.db, first.id, 'abandoned', { now: new Date(h.clock.now()).toISOString() });
    await h.service.open(5008);
    // Short-dated: refused, counts nothing.
    expect(await scan(h.service, gs1(codes.redMug, `17261110` + `10SHORT`))).toMatchObject({ outcome: 'short_dated' });
    expect(await scan(h.service, gs1(codes.redMug, `17270315` + `10AGAIN`))).toMatchObject({ outcome: 'all_verified' });
    h.service.complete();
    await packAndComplete(h, 5009, [codes.blueMug]);

    const rows = rowsOf(orderLotsCsv(h.db, { idorder: 7009 }, { timeZone }).csv);
    expect(rows.map((r) => [r[1], r[4]])).toEqual([['P2026-5008', 'AGAIN']]);
  });

  it('keeps a parcel whose shipment Picqer made but whose outbox stopped after (its labels not fetched): it left with its lots', async () => {
    h = createHarness();
    const packed = await packAndComplete(h, 5008, [gs1(codes.redMug, `10SHIPPED`)]);
    labelArrives(h, packed.id, 5008, { shipped: 1, fetched: 1, printed: 'waiting' });
    setPackSessionStatus(h.db, packed.id, 'alert', { now: new Date(h.clock.now()).toISOString() });
    // A parcel stopped before any shipment (its pick refused) never left: not listed.
    await packAndComplete(h, 5009, [gs1(codes.blueMug, `10NOT-SENT`)]);
    const stopped = h.db.prepare('SELECT MAX(id) AS id FROM pack_sessions WHERE idpicklist = 5009').get() as { id: number };
    setPackSessionStatus(h.db, stopped.id, 'alert', { now: new Date(h.clock.now()).toISOString() });

    const rows = rowsOf(orderLotsCsv(h.db, { idorder: 7009 }, { timeZone }).csv);
    expect(rows.map((r) => [r[1], r[4]])).toEqual([['P2026-5008', 'SHIPPED']]);
    const parcels = listParcels(h.db, { day: localDay(h.clock.now()), stationName: 'Station 1' });
    expect(parcels.find((p) => p.idpicklist === 5008)?.lotOrder).toEqual({ idorder: 7009, orderid: 'O2026-7009' });
  });

  it('finds the order by the order number, a reference or a picklist number, as a lead types it', async () => {
    h = createHarness();
    upsertOrders(h.db, [order({ idorder: 7009, orderid: 'O2026-7009', reference: 'Webshop 4412' })], new Date(h.clock.now()).toISOString());
    await packAndComplete(h, 5008, [gs1(codes.redMug, `10L-9`)]);
    for (const typed of ['O2026-7009', ' o2026-7009 ', 'Webshop 4412', 'P2026-5008']) {
      expect(orderLotsCsv(h.db, { order: typed }, { timeZone }).filename, typed).toBe('packdesk-lots-o2026-7009.csv');
    }
  });

  it('says so clearly for an order without lots, an unknown order and a reference of two orders with lots', async () => {
    h = createHarness();
    await packAndComplete(h, 5009, [codes.blueMug]);
    expect(() => orderLotsCsv(h.db, { idorder: 7009 }, { timeZone })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', reason: { code: 'history.noLots', params: { order: 'O2026-7009' } } }));
    expect(() => orderLotsCsv(h.db, { order: 'O2026-7009' }, { timeZone })).toThrow(expect.objectContaining({ reason: { code: 'history.noLots', params: { order: 'O2026-7009' } } }));
    expect(() => orderLotsCsv(h.db, { order: 'NOPE-1' }, { timeZone })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', reason: { code: 'history.lotsOrderUnknown', params: { order: 'NOPE-1' } } }));

    const now = new Date(h.clock.now()).toISOString();
    upsertOrders(h.db, [order({ idorder: 7009, orderid: 'O2026-7009', reference: 'SHARED' }), order({ idorder: 7010, orderid: 'O2026-7010', reference: 'SHARED' })], now);
    upsertPicklists(h.db, [picklist({ idpicklist: 5020, idorder: 7010, products: [line({ idpicklist_product: 50201, idproduct: 101, amount: 1, productcode: 'SKU-101', name: 'Red mug' })] })], now);
    await packAndComplete(h, 5008, [gs1(codes.redMug, `10L-1`)]);
    // One of the two has lots: that one.
    expect(orderLotsCsv(h.db, { order: 'shared' }, { timeZone }).filename).toBe('packdesk-lots-o2026-7009.csv');
    await packAndComplete(h, 5020, [gs1(codes.redMug, `10L-2`)]);
    expect(() => orderLotsCsv(h.db, { order: 'SHARED' }, { timeZone })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', reason: { code: 'history.lotsOrderAmbiguous', params: { order: 'SHARED', orders: 'O2026-7009, O2026-7010' } } }),
    );
  });

  it('History names the order on every parcel of an order with lots, and on no other', async () => {
    h = createHarness();
    await packAndComplete(h, 5008, [gs1(codes.redMug, `10L-1`)]);
    await packAndComplete(h, 5009, [codes.blueMug]);
    await packAndComplete(h, 5010, [codes.redMug]);
    const parcels = listParcels(h.db, { day: localDay(h.clock.now()), stationName: 'Station 1' });
    const lotOrder = new Map(parcels.map((p) => [p.idpicklist, p.lotOrder]));
    expect(lotOrder).toEqual(
      new Map([
        [5008, { idorder: 7009, orderid: 'O2026-7009' }],
        [5009, { idorder: 7009, orderid: 'O2026-7009' }],
        [5010, null],
      ]),
    );
  });
});
