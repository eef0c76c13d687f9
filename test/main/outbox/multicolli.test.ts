import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { missingTools } from '../documents/pdf-tools';
import { localShipments, outboxRows, sessionOf, startHarness, station, type Harness } from './harness';
import { cancelShipment, listParcels, localDay, reprint } from '../../../electron/main/history/history';
import { enqueueOutbox } from '../../../electron/main/db/queries/outbox';
import { addPackSessionBox, setPackSessionBox } from '../../../electron/main/db/queries/pack-session-boxes';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import type { DemoVariants } from '../../../electron/picqer-demo/variants';

/*
 * A parcel of three boxes through the outbox against the demo (issue 17 item 4): one shipment
 * with three parcels where Picqer takes parcels, one shipment per box where it refuses them or
 * ignores the list, and never a box shipped twice or lost when the station dies between boxes.
 */

const boxes = [
  { box: 1, idpackaging: 3, weight: 900 },
  { box: 2, idpackaging: 5, weight: 2400 },
  { box: 3, idpackaging: 4, weight: 1300 },
];

let h: Harness;
afterEach(async () => {
  await h.close();
});

function text(file: string): string | null {
  return missingTools.includes('pdftotext') ? null : execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** A completed parcel of three boxes, as complete() leaves it: the boxes stored, pick..close queued. */
function completeThreeBoxes(picklist: RawPicklist): number {
  const session = h.openSession(picklist);
  h.db.transaction(() => {
    h.db.prepare('UPDATE pack_sessions SET idpackaging = 3, weight = 900 WHERE id = ?').run(session);
    for (const b of boxes.slice(1)) {
      addPackSessionBox(h.db, session);
      setPackSessionBox(h.db, session, b.box, { idpackaging: b.idpackaging, weight: b.weight });
    }
  })();
  const lines = picklist.products.map((l) => ({ idpicklist_product: l.idpicklist_product, amount: l.amount }));
  const now = new Date(h.clock.now()).toISOString();
  const { idpicklist } = picklist;
  h.db.transaction(() => {
    enqueueOutbox(h.db, { idpicklist, kind: 'pick', payload: { packSessionId: session, lines } }, now);
    enqueueOutbox(
      h.db,
      { idpicklist, kind: 'ship', payload: { packSessionId: session, idshippingprovider_profile: null, idpackaging: 3, weight: 900, lines, iduser: h.packer, boxes } },
      now,
    );
    enqueueOutbox(h.db, { idpicklist, kind: 'documents', payload: { packSessionId: session } }, now);
    enqueueOutbox(h.db, { idpicklist, kind: 'close', payload: { packSessionId: session } }, now);
  })();
  return session;
}

function shipmentPosts() {
  return h.demo.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/shipments'));
}

/** The parcels Picqer holds for the picklist, in the order made: [idpackaging, weight]. */
function remoteParcels(idpicklist: number): Array<[number | null, number]> {
  return h.demo.state
    .listShipments(idpicklist)
    .filter((s) => !s.cancelled)
    .sort((a, b) => a.idshipment - b.idshipment)
    .flatMap((s) => s.parcels.map((p): [number | null, number] => [p.idpackaging, p.weight]));
}

/** Label and slip print jobs in the order queued, with their document, and each slip's box line. */
function printed(): Array<{ kind: string; path: string; idshipment: number; box: string | null }> {
  const rows = h.db
    .prepare('SELECT j.kind, j.document_path AS path, s.idshipment FROM print_jobs j JOIN shipments s ON s.id = j.shipment_id ORDER BY j.id')
    .all() as Array<{ kind: string; path: string; idshipment: number }>;
  // The slip speaks the order's language: "Box 2 of 3" or "Doos 2 van 3", read here as "2/3".
  const boxOf = (path: string) => {
    const found = /(?:Box|Doos) (\d+) (?:of|van) (\d+)/.exec(text(path) ?? '');
    return found ? `${found[1]}/${found[2]}` : null;
  };
  return rows.map((r) => ({ ...r, box: r.kind === 'packing_slip' ? boxOf(r.path) : null }));
}

async function start(variants: Partial<DemoVariants> = {}) {
  h = await startHarness({ variants });
}

describe('a parcel of three boxes', () => {
  it('is one shipment with three parcels, three labels and three slips ("Box k of 3") in box order', async () => {
    await start();
    const picklist = await h.newPicklist([3, 2]);
    const session = completeThreeBoxes(picklist);
    await h.settle(1);

    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    const posts = shipmentPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({ parcels: boxes.map((b) => ({ idpackaging: b.idpackaging, weight: b.weight })) });
    expect(remoteParcels(picklist.idpicklist)).toEqual(boxes.map((b) => [b.idpackaging, b.weight]));
    const [shipment] = h.demo.state.listShipments(picklist.idpicklist);
    const jobs = printed();
    expect(jobs.filter((j) => j.kind === 'label').map((j) => j.path.split('/').slice(-2).join('/'))).toEqual([
      `${shipment?.idshipment}/label.pdf`,
      `${shipment?.idshipment}/label-2.pdf`,
      `${shipment?.idshipment}/label-3.pdf`,
    ]);
    const slips = jobs.filter((j) => j.kind === 'packing_slip');
    expect(slips).toHaveLength(3);
    if (!missingTools.includes('pdftotext')) expect(slips.map((s) => s.box)).toEqual(['1/3', '2/3', '3/3']);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM shipments WHERE pack_session_id = ?').get(session)).toEqual({ n: 1 });
  });

  it('where the carrier refuses parcels (multicolli=refused), is one shipment per box, each with its box, labels in box order', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    const session = completeThreeBoxes(picklist);
    await h.settle(1);

    expect(sessionOf(h.db, session).status).toBe('completed');
    // The refused one with parcels, then one per box.
    expect(shipmentPosts().map((p) => (p.body as { parcels?: unknown[] }).parcels?.length ?? 0)).toEqual([3, 0, 0, 0]);
    expect(shipmentPosts().slice(1).map((p) => p.body)).toEqual(boxes.map((b) => expect.objectContaining({ idpackaging: b.idpackaging, weight: b.weight })));
    expect(remoteParcels(picklist.idpicklist)).toEqual(boxes.map((b) => [b.idpackaging, b.weight]));
    // Every box with the same method, asked of Picqer once.
    expect(new Set(h.demo.state.listShipments(picklist.idpicklist).map((s) => s.idcompany_shippingprovider_profile)).size).toBe(1);
    expect(h.demo.requests.filter((r) => r.path.endsWith('/shippingmethods'))).toHaveLength(1);
    const made = h.demo.state.listShipments(picklist.idpicklist).map((s) => s.idshipment).sort((a, b) => a - b);
    expect(h.db.prepare('SELECT idshipment, first_box FROM shipments WHERE pack_session_id = ? ORDER BY first_box').all(session)).toEqual(
      made.map((idshipment, i) => ({ idshipment, first_box: i + 1 })),
    );
    const jobs = printed();
    expect(jobs.filter((j) => j.kind === 'label').map((j) => j.idshipment)).toEqual(made);
    const slips = jobs.filter((j) => j.kind === 'packing_slip');
    expect(slips.map((s) => s.idshipment)).toEqual(made);
    if (!missingTools.includes('pdftotext')) expect(slips.map((s) => s.box)).toEqual(['1/3', '2/3', '3/3']);
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
  });

  it('where Picqer ignores the list (multicolli=ignored), the boxes it left out get their own shipments', async () => {
    await start({ multicolli: 'ignored' });
    const picklist = await h.newPicklist([3, 2]);
    const session = completeThreeBoxes(picklist);
    await h.settle(1);

    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(shipmentPosts()).toHaveLength(3);
    expect(h.demo.state.listShipments(picklist.idpicklist).map((s) => s.parcels.length)).toEqual([1, 1, 1]);
    expect(remoteParcels(picklist.idpicklist).slice(1)).toEqual(boxes.slice(1).map((b) => [b.idpackaging, b.weight]));
    expect(printed().filter((j) => j.kind === 'label')).toHaveLength(3);
  });

  it('a station that dies after Picqer made box 2 and before it heard back ships box 2 once and box 3 once', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    const session = completeThreeBoxes(picklist);
    const real = h.api.createShipment.bind(h.api);
    let calls = 0;
    h.api.createShipment = async (...args) => {
      calls += 1;
      const shipment = await real(...args);
      // Call 1 is refused (parcels); call 2 makes box 1; call 3 makes box 2, and the answer is lost.
      if (calls === 3) throw new Error('the station died before the answer came');
      return shipment;
    };
    await h.worker.drain();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(2);
    expect(h.db.prepare('SELECT first_box FROM shipments WHERE pack_session_id = ?').all(session)).toEqual([{ first_box: 1 }]);

    // A restart finds the row in flight: Picqer may or may not have the box it was making.
    const ship = outboxRows(h.db, picklist.idpicklist).find((r) => r.kind === 'ship');
    h.db.prepare("UPDATE outbox SET status = 'in_flight' WHERE id = ?").run(ship?.id);
    await h.worker.stop();
    h.worker = h.newWorker();
    h.worker.start();
    await h.settle();

    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(shipmentPosts()).toHaveLength(4);
    expect(remoteParcels(picklist.idpicklist)).toEqual(boxes.map((b) => [b.idpackaging, b.weight]));
    expect(h.db.prepare('SELECT first_box FROM shipments WHERE pack_session_id = ? ORDER BY first_box').all(session)).toEqual([
      { first_box: 1 },
      { first_box: 2 },
      { first_box: 3 },
    ]);
    expect(printed().filter((j) => j.kind === 'label')).toHaveLength(3);
  });

  it('a timeout on a box after Picqer made it settles by reading the shipments, never making the box again', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    const session = completeThreeBoxes(picklist);
    const real = h.api.createShipment.bind(h.api);
    let calls = 0;
    h.api.createShipment = (...args) => {
      calls += 1;
      // Box 2's request is carried out, and the connection drops before the answer.
      if (calls === 3) h.demo.faults.resetAfterApply(1, /\/shipments$/);
      return real(...args);
    };
    await h.settle();
    expect(outboxRows(h.db, picklist.idpicklist).find((r) => r.kind === 'ship')?.status).toBe('done');
    expect(shipmentPosts().map((p) => p.status)).toEqual([400, 201, 0, 201]);
    expect(sessionOf(h.db, session).status).toBe('completed');
    expect(remoteParcels(picklist.idpicklist)).toEqual(boxes.map((b) => [b.idpackaging, b.weight]));
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM shipments WHERE pack_session_id = ?').get(session)).toEqual({ n: 3 });
  });

  it('stops, shipping nothing more, when an unheard shipment is listed without saying which boxes it holds', async () => {
    await start();
    const picklist = await h.newPicklist([3, 2]);
    completeThreeBoxes(picklist);
    // The one request with every parcel is carried out and its answer lost; the list that follows
    // shows the shipment without its parcels.
    h.demo.faults.resetAfterApply(1, /\/shipments$/);
    const list = h.api.listShipments.bind(h.api);
    h.api.listShipments = async (...args) => (await list(...args)).map((x) => ({ ...x, parcels: [] }));
    await h.settle();
    expect(shipmentPosts()).toHaveLength(1);
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    const problem = h.problems.at(-1)?.problems.find((p) => p.kind === 'ship');
    expect(problem?.why?.code).toBe('parcel.boxesUnknown');
  });
});

