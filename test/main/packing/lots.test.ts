import { afterEach, describe, expect, it } from 'vitest';
import { GS } from '../../../shared/barcode';
import { reasonText } from '../../../shared/i18n';
import { said } from '../../helpers/answer-words';
import { upsertPicklistBatchDetail } from '../../../electron/main/db/queries/picklist-batches';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { upsertOrders } from '../../../electron/main/db/queries/orders';
import { order, product } from '../db/factories';
import { batchDetail, codes, createHarness, lineOf, redMug14, routerOf, scan, type Harness } from './harness';

/*
 * Lots and best-before dates (issue 18): a unit scanned by its GS1 element string keeps its lot,
 * best-before date and serial on its scan event; a unit whose date is within the minimum shelf
 * life is refused and counts nothing. The harness clock stands at 2026-11-02 09:00 UTC.
 */

let h: Harness;
afterEach(() => h.cleanup());


function lotRows(harness: Harness) {
  return harness.db.prepare('SELECT outcome, idproduct, lot, expiry, serial, reason FROM scan_events WHERE idproduct IS NOT NULL ORDER BY id').all();
}


/** Batch 101 of picklists 5008 (order 7009) and 5011, both wanting the red mug. */
function seedBatch(harness: Harness): void {
  upsertPicklistBatchDetail(harness.db, batchDetail('normal', [5008, 5011]), new Date(harness.clock.now()).toISOString());
}

