import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertPicklistBatchDetail } from '../../../electron/main/db/queries/picklist-batches';
import { upsertPicklists } from '../../../electron/main/db/queries/picklists';
import { batchRereadMs } from '../../../electron/main/packing/service';
import { batchDetail, codes, createHarness, outboxRows, scan, scanRows, slotsOf, type Harness } from './harness';

/*
 * A normal batch of the harness's picklists, in this slot order:
 *   1: 5008 red mug x1      2: 5009 blue mug x1     3: 5003 (paused in Picqer)
 *   4: 5011 red mug x2      5: 5010 red mug x1
 * Red mugs go 1, 4, 4, 5; a fifth red mug is one too many for the batch.
 */
describe('packing a batch', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    upsertPicklistBatchDetail(h.db, batchDetail(), new Date(h.clock.now()).toISOString());
  });
  afterEach(() => h.cleanup());

  it('opens by its printed number and shows every picklist in its slot, a paused one refused', async () => {
    const answer = await scan(h.service, '101');
    expect(answer).toMatchObject({ kind: 'batch_opened', name: '101' });
    const batch = h.service.batch();
    expect(slotsOf(batch)).toEqual(['1:5008:waiting:0/1', '2:5009:waiting:0/1', '3:5003:refused:0/1', '4:5011:waiting:0/2', '5:5010:waiting:0/1']);
    expect(batch?.slots[2]?.reason?.code).toBe('picklist.pausedBecause');
    // The screen learned it from session.changed, with the picklist on it null.
    expect(h.batches.at(-1)?.idpicklistBatch).toBe(3301);
    expect(h.sessions.at(-1)).toBeNull();
    expect(h.service.current()).toBeNull();
  });

  it('sends each unit to the lowest slot that wants it and completes a picklist at its last unit', async () => {
    await scan(h.service, '101');
    const first = await scan(h.service, codes.redMug);
    expect(first).toMatchObject({ kind: 'product', outcome: 'all_verified', slot: 1 });
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:sent:1/1');
    // Handed to the outbox like a single parcel, with no assignment of its own.
    expect(outboxRows(h.db, 5008).map((r) => r.kind)).toEqual(['pick', 'ship', 'documents', 'close']);

    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted', slot: 4 });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 4 });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 5 });
    const over = await scan(h.service, codes.redMug);
    expect(over).toMatchObject({ kind: 'product', outcome: 'too_many', slot: null, reason: { code: 'batch.allPacked' } });
    const stranger = await scan(h.service, codes.stranger);
    expect(stranger).toMatchObject({ outcome: 'wrong_item', reason: { code: 'batch.notInBatch', params: { product: 'Yellow mug', batchid: '101' } } });

    expect(slotsOf(h.service.batch())).toEqual(['1:5008:sent:1/1', '2:5009:waiting:0/1', '3:5003:refused:0/1', '4:5011:sent:2/2', '5:5010:sent:1/1']);
    expect(h.service.batch()).toMatchObject({ parcelsSent: 3, isDone: false, lastScan: { outcome: 'wrong_item', slot: null } });
    expect(outboxRows(h.db).filter((r) => r.kind === 'assign')).toEqual([]);
    expect(outboxRows(h.db).filter((r) => r.kind === 'ship').map((r) => r.idpicklist)).toEqual([5008, 5011, 5010]);

    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
    expect(h.service.batch()).toMatchObject({ parcelsSent: 4, isDone: true });
  });

  it('takes back the last counted unit of the batch, and a multiplied scan goes where it fits whole', async () => {
    await scan(h.service, '101');
    expect(await scan(h.service, codes.redMug, 2)).toMatchObject({ outcome: 'all_verified', slot: 4 });
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
    // Both picklists left for the outbox: nothing of theirs can be undone any more.
    await expect(Promise.resolve().then(() => h.service.undo())).rejects.toMatchObject({ reason: { code: 'batch.undoHandedOver' } });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:sent:1/1');
  });

  it('takes over a picklist Picqer has assigned to someone else (the picker), so the re-check before its shipment does not stop it', async () => {
    const picked = h.remote.get(5009);
    if (!picked) throw new Error('5009 is seeded');
    upsertPicklists(h.db, [{ ...picked, assigned_to_iduser: 11 }], new Date(h.clock.now()).toISOString());
    await scan(h.service, '101');
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
    // The ship step's re-check stops a parcel Picqer shows assigned to anyone but the packer: the assignment goes first.
    expect(outboxRows(h.db, 5009).map((r) => r.kind)).toEqual(['assign', 'pick', 'ship', 'documents', 'close']);
    expect(outboxRows(h.db, 5009)[0]?.payload).toEqual({ iduser: 10 });
    // One nobody has keeps to a single parcel's requests.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(outboxRows(h.db, 5008).map((r) => r.kind)).toEqual(['pick', 'ship', 'documents', 'close']);
  });

  it('undoes a unit on a picklist still being packed', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted', slot: 4 });
    expect(h.service.undo()).toMatchObject({ kind: 'undone', slot: 4, amount: 1, product: { name: 'Line of 101' } });
    expect(slotsOf(h.service.batch())?.[3]).toBe('4:5011:waiting:0/2');
    expect(scanRows(h.db).filter((r) => r.undone_at !== null)).toHaveLength(1);
  });

  it('refuses a unit for a picklist Picqer paused while the batch was open, with its reason', async () => {
    await scan(h.service, '101');
    const paused = h.remote.get(5009);
    if (!paused) throw new Error('5009 is seeded');
    upsertPicklists(h.db, [{ ...paused, status: 'paused', paused_reason: 'Address unclear' }], new Date(h.clock.now()).toISOString());
    h.service.picklistsChanged([5009]);
    expect(h.batches.at(-1)?.slots[1]).toMatchObject({ state: 'refused', reason: { code: 'picklist.pausedBecause', params: { why: 'Address unclear' } } });
    const answer = await scan(h.service, codes.blueMug);
    expect(answer).toMatchObject({ kind: 'blocked', slot: 2, picklistid: expect.any(String), reason: { code: 'picklist.pausedBecause' } });
    expect(outboxRows(h.db, 5009)).toEqual([]);
  });

  it('resumes with the same counts after a restart, and after leaving and opening it again', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    await scan(h.service, codes.redMug);
    const before = slotsOf(h.service.batch());
    const restarted = h.restart();
    expect(slotsOf(restarted.batch())).toEqual(before);
    expect(restarted.isBatchOpen()).toBe(true);
    restarted.leaveBatch();
    expect(restarted.batch()).toBeNull();
    expect(restarted.current()).toBeNull();
    await scan(restarted, '101');
    expect(slotsOf(restarted.batch())).toEqual(before);
    expect(await scan(restarted, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 4 });
  });

  it('reports a problem for one slot and goes on with the others', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug, 1);
    h.service.batchProblem({ idpicklist: 5011, reason: 'damaged', note: 'Handle broken' });
    expect(slotsOf(h.service.batch())?.[3]).toBe('4:5011:problem:0/2');
    expect(outboxRows(h.db, 5011).map((r) => r.kind)).toEqual(['comment', 'unassign']);
    // The next red mug skips the picklist set aside.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 5 });
  });

  it('opening a single picklist leaves the batch, and the batch leaves a single picklist', async () => {
    await h.service.open(5002);
    expect(h.service.current()?.idpicklist).toBe(5002);
    await scan(h.service, '101');
    expect(h.service.current()).toBeNull();
    expect(h.service.batch()?.idpicklistBatch).toBe(3301);
    await h.service.open(5002);
    expect(h.service.batch()).toBeNull();
    expect(h.service.current()?.idpicklist).toBe(5002);
  });

  it('offline, a completed picklist waits in "labels pending"; online it is sent, whatever step the outbox is at', async () => {
    h.state.isOnline = false;
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:labels_pending:1/1');
    h.state.isOnline = true;
    // The outbox made the shipment and is fetching the label: nothing the packer waits for.
    h.db.prepare("UPDATE pack_sessions SET status = 'labels_pending' WHERE idpicklist = 5008").run();
    const id = h.service.batch()?.slots[0]?.packSessionId;
    if (!id) throw new Error('slot 1 has its session');
    h.service.reload(id);
    expect(slotsOf(h.batches.at(-1) ?? null)?.[0]).toBe('1:5008:sent:1/1');
  });

  it('sends a unit past a slot Picqer paused to the next slot that wants it, found at open or at the scan', async () => {
    const pause = (id: number) => {
      const found = h.remote.get(id);
      if (!found) throw new Error(`${id} is seeded`);
      upsertPicklists(h.db, [{ ...found, status: 'paused', paused_reason: null }], new Date(h.clock.now()).toISOString());
    };
    await scan(h.service, '101');
    // Paused in the cache, not yet looked at: the scan finds it and goes on to slot 4.
    pause(5008);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted', slot: 4 });
    expect(h.batches.at(-1)?.slots[0]).toMatchObject({ state: 'refused', reason: { code: 'picklist.paused' } });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 4 });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 5 });
    // No other slot wants one more: refused with the paused slot's reason.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ kind: 'blocked', slot: 1, reason: { code: 'picklist.paused' } });
    expect(outboxRows(h.db, 5008)).toEqual([]);
  });

  it('undoes nothing in place of a unit whose picklist was already handed over', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted', slot: 4 });
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
    expect(() => h.service.undo()).toThrow(expect.objectContaining({ reason: { code: 'batch.undoHandedOver', params: { slot: 2, picklistid: expect.any(String) } } }));
    expect(slotsOf(h.service.batch())?.[3]).toBe('4:5011:packing:1/2');
  });

  it('hands over after a restart a picklist whose last unit was counted but not handed over', async () => {
    await scan(h.service, '101');
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    // As if the station stopped between the last unit's commit and the hand-over's.
    h.db.prepare("UPDATE pack_sessions SET status = 'open' WHERE idpicklist = 5008").run();
    h.db.prepare('DELETE FROM outbox WHERE idpicklist = 5008').run();
    const restarted = h.restart();
    expect(slotsOf(restarted.batch())?.[0]).toBe('1:5008:sent:1/1');
    expect(outboxRows(h.db, 5008).map((r) => r.kind)).toEqual(['pick', 'ship', 'documents', 'close']);
  });

  it('a batch that cannot open leaves the picklist on the screen as it was', async () => {
    await h.service.open(5009);
    h.db.prepare("UPDATE picklist_batches SET status = 'completed'").run();
    expect(await scan(h.service, '101')).toMatchObject({ kind: 'blocked', reason: { code: 'batch.completed' } });
    expect(h.service.current()?.idpicklist).toBe(5009);
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ kind: 'product', outcome: 'all_verified' });
  });

  it('answers PD:COMPLETE and PD:NEWBOX with why they do not apply, and PD:CANCEL by leaving the batch', async () => {
    await scan(h.service, '101');
    expect(await scan(h.service, 'PD:COMPLETE')).toMatchObject({ kind: 'command', reason: { code: 'batch.completesItself' } });
    expect(await scan(h.service, 'PD:NEWBOX')).toMatchObject({ kind: 'command', reason: { code: 'batch.oneBoxEach' } });
    expect(await scan(h.service, 'PD:CANCEL')).toMatchObject({ kind: 'command', reason: null });
    expect(h.service.batch()).toBeNull();
  });
});

