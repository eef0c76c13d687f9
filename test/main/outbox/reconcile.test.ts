import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxRows, sessionOf, startHarness, type Harness } from './harness';
import { enqueueOutbox } from '../../../electron/main/db/queries/outbox';

/*
 * Every step that is not idempotent in Picqer (pick, shipment, close) reads Picqer's state before
 * it is sent again after an unknown outcome, and an answer that could not be read is a reason to
 * wait, not to stop the parcel.
 */

const posts = (h: Harness, suffix: string) => h.demo.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

describe('outbox reconciles unknown outcomes against Picqer', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  it('a close whose connection was reset after Picqer closed the picklist is read, not sent again', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents']);
    await h.settle(1);
    h.demo.faults.resetAfterApply(1);
    h.enqueue(picklist, session, ['close']);
    await h.worker.drain();
    expect(outboxRows(h.db, picklist.idpicklist).at(-1)?.status).toBe('unknown');
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');

    const before = h.demo.requests.length;
    await h.settle();
    expect(outboxRows(h.db, picklist.idpicklist).map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(posts(h, '/close')).toHaveLength(1);
    const after = h.demo.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(after).toEqual([`GET /api/v1/picklists/${picklist.idpicklist}`]);
  });

  it('a close answered 500 after it was saved is settled by reading the picklist', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents']);
    await h.settle(1);
    h.demo.faults.errorAfterApply(1);
    h.enqueue(picklist, session, ['close']);
    await h.settle();
    expect(posts(h, '/close')).toHaveLength(1);
    expect(outboxRows(h.db, picklist.idpicklist).at(-1)).toMatchObject({ kind: 'close', status: 'done' });
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0 });
  });

  it('a shipment answered 500 after Picqer made it is adopted: one shipment, one label', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick']);
    await h.worker.drain();
    h.demo.faults.errorAfterApply(1);
    h.enqueue(picklist, session, ['ship', 'documents', 'close']);
    await h.settle();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    expect(posts(h, '/shipments')).toHaveLength(1);
    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.printedFiles().filter((f) => f.endsWith('-label.pdf'))).toHaveLength(1);
  });

  it('a pick answered 500 after it was saved is not picked twice', async () => {
    const picklist = await h.newPicklist([2, 3]);
    const session = h.openSession(picklist);
    h.demo.faults.errorAfterApply(1);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    const remote = h.demo.state.getPicklist(picklist.idpicklist);
    expect(remote.products.map((l) => l.amount_picked)).toEqual([2, 3]);
    expect(remote.status).toBe('closed');
    expect(posts(h, '/pickall').length + posts(h, '/pick').length).toBe(1);
  });

  // Regression: a garbled answer to the re-check's read used to stop the parcel with an alert
  // ("Picqer did not make the shipment") although nothing had changed in Picqer.
  it('a garbled answer to the re-check before the shipment is read again, and the parcel ships', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick']);
    await h.worker.drain();
    h.demo.faults.malformedJson(1);
    h.enqueue(picklist, session, ['ship', 'documents', 'close']);
    await h.worker.drain();
    expect(outboxRows(h.db, picklist.idpicklist)[1]).toMatchObject({ kind: 'ship', status: 'pending' });
    expect(sessionOf(h.db, session).status).toBe('completing');

    await h.settle();
    expect(sessionOf(h.db, session)).toEqual({ status: 'completed', alert: null });
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
  });

  // Regression (chaos suite, bad-input seed 3): a login page answering 200 to the pickall never
  // reached Picqer, yet the pick counted as done and the parcel shipped and closed unpicked.
  it('a pick answered 200 by a page that is not Picqer is not taken for done', async () => {
    const picklist = await h.newPicklist([2, 1]);
    const session = h.openSession(picklist);
    h.demo.faults.htmlPage(1, 200);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    const remote = h.demo.state.getPicklist(picklist.idpicklist);
    expect(remote.products.map((l) => l.amount_picked)).toEqual([2, 1]);
    expect(remote.status).toBe('closed');
    expect(sessionOf(h.db, session).status).toBe('completed');
  });

  it('a close or an assignment answered 200 by such a page is checked by reading the picklist', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents']);
    await h.settle(1);
    h.demo.faults.htmlPage(1, 200);
    h.enqueue(picklist, session, ['close']);
    await h.settle();
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    expect(outboxRows(h.db, picklist.idpicklist).at(-1)).toMatchObject({ kind: 'close', status: 'done' });

    const other = await h.newPicklist();
    h.demo.faults.htmlPage(1, 200);
    enqueueOutbox(h.db, { idpicklist: other.idpicklist, kind: 'assign', payload: { iduser: h.packer } }, new Date(h.clock.now()).toISOString());
    await h.settle();
    expect(h.demo.state.getPicklist(other.idpicklist).assigned_to_iduser).toBe(h.packer);
  });

  it("a gateway's HTML page instead of Picqer's answer is waited out like an outage", async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.demo.faults.htmlPage(2, 502);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle();
    expect(h.demo.faults.injected.htmlPage).toBe(2);
    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
  });
});