describe('lots, best-before dates and serials', () => {
  it('records lot, best-before and serial with the counting scan event, and nothing for a plain barcode', async () => {
    h = createHarness();
    await h.service.open(5011);
    expect(await scan(h.service, `]d201${redMug14}17270315` + `10LOT-A${GS}21SN-1`)).toMatchObject({ outcome: 'counted', product: { idproduct: 101 } });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified' });
    expect(lotRows(h)).toEqual([
      { outcome: 'counted', idproduct: 101, lot: 'LOT-A', expiry: '2027-03-15', serial: 'SN-1', reason: null },
      { outcome: 'all_verified', idproduct: 101, lot: null, expiry: null, serial: null, reason: null },
    ]);
  });

  it('reads the lot through the AIM identifier that came apart from the scan', async () => {
    h = createHarness();
    await h.service.open(5011);
    const gs1 = `10L7${GS}17261200` + `01${redMug14}`;
    expect(await routerOf(h.service).submit({ code: gs1, aim: ']C1', source: 'wedge' })).toMatchObject({ outcome: 'counted' });
    expect(lotRows(h)).toEqual([{ outcome: 'counted', idproduct: 101, lot: 'L7', expiry: '2026-12-31', serial: null, reason: null }]);
  });

  it('refuses a unit within the minimum shelf life: counts nothing, says why, records the refusal', async () => {
    h = createHarness({ minShelfLifeDays: 30 });
    await h.service.open(5011);
    // 2026-12-01 is 29 days after 2026-11-02: too soon.
    const short = `01${redMug14}17261201` + `10OLD`;
    const answer = said(await scan(h.service, short));
    expect(answer).toMatchObject({
      kind: 'product',
      outcome: 'short_dated',
      product: { idproduct: 101 },
      said: "Best before 01-12-2026 is within the 30 days' minimum shelf life: take another one.",
    });
    expect(answer.reason ? reasonText('nl', answer.reason) : null).toBe('THT 01-12-2026 valt binnen de minimale houdbaarheid van 30 dagen: pak een ander exemplaar.');
    expect(lineOf(h.service.current(), 50111).verified).toBe(0);
    // Exactly 30 days left is enough.
    expect(await scan(h.service, `01${redMug14}17261202` + `10NEW`)).toMatchObject({ outcome: 'counted' });
    expect(lineOf(h.service.current(), 50111).verified).toBe(1);
    expect(lotRows(h)).toEqual([
      { outcome: 'short_dated', idproduct: 101, lot: 'OLD', expiry: '2026-12-01', serial: null, reason: "Best before 01-12-2026 is within the 30 days' minimum shelf life: take another one." },
      { outcome: 'counted', idproduct: 101, lot: 'NEW', expiry: '2026-12-02', serial: null, reason: null },
    ]);
    // The day moves on with the clock: tomorrow the same date is too soon.
    h.clock.advance(24 * 3_600_000);
    expect(await scan(h.service, `01${redMug14}17261202` + `10NEW`)).toMatchObject({ outcome: 'short_dated' });
  });

  it('checks nothing with the setting off, and never refuses a unit without a date', async () => {
    h = createHarness();
    await h.service.open(5011);
    expect(await scan(h.service, `01${redMug14}17261103`)).toMatchObject({ outcome: 'counted' });
    h.state.settings = { ...h.state.settings, minShelfLifeDays: 30 };
    expect(await scan(h.service, `01${redMug14}10NODATE`)).toMatchObject({ outcome: 'all_verified' });
  });

  it('a unit chosen among products sharing its GTIN is checked for its date and keeps its lot', async () => {
    h = createHarness({ minShelfLifeDays: 30 });
    const green14 = `0${codes.greenMug}`;
    await h.service.open(5002);
    // Two products share the green mug's GTIN: the packer chooses, and the scan's date still counts.
    expect(await scan(h.service, `01${green14}17261110` + `10OLD`)).toMatchObject({ outcome: 'ambiguous' });
    expect(h.service.choose(107)).toMatchObject({ outcome: 'short_dated', product: { idproduct: 107 } });
    expect(lineOf(h.service.current(), 50022).verified).toBe(0);
    expect(await scan(h.service, `01${green14}17270101` + `10GOOD`)).toMatchObject({ outcome: 'ambiguous' });
    expect(h.service.choose(107)).toMatchObject({ outcome: 'line_complete', product: { idproduct: 107 } });
    expect(lotRows(h)).toEqual([
      { outcome: 'short_dated', idproduct: 107, lot: 'OLD', expiry: '2026-11-10', serial: null, reason: "Best before 10-11-2026 is within the 30 days' minimum shelf life: take another one." },
      { outcome: 'line_complete', idproduct: 107, lot: 'GOOD', expiry: '2027-01-01', serial: null, reason: null },
    ]);
  });

  it('in a batch: a unit chosen among products sharing its GTIN keeps what its AIM identifier said, and is checked for its date', async () => {
    h = createHarness({ minShelfLifeDays: 30 });
    upsertPicklistBatchDetail(
      h.db,
      { ...batchDetail('normal', [5002]), idpicklist_batch: 3302, picklist_batchid: '102', total_products: 2 },
      new Date(h.clock.now()).toISOString(),
    );
    expect(await scan(h.service, '102')).toMatchObject({ kind: 'batch_opened' });
    // Fixed-length AIs first need no group separator: only the AIM identifier says it is GS1.
    const short = { code: `17261110` + `010${codes.greenMug}` + `10OLD`, aim: ']d2', source: 'wedge' as const };
    expect(await routerOf(h.service).submit(short)).toMatchObject({ outcome: 'ambiguous' });
    expect(h.service.choose(107)).toMatchObject({ outcome: 'short_dated' });
    expect(lotRows(h).at(-1)).toMatchObject({ outcome: 'short_dated', idproduct: 107, lot: 'OLD', expiry: '2026-11-10' });
  });

  it('refuses a short-dated unit of a product that is not on the picklist as the wrong item, as before', async () => {
    h = createHarness({ minShelfLifeDays: 30 });
    await h.service.open(5011);
    expect(await scan(h.service, `01${`0${codes.blueMug}`}17261110`)).toMatchObject({ outcome: 'wrong_item' });
  });

  it('in a batch: records the lot with the unit put in its slot, and refuses a short-dated unit before it goes in one', async () => {
    h = createHarness({ minShelfLifeDays: 30 });
    seedBatch(h);
    expect(await scan(h.service, '101')).toMatchObject({ kind: 'batch_opened' });
    const short = said(await scan(h.service, `01${redMug14}17261110` + `10OLD`));
    expect(short).toMatchObject({ kind: 'product', outcome: 'short_dated', slot: null, said: "Best before 10-11-2026 is within the 30 days' minimum shelf life: take another one." });
    expect(await scan(h.service, `01${redMug14}17270101` + `10GOOD`)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(lotRows(h)).toEqual([
      { outcome: 'short_dated', idproduct: 101, lot: 'OLD', expiry: '2026-11-10', serial: null, reason: "Best before 10-11-2026 is within the 30 days' minimum shelf life: take another one." },
      { outcome: 'all_verified', idproduct: 101, lot: 'GOOD', expiry: '2027-01-01', serial: null, reason: null },
    ]);
  });
});

describe('shelf-life rules per tag and webshop', () => {
  const tagRed = (harness: Harness, title: string) =>
    upsertProducts(
      harness.db,
      [product({ idproduct: 101, name: 'Red mug', barcode: codes.redMug, weight: 310, raw: { idproduct: 101, tags: [{ idtag: 901, title, color: null, textColor: null }] } })],
      new Date(harness.clock.now()).toISOString(),
    );

  it('refuses a unit of a tagged product within the rule’s minimum, naming the tag, and counts one past it', async () => {
    h = createHarness({ minShelfLifeDays: 30, shelfLifeRules: [{ match: 'tag', value: 'babyvoeding', days: 90 }] });
    tagRed(h, 'Babyvoeding');
    await h.service.open(5011);
    // 2027-01-01 is 60 days after 2026-11-02: enough for the default, not for the tag.
    const answer = said(await scan(h.service, `01${redMug14}17270101` + `10B1`));
    expect(answer).toMatchObject({
      kind: 'product',
      outcome: 'short_dated',
      said: "Best before 01-01-2027 is within the 90 days' minimum shelf life for tag babyvoeding: take another one.",
    });
    expect(answer.reason ? reasonText('nl', answer.reason) : null).toBe('THT 01-01-2027 valt binnen de minimale houdbaarheid van 90 dagen voor tag babyvoeding: pak een ander exemplaar.');
    expect(lineOf(h.service.current(), 50111).verified).toBe(0);
    expect(await scan(h.service, `01${redMug14}17270131` + `10B2`)).toMatchObject({ outcome: 'counted' });
    expect(lotRows(h)[0]).toMatchObject({ outcome: 'short_dated', reason: "Best before 01-01-2027 is within the 90 days' minimum shelf life for tag babyvoeding: take another one." });
  });

  it('refuses by the webshop the queue names, and leaves a picklist of another webshop to the default', async () => {
    h = createHarness({ shelfLifeRules: [{ match: 'webshop', value: 'PrestaShop', days: 60 }] });
    await h.service.open(5001);
    const answer = said(await scan(h.service, `01${redMug14}17261215`));
    expect(answer).toMatchObject({ outcome: 'short_dated', said: "Best before 15-12-2026 is within the 60 days' minimum shelf life for webshop PrestaShop: take another one." });
    expect(answer.reason ? reasonText('nl', answer.reason) : null).toBe('THT 15-12-2026 valt binnen de minimale houdbaarheid van 60 dagen voor webshop PrestaShop: pak een ander exemplaar.');
    h.service.leave();
    await h.service.open(5011);
    expect(await scan(h.service, `01${redMug14}17261215`)).toMatchObject({ outcome: 'counted' });
  });

  it('in a batch: the rule of the slot the unit would go in decides, named in the refusal', async () => {
    h = createHarness({ minShelfLifeDays: 30, shelfLifeRules: [{ match: 'tag', value: 'Zorg', days: 90 }] });
    upsertOrders(h.db, [order({ idorder: 7009, orderid: 'O2026-7009', tags: [{ idtag: 902, title: 'Zorg', color: null, textColor: null }] })], new Date(h.clock.now()).toISOString());
    seedBatch(h);
    expect(await scan(h.service, '101')).toMatchObject({ kind: 'batch_opened' });
    // Slot 1 (5008, order 7009 tagged Zorg) wants the mug first.
    const short = said(await scan(h.service, `01${redMug14}17270101` + `10OLD`));
    expect(short).toMatchObject({ outcome: 'short_dated', slot: null, said: "Best before 01-01-2027 is within the 90 days' minimum shelf life for tag Zorg: take another one." });
    expect(await scan(h.service, `01${redMug14}17270215` + `10GOOD`)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    // Slot 2 (5011, no tag) takes the date the default allows.
    expect(await scan(h.service, `01${redMug14}17270101` + `10OLD`)).toMatchObject({ outcome: 'counted', slot: 2 });
  });
});
