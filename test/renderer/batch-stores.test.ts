import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectBatch, selectBatchSlots, selectHasBatch, selectPendingQuantity } from '../../renderer/src/stores/session';
import { selectBatches } from '../../renderer/src/stores/queue';
import { answerHeadline, answerTone } from '../../renderer/src/scan/answer-text';
import { soundForAnswer } from '../../renderer/src/sound/specs';
import { createT } from '../../renderer/src/i18n';
import { batchSummaryFixture, normalBatchFixture, singlesBatchFixture } from './batch-fixtures';
import { answerFixture, sessionFixture, settle } from './fake-api';
import { packStation } from './pack-station';

/*
 * Issue 17: a batch reaches the screen the way a picklist does, through session.changed with a
 * revision; the packer opens, reports a problem for one slot, and leaves it by button or barcode.
 */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session store: the open batch', () => {
  it('keeps the batch main published and shows the pack screen for it', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    const batch = normalBatchFixture();
    api.publishBatch(batch);
    expect(selectBatch(stores.session.getState())).toEqual(batch);
    expect(selectHasBatch(stores.session.getState())).toBe(true);
    expect(stores.session.getState().session).toBeNull();
    expect(stores.ui.getState().screen).toBe('pack');
  });

  it('never takes an older state than the one shown, a read included', async () => {
    const { api, stores } = packStation();
    let release: (value: { revision: number; session: null; batch: ReturnType<typeof normalBatchFixture> | null }) => void = () => undefined;
    api.handle('pack.current', () => new Promise((resolve) => (release = resolve)));
    const loading = stores.session.getState().load();
    stores.session.getState().apply({ revision: 5, session: null, batch: normalBatchFixture() });
    release({ revision: 4, session: null, batch: null });
    await loading;
    expect(stores.session.getState().batch?.picklistBatchid).toBe('B2026-0041');
  });

  it('an equal batch notifies nobody, and slots that did not change keep their identity', () => {
    const { stores } = packStation();
    const first = normalBatchFixture();
    stores.session.getState().apply({ revision: 1, session: null, batch: first });
    let notified = 0;
    const off = stores.session.subscribe(() => (notified += 1));
    stores.session.getState().apply({ revision: 2, session: null, batch: structuredClone(first) });
    expect(notified).toBe(0);
    const slots = first.slots.map((s) => (s.slot === 3 ? { ...s, verifiedUnits: 1, state: 'packing' as const } : s));
    stores.session.getState().apply({ revision: 3, session: null, batch: { ...first, slots, verifiedUnits: first.verifiedUnits + 1 } });
    const after = selectBatchSlots(stores.session.getState());
    expect(after[0]).toBe(first.slots[0]);
    expect(after[2]).not.toBe(first.slots[2]);
    expect(after[2]?.state).toBe('packing');
    off();
  });

  it('picklists completing inside the batch are no departure: the packer stays on the batch', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    const batch = normalBatchFixture();
    api.publishBatch(batch);
    const slots = batch.slots.map((s) => (s.slot === 2 ? { ...s, verifiedUnits: 4, state: 'sent' as const } : s));
    api.publishBatch({ ...batch, slots, verifiedUnits: batch.verifiedUnits + 2, parcelsSent: 2 });
    expect(stores.session.getState().departure).toBeNull();
    expect(stores.ui.getState().screen).toBe('pack');
    expect(stores.session.getState().batch?.parcelsSent).toBe(2);
  });

  it('a picklist open before the batch opened is no parcel sent', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.publish(sessionFixture({ isAllVerified: true, verifiedUnits: 3 }));
    api.publishBatch(normalBatchFixture());
    expect(stores.session.getState().departure).toBeNull();
    expect(stores.ui.getState().screen).toBe('pack');
  });

  it('leaving the batch goes back to the queue and says how many parcels it sent', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.publishBatch(normalBatchFixture());
    api.handle('batch.leave', () => {
      api.publishBatch(null);
      return { outcome: 'left', reason: null, revision: api.revision() };
    });
    expect(await stores.session.getState().leaveBatch()).toBe(true);
    expect(api.callsOf('batch.leave')).toEqual([{}]);
    expect(stores.session.getState().batch).toBeNull();
    expect(stores.session.getState().departure).toEqual({ kind: 'batch', picklistid: 'B2026-0041', parcelsSent: 1, isDone: false, state: 'packing' });
    expect(stores.ui.getState().screen).toBe('queue');
  });

  it('the PD:CANCEL barcode closes a dialog first; then main leaves the batch and the screen follows without leaving again', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.publishBatch(normalBatchFixture());
    api.handle('batch.leave', () => {
      api.publishBatch(null);
      return { outcome: 'left', reason: null, revision: api.revision() };
    });
    // As main does: with nothing waiting, CANCEL leaves the batch and session.changed says so.
    api.handle('scan.submit', ({ code }) => {
      api.publishBatch(null);
      return answerFixture({ kind: 'command', code, command: 'CANCEL', revision: api.revision() });
    });
    stores.ui.getState().openDialog({ kind: 'batchProblem' });
    await stores.scanner.submit('PD:CANCEL', null);
    expect(stores.ui.getState().dialog).toBeNull();
    expect(api.callsOf('scan.submit')).toEqual([]);
    await stores.scanner.submit('PD:CANCEL', null);
    await settle();
    expect(api.callsOf('batch.leave')).toEqual([]);
    expect(stores.session.getState().batch).toBeNull();
    expect(stores.session.getState().departure).toMatchObject({ kind: 'batch' });
  });

  it('the PD:PROBLEM barcode opens the batch problem dialog', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.publishBatch(normalBatchFixture());
    api.handle('scan.submit', ({ code }) => answerFixture({ kind: 'command', code, command: 'PROBLEM', revision: api.revision() }));
    await stores.scanner.submit('PD:PROBLEM', null);
    expect(stores.ui.getState().dialog).toEqual({ kind: 'batchProblem' });
  });

  it('reports a problem for one slot with its reason and note, and the packer hears it went', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const batch = normalBatchFixture();
    api.publishBatch(batch);
    api.handle('batch.problem', ({ idpicklist }) => {
      const slots = batch.slots.map((s) => (s.idpicklist === idpicklist ? { ...s, state: 'problem' as const } : s));
      api.publishBatch({ ...batch, slots });
      return { outcome: 'problem_reported', reason: null, revision: api.revision() };
    });
    expect(await stores.scanner.batchProblem(703, 'damaged', '  box torn  ')).toBe(true);
    expect(api.callsOf('batch.problem')).toEqual([{ idpicklist: 703, reason: 'damaged', note: 'box torn' }]);
    expect(played).toEqual(['problem']);
    expect(stores.session.getState().batch?.slots[2]?.state).toBe('problem');
    // The batch stays open: one slot is set aside, the rest goes on.
    expect(stores.ui.getState().screen).toBe('pack');
  });

  it('a refused problem report keeps the error for the dialog and plays nothing', async () => {
    const { api, played, stores } = packStation();
    api.handle('batch.problem', () => {
      throw new Error('offline');
    });
    expect(await stores.scanner.batchProblem(703, 'missing')).toBe(false);
    expect(api.callsOf('batch.problem')).toEqual([{ idpicklist: 703, reason: 'missing' }]);
    expect(stores.session.getState().error).not.toBeNull();
    expect(played).toEqual([]);
  });

  it('opens a batch from the queue: the answer shows, the opened sound plays, the pack screen follows', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const batch = normalBatchFixture({ lastScan: null });
    api.handle('batch.open', ({ idpicklistBatch }) => {
      const revision = api.publishBatch(batch);
      return answerFixture({ kind: 'batch_opened', code: String(idpicklistBatch), name: batch.picklistBatchid, revision });
    });
    await stores.scanner.openBatch(4001);
    expect(api.callsOf('batch.open')).toEqual([{ idpicklistBatch: 4001 }]);
    expect(stores.scan.getState().lastAnswer?.kind).toBe('batch_opened');
    expect(played).toEqual(['opened']);
    expect(stores.ui.getState().screen).toBe('pack');
    expect(stores.session.getState().batch?.id).toBe(batch.id);
  });

  it('a slot Picqer stops while the batch is open is heard, once', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const batch = singlesBatchFixture();
    api.publishBatch(batch);
    const stopped = batch.slots.map((s) => (s.slot === 8 ? { ...s, state: 'refused' as const, reason: { code: 'picklist.paused' as const, params: { picklistid: s.picklistid } } } : s));
    api.publishBatch({ ...batch, slots: stopped });
    api.publishBatch({ ...batch, slots: stopped, parcelsSent: batch.parcelsSent });
    expect(played).toEqual(['blocked']);
  });

  it('a quantity scanned for the batch shows like one for a picklist', () => {
    const { stores } = packStation();
    const pendingQuantity = { amount: 12, expiresAt: '2026-12-03T10:00:10.000Z' };
    stores.session.getState().apply({ revision: 1, session: null, batch: normalBatchFixture({ pendingQuantity }) });
    expect(selectPendingQuantity(stores.session.getState())).toEqual(pendingQuantity);
  });

  it('a product scanned while the batch problem dialog is open waits, and is answered once it closes', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.publishBatch(normalBatchFixture());
    api.handle('scan.submit', ({ code }) => answerFixture({ kind: 'product', code, outcome: 'counted', slot: 3, revision: api.revision() }));
    api.handle('scan.hold', () => null);
    stores.ui.getState().openDialog({ kind: 'batchProblem' });
    stores.scanner.onWedge({ type: 'multiplier', value: 3 });
    const answered = stores.scanner.submit('8712345000028', null);
    await settle();
    expect(api.callsOf('scan.submit')).toEqual([]);
    expect(stores.scan.getState().held).toEqual(['8712345000028']);
    expect(stores.scan.getState().multiplier).toBeNull();
    stores.ui.getState().closeDialog();
    expect((await answered)?.slot).toBe(3);
    expect(api.callsOf('scan.submit')).toEqual([{ code: '8712345000028', source: 'wedge' }]);
  });

  it('Enter completes nothing in a batch: its picklists complete on their own', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.publishBatch(normalBatchFixture());
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('pack.complete')).toEqual([]);
  });
});

