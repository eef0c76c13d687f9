import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../shared/contract';
import type { PackSession } from '../../../shared/packing';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import { sessionOf, startHarness, type Harness } from './harness';
import { startStationHarness, type StationHarness } from './station-harness';

/*
 * Issue 13, sections 4 and 5, against the demo over HTTP: a method's required extra field (the
 * demo's DHL Parcel Connect asks for a pickup point) is asked for on the pack screen and sent with
 * the shipment, and a shippingmethods answer without a `selected` flag (`--variant
 * no-selected-flag`) never ships with a guess.
 */

let s: StationHarness | null = null;
let o: Harness | null = null;
afterEach(async () => {
  await s?.close();
  await o?.close();
  s = null;
  o = null;
});

const shipmentsPath = /^\/api\/v1\/picklists\/\d+\/shipments$/;
const methodsPath = /^\/api\/v1\/picklists\/\d+\/shippingmethods$/;
const pickupProfile = 1402;

function firstSimple(h: StationHarness, ownProfile: number | null): RawPicklist {
  const picklist = h.simplePicklists()[0];
  if (!picklist) throw new Error('the demo seed has no simple picklist');
  // Set before the station reads it: the open re-read brings it into the cache.
  h.demo.state.getPicklist(picklist.idpicklist).idshippingprovider_profile = ownProfile;
  return picklist;
}

/** Opens the picklist and waits for the re-read beside the open to bring Picqer's methods (a picklist without its own profile). */
async function openRead(h: StationHarness, picklist: RawPicklist): Promise<void> {
  expect((await h.scan(picklist.picklistid)).kind).toBe('opened');
  await expect.poll(async () => (await h.session())?.shipping.areMethodsFromPicqer === true, { timeout: 10_000, message: 'the methods read at open' }).toBe(true);
}

async function current(h: StationHarness): Promise<PackSession> {
  const shown = await h.session();
  if (!shown) throw new Error('no session on screen');
  return shown;
}

async function refusal(h: StationHarness, name: string, input: unknown = {}): Promise<string> {
  const result = await h.station.dispatch(name, input);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error.message;
}

describe('extra fields of a shipping method', () => {
  it('shows the required pickup point, refuses to complete while it is empty, and sends it as extrafields', async () => {
    s = await startStationHarness();
    const h = s;
    const picklist = firstSimple(h, null);
    await openRead(h, picklist);
    await h.scanLines(picklist, 0, picklist.products.length - 1);
    await h.call('pack.shippingMethods');
    const choice = await current(h);
    const dhl = choice.shipping.profiles.find((p) => p.idshippingprovider_profile === pickupProfile);
    expect(dhl?.extraFields).toEqual([expect.objectContaining({ key: 'pickup_point', isRequired: true, defaultValue: null })]);
    await h.call('pack.setShipping', { idshippingprovider_profile: pickupProfile });
    // The last unit: the station completes by itself, and is refused with the same sentence.
    await h.scanLines(picklist, picklist.products.length - 1);
    expect((await current(h)).state).toBe('packing');

    expect(await refusal(h, 'pack.complete')).toMatch(/Fill in "Pickup point" for DHL Parcel Connect before completing picklist/);
    await h.call('pack.setShipping', { extraFields: { pickup_point: 'DHL-NL-2211' } });
    await h.call('pack.complete');
    await expect.poll(() => h.demo.state.listShipments(picklist.idpicklist).length, { timeout: 20_000, message: 'the shipment' }).toBe(1);

    const posted = h.demo.requests.filter((r) => r.method === 'POST' && shipmentsPath.test(r.path));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatchObject({ idshippingprovider_profile: pickupProfile, extrafields: { pickup_point: 'DHL-NL-2211' } });
    const [made] = h.demo.state.listShipments(picklist.idpicklist);
    expect(h.demo.state.findShipment(made?.idshipment ?? 0)?.extraFields).toEqual({ pickup_point: 'DHL-NL-2211' });
  }, 60_000);

  it('the demo refuses a shipment whose method misses a required extra field, as Picqer would', async () => {
    s = await startStationHarness();
    const picklist = firstSimple(s, null);
    await s.demo.state.pickAll(picklist.idpicklist);
    expect(() => s?.demo.state.createShipment(picklist.idpicklist, { idshippingprovider_profile: pickupProfile })).toThrow(/pickup point/i);
  }, 30_000);
});