describe('a parcel of three boxes completed offline', () => {
  it('prints a slip per box while it waits, and once Picqer is back the three labels and no second slip', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    h.network.isOffline = true;
    const session = completeThreeBoxes(picklist);
    await h.settle(2);
    const waiting = h.db.prepare("SELECT document_path AS path, shipment_id FROM print_jobs WHERE kind = 'packing_slip' ORDER BY id").all() as Array<{ path: string; shipment_id: number | null }>;
    expect(waiting).toHaveLength(3);
    if (!missingTools.includes('pdftotext')) expect(waiting.map((w) => /(?:Box|Doos) (\d) (?:of|van) 3/.exec(text(w.path) ?? '')?.[1])).toEqual(['1', '2', '3']);

    h.network.isOffline = false;
    await h.settle();
    expect(sessionOf(h.db, session).status).toBe('completed');
    const jobs = printed();
    expect(jobs.filter((j) => j.kind === 'label')).toHaveLength(3);
    // The slips printed while waiting belong to their boxes' shipments now; none printed twice.
    const made = h.demo.state.listShipments(picklist.idpicklist).map((s) => s.idshipment).sort((a, b) => a - b);
    expect(jobs.filter((j) => j.kind === 'packing_slip').map((j) => j.idshipment)).toEqual(made);
  });
});

