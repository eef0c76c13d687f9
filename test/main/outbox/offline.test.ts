import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reprint } from '../../../electron/main/history/history';
import { outboxRows, sessionOf, startHarness, type Harness } from './harness';

/*
 * A parcel completed without a connection: it waits in "labels pending" with its packing slip
 * printed already; when Picqer is back it goes out in order, the label prints (the slip does not
 * print twice), and the packer is told which parcels got their labels.
 */

const printed = (h: Harness, kind: 'label' | 'packing_slip') => h.printedFiles().filter((f) => f.endsWith(`-${kind}.pdf`));

describe('outbox offline', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  it('prints the packing slip while the parcel waits, then only the label once Picqer is back', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.network.isOffline = true;
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle(2);

    expect(printed(h, 'packing_slip')).toEqual([expect.stringContaining(picklist.picklistid)]);
    expect(printed(h, 'label')).toEqual([]);
    expect(h.worker.status()).toMatchObject({ pending: 4, labelsPending: [{ idpicklist: picklist.idpicklist, picklistid: picklist.picklistid }] });
    expect(sessionOf(h.db, session).status).toBe('completing');

    h.network.isOffline = false;
    await h.settle();
    expect(printed(h, 'packing_slip')).toHaveLength(1);
    expect(printed(h, 'label')).toHaveLength(1);
    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.demo.requests.filter((r) => r.path.endsWith('/packinglistpdf'))).toHaveLength(0);
    // The early slip belongs to the parcel now: History shows it and reprints it.
    const slipJob = h.db.prepare("SELECT shipment_id FROM print_jobs WHERE kind = 'packing_slip'").get() as { shipment_id: number | null };
    expect(slipJob.shipment_id).not.toBeNull();
    reprint({ db: h.db, printing: h.printing }, picklist.idpicklist, 'packing_slip');
    await h.printing.drain();
    expect(printed(h, 'packing_slip')).toHaveLength(2);
  });

  it('tells which parcels got their labels after waiting', async () => {
    const waited = await h.newPicklist();
    const quick = await h.newPicklist();
    const waitedSession = h.openSession(waited);
    h.network.isOffline = true;
    h.enqueue(waited, waitedSession, ['pick', 'ship', 'documents', 'close']);
    await h.settle(1);
    h.network.isOffline = false;
    await h.settle();
    h.enqueue(quick, h.openSession(quick), ['pick', 'ship', 'documents', 'close']);
    await h.settle(1);

    const last = h.problems.at(-1);
    expect(last?.labelled).toEqual([expect.objectContaining({ idpicklist: waited.idpicklist, picklistid: waited.picklistid })]);
    expect(h.worker.problems().labelled.map((l) => l.idpicklist)).toEqual([waited.idpicklist]);
  });

  // Regression: the kick when the connection came back found nothing due, because every waiting
  // row still had its backoff (up to five minutes); the outbox stayed idle until it ran out.
  it('sends what waited as soon as the connection is back, not at the end of its backoff', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.network.isOffline = true;
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.worker.drain();
    const later = new Date(h.clock.now() + 5 * 60_000).toISOString();
    h.db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending'").run(later);
    h.network.isOffline = false;

    h.worker.kick();
    await h.worker.drain();
    expect(outboxRows(h.db, picklist.idpicklist)[0]?.status).toBe('pending');

    h.worker.resume();
    await h.worker.drain();
    await h.printing.drain();
    expect(outboxRows(h.db, picklist.idpicklist).map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(printed(h, 'label')).toHaveLength(1);
  });

  it('drains in order per picklist when the connection returns', async () => {
    const a = await h.newPicklist();
    const b = await h.newPicklist();
    h.network.isOffline = true;
    h.enqueue(a, h.openSession(a), ['pick', 'ship', 'documents', 'close']);
    h.enqueue(b, h.openSession(b), ['pick', 'ship', 'documents', 'close']);
    await h.settle(2);
    const before = h.demo.requests.length;
    h.network.isOffline = false;
    h.worker.resume();
    await h.settle();
    for (const picklist of [a, b]) {
      const own = h.demo.requests
        .slice(before)
        .filter((r) => r.method === 'POST' && r.path.includes(`/picklists/${picklist.idpicklist}/`))
        .map((r) => r.path.split('/').pop());
      expect(own).toEqual(['pickall', 'shipments', 'close']);
      expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    }
    expect(printed(h, 'label')).toHaveLength(2);
    expect(printed(h, 'packing_slip')).toHaveLength(2);
  });
});
