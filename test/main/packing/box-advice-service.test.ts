import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, scan, type Harness } from './harness';
import { product } from '../db/factories';
import { replacePackagings } from '../../../electron/main/db/queries/packagings';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { adviceOutcomeCounts, recordAdviceOutcome } from '../../../electron/main/db/queries/box-advice-outcomes';

/* Box advice at the pack loop (issue 18): advised on open, followed or overridden by a packaging scan. */

let h: Harness;
afterEach(() => h.cleanup());

function withAdvice(harness: Harness) {
  const now = new Date(harness.clock.now()).toISOString();
  replacePackagings(
    harness.db,
    [
      { idpackaging: 3, name: 'Box S', barcode: 'BOX-S', length: 20, width: 15, height: 10, use_in_auto_advice: true, active: true },
      { idpackaging: 4, name: 'Box L', barcode: 'BOX-L', length: 40, width: 30, height: 20, use_in_auto_advice: true, active: true },
      { idpackaging: 5, name: 'Envelope', barcode: 'ENV', length: 30, width: 20, height: 1, use_in_auto_advice: false, active: true },
    ],
    now,
  );
  upsertProducts(harness.db, [product({ idproduct: 101, name: 'Red mug', barcode: null, weight: 310, length: 12, width: 10, height: 10 })], now);
}

async function open(harness: Harness, idpicklist: number) {
  expect((await harness.service.open(idpicklist)).kind).toBe('opened');
  await harness.service.settled();
  return harness.service.current();
}

describe('box advice at the pack loop', () => {
  it('advises the smallest packaging marked for advice on open, with its barcode', async () => {
    h = createHarness();
    withAdvice(h);
    const session = await open(h, 5010);
    expect(session?.shipping.advice).toEqual({ idpackaging: 3, name: 'Box S', barcode: 'BOX-S', isLearned: false, boxes: [{ idpackaging: 3, name: 'Box S', barcode: 'BOX-S' }] });
  });

  it('gives no advice when a product has no dimensions', async () => {
    h = createHarness();
    withAdvice(h);
    // Picklist 5009 is the blue mug, cached without dimensions.
    const session = await open(h, 5009);
    expect(session?.shipping.advice).toBeNull();
  });

  it('records scanning the advised packaging as followed and another as overridden, once per parcel', async () => {
    h = createHarness();
    withAdvice(h);
    await open(h, 5010);
    await scan(h.service, 'BOX-L');
    expect(adviceOutcomeCounts(h.db, '2000-01-01', '2100-01-01')).toEqual([{ idpackaging: 3, name: 'Box S', followed: 0, overridden: 1 }]);
    // The packer changes their mind: the last packaging scanned is the parcel's.
    await scan(h.service, 'BOX-S');
    expect(adviceOutcomeCounts(h.db, '2000-01-01', '2100-01-01')).toEqual([{ idpackaging: 3, name: 'Box S', followed: 1, overridden: 0 }]);
  });

  it('records a packaging chosen by hand under Shipping as well', async () => {
    h = createHarness();
    withAdvice(h);
    await open(h, 5010);
    h.service.setShipping({ idpackaging: 4 });
    expect(adviceOutcomeCounts(h.db, '2000-01-01', '2100-01-01')).toEqual([{ idpackaging: 3, name: 'Box S', followed: 0, overridden: 1 }]);
  });

  it('advises what packers chose after five parcels of the same products all went into one other packaging', async () => {
    h = createHarness();
    withAdvice(h);
    for (let i = 1; i <= 5; i++) {
      h.db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (?, 9000, 10, 'Station 1', 'completed', 't', 't')").run(900 + i);
      recordAdviceOutcome(h.db, { packSessionId: 900 + i, productSet: '101x1', advised: 3, chosen: 4, isLearned: false, at: `2026-11-0${i}T10:00:00.000Z` });
    }
    const session = await open(h, 5010);
    expect(session?.shipping.advice).toEqual({ idpackaging: 4, name: 'Box L', barcode: 'BOX-L', isLearned: true, boxes: [{ idpackaging: 4, name: 'Box L', barcode: 'BOX-L' }] });
  });

  it('keeps the fitted advice for a different set of products', async () => {
    h = createHarness();
    withAdvice(h);
    for (let i = 1; i <= 5; i++) {
      h.db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (?, 9000, 10, 'Station 1', 'completed', 't', 't')").run(900 + i);
      recordAdviceOutcome(h.db, { packSessionId: 900 + i, productSet: '101x2', advised: 3, chosen: 4, isLearned: false, at: `2026-11-0${i}T10:00:00.000Z` });
    }
    const session = await open(h, 5010);
    expect(session?.shipping.advice).toMatchObject({ idpackaging: 3, isLearned: false });
  });

  it('advises a box for each part when one box does not hold the products, and a packaging scan in box 2 is box 2\'s', async () => {
    h = createHarness();
    withAdvice(h);
    // Two mugs of 14,400 cm3: Box L holds 24,000 x 0.8 = 19,200, so one mug per box.
    upsertProducts(h.db, [product({ idproduct: 101, name: 'Red mug', barcode: null, weight: 310, length: 30, width: 24, height: 20 })], new Date(h.clock.now()).toISOString());
    const session = await open(h, 5011);
    expect(session?.shipping.advice).toEqual({
      idpackaging: 4,
      name: 'Box L',
      barcode: 'BOX-L',
      isLearned: false,
      boxes: [
        { idpackaging: 4, name: 'Box L', barcode: 'BOX-L' },
        { idpackaging: 4, name: 'Box L', barcode: 'BOX-L' },
      ],
    });
    await scan(h.service, 'BOX-L');
    await scan(h.service, 'PD:NEWBOX');
    await scan(h.service, 'BOX-L');
    expect(h.service.current()?.shipping.boxes.map((b) => b.packaging?.idpackaging)).toEqual([4, 4]);
    // Box 1's choice is what Stats and the learning count.
    expect(adviceOutcomeCounts(h.db, '2000-01-01', '2100-01-01')).toEqual([{ idpackaging: 4, name: 'Box L', followed: 1, overridden: 0 }]);
  });
});
