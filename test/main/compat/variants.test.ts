import { words } from '../../helpers/answer-words';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../shared/contract';
import type { OutboxStatus, ScanAnswer } from '../../../shared/packing';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import type { DemoVariants } from '../../../electron/picqer-demo/variants';
import { startStationHarness, type StationHarness } from '../outbox/station-harness';

/*
 * Issue 13, the test matrix: where Picqer's docs leave a behaviour open, the demo plays each
 * reading (demo/variants.ts), and the real station, against the demo over real HTTP, must pack a
 * picklist to closed with exactly one shipment and report a problem (pause) under every one. A
 * variant whose demo side lives on another branch is listed anyway: the switch exists, and the
 * row starts to bite once the branches meet.
 */

const matrix: Array<[string, Partial<DemoVariants>]> = [
  ['the default readings', {}],
  ['pickall-closes', { pickallCloses: true }],
  ['cancel-keeps-closed', { cancelKeepsClosed: true }],
  ['no-selected-flag', { noSelectedFlag: true }],
  ['no-containers=404', { noContainers: 404 }],
  ['no-containers=401', { noContainers: 401 }],
  ['no-containers=403', { noContainers: 403 }],
  ['ignores-updated-after', { ignoresUpdatedAfter: true }],
  ['no-users-me', { noUsersMe: true }],
  ['no-picklist-pause', { noPicklistPause: true }],
  ['no-batches=404', { noBatches: 404 }],
  ['bare-batch-entries', { bareBatchEntries: true }],
  ['multicolli=refused', { multicolli: 'refused' }],
  ['multicolli=ignored', { multicolli: 'ignored' }],
  ['no-packingstations=404', { noPackingStations: 404 }],
];

let h: StationHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const drained = (s: StationHarness) => expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 20_000, message: 'the outbox drained' }).toBe(0);
const problems = async (s: StationHarness) => (await s.call<OutboxProblems>('outbox.problems')).problems;

async function packToClosed(s: StationHarness, picklist: RawPicklist): Promise<void> {
  expect((await s.scan(picklist.picklistid)).kind).toBe('opened');
  const last: ScanAnswer | null = await s.scanLines(picklist);
  expect(last?.outcome).toBe('all_verified');
  await expect.poll(() => s.demo.state.getPicklist(picklist.idpicklist).status === 'closed' && s.files('labels').some((f) => f.includes(picklist.picklistid)), { timeout: 20_000, message: 'closed with a label' }).toBe(true);
  await drained(s);
  expect(await problems(s)).toEqual([]);
  expect(s.demo.state.listShipments(picklist.idpicklist).filter((x) => !x.cancelled)).toHaveLength(1);
  expect(s.files('labels').filter((f) => f.includes(picklist.picklistid))).toHaveLength(1);
}

async function reportProblem(s: StationHarness, picklist: RawPicklist): Promise<void> {
  expect((await s.scan(picklist.picklistid)).kind).toBe('opened');
  await s.scanLines(picklist, 0, 1);
  await s.call('pack.problem', { reason: 'damaged', note: 'Box torn' });
  await drained(s);
  expect(await problems(s)).toEqual([]);
  expect(s.demo.state.getPicklist(picklist.idpicklist).status).toBe('paused');
  expect(s.demo.state.listComments(picklist.idpicklist).some((c) => c.body.includes('Box torn'))).toBe(true);
  expect(s.demo.state.listShipments(picklist.idpicklist)).toHaveLength(0);
}

describe('the station under each reading of what Picqer leaves open', () => {
  for (const [name, variants] of matrix) {
    it(`${name}: packs a picklist to closed with one shipment, and reports a problem`, async () => {
      h = await startStationHarness(7, { variants });
      const [packed, troubled] = h.simplePicklists();
      if (!packed || !troubled) throw new Error('the demo seed has too few simple picklists');
      await packToClosed(h, packed);
      await reportProblem(h, troubled);
    }, 60_000);
  }
});

