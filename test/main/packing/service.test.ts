import { said, words } from '../../helpers/answer-words';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { product } from '../db/factories';
import { anna, bert, codes, createHarness, lineOf, outboxRows, routerOf, scan, scanRows, type Harness } from './harness';

let h: Harness;
afterEach(() => h.cleanup());

/** Opens picklist 5001 and brings every line but the named ones to complete. */
/** Opens the main picklist and lets the re-read beside the open settle; the answer carries the session as it then is. */
async function openMain(harness: Harness) {
  const answer = await harness.service.open(5001);
  expect(answer.kind).toBe('opened');
  await harness.service.settled();
  return { ...answer, session: harness.service.current() };
}

async function verifyAll(harness: Harness) {
  await openMain(harness);
  await scan(harness.service, codes.blueMug, 3);
  await scan(harness.service, codes.redMug);
  await scan(harness.service, codes.partA, 2);
  await scan(harness.service, codes.partB);
  return harness.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' });
}

describe('opening by scan', () => {
  it.each([
    ['picklistid', 'P2026-5001', 5001],
    ['idpicklist', '5001', 5001],
    ['order number', 'O2026-7001', 5001],
    ['full webshop reference', 'PS #73 / ITQRFWVHT', 5001],
    ['bare webshop reference', 'itqrfwvht', 5001],
    ['picking container name', 'TOTE-12', 5010],
    ['picking container barcode', 'C0012', 5010],
  ])('opens by %s', async (_kind, code, idpicklist) => {
    h = createHarness();
    const answer = await scan(h.service, code);
    expect(answer.kind).toBe('opened');
    expect(h.service.current()?.idpicklist).toBe(idpicklist);
    expect(h.service.current()?.idpicklist).toBe(idpicklist);
    expect(scanRows(h.db).at(-1)).toMatchObject({ outcome: 'opened', code, station: 'Station 1', iduser: 10 });
  });

  it('lets the packer choose when a code names several picklists', async () => {
    h = createHarness();
    const answer = await scan(h.service, 'O2026-7009');
    expect(answer.kind).toBe('choose_picklist');
    expect(answer.picklistChoices.map((c) => c.idpicklist).sort()).toEqual([5008, 5009]);
    expect(h.service.current()).toBeNull();
  });

  it('answers not_found in plain words, naming a product scanned with no picklist open', async () => {
    h = createHarness();
    const none = await scan(h.service, 'NOPE-1');
    expect(said(none)).toMatchObject({ kind: 'not_found', said: 'No picklist found for "NOPE-1".' });
    const mug = await scan(h.service, codes.blueMug);
    expect(mug.kind).toBe('not_found');
    expect(words(mug)).toContain('Blue mug');
    expect(scanRows(h.db).map((r) => r.outcome)).toEqual(['not_found', 'not_found']);
  });

  it('refuses every scan while no packer is signed in, and stores nothing', async () => {
    h = createHarness();
    h.state.packer = null;
    expect((await scan(h.service, 'P2026-5001')).kind).toBe('no_packer');
    expect((await h.service.open(5001)).kind).toBe('no_packer');
    expect(scanRows(h.db)).toEqual([]);
    expect(h.service.current()).toBeNull();
  });

  it('opens another picklist scanned during a session and keeps the first one resumable', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.blueMug);
    const other = await scan(h.service, 'P2026-5011');
    expect(other).toMatchObject({ kind: 'opened', picklistid: 'P2026-5011' });
    expect(h.service.current()?.idpicklist).toBe(5011);
    await scan(h.service, 'P2026-5001');
    expect(lineOf(h.service.current(), 50011).verified).toBe(1);
  });
});

