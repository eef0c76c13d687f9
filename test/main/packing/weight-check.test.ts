import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { packingSettings } from '../../../shared/settings';
import { judgeWeight } from '../../../electron/main/packing/weight-check';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { product } from '../db/factories';
import { summaryOf } from '../stats/helpers';
import { anna, bert, codes, createHarness, outboxRows, scan, type Harness } from './harness';

/* Issue 18 item 1: the parcel's weight against what its lines should weigh. */

let h: Harness | null = null;
afterEach(() => {
  h?.cleanup();
  h = null;
});

describe('the weight tolerance setting', () => {
  it('is off when absent, whole grams and a percentage up to 100 when set', () => {
    expect(packingSettings.parse({})).toEqual({});
    expect(packingSettings.parse({ weightTolerance: { grams: 50, percent: 2.5 } })).toEqual({ weightTolerance: { grams: 50, percent: 2.5 } });
    expect(packingSettings.safeParse({ weightTolerance: { grams: 50.5, percent: 2 } }).success).toBe(false);
    expect(packingSettings.safeParse({ weightTolerance: { grams: -1, percent: 2 } }).success).toBe(false);
    expect(packingSettings.safeParse({ weightTolerance: { grams: 50, percent: 101 } }).success).toBe(false);
    expect(packingSettings.safeParse({ weightTolerance: { grams: 50 } }).success).toBe(false);
  });
});

describe('the weight rule', () => {
  it('allows the larger of the grams and the percentage either way', () => {
    // 5 % of 1000 g is 50 g, more than 30 g: 1050 passes, 1051 does not.
    expect(judgeWeight(1050, 1000, { grams: 30, percent: 5 })).toMatchObject({ isOff: false, percent: 5 });
    expect(judgeWeight(1051, 1000, { grams: 30, percent: 5 })).toMatchObject({ isOff: true, percent: 5.1 });
    expect(judgeWeight(949, 1000, { grams: 30, percent: 5 })).toMatchObject({ isOff: true, percent: -5.1 });
    // A light parcel: 5 % of 200 g is 10 g, the 30 g is what counts.
    expect(judgeWeight(230, 200, { grams: 30, percent: 5 }).isOff).toBe(false);
    expect(judgeWeight(231, 200, { grams: 30, percent: 5 }).isOff).toBe(true);
  });

  it('works with only grams or only a percentage', () => {
    expect(judgeWeight(1100, 1000, { grams: 100, percent: 0 }).isOff).toBe(false);
    expect(judgeWeight(1101, 1000, { grams: 100, percent: 0 }).isOff).toBe(true);
    expect(judgeWeight(1100, 1000, { grams: 0, percent: 10 }).isOff).toBe(false);
    expect(judgeWeight(899, 1000, { grams: 0, percent: 10 }).isOff).toBe(true);
  });

  it('says the difference as a percentage of the expected weight, to one decimal', () => {
    expect(judgeWeight(1240, 980, { grams: 50, percent: 5 })).toEqual({ weight: 1240, expected: 980, percent: 26.5, isOff: true });
  });
});

async function verifyAll(harness: Harness) {
  expect((await harness.service.open(5001)).kind).toBe('opened');
  await harness.service.settled();
  await scan(harness.service, codes.blueMug, 3);
  await scan(harness.service, codes.redMug);
  await scan(harness.service, codes.partA, 2);
  await scan(harness.service, codes.partB);
  harness.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' });
}

function refusalOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    if (isAppError(error)) return error.reason;
    throw error;
  }
  return null;
}

