import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { missingTools } from '../documents/pdf-tools';
import { localShipments, outboxRows, sessionOf, startHarness, type Harness } from './harness';
import { enqueueOutbox } from '../../../electron/main/db/queries/outbox';

/** The slip's text, or null where poppler-utils is missing (.ci/run installs it). */
function slipText(file: string): string | null {
  return missingTools.includes('pdftotext') ? null : execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

describe('outbox worker against the demo backend', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  it("starts a parcel handed over while another picklist's request is out at once, not after it (a singles batch's rhythm)", async () => {
    const first = await h.newPicklist();
    const second = await h.newPicklist();
    const pickOf = (idpicklist: number) => h.demo.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/picklists/${idpicklist}/pickall`));
    h.demo.faults.setLatency(3_000);
    try {
      h.enqueue(first, h.openSession(first), ['pick', 'ship', 'documents', 'close']);
      h.worker.start();
      await vi.waitFor(() => expect(pickOf(first.idpicklist)).toBe(true), { timeout: 10_000 });
      h.enqueue(second, h.openSession(second), ['pick', 'ship', 'documents', 'close']);
      h.worker.kick();
      await vi.waitFor(() => expect(pickOf(second.idpicklist)).toBe(true), { timeout: 10_000 });
      // The first picklist's pick is still on its way to Picqer: the second did not wait for it.
      expect(outboxRows(h.db, first.idpicklist)[0]).toMatchObject({ kind: 'pick', status: 'in_flight' });
    } finally {
      h.demo.faults.setLatency(0);
    }
    await h.worker.drain();
    await h.worker.stop();
    expect(outboxRows(h.db, second.idpicklist).map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('runs a whole complete sequence: picked, one shipment, label and slip printed, closed', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle(1);

    const remote = h.demo.state.getPicklist(picklist.idpicklist);
    expect(remote.status).toBe('closed');
    expect(remote.products.every((l) => l.amount_picked === l.amount)).toBe(true);
    const shipments = h.demo.state.listShipments(picklist.idpicklist);
    expect(shipments).toHaveLength(1);
    expect(localShipments(h.db, picklist.idpicklist)).toEqual([{ idshipment: shipments[0]?.idshipment, status: 'created' }]);
    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(outboxRows(h.db, picklist.idpicklist).map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(existsSync(join(h.documentsDir, String(shipments[0]?.idshipment), 'label.pdf'))).toBe(true);
    expect(existsSync(join(h.documentsDir, String(shipments[0]?.idshipment), 'packing-slip.pdf'))).toBe(true);
    const files = h.printedFiles();
    expect(files.filter((f) => f.endsWith(`-${picklist.picklistid}-label.pdf`))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(`-${picklist.picklistid}-packing_slip.pdf`))).toHaveLength(1);
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0, labelsPending: [] });
    // The pick went as one pickall.
    expect(h.demo.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pickall'))).toHaveLength(1);
    // The slip is Packdesk's own, made from the cache: no packinglistpdf request.
    expect(h.demo.requests.filter((r) => r.path.endsWith('/packinglistpdf'))).toHaveLength(0);
    const text = slipText(join(h.documentsDir, String(shipments[0]?.idshipment), 'packing-slip.pdf'));
    if (text !== null) {
      expect(text).toContain('Acme Fietsen BV');
      expect(text).toContain(picklist.picklistid);
    }
  });

  it("with packing.packingSlip 'picqer' prints Picqer's packinglistpdf instead", async () => {
    h.slip.source = 'picqer';
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle(1);

    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.demo.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/picklists/${picklist.idpicklist}/packinglistpdf`))).toHaveLength(1);
    const idshipment = h.demo.state.listShipments(picklist.idpicklist)[0]?.idshipment;
    const file = join(h.documentsDir, String(idshipment), 'packing-slip.pdf');
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(slipText(file) ?? '').not.toContain('Acme Fietsen BV');
    expect(h.printedFiles().filter((f) => f.endsWith(`-${picklist.picklistid}-packing_slip.pdf`))).toHaveLength(1);
  });

  it('queues the label before the slip is made, and a documents step run again after the label was queued prints it once', async () => {
    h.slip.source = 'picqer';
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship']);
    await h.settle(1);
    // Picqer's slip fails once: the step fails after the label went to the printer.
    h.demo.faults.refuse(1, /\/packinglistpdf$/, { status: 500, errorCode: 1, message: 'Slip not available' });
    h.enqueue(picklist, session, ['documents']);
    await h.worker.drain();
    // The label is on its way to the printer although the step has not finished.
    const jobs = () => h.db.prepare('SELECT kind FROM print_jobs ORDER BY id').all() as Array<{ kind: string }>;
    expect(jobs()).toEqual([{ kind: 'label' }]);
    expect(sessionOf(h.db, session).status).not.toBe('completed');
    await h.settle(2);

    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(jobs()).toEqual([{ kind: 'label' }, { kind: 'packing_slip' }]);
    expect(h.demo.requests.filter((r) => r.path.endsWith('/packinglistpdf'))).toHaveLength(2);
    const files = h.printedFiles();
    expect(files.filter((f) => f.endsWith(`-${picklist.picklistid}-label.pdf`))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(`-${picklist.picklistid}-packing_slip.pdf`))).toHaveLength(1);
  });

  it("falls back to Picqer's slip when the local one cannot be made, and the label still prints", async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship']);
    await h.settle(1);
    // The picklist left the cache between the shipment and the documents (a purge, a bug).
    h.db.prepare('DELETE FROM picklists WHERE idpicklist = ?').run(picklist.idpicklist);
    h.enqueue(picklist, session, ['documents']);
    await h.settle(1);

    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.demo.requests.filter((r) => r.path.endsWith(`/picklists/${picklist.idpicklist}/packinglistpdf`))).toHaveLength(1);
    const files = h.printedFiles();
    expect(files.filter((f) => f.endsWith(`-${picklist.picklistid}-label.pdf`))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(`-${picklist.picklistid}-packing_slip.pdf`))).toHaveLength(1);
  });

  it('a connection reset after the shipment POST was applied still ends with exactly one shipment', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick']);
    await h.worker.drain();
    h.demo.faults.resetAfterApply(1);
    h.enqueue(picklist, session, ['ship', 'documents', 'close']);
    await h.worker.drain();
    expect(outboxRows(h.db, picklist.idpicklist)[1]?.status).toBe('unknown');
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);

    await h.settle();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    expect(localShipments(h.db, picklist.idpicklist)).toHaveLength(1);
    expect(h.demo.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/shipments'))).toHaveLength(1);
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    expect(sessionOf(h.db, session).status).toBe('completed');
  });

  it('a connection reset after the pick was applied does not pick twice', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.demo.faults.resetAfterApply(1);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.worker.drain();
    expect(outboxRows(h.db, picklist.idpicklist)[0]?.status).toBe('unknown');
    await h.settle();
    const remote = h.demo.state.getPicklist(picklist.idpicklist);
    expect(remote.products.every((l) => l.amount_picked === l.amount)).toBe(true);
    expect(remote.status).toBe('closed');
    expect(h.demo.requests.filter((r) => r.method === 'POST' && (r.path.endsWith('/pickall') || r.path.endsWith('/pick')))).toHaveLength(1);
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
  });

  it('a partial pick (some lines) that was reset settles by reading amount_picked', async () => {
    const picklist = await h.newPicklist([3, 2]);
    const session = h.openSession(picklist);
    const lines = picklist.products.map((l, i) => ({ idpicklist_product: l.idpicklist_product, amount: i === 0 ? 3 : 1 }));
    h.demo.faults.resetAfterApply(1);
    enqueueOutbox(h.db, { idpicklist: picklist.idpicklist, kind: 'pick', payload: { packSessionId: session, lines } }, new Date(h.clock.now()).toISOString());
    await h.settle();
    const remote = h.demo.state.getPicklist(picklist.idpicklist);
    expect(remote.products.map((l) => l.amount_picked)).toEqual([3, 1]);
    expect(outboxRows(h.db, picklist.idpicklist).map((r) => r.status)).toEqual(['done']);
  });

  it('a restart with the shipment row left in flight adopts the shipment Picqer made instead of making a second', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick']);
    await h.worker.drain();
    h.enqueue(picklist, session, ['ship', 'documents', 'close']);
    // The process died after Picqer made the shipment and before it heard back.
    h.demo.state.createShipment(picklist.idpicklist, {});
    const ship = outboxRows(h.db, picklist.idpicklist).find((r) => r.kind === 'ship');
    h.db.prepare("UPDATE outbox SET status = 'in_flight', attempts = 1 WHERE id = ?").run(ship?.id);
    await h.worker.stop();

    h.worker = h.newWorker();
    h.worker.start();
    await h.settle();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    expect(localShipments(h.db, picklist.idpicklist)).toHaveLength(1);
    expect(h.demo.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/shipments'))).toHaveLength(0);
    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
  });

  it('a restart with the row in flight but no shipment in Picqer makes exactly one', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship']);
    const ship = outboxRows(h.db, picklist.idpicklist).find((r) => r.kind === 'ship');
    h.db.prepare("UPDATE outbox SET status = 'in_flight', attempts = 1 WHERE id = ?").run(ship?.id);
    const second = h.newWorker();
    await second.drain();
    await h.settle();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
  });

  for (const change of ['order paused', 'order cancelled', 'lines changed', 'assigned elsewhere'] as const) {
    it(`stops before the shipment when Picqer changed (${change}): no shipment, session alert, rows set aside`, async () => {
      const picklist = await h.newPicklist();
      const session = h.openSession(picklist);
      h.enqueue(picklist, session, ['pick']);
      await h.worker.drain();
      const idorder = picklist.idorder ?? 0;
      if (change === 'order paused') h.demo.state.pauseOrder(idorder, 'Customer called');
      if (change === 'order cancelled') h.demo.state.cancelOrder(idorder, { force: true });
      if (change === 'lines changed') (h.demo.state.getPicklist(picklist.idpicklist).products[0] as { amount: number }).amount += 1;
      if (change === 'assigned elsewhere') {
        const other = h.demo.state.users.find((u) => u.active && u.iduser !== h.packer);
        h.demo.state.assignPicklist(picklist.idpicklist, other?.iduser);
      }
      h.enqueue(picklist, session, ['ship', 'documents', 'close']);
      await h.settle();

      expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(0);
      const state = sessionOf(h.db, session);
      expect(state.status).toBe('alert');
      const expected = { 'order paused': /paused.*Customer called/, 'order cancelled': /cancelled/, 'lines changed': /lines .* changed/, 'assigned elsewhere': /assigned to/ }[change];
      expect(state.alert).toMatch(expected);
      expect(state.alert).toMatch(/No shipment was made/);
      const rows = outboxRows(h.db, picklist.idpicklist);
      expect(rows.map((r) => [r.kind, r.status])).toEqual([
        ['pick', 'done'],
        ['ship', 'failed'],
        ['documents', 'failed'],
        ['close', 'failed'],
      ]);
      expect(rows[2]?.last_error).toMatch(/^Not sent: /);
      expect(h.demo.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/close'))).toHaveLength(0);
      expect(h.sessionsUpdated).toContain(session);
    });
  }

  it('offline, the parcel waits in labels pending; back online it drains in order', async () => {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.network.isOffline = true;
    enqueueOutbox(h.db, { idpicklist: picklist.idpicklist, kind: 'assign', payload: { iduser: h.packer } }, new Date(h.clock.now()).toISOString());
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle(3);
    expect(h.worker.status()).toMatchObject({ pending: 5, failed: 0, labelsPending: [{ idpicklist: picklist.idpicklist, picklistid: picklist.picklistid }] });
    expect(h.worker.status().lastError).toMatch(/Cannot reach Picqer/);
    expect(outboxRows(h.db, picklist.idpicklist).map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    const before = h.demo.requests.length;
    h.network.isOffline = false;
    await h.settle();
    const posts = h.demo.requests.slice(before).filter((r) => r.method === 'POST').map((r) => r.path.split('/').pop());
    expect(posts).toEqual(['assign', 'pickall', 'shipments', 'close']);
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0, labelsPending: [], lastError: null });
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    expect(h.printedFiles()).toHaveLength(2);
  });

  it('a refusal retrying cannot fix fails its row with the reason and blocks no other picklist', async () => {
    const broken = await h.newPicklist();
    const good = await h.newPicklist();
    const now = new Date(h.clock.now()).toISOString();
    enqueueOutbox(h.db, { idpicklist: broken.idpicklist, kind: 'assign', payload: { iduser: 999_999 } }, now);
    enqueueOutbox(h.db, { idpicklist: broken.idpicklist, kind: 'comment', payload: { body: 'Missing item' } }, now);
    const session = h.openSession(good);
    h.enqueue(good, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle();

    const rows = outboxRows(h.db, broken.idpicklist);
    expect(rows[0]).toMatchObject({ kind: 'assign', status: 'failed' });
    expect(rows[0]?.last_error).toMatch(/User not found/);
    expect(rows[1]).toMatchObject({ kind: 'comment', status: 'done' });
    expect(h.demo.state.listComments(broken.idpicklist).map((c) => c.body)).toContain('Missing item');
    expect(h.demo.state.getPicklist(good.idpicklist).status).toBe('closed');
    expect(h.demo.state.listShipments(good.idpicklist)).toHaveLength(1);
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 1 });
  });

  it('problem rows go out: comment, then snooze or pause', async () => {
    const a = await h.newPicklist();
    const b = await h.newPicklist();
    const now = new Date(h.clock.now()).toISOString();
    enqueueOutbox(h.db, { idpicklist: a.idpicklist, kind: 'comment', payload: { body: 'Damaged' } }, now);
    enqueueOutbox(h.db, { idpicklist: a.idpicklist, kind: 'pause', payload: { reason: 'Damaged' } }, now);
    enqueueOutbox(h.db, { idpicklist: b.idpicklist, kind: 'snooze', payload: { until: '2026-11-03 09:00:00' } }, now);
    enqueueOutbox(h.db, { idpicklist: b.idpicklist, kind: 'unassign', payload: {} }, now);
    await h.settle(1);
    expect(h.demo.state.getPicklist(a.idpicklist)).toMatchObject({ status: 'paused', paused_reason: 'Damaged' });
    expect(h.demo.state.getPicklist(b.idpicklist).status).toBe('snoozed');
    expect(h.worker.status()).toMatchObject({ pending: 0, failed: 0 });
  });
});