describe('open: re-read, refusals, assignment', () => {
  it('re-reads the picklist, its order, shipping methods and comments when online', async () => {
    h = createHarness({ orderFields: ['Gift note'] });
    const { session } = await openMain(h);
    expect(h.refreshed).toEqual([5001]);
    // The order is cached: pausing an order pauses its picklists, so the picklist's re-read says it.
    expect(h.api.calls.sort()).toEqual(['getShippingMethods 5001', 'listComments picklists 5001']);
    expect(session).toMatchObject({
      isOnline: true,
      picklistid: 'P2026-5001',
      order: { orderid: 'O2026-7001', webshop: 'PrestaShop', customerRemarks: 'Leave at the neighbours', fields: [{ title: 'Gift note', value: 'Happy birthday' }] },
      comments: [{ author: 'Carla', body: 'Fragile, wrap twice' }],
      shipping: { idshippingprovider_profile: 1366, packaging: null, isWeightManual: false },
      packer: anna,
      assignedElsewhere: null,
    });
    // 2+1 blue mugs at 300 g, a red one at 310 g, parts 2x100 + 50, the sticker 5 g.
    expect(session?.shipping.weight).toBe(900 + 310 + 250 + 5);
    expect(session?.lines.map((l) => [l.idpicklist_product, l.parentId, l.isComposition])).toEqual([
      [50011, null, false],
      [50012, null, false],
      [50013, null, true],
      [50014, 50013, false],
      [50015, 50013, false],
      [50016, null, false],
      [50017, null, false],
    ]);
  });

  it('spends no shippingmethods request on a picklist that names its own profile', async () => {
    h = createHarness();
    await h.service.open(5011);
    expect(h.refreshed).toEqual([5011]);
    expect(h.api.calls.filter((c) => c.startsWith('getShippingMethods'))).toEqual([]);
    expect(h.service.current()).toMatchObject({ isOnline: true, shipping: { idshippingprovider_profile: 1366 } });
    expect(h.service.current()?.shipping.profiles.map((p) => p.idshippingprovider_profile)).toEqual([1365, 1366]);
  });

  it('assigns the picklist to the packer through the outbox, in the commit that creates the session', async () => {
    h = createHarness();
    const { session } = await openMain(h);
    expect(outboxRows(h.db)).toMatchObject([{ idpicklist: 5001, kind: 'assign', payload: { iduser: 10 } }]);
    expect(h.kicks).toBe(1);
    const row = h.db.prepare('SELECT status, station_name, iduser FROM pack_sessions WHERE id = ?').get(session?.id);
    expect(row).toEqual({ status: 'open', station_name: 'Station 1', iduser: 10 });
    h.service.leave();
    await openMain(h);
    expect(outboxRows(h.db).filter((r) => r.kind === 'assign')).toHaveLength(1);
  });

  it('works from the cache when offline, and says so', async () => {
    h = createHarness();
    h.state.isOnline = false;
    const answer = await h.service.open(5011);
    expect(answer.kind).toBe('opened');
    expect(h.refreshed).toEqual([]);
    expect(h.api.calls).toEqual([]);
    expect(h.service.current()).toMatchObject({ isOnline: false, comments: [], shipping: { idshippingprovider_profile: 1366 } });
    expect(h.service.current()?.shipping.profiles.map((p) => p.idshippingprovider_profile)).toEqual([1365, 1366]);
    await h.service.open(5010);
    expect(h.service.current()?.shipping.idshippingprovider_profile).toBe(1365);
  });

  it('falls back to the cache when the re-read fails on the network', async () => {
    h = createHarness();
    h.state.isRefreshFailing = true;
    const answer = await h.service.open(5011);
    expect(answer).toMatchObject({ kind: 'opened' });
    await h.service.settled();
    expect(h.service.current()).toMatchObject({ isOnline: false, alert: null });
    expect(h.api.calls).toEqual([]);
    // The assignment held for the re-read goes as soon as it can.
    expect(outboxRows(h.db, 5011).map((r) => r.kind)).toEqual(['assign']);
  });

  it('opens from the cache at once and stops the parcel when Picqer no longer has the picklist', async () => {
    h = createHarness();
    h.remote.delete(5011);
    expect(await h.service.open(5011)).toMatchObject({ kind: 'opened' });
    await h.service.settled();
    expect(words({ reason: h.service.current()?.alert })).toBe('Picklist P2026-5011 was not found in Picqer (any more).');
    expect(h.db.prepare("SELECT status FROM outbox WHERE kind = 'assign'").pluck().all()).toEqual(['done']);
  });

  it.each([
    [5003, 'Picklist P2026-5003 is paused in Picqer: Waiting for the customer to confirm the address'],
    [5004, 'Picklist P2026-5004 was cancelled in Picqer.'],
    [5005, 'Picklist P2026-5005 is snoozed until 2026-11-05 09:00:00.'],
    [5006, 'Picklist P2026-5006 is already closed: it has been packed.'],
    [5012, 'Picklist P2026-5012 belongs to another warehouse.'],
  ])('refuses picklist %i with its reason', async (idpicklist, message) => {
    h = createHarness();
    const answer = await scan(h.service, `P2026-${idpicklist}`);
    expect(said(answer)).toMatchObject({ kind: 'blocked', said: message });
    expect(h.service.current()).toBeNull();
    expect(scanRows(h.db).at(-1)).toMatchObject({ outcome: 'blocked', pack_session_id: null, reason: message });
    expect(outboxRows(h.db)).toEqual([]);
  });

  it('opens a picklist the cache has as paused when Picqer resumed it, reading it once', async () => {
    h = createHarness();
    const remote = h.remote.get(5003);
    if (!remote) throw new Error('fixture');
    h.remote.set(5003, { ...remote, status: 'new', paused_reason: null });
    expect((await h.service.open(5003)).kind).toBe('opened');
    await h.service.settled();
    expect(h.service.current()?.alert).toBeNull();
    expect(h.refreshed).toEqual([5003]);
  });

  it('stops a picklist paused in Picqer since the last sync the moment the re-read sees it', async () => {
    h = createHarness();
    const remote = h.remote.get(5011);
    if (!remote) throw new Error('fixture');
    h.remote.set(5011, { ...remote, status: 'paused', paused_reason: 'Address unclear' });
    const answer = await h.service.open(5011);
    expect(answer.kind).toBe('opened');
    await h.service.settled();
    const session = h.service.current();
    expect(words({ reason: session?.alert })).toBe('Picklist P2026-5011 is paused in Picqer: Address unclear');
    expect(h.sessions.at(-1)?.alert).toEqual(session?.alert);
    // Nothing is sent for it: the held assignment is dropped, and it cannot complete.
    expect(h.db.prepare("SELECT status FROM outbox WHERE kind = 'assign'").pluck().all()).toEqual(['done']);
    expect(() => h.service.complete()).toThrow(/paused in Picqer/);
  });

  it('warns about a picklist assigned to someone else, accepts no scans, and lets the packer take over', async () => {
    h = createHarness();
    const answer = await h.service.open(5007);
    expect(answer.kind).toBe('opened');
    expect(h.service.current()?.assignedElsewhere).toEqual(bert);
    expect(outboxRows(h.db)).toEqual([]);
    const refused = await scan(h.service, codes.redMug);
    expect(refused.kind).toBe('blocked');
    expect(words(refused)).toContain('Bert Jansen');
    expect(lineOf(h.service.current(), 50071).verified).toBe(0);
    expect(() => h.service.confirmLine({ idpicklist_product: 50071, amount: 1, reason: 'because' })).toThrow(AppError);

    await h.service.open(5007, { takeOver: true });
    expect(h.service.current()?.assignedElsewhere).toBeNull();
    expect(h.service.current()?.id).toBe(h.service.current()?.id);
    expect(outboxRows(h.db)).toMatchObject([{ kind: 'assign', payload: { iduser: 10 } }]);
    h.service.leave();
    await h.service.open(5007);
    expect(h.service.current()?.assignedElsewhere).toBeNull();
    expect(outboxRows(h.db).filter((r) => r.kind === 'assign')).toHaveLength(1);
    expect((await scan(h.service, codes.redMug)).outcome).toBe('all_verified');
  });
});