// Picklist 5001's lines weigh 1465 g (3 x 300 + 310 + 2 x 100 + 50 + 5).
describe('completing with the weight check on', () => {
  it('stops a parcel whose weight is outside the tolerance and completes it after a recheck', async () => {
    h = createHarness({ weightTolerance: { grams: 50, percent: 2 } });
    await verifyAll(h);
    h.service.setShipping({ weight: 1900 });
    expect(h.service.current()?.shipping.weightCheck).toEqual({ weight: 1900, expected: 1465, percent: 29.7, isOff: true, override: null });
    expect(refusalOf(() => h?.service.complete())).toEqual({ code: 'pack.weightOff', params: { weight: 1900, expected: 1465, percent: 29.7 } });
    expect(outboxRows(h.db).filter((r) => r.kind === 'pick' || r.kind === 'ship')).toEqual([]);
    // PD:COMPLETE answers with the same reason.
    expect((await scan(h.service, 'PD:COMPLETE')).reason).toMatchObject({ code: 'pack.weightOff' });

    h.service.setShipping({ weight: 1480 });
    expect(h.service.current()?.shipping.weightCheck).toMatchObject({ weight: 1480, isOff: false });
    expect(h.service.complete().state).toBe('completing');
    expect(outboxRows(h.db).find((r) => r.kind === 'ship')?.payload).toMatchObject({ weight: 1480 });
  });

  it('does not check a parcel without a given weight, several boxes, or lines without a weight', async () => {
    h = createHarness({ weightTolerance: { grams: 10, percent: 0 } });
    await verifyAll(h);
    // The lines' own weight is no measurement.
    expect(h.service.current()?.shipping.weightCheck).toBeNull();
    h.service.setShipping({ weight: 5000 });
    h.service.newBox();
    expect(h.service.current()?.shipping.weightCheck).toBeNull();
    expect(h.service.complete().state).toBe('completing');
    h.cleanup();

    // Picklist 5002's green mugs: one has no weight in Picqer.
    h = createHarness({ weightTolerance: { grams: 10, percent: 0 } });
    upsertProducts(h.db, [product({ idproduct: 107, name: 'Green mug (old)', barcode: codes.greenMug, weight: null })], new Date(h.clock.now()).toISOString());
    expect((await h.service.open(5002)).kind).toBe('opened');
    await h.service.settled();
    await scan(h.service, codes.greenMug);
    h.service.choose(106);
    await scan(h.service, codes.greenMug);
    h.service.choose(107);
    h.service.setShipping({ weight: 5000 });
    expect(h.service.current()?.shipping.weightCheck).toBeNull();
    expect(h.service.complete().state).toBe('completing');
  });

  it('waits for the last unit: a box weighed while still being filled is not off yet', async () => {
    h = createHarness({ weightTolerance: { grams: 50, percent: 2 } });
    expect((await h.service.open(5001)).kind).toBe('opened');
    await h.service.settled();
    h.service.setShipping({ weight: 600 });
    await scan(h.service, codes.blueMug, 3);
    expect(h.service.current()?.shipping.weightCheck).toBeNull();
    await scan(h.service, codes.redMug);
    await scan(h.service, codes.partA, 2);
    await scan(h.service, codes.partB);
    h.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' });
    expect(h.service.current()?.shipping.weightCheck).toMatchObject({ weight: 600, expected: 1465, isOff: true });
  });

  it('is off without a tolerance', async () => {
    h = createHarness();
    await verifyAll(h);
    h.service.setShipping({ weight: 9000 });
    expect(h.service.current()?.shipping.weightCheck).toBeNull();
    expect(h.service.complete().state).toBe('completing');
  });

  it('lets a shift lead override the weight with a reason, kept on the session and logged as a scan event', async () => {
    h = createHarness({ weightTolerance: { grams: 50, percent: 2 } });
    await verifyAll(h);
    expect(refusalOf(() => h?.service.overrideWeight({ reason: 'Heavy gift wrap' }, bert))).toEqual({ code: 'pack.weightNotOff', params: {} });
    h.service.setShipping({ weight: 1900 });
    const scansBefore = summaryOf(h).totals.scans;
    h.service.overrideWeight({ reason: 'Heavy gift wrap' }, bert);
    expect(h.service.current()?.shipping.weightCheck).toMatchObject({ isOff: true, override: { reason: 'Heavy gift wrap', by: bert } });

    // A restarted station still knows.
    const restarted = h.restart();
    expect(restarted.current()?.shipping.weightCheck?.override).toMatchObject({ reason: 'Heavy gift wrap', by: bert });
    const events = h.db.prepare("SELECT outcome, reason, iduser FROM scan_events WHERE outcome = 'weight_override'").all();
    expect(events).toEqual([{ outcome: 'weight_override', reason: 'Heavy gift wrap (1900 g, expected 1465 g)', iduser: anna.iduser }]);
    expect(restarted.complete().state).toBe('completing');
    // Stats counts the parcel let through for its packer; the override is no scan.
    const stats = summaryOf(h);
    expect(stats.totals).toMatchObject({ weightOverrides: 1, scans: scansBefore });
    expect(stats.packers).toEqual([expect.objectContaining({ iduser: anna.iduser, weightOverrides: 1 })]);
  });

  it('drops the override when the weight changes afterwards', async () => {
    h = createHarness({ weightTolerance: { grams: 50, percent: 2 } });
    await verifyAll(h);
    h.service.setShipping({ weight: 1900 });
    h.service.overrideWeight({ reason: 'Heavy gift wrap' }, null);
    h.service.setShipping({ weight: 2100 });
    expect(h.service.current()?.shipping.weightCheck?.override).toBeNull();
    expect(refusalOf(() => h?.service.complete())).toMatchObject({ code: 'pack.weightOff' });
  });
});