describe('History of a parcel of three boxes', () => {
  const today = () => listParcels(h.db, { day: localDay(h.clock.now()), stationName: station });
  const cancelDeps = () => ({
    db: h.db,
    api: h.api,
    clock: h.clock,
    isOnline: () => true,
    packer: () => ({ iduser: 21, name: 'Sanne de Vries' }),
    onHistoryChanged: () => undefined,
    onQueueChanged: () => undefined,
    onSessionUpdated: () => undefined,
  });

  it('shows one row with every box and its tracking code (one shipment)', async () => {
    await start();
    const picklist = await h.newPicklist([3, 2]);
    completeThreeBoxes(picklist);
    await h.settle(1);
    const [shipment] = h.demo.state.listShipments(picklist.idpicklist);
    const parcels = today();
    expect(parcels).toHaveLength(1);
    expect(parcels[0]?.boxes).toEqual(shipment?.parcels.map((p, i) => ({ box: i + 1, trackingCode: p.tracking_code, idshipment: shipment.idshipment })));
    expect(new Set(parcels[0]?.boxes.map((b) => b.trackingCode)).size).toBe(3);
    // Each document says its box, so History does not list "Label: printed" three times alike.
    expect(parcels[0]?.printJobs.map((j) => `${j.kind}:${j.box}`)).toEqual(['label:1', 'label:2', 'label:3', 'packing_slip:1', 'packing_slip:2', 'packing_slip:3']);
  });

  it('shows one row with each box under its own shipment, and cancels every one of them', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    const session = completeThreeBoxes(picklist);
    await h.settle(1);
    const made = h.demo.state.listShipments(picklist.idpicklist).sort((a, b) => a.idshipment - b.idshipment);
    const [row] = today();
    expect(today()).toHaveLength(1);
    expect(row?.idshipment).toBe(made[0]?.idshipment);
    expect(row?.boxes).toEqual(made.map((s, i) => ({ box: i + 1, trackingCode: s.trackingcode, idshipment: s.idshipment })));
    expect(row?.printJobs.filter((j) => j.kind === 'label')).toHaveLength(3);
    // A reprint prints every box's label again, in box order.
    const reprinted = reprint({ db: h.db, printing: h.printing }, picklist.idpicklist, 'label');
    expect(reprinted).toHaveLength(3);
    expect(today()[0]?.printJobs.filter((j) => j.kind === 'label').map((j) => j.box)).toEqual([1, 1, 2, 2, 3, 3]);
    const again = h.db
      .prepare('SELECT s.idshipment FROM print_jobs j JOIN shipments s ON s.id = j.shipment_id WHERE j.is_reprint = 1 ORDER BY j.id')
      .all() as Array<{ idshipment: number }>;
    expect(again.map((r) => r.idshipment)).toEqual(made.map((s) => s.idshipment));
    await h.printing.drain();

    h.clock.advance(60_000);
    await cancelShipment(cancelDeps(), picklist.idpicklist, 'Wrong address');
    expect(h.demo.state.listShipments(picklist.idpicklist).map((s) => s.cancelled)).toEqual([true, true, true]);
    expect(localShipments(h.db, picklist.idpicklist).map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(sessionOf(h.db, session).status).toBe('abandoned');
    expect(today().map((p) => [p.state, p.boxes.length])).toEqual([['cancelled', 3]]);
  });

  it('names the boxes of a cancel that stopped half way by their own numbers, in each row', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    completeThreeBoxes(picklist);
    await h.settle(1);
    await h.printing.drain();
    const real = h.api.cancelShipment.bind(h.api);
    let calls = 0;
    h.api.cancelShipment = async (...args) => {
      calls += 1;
      // Picqer cancels box 1 and refuses box 2: boxes 2 and 3 stay shipped, in their own row.
      if (calls === 2) throw new Error('Picqer refused the cancel');
      return real(...args);
    };
    h.clock.advance(60_000);
    await expect(cancelShipment(cancelDeps(), picklist.idpicklist, 'Wrong address')).rejects.toThrow();
    const rows = today();
    const boxesOf = (state: string) => rows.find((p) => p.state === state);
    expect(boxesOf('shipped')?.boxes.map((b) => b.box)).toEqual([2, 3]);
    expect(boxesOf('shipped')?.printJobs.filter((j) => j.kind === 'label').map((j) => j.box)).toEqual([2, 3]);
    // The cancelled row holds box 1 alone: like any one-box row, its documents name no box.
    expect(boxesOf('cancelled')?.boxes.map((b) => b.box)).toEqual([1]);
    expect(boxesOf('cancelled')?.printJobs.filter((j) => j.kind === 'label').map((j) => j.box)).toEqual([null]);
  });

  it('is not cancelled while its later boxes are still being shipped, so none of them is left standing unprinted', async () => {
    await start({ multicolli: 'refused' });
    const picklist = await h.newPicklist([3, 2]);
    completeThreeBoxes(picklist);
    const real = h.api.createShipment.bind(h.api);
    let calls = 0;
    h.api.createShipment = async (...args) => {
      calls += 1;
      // Call 1 is refused (parcels), call 2 makes box 1; box 2 fails for now and is retried later.
      if (calls === 3) throw new Error('Picqer did not answer');
      return real(...args);
    };
    await h.worker.drain();
    expect(h.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
    await expect(cancelShipment(cancelDeps(), picklist.idpicklist, 'Wrong address')).rejects.toMatchObject({ reason: { code: 'history.stillShipping' } });
    expect(h.demo.state.listShipments(picklist.idpicklist).filter((x) => x.cancelled)).toEqual([]);
  });
});