describe('product scans', () => {
  it('answers every outcome and counts only good news', async () => {
    h = createHarness();
    await openMain(h);
    const s = h.service;
    expect(await scan(s, codes.redMug)).toMatchObject({ kind: 'product', outcome: 'line_complete', product: { idproduct: 101, name: 'Red mug' } });
    expect(said(await scan(s, codes.redMug))).toMatchObject({ outcome: 'too_many', said: 'Red mug is complete: every unit has been scanned.' });
    expect(await scan(s, codes.blueMug)).toMatchObject({ outcome: 'counted' });
    expect(said(await scan(s, codes.stranger))).toMatchObject({ outcome: 'wrong_item', product: { name: 'Yellow mug' }, said: 'Yellow mug is not on picklist P2026-5001.' });
    expect(await scan(s, '0000000000017')).toMatchObject({ outcome: 'unknown_barcode' });
    const session = s.current();
    expect(lineOf(session, 50012).verified).toBe(1);
    expect(lineOf(session, 50011).verified).toBe(1);
    expect(session?.verifiedUnits).toBe(2);
    expect(session?.units).toBe(8);
    expect(session?.lastScan).toMatchObject({ outcome: 'unknown_barcode', code: '0000000000017' });
    expect(scanRows(h.db).map((r) => r.outcome)).toEqual(['line_complete', 'too_many', 'counted', 'wrong_item', 'unknown_barcode']);
  });

  it('finds the product by GTIN-14, by the AIM-prefixed scan and by GS1 AI 01', async () => {
    h = createHarness();
    await h.service.open(5011);
    expect((await scan(h.service, `0${codes.redMug}`)).outcome).toBe('counted');
    expect((await scan(h.service, `]E0${codes.redMug}`)).outcome).toBe('all_verified');
    await h.service.open(5010);
    expect((await scan(h.service, `]C101${`0${codes.redMug}`}`)).outcome).toBe('all_verified');
  });

  it('reads a GS1 element string by the AIM identifier that came apart from it', async () => {
    h = createHarness();
    await h.service.open(5011);
    // AI 17 before AI 01, without FNC1: only ]C1 says it is GS1. The journal keeps the code as scanned.
    const gs1 = `1726123101${`0${codes.redMug}`}`;
    expect(await routerOf(h.service).submit({ code: gs1, aim: null, source: 'wedge' })).toMatchObject({ outcome: 'unknown_barcode' });
    expect(await routerOf(h.service).submit({ code: gs1, aim: ']C1', source: 'wedge' })).toMatchObject({ outcome: 'counted', product: { idproduct: 101 } });
    expect(scanRows(h.db).map((r) => [r.outcome, r.code])).toEqual([
      ['unknown_barcode', gs1],
      ['counted', gs1],
    ]);
  });

  it('multiplies a scan, all or nothing', async () => {
    h = createHarness();
    await openMain(h);
    expect(said(await scan(h.service, codes.blueMug, 4))).toMatchObject({ outcome: 'too_many', amount: 4, said: 'Only 3 more of Blue mug needed, not 4.' });
    expect(lineOf(h.service.current(), 50011).verified).toBe(0);
    expect(await scan(h.service, codes.blueMug, 3)).toMatchObject({ outcome: 'line_complete', amount: 3 });
    expect(lineOf(h.service.current(), 50011).verified).toBe(2);
    expect(lineOf(h.service.current(), 50017).verified).toBe(1);
  });

  it('fills the first line of a product before the second, and undo takes a split scan back whole', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.blueMug);
    expect(lineOf(h.service.current(), 50011).verified).toBe(1);
    expect(lineOf(h.service.current(), 50017).verified).toBe(0);
    await scan(h.service, codes.blueMug, 2);
    expect(lineOf(h.service.current(), 50011).verified).toBe(2);
    expect(lineOf(h.service.current(), 50017).verified).toBe(1);
    h.service.undo();
    const undone = h.service.current();
    expect(lineOf(undone, 50011).verified).toBe(1);
    expect(lineOf(undone, 50017).verified).toBe(0);
  });

  it('asks which product when several on the picklist share the barcode, and choose finishes the scan', async () => {
    h = createHarness();
    await h.service.open(5002);
    const answer = await scan(h.service, codes.greenMug);
    expect(answer.outcome).toBe('ambiguous');
    expect(answer.productChoices.map((p) => p.idproduct)).toEqual([106, 107]);
    expect(lineOf(h.service.current(), 50021).verified).toBe(0);
    const chosen = h.service.choose(107);
    expect(chosen).toMatchObject({ outcome: 'line_complete', product: { idproduct: 107 }, code: codes.greenMug });
    expect(lineOf(h.service.current(), 50022).verified).toBe(1);
    expect(() => h.service.choose(107)).toThrow(/No scan is waiting/);
  });

  it('a scan of one choice\'s own code in front of the product chooser counts that product and ends the waiting choice', async () => {
    // The renderer forwards such a scan like any other; this answer is what closes its chooser.
    h = createHarness();
    await h.service.open(5002);
    const answer = await scan(h.service, codes.greenMug);
    expect(answer.outcome).toBe('ambiguous');
    const meant = answer.productChoices.find((p) => p.idproduct === 107);
    if (!meant) throw new Error('fixture');
    expect(await scan(h.service, meant.productcode)).toMatchObject({ kind: 'product', outcome: 'line_complete', product: { idproduct: 107 } });
    expect(lineOf(h.service.current(), 50022).verified).toBe(1);
    expect(() => h.service.choose(106)).toThrow(/No scan is waiting/);
  });

  it('takes the one product on the picklist when a shared barcode has only one there', async () => {
    h = createHarness();
    await openMain(h);
    const mug = await scan(h.service, codes.greenMug);
    expect(mug.outcome).toBe('wrong_item');
    const tmpPicklist = h.remote.get(5002);
    if (!tmpPicklist) throw new Error('fixture');
    h.remote.set(5002, { ...tmpPicklist, products: tmpPicklist.products.filter((l) => l.idproduct === 106) });
    await h.service.open(5002);
    await h.service.settled();
    expect(await scan(h.service, codes.greenMug)).toMatchObject({ outcome: 'all_verified', product: { idproduct: 106 } });
  });

  it('says so when a barcode belongs to a product that is inactive in Picqer', async () => {
    h = createHarness();
    await openMain(h);
    const answer = await scan(h.service, codes.retired);
    expect(answer).toMatchObject({ outcome: 'wrong_item', product: { idproduct: 109, isInactive: true } });
    expect(words(answer)).toBe('Purple mug is inactive in Picqer and not on picklist P2026-5001.');
    h.service.leave();
    const outside = await scan(h.service, codes.retired);
    expect(outside).toMatchObject({ kind: 'not_found', product: { idproduct: 109, isInactive: true } });
    expect(words(outside)).toBe('Purple mug is a product (inactive in Picqer): open a picklist first.');
  });

  it('packs a composition by its parts, refusing the set itself', async () => {
    h = createHarness();
    await openMain(h);
    const set = await scan(h.service, codes.giftSet);
    expect(said(set)).toMatchObject({ outcome: 'set_scanned', said: 'Gift set is a set: scan its parts.', product: { idproduct: 102 } });
    await scan(h.service, codes.partA);
    expect(lineOf(h.service.current(), 50013).verified).toBe(0);
    await scan(h.service, codes.partA);
    expect(lineOf(h.service.current(), 50013).verified).toBe(0);
    const last = await scan(h.service, codes.partB);
    expect(last.outcome).toBe('line_complete');
    expect(lineOf(h.service.current(), 50013).verified).toBe(1);
  });

  it('undoes the last counting scan, skipping refused ones', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.redMug);
    await scan(h.service, codes.blueMug);
    await scan(h.service, codes.stranger);
    h.service.undo();
    const after = h.service.current();
    expect(lineOf(after, 50011).verified).toBe(0);
    expect(lineOf(after, 50012).verified).toBe(1);
    h.service.undo();
    expect(() => h.service.undo()).toThrow(/Nothing to undo/);
    expect(scanRows(h.db).filter((r) => r.undone_at !== null).map((r) => r.code)).toEqual([codes.redMug, codes.blueMug]);
  });

  it('confirms a line without a barcode by hand with a logged reason, and refuses a barcoded one', async () => {
    h = createHarness();
    await openMain(h);
    expect(() => h.service.confirmLine({ idpicklist_product: 50012, amount: 1, reason: 'scanner broken' })).toThrow(/Line of 101 has a barcode: scan it instead/);
    h.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' });
    const session = h.service.current();
    expect(lineOf(session, 50016)).toMatchObject({ verified: 1, manualReason: 'no barcode on the sticker', hasBarcode: false });
    expect(scanRows(h.db).at(-1)).toMatchObject({ outcome: 'line_complete', source: 'manual', reason: 'no barcode on the sticker', quantity: 1 });
    expect(() => h.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'again' })).toThrow(/is complete: every unit has been scanned/);
  });

  it('writes the scan event before anyone hears the answer', async () => {
    h = createHarness();
    await openMain(h);
    const seen: number[] = [];
    const before = h.sessions.length;
    const reader = h.db;
    h.sessions.push = (...items) => {
      seen.push((reader.prepare("SELECT COUNT(*) AS n FROM scan_events WHERE outcome = 'counted'").get() as { n: number }).n);
      return Array.prototype.push.apply(h.sessions, items);
    };
    await scan(h.service, codes.blueMug);
    expect(h.sessions.length).toBe(before + 1);
    expect(seen).toEqual([1]);
  });

  it('resumes after a restart with the same counts, on the same screen', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.blueMug, 2);
    await scan(h.service, codes.partA);
    h.service.undo();
    await scan(h.service, codes.redMug);
    h.service.setShipping({ idpackaging: 3, weight: 1200 });
    const before = h.service.current();

    const restarted = h.restart();
    const after = restarted.current();
    expect(after?.id).toBe(h.service.current()?.id);
    expect(after?.lines).toEqual(before?.lines);
    expect(after?.shipping).toEqual(before?.shipping);
    expect(after?.lastScan).toMatchObject({ outcome: 'line_complete', code: codes.redMug });
    expect((await scan(restarted, codes.blueMug)).outcome).toBe('line_complete');
  });

  it('does not show an undone scan as the last one after a restart', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.blueMug, 2);
    await scan(h.service, codes.redMug);
    h.service.undo();
    expect(h.restart().current()?.lastScan).toMatchObject({ code: codes.blueMug, amount: 2 });
  });

  it('leaves a picklist with its scans kept, and opening it again carries on', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.redMug);
    expect(h.service.leave()).toBeNull();
    expect(h.sessions.at(-1)).toBeNull();
    expect(h.restart().current()).toBeNull();
    h.state.packer = bert;
    await h.service.open(5001, { takeOver: true });
    expect(lineOf(h.service.current(), 50012).verified).toBe(1);
    expect(h.service.current()?.packer).toEqual(bert);
  });
});

