import { words } from '../../helpers/answer-words';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../shared/contract';
import type { OutboxStatus, ScanAnswer } from '../../../shared/packing';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import { startStationHarness, type StationHarness } from './station-harness';

/*
 * Issue 12, section 1: a parcel whose shipment exists, or is on its way, is never packed and
 * shipped a second time. Scanning its picklist again answers "already packed" with what the
 * shift lead can do, whether the close is still waiting for Picqer or Picqer refused it; and a
 * picklist that already has a shipment in Picqer (another station made it) is never shipped again.
 */

let h: StationHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const closePath = /^\/api\/v1\/picklists\/\d+\/close$/;

async function pack(s: StationHarness, picklist: RawPicklist): Promise<ScanAnswer | null> {
  expect((await s.scan(picklist.picklistid)).kind).toBe('opened');
  const last = await s.scanLines(picklist);
  expect(last?.outcome).toBe('all_verified');
  if ((await s.session())?.state === 'packing') await s.call('pack.complete');
  return last;
}

const shipments = (s: StationHarness, idpicklist: number) => s.demo.state.listShipments(idpicklist);
const standing = (s: StationHarness, idpicklist: number) => shipments(s, idpicklist).filter((x) => !x.cancelled);

describe('a parcel whose close has not landed', () => {
  it('is answered "already packed, closing failed" when Picqer refuses the close, and never packed again', async () => {
    h = await startStationHarness();
    const s = h;
    const [picklist] = s.simplePicklists();
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    s.demo.faults.refuse(1, closePath, { status: 400, errorCode: 21, message: 'Picklist cannot be closed in this status' });

    await pack(s, picklist);
    await expect.poll(async () => (await s.call<OutboxProblems>('outbox.problems')).problems.some((p) => p.kind === 'close'), { timeout: 20_000, message: 'the refused close set aside' }).toBe(true);
    expect(standing(s, picklist.idpicklist)).toHaveLength(1);

    // What Picqer answered, as data the screen words in the packer's language (issue 13).
    const problem = (await s.call<OutboxProblems>('outbox.problems')).problems.find((p) => p.kind === 'close');
    const refusal = { code: 'CONFLICT', httpStatus: 400, picqerErrorCode: 21, picqerMessage: 'Picklist cannot be closed in this status' };
    expect(problem?.answer).toEqual(refusal);

    const again = await s.scan(picklist.picklistid);
    expect(again.kind).toBe('already_packed');
    expect(again.packed).toMatchObject({ station: 'Pack 1', state: 'failed', answer: refusal });
    expect(again.packed?.reason).toMatch(/cannot be closed in this status/);
    expect(again.packed?.retryId).toEqual(expect.any(Number));
    expect((await s.session())).toBeNull();
    // Not opened: no session, no scan counted, nothing more sent to Picqer.
    expect((await s.scan(s.barcodeOf(picklist.products[0]?.idproduct ?? 0))).kind).not.toBe('product');

    // The shift lead retries the close: it lands, and the picklist is closed for good.
    await s.call('outbox.retry', { id: again.packed?.retryId });
    await expect.poll(() => s.demo.state.getPicklist(picklist.idpicklist).status, { timeout: 20_000, message: 'the picklist closed' }).toBe('closed');
    expect(standing(s, picklist.idpicklist)).toHaveLength(1);
    expect((await s.scan(picklist.picklistid)).kind).toBe('blocked');
    await expect.poll(() => s.files('labels').length, { timeout: 10_000, message: 'one label' }).toBe(1);
    expect(s.files('slips')).toHaveLength(1);
  }, 90_000);

  it('is answered "already packed, waiting for Picqer" while the close keeps failing, and ships once', async () => {
    h = await startStationHarness();
    const s = h;
    const [picklist] = s.simplePicklists();
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    s.demo.faults.refuse(1000, closePath, { status: 500, errorCode: 1, message: 'Internal server error' });

    await pack(s, picklist);
    await expect.poll(() => standing(s, picklist.idpicklist).length, { timeout: 20_000, message: 'the shipment' }).toBe(1);
    await expect.poll(() => s.files('labels').length, { timeout: 20_000, message: 'the label' }).toBe(1);
    await expect.poll(() => s.demo.requests.some((r) => closePath.test(r.path) && r.status === 500), { timeout: 20_000, message: 'a close answered 500' }).toBe(true);

    const again = await s.scan(picklist.picklistid);
    expect(again.kind).toBe('already_packed');
    expect(again.packed).toMatchObject({ station: 'Pack 1', state: 'waiting' });
    expect(words(again)).toMatch(/Pack 1/);

    s.demo.faults.clear();
    await s.call('sync.now');
    await expect.poll(() => s.demo.state.getPicklist(picklist.idpicklist).status, { timeout: 60_000, message: 'the close landed' }).toBe('closed');
    expect(standing(s, picklist.idpicklist)).toHaveLength(1);
    expect(s.files('labels')).toHaveLength(1);
    expect(s.files('slips')).toHaveLength(1);
  }, 120_000);
});

