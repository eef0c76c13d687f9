import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setAsideSessionRows, enqueueOutbox } from '../../../electron/main/db/queries/outbox';
import { outboxRows, sessionOf, startHarness, type Harness } from './harness';

/*
 * What Picqer refuses for good is set aside with its reason: it blocks no other picklist, and a
 * person retries it or discards it (after confirming, in the renderer). A parcel stopped because
 * Picqer changed under the packer is one such problem, with the rest of the parcel held back.
 */

describe('set-aside outbox rows', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  const now = () => new Date(h.clock.now()).toISOString();

  it('lists a refused change with its reason; discarding settles it unsent', async () => {
    const picklist = await h.newPicklist();
    enqueueOutbox(h.db, { idpicklist: picklist.idpicklist, kind: 'assign', payload: { iduser: 999_999 } }, now());
    await h.settle(1);

    const [problem] = h.worker.problems().problems;
    expect(problem).toMatchObject({ idpicklist: picklist.idpicklist, picklistid: picklist.picklistid, kind: 'assign', heldBack: 0, canRetry: true });
    expect(problem?.reason).toMatch(/User not found/);
    expect(h.problems.at(-1)?.problems).toHaveLength(1);

    const after = h.worker.discard(problem?.id ?? 0, 'Sanne de Vries');
    expect(after.problems).toEqual([]);
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0 });
    const row = outboxRows(h.db, picklist.idpicklist)[0];
    expect(row?.status).toBe('done');
    expect(row?.last_error).toMatch(/^Discarded: by Sanne de Vries/);
    expect(() => h.worker.discard(problem?.id ?? 0, null)).toThrow(/no longer set aside/);
  });

  it('a stopped parcel is one problem with the rest held back; retry sends it all once Picqer is right again', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    const other = h.demo.state.users.find((u) => u.active && u.iduser !== h.packer);
    h.enqueue(picklist, session, ['pick']);
    await h.worker.drain();
    h.demo.state.assignPicklist(picklist.idpicklist, other?.iduser);
    h.enqueue(picklist, session, ['ship', 'documents', 'close']);
    await h.settle();

    const [problem] = h.worker.problems().problems;
    expect(problem).toMatchObject({ kind: 'ship', heldBack: 2, canRetry: true });
    expect(problem?.reason).toMatch(/assigned to .* No shipment was made/);
    expect(h.worker.problems().problems).toHaveLength(1);
    expect(h.printedFiles()).toEqual([]);

    // Still assigned elsewhere: the retry reads Picqer again and stops again, nothing sent.
    h.worker.retry(problem?.id ?? 0);
    expect(sessionOf(h.db, session).status).toBe('completing');
    await h.settle();
    expect(h.worker.problems().problems).toHaveLength(1);
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(0);

    h.demo.state.assignPicklist(picklist.idpicklist, h.packer);
    h.worker.retry(h.worker.problems().problems[0]?.id ?? 0);
    await h.settle();
    expect(h.worker.problems().problems).toEqual([]);
    expect(sessionOf(h.db, session)).toEqual({ status: 'completed', alert: null });
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    expect(h.printedFiles().filter((f) => f.endsWith('-label.pdf'))).toHaveLength(1);
  });

  it('does not retry a parcel whose picklist is being packed again', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.demo.state.pausePicklist(picklist.idpicklist, 'Stock check');
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    const [problem] = h.worker.problems().problems;
    expect(problem).toMatchObject({ kind: 'pick', heldBack: 3 });
    expect(problem?.reason).toMatch(/paused/);

    h.db.prepare("UPDATE pack_sessions SET status = 'open' WHERE id = ?").run(session);
    expect(h.worker.problems().problems[0]?.canRetry).toBe(false);
    expect(() => h.worker.retry(problem?.id ?? 0)).toThrow(/being packed again/);
  });

  it('a discarded parcel keeps its session (and scans) to be packed again', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.demo.state.cancelPicklist(picklist.idpicklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    const [problem] = h.worker.problems().problems;
    h.worker.discard(problem?.id ?? 0, null);
    expect(outboxRows(h.db, picklist.idpicklist).map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(sessionOf(h.db, session).status).toBe('alert');
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0, labelsPending: [] });
  });

  it('rows of a cancelled shipment are settled unsent, not listed as problems', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.network.isOffline = true;
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.worker.drain();
    setAsideSessionRows(h.db, session, 'Not sent: the shipment was cancelled', now());
    expect(h.worker.problems().problems).toEqual([]);
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0 });
  });
});