describe('shipping choice', () => {
  it('takes a packaging from a scan and the rest from setShipping, validated', async () => {
    h = createHarness();
    await openMain(h);
    const box = await scan(h.service, 'box-s');
    expect(box).toMatchObject({ kind: 'packaging', name: 'Box S' });
    expect(h.service.current()?.shipping.packaging).toEqual({ idpackaging: 3, name: 'Box S' });
    const set = h.service.setShipping({ idshippingprovider_profile: 1365, weight: 2000 });
    expect(set.shipping).toMatchObject({ idshippingprovider_profile: 1365, weight: 2000, isWeightManual: true, packaging: { idpackaging: 3 } });
    expect(h.service.setShipping({ weight: null, idpackaging: null }).shipping).toMatchObject({ weight: 1465, isWeightManual: false, packaging: null });
    expect(() => h.service.setShipping({ idshippingprovider_profile: 9 })).toThrow(/not offered/);
    expect(() => h.service.setShipping({ idpackaging: 9 })).toThrow(/not known/);
  });
});

describe('complete', () => {
  it('refuses until every line is verified', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.redMug);
    expect(() => h.service.complete()).toThrow(/P2026-5001 is not complete: 1 of 8 units verified/);
    expect(outboxRows(h.db).map((r) => r.kind)).toEqual(['assign']);
  });

  it('refuses without a packer', async () => {
    h = createHarness();
    await verifyAll(h);
    h.state.packer = null;
    expect(() => h.service.complete()).toThrow(/Sign in a packer/);
  });

  it('queues pick, ship, documents and close in one commit and frees the station', async () => {
    h = createHarness();
    await verifyAll(h);
    expect(h.service.current()?.isAllVerified).toBe(true);
    h.service.setShipping({ idpackaging: 3 });
    const kicks = h.kicks;
    const done = h.service.complete();
    expect(done.state).toBe('completing');
    expect(h.service.current()).toBeNull();
    expect(h.sessions.at(-1)).toBeNull();
    expect(h.kicks).toBe(kicks + 1);
    const rows = outboxRows(h.db, 5001).filter((r) => r.kind !== 'assign');
    expect(rows.map((r) => r.kind)).toEqual(['pick', 'ship', 'documents', 'close']);
    expect(new Set(rows.map((r) => r.created_at)).size).toBe(1);
    const lines = [
      { idpicklist_product: 50011, amount: 2 },
      { idpicklist_product: 50012, amount: 1 },
      { idpicklist_product: 50014, amount: 2 },
      { idpicklist_product: 50015, amount: 1 },
      { idpicklist_product: 50016, amount: 1 },
      { idpicklist_product: 50017, amount: 1 },
    ];
    expect(rows[0]?.payload).toEqual({ packSessionId: done.id, lines });
    expect(rows[1]?.payload).toEqual({ packSessionId: done.id, idshippingprovider_profile: 1366, idpackaging: 3, weight: 1465, lines, iduser: 10 });
    expect(h.db.prepare('SELECT status FROM pack_sessions WHERE id = ?').get(done.id)).toEqual({ status: 'completing' });
    // Handed to the outbox, it stands until Picqer closes it: never packed a second time.
    expect((await h.service.open(5001)).kind).toBe('already_packed');
    expect((await scan(h.service, 'P2026-5011')).kind).toBe('opened');
  });

  it('completes by itself on the last verified unit when the station says so', async () => {
    h = createHarness({ autoComplete: true });
    await h.service.open(5011);
    await scan(h.service, codes.redMug);
    const last = await scan(h.service, codes.redMug);
    // The answer carries the station as it is after the scan: free for the next picklist. A
    // completing session in it would put a finished parcel back on the screen.
    expect(last).toMatchObject({ outcome: 'all_verified' });
    expect(h.service.current()).toBeNull();
    expect(h.sessions.at(-1)).toBeNull();
    expect(outboxRows(h.db, 5011).map((r) => r.kind)).toEqual(['assign', 'pick', 'ship', 'documents', 'close']);
  });

  it('answers the COMPLETE command barcode, with the reason when it cannot', async () => {
    h = createHarness();
    await openMain(h);
    const refused = await scan(h.service, 'pd:complete');
    expect(refused).toMatchObject({ kind: 'command', command: 'COMPLETE' });
    expect(words(refused)).toMatch(/not complete/);
    await verifyAll(h);
    const done = await scan(h.service, 'PD:COMPLETE');
    expect(said(done)).toMatchObject({ kind: 'command', command: 'COMPLETE', said: null });
  });
});