describe('a parcel of two boxes under each reading of multi-colli', () => {
  for (const [name, variants, shipments] of [
    ['parcels taken', {}, 1],
    ['multicolli=refused', { multicolli: 'refused' }, 2],
    ['multicolli=ignored', { multicolli: 'ignored' }, 2],
  ] as const) {
    it(`${name}: both boxes shipped once (${shipments} shipment(s)), two labels, closed`, async () => {
      h = await startStationHarness(7, { variants });
      const [picklist] = h.simplePicklists();
      if (!picklist) throw new Error('the demo seed has too few simple picklists');
      expect((await h.scan(picklist.picklistid)).kind).toBe('opened');
      await h.call('pack.setShipping', { weight: 700 });
      expect((await h.scan('PD:NEWBOX')).command).toBe('NEWBOX');
      await h.call('pack.setShipping', { weight: 1100 });
      expect((await h.scanLines(picklist))?.outcome).toBe('all_verified');
      await expect.poll(() => h?.demo.state.getPicklist(picklist.idpicklist).status, { timeout: 20_000, message: 'closed' }).toBe('closed');
      await drained(h);
      expect(await problems(h)).toEqual([]);
      const made = h.demo.state.listShipments(picklist.idpicklist).filter((x) => !x.cancelled);
      expect(made).toHaveLength(shipments);
      expect(made.flatMap((s) => s.parcels.map((p) => p.weight))).toEqual([700, 1100]);
      await expect.poll(() => h?.files('labels').filter((f) => f.includes(picklist.picklistid)).length, { timeout: 20_000 }).toBe(2);
    }, 60_000);
  }
});

describe('setup when Picqer does not say whose API key it is (no-users-me)', () => {
  it('connects, lists the warehouses and names the account instead of a user', async () => {
    h = await startStationHarness(7, { variants: { noUsersMe: true } });
    const connected = await h.call<{ user: { iduser: number; name: string }; warehouses: Array<{ idwarehouse: number }> }>('setup.connect', {
      backend: { url: h.demo.url, apiKey: 'k' },
    });
    expect(connected.warehouses.map((w) => w.idwarehouse)).toContain(1829);
    expect(connected.user.name).toContain('127.0.0.1');
  });

  it('still refuses a key Picqer does not accept', async () => {
    h = await startStationHarness(7, { variants: { noUsersMe: true } });
    await h.demo.close();
    const other = await (await import('../../../electron/picqer-demo/server')).startDemoBackend({ port: 0, apiKey: 'right', variants: { noUsersMe: true } });
    try {
      const result = await h.station.dispatch('setup.connect', { backend: { url: other.url, apiKey: 'wrong' } });
      expect(result.ok ? null : result.error.code).toBe('UNAUTHENTICATED');
    } finally {
      await other.close();
    }
  });
});

describe('cancelling a shipment from History, under both readings', () => {
  for (const [name, isKeptClosed] of [
    ['Picqer reopens the picklist', false],
    ['Picqer keeps the picklist closed (cancel-keeps-closed)', true],
  ] as const) {
    it(`${name}: the rescan says what can be done`, async () => {
      h = await startStationHarness(7, { variants: { cancelKeepsClosed: isKeptClosed } });
      const [picklist] = h.simplePicklists();
      if (!picklist) throw new Error('the demo seed has too few simple picklists');
      await packToClosed(h, picklist);
      await h.call('history.cancelShipment', { idpicklist: picklist.idpicklist, reason: 'Packed in the wrong box' });
      expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe(isKeptClosed ? 'closed' : 'new');
      const again = await h.scan(picklist.picklistid);
      if (isKeptClosed) {
        expect(again.kind).toBe('blocked');
        expect(words(again)).toMatch(/closed in Picqer.*shipment was cancelled.*reopen it there to pack it again/);
      } else {
        expect(again.kind).toBe('opened');
      }
    }, 60_000);
  }
});
