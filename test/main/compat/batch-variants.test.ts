import { afterEach, describe, expect, it } from 'vitest';
import type { BatchSummary, BatchView } from '../../../shared/batch';
import type { OutboxStatus, ScanAnswer, SessionState } from '../../../shared/packing';
import type { OutboxProblems } from '../../../shared/contract';
import type { DemoVariants } from '../../../electron/picqer-demo/variants';
import { startStationHarness, type StationHarness } from '../outbox/station-harness';

/*
 * Issue 17 in the test matrix: the real station packs the demo's batches, over real HTTP, under
 * Picqer's documented batch detail and under the reading where its entries carry only ids and
 * amounts (their fields are not tabled in Picqer's docs); an account without batches packs on
 * as before and names the batch it cannot open.
 */

let h: StationHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const goodOutcomes = ['counted', 'line_complete', 'all_verified'];

async function batchesSynced(s: StationHarness): Promise<BatchSummary[]> {
  // The bootstrap reads the essentials; the open set (with its batches) follows in the next pass.
  await s.call('sync.now');
  await expect.poll(async () => (await s.call<BatchSummary[]>('batch.list')).filter((b) => b.canOpen).length, { timeout: 20_000 }).toBe(2);
  return s.call<BatchSummary[]>('batch.list');
}

const batchOf = async (s: StationHarness): Promise<BatchView | null> => (await s.call<SessionState>('pack.current')).batch;

/** Packs every picklist of the open batch slot by slot, checking that each unit went to its slot; answers every scan. */
async function packBatch(s: StationHarness): Promise<ScanAnswer[]> {
  const batch = await batchOf(s);
  if (!batch) throw new Error('no batch open');
  const answers: ScanAnswer[] = [];
  for (const slot of batch.slots) {
    const picklist = s.demo.state.getPicklist(slot.idpicklist);
    for (const line of picklist.products) {
      for (let unit = 0; unit < line.amount; unit++) {
        const answer = await s.scan(s.barcodeOf(line.idproduct));
        answers.push(answer);
        expect(goodOutcomes, `${picklist.picklistid}: ${JSON.stringify(answer.reason)}`).toContain(answer.outcome);
        expect(answer.slot, picklist.picklistid).toBe(slot.slot);
      }
    }
    expect((await batchOf(s))?.slots.find((x) => x.slot === slot.slot)?.state).toMatch(/^(sent|labels_pending)$/);
  }
  return answers;
}

async function allShipped(s: StationHarness, idpicklists: number[]): Promise<void> {
  await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 20_000 }).toBe(0);
  expect((await s.call<OutboxProblems>('outbox.problems')).problems).toEqual([]);
  await expect
    .poll(() => idpicklists.every((id) => s.demo.state.getPicklist(id).status === 'closed'), { timeout: 30_000, message: 'every picklist of the batch closed' })
    .toBe(true);
  await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 20_000 }).toBe(0);
  for (const id of idpicklists) expect(s.demo.state.listShipments(id).filter((x) => !x.cancelled), `picklist ${id}`).toHaveLength(1);
  for (const id of idpicklists) {
    const { picklistid } = s.demo.state.getPicklist(id);
    expect(s.files('labels').filter((f) => f.includes(picklistid)), picklistid).toHaveLength(1);
  }
}

const readings: Array<[string, Partial<DemoVariants>]> = [
  ['the documented batch detail', {}],
  ['bare-batch-entries', { bareBatchEntries: true }],
];

describe('the station packs Picqer batches', () => {
  for (const [name, variants] of readings) {
    it(`${name}: a normal batch and a singles batch, each picklist shipped once and closed`, async () => {
      h = await startStationHarness(7, { variants });
      const batches = await batchesSynced(h);
      const normal = batches.find((b) => b.type === 'normal');
      const singles = batches.find((b) => b.type === 'singles');
      if (!normal || !singles) throw new Error('the demo seeds a normal and a singles batch');

      expect(await h.scan(normal.picklistBatchid)).toMatchObject({ kind: 'batch_opened', name: normal.picklistBatchid });
      const normalView = await batchOf(h);
      expect(normalView?.slots).toHaveLength(5);
      await packBatch(h);
      expect(await batchOf(h)).toMatchObject({ isDone: true, parcelsSent: 5 });

      expect(await h.scan(singles.picklistBatchid)).toMatchObject({ kind: 'batch_opened' });
      const singlesView = await batchOf(h);
      expect(singlesView?.slots).toHaveLength(10);
      // One unit per picklist: every product scan completes one.
      const answers = await packBatch(h);
      expect(answers.map((a) => a.outcome)).toEqual(Array.from({ length: 10 }, () => 'all_verified'));

      await allShipped(h, [...(normalView?.slots ?? []), ...(singlesView?.slots ?? [])].map((slot) => slot.idpicklist));
    }, 120_000);
  }

  it('no-batches=404: a batch number is not known, and single packing goes on', async () => {
    h = await startStationHarness(7, { variants: { noBatches: 404 } });
    await h.call('sync.now');
    expect(await h.call<BatchSummary[]>('batch.list')).toEqual([]);
    expect(await h.scan('101')).toMatchObject({ kind: 'not_found' });
    const [picklist] = h.simplePicklists();
    if (!picklist) throw new Error('the demo seed has a simple picklist');
    expect(await h.scan(picklist.picklistid)).toMatchObject({ kind: 'opened' });
  }, 60_000);
});