describe('command barcodes', () => {
  it('routes UNDO, PROBLEM, REPRINT and CANCEL and logs each', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.redMug);
    const undo = await scan(h.service, 'PD:UNDO');
    expect(undo).toMatchObject({ kind: 'command', command: 'UNDO' });
    expect(lineOf(h.service.current(), 50012).verified).toBe(0);
    expect(await scan(h.service, 'PD:PROBLEM')).toMatchObject({ kind: 'command', command: 'PROBLEM' });
    expect(await scan(h.service, 'PD:REPRINT')).toMatchObject({ kind: 'command', command: 'REPRINT' });
    expect(h.service.current()).not.toBeNull();
    const cancel = await scan(h.service, 'PD:CANCEL');
    expect(cancel).toMatchObject({ kind: 'command', command: 'CANCEL' });
    expect(scanRows(h.db).filter((r) => r.outcome === 'command').map((r) => r.reason)).toEqual(['UNDO', 'PROBLEM', 'REPRINT', 'CANCEL']);
  });

  it('closes a pending choice with CANCEL before it leaves the picklist', async () => {
    h = createHarness();
    await h.service.open(5002);
    await scan(h.service, codes.greenMug);
    await scan(h.service, 'PD:CANCEL');
    expect(h.service.current()?.idpicklist).toBe(5002);
    expect(() => h.service.choose(106)).toThrow(/No scan is waiting/);
  });
});

