import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setPackSessionStatus } from '../../../electron/main/db/queries/pack-sessions';
import { insertPrintJob, markPrintJobDone } from '../../../electron/main/db/queries/print-jobs';
import { markShipmentCancelled } from '../../../electron/main/db/queries/shipments';
import { median, statsSummary } from '../../../electron/main/stats/summary';
import { anna, bert, codes, createHarness, scan, type Harness } from '../packing/harness';
import { labelArrives, nowIso, summaryOf, tz, wait, waitUntil } from './helpers';

/*
 * Every figure of the Stats screen from sessions packed through the real pack service on a real
 * SQLite file; what happens after completion (shipment, label, print) through the real queries.
 * The harness clock starts at 2026-11-02 09:00 UTC, 10:00 in Amsterdam.
 */

const day = '2026-11-02';

describe('median', () => {
  it('is the middle value, the mean of the two middle ones for an even count, and null for none', () => {
    expect(median([60, 30, 45])).toBe(45);
    expect(median([30, 60, 45, 30])).toBe(37.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe('stats summary per packer and per station', () => {
  let h: Harness;

  beforeEach(() => {
    h = createHarness();
  });

  afterEach(() => {
    h.cleanup();
  });

  /** Anna at Station 1: three parcels, three mis-scans. Bert at Station 2: one parcel, one problem. */
  async function packTheMorning() {
    const outcome = async (code: string, multiplier?: number) => (await scan(h.service, code, multiplier)).outcome;

    // Opened by scanning it; a wrong item, an unknown code, the red mug, one red mug too many.
    expect((await scan(h.service, 'P2026-5008')).kind).toBe('opened');
    wait(h, 10);
    expect(await outcome(codes.stranger)).toBe('wrong_item');
    wait(h, 5);
    expect(await outcome('NOPE-1')).toBe('unknown_barcode');
    wait(h, 5);
    expect(await outcome(codes.redMug)).toBe('all_verified');
    wait(h, 5);
    expect(await outcome(codes.redMug)).toBe('too_many');
    wait(h, 5);
    const a1 = h.service.complete().id;
    const first = labelArrives(h, a1, 5008, { shipped: 4, fetched: 3, printed: 5 });
    // A reprint a minute later is not the packer waiting.
    wait(h, 60);
    const reprint = insertPrintJob(
      h.db,
      { kind: 'label', idpicklist: 5008, shipmentId: first.shipmentId, printer: 'folder', format: 'pdf', documentPath: '/labels/again.pdf', isReprint: true, failure: null },
      nowIso(h),
    );
    markPrintJobDone(h.db, reprint, nowIso(h));

    // Opened from the queue (no scan), 45 s to the last unit; no label printer: 20 s to the fetch.
    wait(h, 30);
    await h.service.open(5010);
    wait(h, 45);
    expect(await outcome(codes.redMug)).toBe('all_verified');
    const a2 = h.service.complete().id;
    labelArrives(h, a2, 5010, { shipped: 10, fetched: 10, printed: 'failed' });

    // Two units in one scan; 60 s; its shipment has not come back yet.
    wait(h, 30);
    await h.service.open(5011);
    expect(await outcome(codes.redMug, 2)).toBe('all_verified');
    wait(h, 60);
    h.service.complete();

    h.state.packer = bert;
    h.state.station = 'Station 2';
    waitUntil(h, '2026-11-02T10:15:00.000Z');
    await h.service.open(5009);
    wait(h, 20);
    expect(await outcome(codes.blueMug)).toBe('all_verified');
    wait(h, 10);
    const b1 = h.service.complete().id;
    labelArrives(h, b1, 5009, { shipped: 2, fetched: 2, printed: 4 });

    // Three blue mugs in one scan count on two lines (one scan, two events), then are undone; a
    // red mug; the sticker confirmed by hand; then a missing item is reported.
    wait(h, 60);
    await h.service.open(5001);
    wait(h, 10);
    expect(await outcome(codes.blueMug, 3)).toBe('line_complete');
    const batch = h.db.prepare("SELECT quantity, batch IS NULL AS first FROM scan_events WHERE pack_session_id = ? AND code = ? ORDER BY id").all(
      h.service.current()?.id,
      codes.blueMug,
    );
    expect(batch).toEqual([
      { quantity: 2, first: 1 },
      { quantity: 1, first: 0 },
    ]);
    wait(h, 5);
    h.service.undo();
    wait(h, 5);
    expect(await outcome(codes.redMug)).toBe('line_complete');
    wait(h, 5);
    h.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'Sticker has no barcode' });
    wait(h, 15);
    h.service.problem({ reason: 'missing' });
  }

  it('counts parcels, units, scans and mis-scans and takes the medians, per packer, per station and in total', async () => {
    await packTheMorning();
    const stats = summaryOf(h, { day });
    expect(stats).toMatchObject({ day, today: day, shift: null, from: '2026-11-01T23:00:00.000Z', to: '2026-11-02T23:00:00.000Z' });

    const annaFigures = {
      parcels: 3,
      units: 4,
      scans: 7,
      productScans: 6,
      misScans: 3,
      misScanRate: 0.5,
      problemSessions: 0,
      weightOverrides: 0,
      medianSeconds: { scanning: 45, waitingForLabel: 16, problems: null },
    };
    const bertFigures = {
      parcels: 1,
      units: 3,
      scans: 4,
      productScans: 3,
      misScans: 0,
      misScanRate: 0,
      problemSessions: 1,
      weightOverrides: 0,
      medianSeconds: { scanning: 30, waitingForLabel: 8, problems: 40 },
    };
    expect(stats.packers).toEqual([
      { iduser: anna.iduser, name: 'Anna de Vries', ...annaFigures },
      { iduser: bert.iduser, name: 'Bert Jansen', ...bertFigures },
    ]);
    expect(stats.stations).toEqual([
      { station: 'Station 1', ...annaFigures },
      { station: 'Station 2', ...bertFigures },
    ]);
    expect(stats.totals).toEqual({
      parcels: 4,
      units: 7,
      scans: 11,
      productScans: 9,
      misScans: 3,
      misScanRate: 3 / 9,
      problemSessions: 1,
      weightOverrides: 0,
      // Scanning 30, 30, 45, 60: an even count, so the mean of 30 and 45.
      medianSeconds: { scanning: 37.5, waitingForLabel: 12, problems: 40 },
    });
  });

  it('draws parcels and scans per hour per packer', async () => {
    await packTheMorning();
    const stats = summaryOf(h, { day });
    expect(stats.hours).toHaveLength(24);
    expect(stats.hours[10]).toEqual({ start: '2026-11-02T09:00:00.000Z', label: '10:00' });
    const only = (index: number, value: number) => stats.hours.map((_, i) => (i === index ? value : 0));
    expect(stats.series).toEqual([
      { iduser: anna.iduser, name: 'Anna de Vries', parcels: only(10, 3), scans: only(10, 7) },
      { iduser: bert.iduser, name: 'Bert Jansen', parcels: only(11, 1), scans: only(11, 4) },
    ]);
  });

  it('filters by shift: everything was in the early shift, nothing in the late one', async () => {
    await packTheMorning();
    const early = summaryOf(h, { day, shift: 'early' });
    const whole = summaryOf(h, { day });
    expect(early.totals).toEqual(whole.totals);
    expect(early.packers).toEqual(whole.packers);
    expect(early.hours.map((x) => x.label)).toEqual(['06:00', '07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
    expect(early.series[0]?.parcels).toEqual([0, 0, 0, 0, 3, 0, 0, 0]);
    expect(early.shifts.map((s) => s.id)).toEqual(['early', 'late', 'night']);

    const late = summaryOf(h, { day, shift: 'late' });
    expect(late.packers).toEqual([]);
    expect(late.stations).toEqual([]);
    expect(late.totals).toMatchObject({ parcels: 0, scans: 0, misScanRate: null, medianSeconds: { scanning: null, waitingForLabel: null, problems: null } });
    expect(summaryOf(h, { day: '2026-11-01' }).totals.scans).toBe(0);
  });

  it('a parcel whose shipment was cancelled, or that stopped with an alert, is no parcel; its scans still count', async () => {
    await h.service.open(5008);
    await scan(h.service, codes.redMug);
    const cancelled = h.service.complete().id;
    const { shipmentId } = labelArrives(h, cancelled, 5008, { shipped: 2, fetched: 2, printed: 2 });
    await h.service.open(5010);
    await scan(h.service, codes.redMug);
    const alerted = h.service.complete().id;
    expect(summaryOf(h).totals.parcels).toBe(2);

    markShipmentCancelled(h.db, shipmentId, nowIso(h), { iduser: 21, name: 'Sanne de Vries' });
    setPackSessionStatus(h.db, cancelled, 'abandoned', { now: nowIso(h) });
    setPackSessionStatus(h.db, alerted, 'alert', { now: nowIso(h), alert: 'Picklist P2026-5010 is cancelled in Picqer.' });
    const stats = summaryOf(h);
    expect(stats.totals).toMatchObject({ parcels: 0, units: 2, scans: 2, medianSeconds: { scanning: null, waitingForLabel: null } });
  });

  it('puts scans with nobody signed in, and packers the cache no longer knows, in rows of their own', async () => {
    h.state.packer = null;
    expect((await scan(h.service, 'PD:CANCEL')).kind).toBe('command');
    h.state.packer = { iduser: 99, name: 'Temp worker' };
    expect((await scan(h.service, 'NOPE-2')).kind).toBe('not_found');
    const stats = summaryOf(h);
    expect(stats.packers.map((p) => [p.iduser, p.name, p.scans, p.productScans])).toEqual([
      [99, '#99', 1, 0],
      [null, null, 1, 0],
    ]);
  });

  it('a day and its shifts follow the packer across midnight: the night shift keeps its parcel', async () => {
    // 13:59:59.999 is early, 14:00 is late.
    waitUntil(h, '2026-11-02T12:59:59.999Z');
    await scan(h.service, 'NOPE-3');
    wait(h, 0.001);
    await scan(h.service, 'NOPE-4');
    expect(summaryOf(h, { day, shift: 'early' }).totals.scans).toBe(1);
    expect(summaryOf(h, { day, shift: 'late' }).totals.scans).toBe(1);

    // Opened at 23:30 on the 2nd, completed at 00:30 on the 3rd: the night shift of the 2nd.
    waitUntil(h, '2026-11-02T22:30:00.000Z');
    expect((await scan(h.service, 'P2026-5009')).kind).toBe('opened');
    waitUntil(h, '2026-11-02T23:30:00.000Z');
    await scan(h.service, codes.blueMug);
    h.service.complete();
    // 05:59:59.999 on the 3rd is still the night shift; 06:00 is the early shift of the 3rd.
    waitUntil(h, '2026-11-03T04:59:59.999Z');
    await scan(h.service, 'NOPE-5');
    wait(h, 0.001);
    await scan(h.service, 'NOPE-6');

    const night = summaryOf(h, { day, shift: 'night' });
    expect(night.totals).toMatchObject({ parcels: 1, scans: 3, units: 1, medianSeconds: { scanning: 3600 } });
    expect(night.series[0]?.parcels).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    expect(night.series[0]?.scans).toEqual([0, 1, 1, 0, 0, 0, 0, 1]);
    expect(summaryOf(h, { day: '2026-11-03', shift: 'early' }).totals.scans).toBe(1);
    expect(summaryOf(h, { day: '2026-11-03', shift: 'night' }).totals.scans).toBe(0);
    // By calendar day the parcel is the 3rd's, its opening scan the 2nd's.
    expect(summaryOf(h, { day }).totals).toMatchObject({ parcels: 0, scans: 3 });
    expect(summaryOf(h, { day: '2026-11-03' }).totals).toMatchObject({ parcels: 1, scans: 3, units: 1 });
    expect(summaryOf(h).today).toBe('2026-11-03');
  });

  it('takes the station’s own shifts', async () => {
    waitUntil(h, '2026-11-02T16:45:00.000Z');
    await scan(h.service, 'NOPE-7');
    const shifts = [{ id: 'evening', start: '17:30', end: '18:00' }];
    const stats = statsSummary(h.db, { day, shift: 'evening' }, { clock: h.clock, timeZone: tz, shifts });
    expect(stats.totals.scans).toBe(1);
    expect(stats.shifts).toEqual(shifts);
    expect(stats.hours).toEqual([{ start: '2026-11-02T16:30:00.000Z', label: '17:30' }]);
    expect(() => statsSummary(h.db, { day, shift: 'early' }, { clock: h.clock, timeZone: tz, shifts })).toThrow(/no shift "early"/);
  });
});