describe('a shippingmethods answer without a selected flag (--variant no-selected-flag)', () => {
  it('makes the packer choose when the picklist names no profile, then ships with the choice', async () => {
    s = await startStationHarness(7, { variants: { noSelectedFlag: true } });
    const h = s;
    const picklist = firstSimple(h, null);
    await openRead(h, picklist);
    await h.scanLines(picklist);
    expect((await current(h)).shipping).toMatchObject({ idshippingprovider_profile: null, isChoiceNeeded: true });
    expect(await refusal(h, 'pack.complete')).toMatch(/Picqer selected no shipping method for picklist .*: choose one before completing/);
    await h.call('pack.setShipping', { idshippingprovider_profile: 1366 });
    await h.call('pack.complete');
    await expect.poll(() => h.demo.state.listShipments(picklist.idpicklist).length, { timeout: 20_000, message: 'the shipment' }).toBe(1);
    const posted = h.demo.requests.find((r) => r.method === 'POST' && shipmentsPath.test(r.path));
    expect(posted?.body).toMatchObject({ idshippingprovider_profile: 1366 });
  }, 60_000);

  it('ships with the profile the picklist names, without a shippingmethods request', async () => {
    s = await startStationHarness(7, { variants: { noSelectedFlag: true } });
    const h = s;
    const picklist = firstSimple(h, 1366);
    expect((await h.scan(picklist.picklistid)).kind).toBe('opened');
    await expect.poll(async () => (await current(h)).shipping.idshippingprovider_profile, { timeout: 10_000, message: "the picklist's own profile" }).toBe(1366);
    await h.scanLines(picklist);
    if ((await h.session())?.state === 'packing') await h.call('pack.complete');
    await expect.poll(() => h.demo.state.listShipments(picklist.idpicklist).length, { timeout: 20_000, message: 'the shipment' }).toBe(1);
    expect(h.demo.requests.find((r) => r.method === 'POST' && shipmentsPath.test(r.path))?.body).toMatchObject({ idshippingprovider_profile: 1366 });
    expect(h.demo.requests.filter((r) => methodsPath.test(r.path))).toEqual([]);
  }, 60_000);

  it('stops a parcel handed over without a method, with a sentence, instead of shipping with the first in the list', async () => {
    o = await startHarness({ variants: { noSelectedFlag: true } });
    const h = o;
    const picklist = await h.newPicklist();
    expect(h.demo.state.getPicklist(picklist.idpicklist).idshippingprovider_profile).toBeNull();
    const id = h.openSession(picklist);
    h.enqueue(picklist, id, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toEqual([]);
    expect(sessionOf(h.db, id)).toMatchObject({ status: 'alert' });
    expect(sessionOf(h.db, id).alert).toMatch(/Picqer selected no shipping method for picklist .* and the picklist names none\. No shipment was made/);
    expect(h.problems.at(-1)?.problems.some((p: OutboxProblems['problems'][number]) => p.kind === 'ship')).toBe(true);
  }, 60_000);

  it('ships a parcel handed over without a method with the profile its picklist names', async () => {
    o = await startHarness({ variants: { noSelectedFlag: true } });
    const h = o;
    const picklist = await h.newPicklist();
    h.demo.state.getPicklist(picklist.idpicklist).idshippingprovider_profile = 1366;
    const id = h.openSession(picklist);
    h.enqueue(picklist, id, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    expect(h.demo.requests.find((r) => r.method === 'POST' && shipmentsPath.test(r.path))?.body).toMatchObject({ idshippingprovider_profile: 1366 });
  }, 60_000);
});