describe('problem', () => {
  it.each([
    ['unassign', { kind: 'unassign', payload: {} }],
    ['snooze', { kind: 'snooze', payload: { until: '2026-11-03 10:00:00' } }],
    ['pause', { kind: 'pause', payload: { reason: 'An item is damaged: mug cracked' } }],
  ] as const)('comments and then %ss the picklist, keeping the scans', async (action, expected) => {
    h = createHarness({ problemAction: action, snoozeHours: 24 });
    await openMain(h);
    await scan(h.service, codes.redMug);
    const session = h.service.problem({ reason: 'damaged', note: 'mug cracked' });
    expect(session.state).toBe('problem');
    expect(h.service.current()).toBeNull();
    expect(h.queueChanges.at(-1)).toEqual([5001]);
    const rows = outboxRows(h.db, 5001).filter((r) => r.kind !== 'assign');
    expect(rows[0]).toMatchObject({
      kind: 'comment',
      payload: {
        body:
          'Packdesk: an item is damaged on picklist P2026-5001. Not packed: 2 x Line of 100 (SKU-100), 2 x Line of 103 (SKU-103), 1 x Line of 104 (SKU-104), 1 x Line of 105 (SKU-105), 1 x Line of 100 (SKU-100). Note: mug cracked Reported by Anna de Vries at Station 1.' },
    });
    expect(rows[1]).toMatchObject(expected);
    expect(rows).toHaveLength(2);
    await h.service.open(5001);
    expect(lineOf(h.service.current(), 50012).verified).toBe(1);
    expect(h.service.current()?.state).toBe('packing');
  });
});

describe('reload and sessionById', () => {
  it('follows a state the outbox set, and drops it from the screen when it is no longer packing', async () => {
    h = createHarness();
    const { session } = await openMain(h);
    const id = session?.id ?? 0;
    h.db.prepare("UPDATE pack_sessions SET status = 'alert', alert = 'Picklist changed in Picqer' WHERE id = ?").run(id);
    const reloaded = h.service.reload(id);
    // A sentence an older build (or the outbox) wrote is shown as what stopped the parcel.
    expect(reloaded).toMatchObject({ state: 'alert', alert: { code: 'parcel.stopped', params: { text: 'Picklist changed in Picqer' } } });
    expect(h.service.current()).toBeNull();
    expect(h.service.sessionById(id)?.state).toBe('alert');
    expect(h.service.sessionById(999)).toBeNull();
  });
});

describe('partial and misread scans (issue 12)', () => {
  const misread = misreadOf(codes.blueMug);

  it('answers a GTIN with a wrong check digit as partial, counts nothing and logs it', async () => {
    h = createHarness();
    await openMain(h);
    const answer = await scan(h.service, misread);
    expect(said(answer)).toMatchObject({ kind: 'product', outcome: 'partial_scan', amount: 1, said: 'Partial or misread scan: scan again.' });
    expect(h.service.current()?.verifiedUnits).toBe(0);
    expect(h.service.current()?.lastScan).toMatchObject({ outcome: 'partial_scan', code: misread });
    expect(scanRows(h.db).map((r) => r.outcome)).toEqual(['partial_scan']);
  });

  it('answers an EAN-13 cut to 12 or 11 digits as partial, not as an unknown barcode', async () => {
    h = createHarness();
    await openMain(h);
    expect((await scan(h.service, codes.blueMug.slice(0, 11))).outcome).toBe('partial_scan');
    // Cut one digit short, the front of an EAN-13 is a 12-digit code with a wrong check digit.
    const front = codes.blueMug.slice(0, 12);
    expect((await scan(h.service, front)).outcome).toBe(hasGoodCheck(front) ? 'unknown_barcode' : 'partial_scan');
  });

  it('says partial with no picklist open too, instead of "no picklist found"', async () => {
    h = createHarness();
    expect(said(await scan(h.service, misread))).toMatchObject({ kind: 'not_found', outcome: 'partial_scan', said: 'Partial or misread scan: scan again.' });
  });

  it('a code the cache knows always resolves, check digit or not: the cache is what this warehouse labels', async () => {
    h = createHarness();
    upsertProducts(h.db, [product({ idproduct: 100, name: 'Blue mug', barcode: misread, weight: 300 })], new Date(h.clock.now()).toISOString());
    await openMain(h);
    expect((await scan(h.service, misread)).outcome).toBe('counted');
  });
});