describe('a batch read again from Picqer while it is packed', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    upsertPicklistBatchDetail(h.db, batchDetail(), new Date(h.clock.now()).toISOString());
  });
  afterEach(() => h.cleanup());

  it('is read beside the open, then at a scan at most every 30 s, and a pause it brings refuses the next unit', async () => {
    const paused = h.remote.get(5009);
    if (!paused) throw new Error('5009 is seeded');
    let isPaused = false;
    h.onRefreshBatch = () => {
      if (isPaused) upsertPicklists(h.db, [{ ...paused, status: 'paused', paused_reason: null }], new Date(h.clock.now()).toISOString());
      return Promise.resolve(true);
    };
    await scan(h.service, '101');
    await h.service.settled();
    expect(h.batchReads).toEqual([3301]);
    await scan(h.service, codes.redMug);
    expect(h.batchReads).toEqual([3301]);

    isPaused = true;
    h.clock.advance(batchRereadMs);
    // This scan is answered at once; the re-read it starts goes on beside it.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted', slot: 4 });
    await h.service.settled();
    expect(h.batchReads).toEqual([3301, 3301]);
    expect(h.batches.at(-1)?.slots[1]).toMatchObject({ state: 'refused', reason: { code: 'picklist.paused' } });
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ kind: 'blocked', slot: 2, reason: { code: 'picklist.paused' } });
  });

  it('reads a batch sync listed but has no picklists of yet before opening it', async () => {
    h.db.prepare('DELETE FROM picklist_batch_picklists').run();
    h.db.prepare('UPDATE picklist_batches SET has_detail = 0').run();
    h.onRefreshBatch = () => {
      upsertPicklistBatchDetail(h.db, batchDetail(), new Date(h.clock.now()).toISOString());
      return Promise.resolve(true);
    };
    expect(await scan(h.service, '101')).toMatchObject({ kind: 'batch_opened' });
    expect(h.service.batch()?.slots).toHaveLength(5);
  });

  it('offline, a batch without its picklists is refused with what to do', async () => {
    h.db.prepare('DELETE FROM picklist_batch_picklists').run();
    h.db.prepare('UPDATE picklist_batches SET has_detail = 0').run();
    h.state.isOnline = false;
    expect(await scan(h.service, '101')).toMatchObject({ kind: 'blocked', reason: { code: 'batch.notReadYet', params: { batchid: '101' } } });
    expect(h.batchReads).toEqual([]);
  });
});