describe('a picklist that already has a shipment in Picqer', () => {
  it('is never shipped a second time: the parcel stops with the reason', async () => {
    h = await startStationHarness();
    const s = h;
    const [picklist] = s.simplePicklists();
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    expect((await s.scan(picklist.picklistid)).kind).toBe('opened');
    await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 10_000, message: 'the assignment sent' }).toBe(0);
    // Another station on the same key shipped it meanwhile (its close has not landed yet).
    const other = s.demo.state.createShipment(picklist.idpicklist, {});

    const last = await s.scanLines(picklist);
    expect(last?.outcome).toBe('all_verified');
    if ((await s.session())?.state === 'packing') await s.call('pack.complete');
    await expect.poll(async () => (await s.call<OutboxProblems>('outbox.problems')).problems.some((p) => p.idpicklist === picklist.idpicklist), { timeout: 20_000, message: 'the alert' }).toBe(true);
    const problem = (await s.call<OutboxProblems>('outbox.problems')).problems.find((p) => p.idpicklist === picklist.idpicklist);
    expect(problem?.reason).toMatch(new RegExp(`shipment ${other.idshipment}`));
    expect(problem?.reason).toMatch(/No shipment was made/);
    expect(standing(s, picklist.idpicklist)).toHaveLength(1);
    expect(s.files('labels')).toEqual([]);
  }, 90_000);
});

describe('what a parcel costs', () => {
  async function requestsOf(s: StationHarness, picklist: RawPicklist): Promise<string[]> {
    await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 10_000, message: 'sync settled' }).toBe(0);
    const before = s.demo.requests.length;
    await pack(s, picklist);
    await expect.poll(() => s.demo.state.getPicklist(picklist.idpicklist).status, { timeout: 20_000, message: 'the picklist closed' }).toBe('closed');
    await expect.poll(() => s.files('labels').some((f) => f.includes(picklist.picklistid)), { timeout: 10_000, message: 'the label' }).toBe(true);
    return s.demo.requests
      .slice(before)
      .filter((r) => r.path.startsWith('/api/v1/') && (r.path.includes(`/picklists/${picklist.idpicklist}`) || /\/orders\/\d+$/.test(r.path)))
      .map((r) => `${r.method} ${r.path}`);
  }

  it('takes at most 6 requests from open to close for a picklist that names its shipping profile, 7 without', async () => {
    h = await startStationHarness();
    const s = h;
    const withProfile = s.simplePicklists().find((p) => p.idshippingprovider_profile !== null);
    const withoutProfile = s.simplePicklists().find((p) => p.idshippingprovider_profile === null);
    if (!withProfile || !withoutProfile) throw new Error('the demo seed lacks a simple picklist with and without a profile');
    const own = await requestsOf(s, withProfile);
    expect(own.length, JSON.stringify(own)).toBeLessThanOrEqual(6);
    // Without a profile of its own, Picqer's default method for it is one more read.
    const asked = await requestsOf(s, withoutProfile);
    expect(asked.length, JSON.stringify(asked)).toBeLessThanOrEqual(7);
  }, 90_000);
});