describe('quantity barcode PD:QTY:n (issue 12)', () => {
  it('PD:QTY:12 makes the next product scan count 12, once, and the session shows it meanwhile', async () => {
    h = createHarness();
    await openMain(h);
    const quantity = await scan(h.service, 'PD:QTY:12');
    expect(quantity).toMatchObject({ kind: 'quantity', amount: 12 });
    expect(h.service.current()?.pendingQuantity).toEqual({ amount: 12, expiresAt: new Date(h.clock.now() + 10_000).toISOString() });
    const tooMany = await scan(h.service, codes.blueMug);
    expect(said(tooMany)).toMatchObject({ outcome: 'too_many', amount: 12, said: 'Only 3 more of Blue mug needed, not 12.' });
    expect(h.service.current()?.pendingQuantity).toBeNull();
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'counted', amount: 1 });
    await scan(h.service, 'PD:QTY:2');
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'line_complete', amount: 2 });
    expect(scanRows(h.db).filter((r) => r.outcome === 'command').map((r) => r.reason)).toEqual(['QTY 12', 'QTY 2']);
  });

  it('comes from any scan source', async () => {
    h = createHarness();
    await openMain(h);
    await routerOf(h.service).submit({ code: 'PD:QTY:3', source: 'serial' });
    expect(await routerOf(h.service).submit({ code: codes.blueMug, source: 'hid' })).toMatchObject({ outcome: 'line_complete', amount: 3 });
  });

  it('an unknown, partial or refused scan clears the pending quantity', async () => {
    h = createHarness();
    await openMain(h);
    for (const refused of ['0000000000017', misreadOf(codes.redMug), codes.stranger]) {
      await scan(h.service, 'PD:QTY:2');
      const answer = await scan(h.service, refused);
      expect(answer.outcome).not.toMatch(/^(counted|line_complete|all_verified)$/);
      expect(h.service.current()?.pendingQuantity).toBeNull();
      expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'counted', amount: 1 });
      await h.service.undo();
    }
  });

  it('lapses when the next scan does not come within 10 s', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, 'PD:QTY:3');
    h.clock.advance(10_001);
    expect(h.service.current()?.pendingQuantity).toBeNull();
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'counted', amount: 1 });
  });

  it('a typed multiplier sent with the scan wins over a pending quantity, which it uses up', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, 'PD:QTY:3');
    expect(await scan(h.service, codes.blueMug, 2)).toMatchObject({ outcome: 'line_complete', amount: 2 });
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'line_complete', amount: 1 });
  });

  it('refuses a quantity with no picklist open, and a nonsense quantity is no quantity', async () => {
    h = createHarness();
    expect(said(await scan(h.service, 'PD:QTY:3'))).toMatchObject({ kind: 'quantity', amount: 3, said: 'Open a picklist before scanning a quantity.' });
    await openMain(h);
    expect((await scan(h.service, 'PD:QTY:0')).outcome).toBe('unknown_barcode');
    expect(h.service.current()?.pendingQuantity).toBeNull();
  });
});