describe('a batch scan answer', () => {
  const en = createT('en');
  const nl = createT('nl');
  const product = { idproduct: 1, productcode: 'KB-1', name: 'Koffiebonen 1 kg', image: null, isInactive: false };

  it('names the slot the unit goes into, in both languages', () => {
    const answer = answerFixture({ kind: 'product', outcome: 'counted', slot: 3, picklistid: 'P2026-0703', product });
    expect(answerHeadline(answer, null, en)).toBe('Into slot 3: Koffiebonen 1 kg');
    expect(answerHeadline(answer, null, nl)).toBe('In vak 3: Koffiebonen 1 kg');
    expect(answerTone(answer)).toBe('ok');
    expect(soundForAnswer(answer)).toBe('counted');
  });

  it('says the slot is complete when its picklist is, with the complete sound', () => {
    const answer = answerFixture({ kind: 'product', outcome: 'all_verified', slot: 5, picklistid: 'P2026-0705', product });
    expect(answerHeadline(answer, null, en)).toBe('Into slot 5: Koffiebonen 1 kg. Slot 5 is complete');
    expect(answerHeadline(answer, null, nl)).toBe('In vak 5: Koffiebonen 1 kg. Vak 5 is compleet');
    expect(soundForAnswer(answer)).toBe(soundForAnswer(answerFixture({ kind: 'product', outcome: 'all_verified' })));
  });

  it('an undo names the slot to take the unit out of', () => {
    const answer = answerFixture({ kind: 'undone', slot: 2, amount: 1, product });
    expect(answerHeadline(answer, null, en)).toBe('Undone: take 1× Koffiebonen 1 kg out of slot 2');
    expect(answerHeadline(answer, null, nl)).toBe('Ongedaan: haal 1× Koffiebonen 1 kg uit vak 2');
  });

  it('a refused scan in a batch words like any refused scan: no slot to name', () => {
    const answer = answerFixture({ kind: 'product', outcome: 'wrong_item', slot: null, product });
    expect(answerHeadline(answer, null, en)).toBe(answerHeadline(answerFixture({ kind: 'product', outcome: 'wrong_item', product }), null, en));
  });
});

describe('queue store: the open batches', () => {
  it('reads the batches with the queue and again when the queue changes', async () => {
    const { api, stores } = packStation();
    const lists = [[batchSummaryFixture(4001)], [batchSummaryFixture(4001), batchSummaryFixture(4002, { type: 'singles' })]];
    let read = 0;
    api.handle('batch.list', () => lists[Math.min(read++, lists.length - 1)] ?? []);
    stores.queue.getState().start();
    await stores.queue.getState().loadBatches();
    expect(selectBatches(stores.queue.getState()).map((b) => b.idpicklistBatch)).toEqual([4001]);
    api.emit('queue.changed', { idpicklists: [] });
    await vi.advanceTimersByTimeAsync(300);
    expect(selectBatches(stores.queue.getState()).map((b) => b.idpicklistBatch)).toEqual([4001, 4002]);
  });

  it('a station without batches shows none, with no error in the way', async () => {
    const { api, stores } = packStation();
    api.handle('batch.list', () => {
      throw new Error('no batches here');
    });
    await stores.queue.getState().loadBatches();
    expect(selectBatches(stores.queue.getState())).toEqual([]);
    expect(stores.queue.getState().error).toBeNull();
  });
});