/** The code with its check digit one off: what a scanner that misread one bar would send. */
function misreadOf(code: string): string {
  return `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
}

function hasGoodCheck(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

describe('shipping methods and their extra fields (issue 13)', () => {
  const pickupPoint = { key: 'pickup_point', title: 'Pickup point', isRequired: true, defaultValue: null, options: [] };
  const deliveryOption = { key: 'delivery_option', title: 'Delivery option', isRequired: true, defaultValue: 'standard', options: [] };

  it('shows a required extra field with its default and refuses to complete while one is empty', async () => {
    h = createHarness();
    h.api.methods = [
      { idshippingprovider_profile: 1365, name: 'PostNL standard', provider: 'PostNL', selected: false, extra_fields: [] },
      { idshippingprovider_profile: 1366, name: 'PostNL pickup', provider: 'PostNL', selected: true, extra_fields: [pickupPoint, deliveryOption] },
    ];
    await verifyAll(h);
    const shown = h.service.current();
    expect(shown?.shipping.profiles.find((p) => p.idshippingprovider_profile === 1366)?.extraFields).toEqual([pickupPoint, deliveryOption]);
    expect(shown?.shipping.extraFields).toEqual({ delivery_option: 'standard' });
    expect(() => h.service.complete()).toThrow(/Fill in "Pickup point" for PostNL pickup before completing picklist P2026-5001/);
    expect(outboxRows(h.db, 5001).map((r) => r.kind)).toEqual(['assign']);

    h.service.setShipping({ extraFields: { pickup_point: '  ' } });
    expect(() => h.service.complete()).toThrow(/Fill in "Pickup point"/);
    expect(h.service.setShipping({ extraFields: { pickup_point: 'NL-1234-AB' } }).shipping.extraFields).toEqual({ pickup_point: 'NL-1234-AB', delivery_option: 'standard' });
    const done = h.service.complete();
    const ship = outboxRows(h.db, 5001).find((r) => r.kind === 'ship');
    expect(ship?.payload).toMatchObject({ packSessionId: done.id, idshippingprovider_profile: 1366, extraFields: { pickup_point: 'NL-1234-AB', delivery_option: 'standard' } });
  });

  it('keeps the values on the session: a restarted station completes with them', async () => {
    h = createHarness();
    h.api.methods = [{ idshippingprovider_profile: 1366, name: 'PostNL pickup', provider: 'PostNL', selected: true, extra_fields: [pickupPoint] }];
    await verifyAll(h);
    h.service.setShipping({ extraFields: { pickup_point: 'NL-1234-AB' } });
    const restarted = h.restart();
    expect(restarted.current()?.shipping.extraFields).toEqual({ pickup_point: 'NL-1234-AB' });
    restarted.complete();
    expect(outboxRows(h.db, 5001).find((r) => r.kind === 'ship')?.payload).toMatchObject({ extraFields: { pickup_point: 'NL-1234-AB' } });
  });

  it('with no method selected by Picqer and none named by the picklist, makes the packer choose before completing', async () => {
    h = createHarness();
    h.api.methods = h.api.methods.map((m) => ({ ...m, selected: false }));
    await verifyAll(h);
    expect(h.service.current()?.shipping).toMatchObject({ idshippingprovider_profile: null, isChoiceNeeded: true });
    expect(() => h.service.complete()).toThrow(/Picqer selected no shipping method for picklist P2026-5001: choose one before completing/);
    h.service.setShipping({ idshippingprovider_profile: 1365 });
    expect(h.service.complete().state).toBe('completing');
    expect(outboxRows(h.db, 5001).find((r) => r.kind === 'ship')?.payload).toMatchObject({ idshippingprovider_profile: 1365 });
  });

  it('with no method selected by Picqer, takes the profile the picklist names', async () => {
    h = createHarness();
    h.api.methods = h.api.methods.map((m) => ({ ...m, selected: false }));
    await h.service.open(5011);
    await h.service.settled();
    const read = await h.service.shippingMethods();
    expect(read.shipping).toMatchObject({ idshippingprovider_profile: 1366, isChoiceNeeded: false });
  });

  it('opening the choice reads the methods Picqer allows for the picklist, once, and offers only those', async () => {
    h = createHarness();
    await h.service.open(5011);
    await h.service.settled();
    // The picklist names its profile: opening it cost no shippingmethods request.
    expect(h.api.calls.filter((c) => c.startsWith('getShippingMethods'))).toEqual([]);
    expect(h.service.current()?.shipping.profiles.map((p) => p.idshippingprovider_profile)).toEqual([1365, 1366]);
    h.api.methods = [{ idshippingprovider_profile: 1366, name: 'PostNL evening', provider: 'PostNL', selected: true, extra_fields: [] }];
    const read = await h.service.shippingMethods();
    expect(read.shipping.profiles.map((p) => p.idshippingprovider_profile)).toEqual([1366]);
    expect(read.shipping.areMethodsFromPicqer).toBe(true);
    expect(() => h.service.setShipping({ idshippingprovider_profile: 1365 })).toThrow(/not offered/);
    await h.service.shippingMethods();
    expect(h.api.calls.filter((c) => c.startsWith('getShippingMethods'))).toEqual(['getShippingMethods 5011']);
  });
});

describe('answers that say what just happened (issue 14)', () => {
  it('undo answers "undone" with the counts as they are after it, and forgets the undone scan', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.blueMug, 2);
    const undone = h.service.undo();
    expect(undone).toMatchObject({ kind: 'undone', amount: 2, product: { idproduct: 100 } });
    expect(h.service.current()?.verifiedUnits).toBe(0);
    expect(h.service.current()?.lastScan).toBeNull();
    const barcode = await scan(h.service, 'PD:UNDO');
    expect(barcode).toMatchObject({ kind: 'command', command: 'UNDO' });
    expect(words(barcode)).toMatch(/Nothing to undo/);
  });

  it('a line confirmed by hand answers like a scan, and the completing one frees the station', async () => {
    h = createHarness({ autoComplete: true });
    await openMain(h);
    await scan(h.service, codes.blueMug, 3);
    await scan(h.service, codes.redMug);
    await scan(h.service, codes.partA, 2);
    await scan(h.service, codes.partB);
    const last = h.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' });
    expect(last).toMatchObject({ kind: 'product', outcome: 'all_verified', product: { idproduct: 105, name: 'Line of 105' } });
    expect(h.service.current()).toBeNull();
    expect(h.sessions.at(-1)).toBeNull();
  });

  it('a set scanned by its own barcode says to scan its parts, and is no mis-scan', async () => {
    h = createHarness();
    await openMain(h);
    const set = await scan(h.service, codes.giftSet);
    expect(set).toMatchObject({ kind: 'product', outcome: 'set_scanned', product: { idproduct: 102 } });
    expect(scanRows(h.db).at(-1)).toMatchObject({ outcome: 'set_scanned', reason: 'composition' });
  });

  it('a problem comment names the products still missing and how many', async () => {
    h = createHarness();
    await openMain(h);
    await scan(h.service, codes.blueMug, 3);
    await scan(h.service, codes.redMug);
    await scan(h.service, codes.partA);
    h.service.problem({ reason: 'missing' });
    const comment = outboxRows(h.db, 5001).find((r) => r.kind === 'comment');
    expect(comment?.payload).toEqual({
      body:
        'Packdesk: an item is missing on picklist P2026-5001. Not packed: 1 x Line of 103 (SKU-103), 1 x Line of 104 (SKU-104), 1 x Line of 105 (SKU-105). Reported by Anna de Vries at Station 1.',
    });
  });
});

describe('one truth for the screen (issue 14)', () => {
  it('publishes every change with a growing revision, and each answer names the last one and carries no session', async () => {
    h = createHarness({ autoComplete: true });
    const opened = await scan(h.service, 'P2026-5011');
    expect(opened).not.toHaveProperty('session');
    expect(opened.revision).toBe(h.revisions.at(-1));
    await scan(h.service, codes.redMug);
    const last = await scan(h.service, codes.redMug);
    // Auto-complete: the session left the station before the answer; the answer's revision is the one that said so.
    expect(last.outcome).toBe('all_verified');
    expect(h.sessions.at(-1)).toBeNull();
    expect(last.revision).toBe(h.revisions.at(-1));
    for (let i = 1; i < h.revisions.length; i++) expect(h.revisions[i]).toBeGreaterThan(h.revisions[i - 1] ?? Infinity);
    expect(h.service.revision()).toBe(last.revision);
  });

  it('starts a restarted service above every revision the one before it published', async () => {
    h = createHarness();
    await scan(h.service, 'P2026-5001');
    await scan(h.service, codes.redMug);
    const before = h.service.revision();
    // A restart takes far longer than a millisecond per change made before it.
    h.clock.advance(1_000);
    const restarted = h.restart();
    expect(restarted.revision()).toBeGreaterThan(before);
  });

  it('writes the comment and the pause reason for Picqer in the station language', async () => {
    h = createHarness({ problemAction: 'pause' });
    h.state.language = 'nl';
    await openMain(h);
    await scan(h.service, codes.redMug);
    h.service.problem({ reason: 'missing', note: 'Doos leeg' });
    const rows = outboxRows(h.db, 5001);
    const comment = rows.find((r) => r.kind === 'comment');
    const pause = rows.find((r) => r.kind === 'pause');
    expect((comment?.payload as { body: string }).body).toMatch(/^Packdesk: er ontbreekt een artikel op picklijst P2026-5001\. Niet ingepakt: .*Opmerking: Doos leeg Gemeld door .* op Station 1\.$/);
    expect((pause?.payload as { reason: string }).reason).toBe('Er ontbreekt een artikel: Doos leeg');
  });
});

