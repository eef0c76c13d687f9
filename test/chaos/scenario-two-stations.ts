import { words } from '../helpers/answer-words';
import { join } from 'node:path';
import type { OutboxProblems } from '../../shared/contract';
import type { ScanAnswer } from '../../shared/packing';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { createStation, note, startChaosDemo, waitFor, waitForDrained, waitForQueue, type ChaosDemo, type StationProcess } from './harness';
import { type Tally, check, checkNoSecondShipment, countDemo, fail, printedBy } from './tally';

/*
 * Two stations on one Picqer key, the same picklist scanned at both (a packer walks to the other
 * table with the printed picklist, or two print-outs of it went round). Neither station sees the
 * other's session; only Picqer is shared. However the two parcels meet, Picqer ends with at most
 * one shipment and the warehouse with one label.
 *
 * - overlapping: both open it, the first packs and ships it but its close has not landed (Picqer
 *   keeps failing it) when the second, having taken it over, completes. The second must find the
 *   shipment and stop before making one, telling the packer which shipment stands and that it made
 *   none.
 * - racing: both open it and pack it at the same time, the second packer having taken it over
 *   (the screen shows the first packer's name and offers that). The first station's re-check sees
 *   the picklist is no longer its packer's and stops before the shipment.
 *
 * Two packers: Picqer's assignment is what tells two tables apart. The same person signed in at
 * two stations and completing the same picklist within the same moment is not told apart by
 * anything Picqer offers without a request more per parcel (docs/picqer.md, "Several stations on one API key").
 */

const scenario = 'two-stations';

async function open(station: StationProcess, picklist: RawPicklist, takeOver = false): Promise<ScanAnswer> {
  const answer = takeOver
    ? await station.command<ScanAnswer>('pack.open', { idpicklist: picklist.idpicklist, takeOver: true })
    : await station.command<ScanAnswer>('scan.submit', { code: picklist.picklistid, source: 'wedge' });
  if (answer.kind !== 'opened') throw new Error(`${station.name} could not open ${picklist.picklistid}: ${answer.kind} ${words(answer) ?? ''}`);
  return answer;
}

async function scanAll(station: StationProcess, demo: ChaosDemo, picklist: RawPicklist): Promise<ScanAnswer | null> {
  let last: ScanAnswer | null = null;
  for (const line of picklist.products) last = await station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge', multiplier: line.amount });
  return last;
}

export async function twoStationsScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const stations = (['Pack T1', 'Pack T2'] as const).map((name, index) =>
    createStation({ root: join(options.root, options.seed), name, demoUrl: demo.backend.url, packer: demo.packerFor(5 + index) }),
  );
  const [first, second] = stations as [StationProcess, StationProcess];
  try {
    await Promise.all(stations.map(async (s) => {
      await s.start();
      await waitForQueue(s);
    }));
    const [overlapping, racing] = demo.simplePicklists();
    if (!overlapping || !racing) throw new Error('the demo has too few simple picklists');

    await open(first, overlapping);
    // The second packer comes to it once the first one's assignment is in Picqer (two opens within
    // the same second race for the assignment; the loser's re-check stops its parcel, which the
    // racing case below covers).
    await waitFor(() => demo.backend.state.getPicklist(overlapping.idpicklist).assigned_to_iduser === demo.packerFor(5), 15_000, `${first.name}'s assignment of ${overlapping.picklistid}`);
    await open(second, overlapping);
    const close = new RegExp(`/picklists/${overlapping.idpicklist}/close$`);
    demo.backend.faults.refuse(1_000, close, { status: 500, message: 'Internal server error', method: 'POST' });
    await scanAll(first, demo, overlapping);
    const closePath = `/api/v1/picklists/${overlapping.idpicklist}/close`;
    await waitFor(
      () => demo.shipmentsOf(overlapping.idpicklist) === 1 && demo.backend.requests.some((r) => r.method === 'POST' && r.path === closePath && r.status === 500),
      30_000,
      `${first.name}'s shipment of ${overlapping.picklistid} and a failed close`,
    );
    const standing = demo.backend.state.listShipments(overlapping.idpicklist)[0];
    // The second packer sees it is the first one's, and takes it over to pack it here.
    await open(second, overlapping, true);
    const last = await scanAll(second, demo, overlapping);
    check(tally, scenario, last?.outcome === 'all_verified', `${second.name}: ${overlapping.picklistid} ended on ${last?.outcome ?? 'nothing'}`);
    let problem: OutboxProblems['problems'][number] | undefined;
    await waitFor(
      async () => {
        problem = (await second.command<OutboxProblems>('outbox.problems')).problems.find((p) => p.idpicklist === overlapping.idpicklist);
        return problem !== undefined || demo.allShipmentsOf(overlapping.idpicklist) > 1;
      },
      30_000,
      `${second.name} to stop ${overlapping.picklistid} or ship it again`,
    ).catch((error: unknown) => fail(tally, scenario, error instanceof Error ? error.message : String(error)));
    if (process.env.CHAOS_DEBUG) for (const r of demo.backend.requests.filter((r) => r.path.includes(String(overlapping.idpicklist)))) note(`${r.method} ${r.path} ${r.status}`);
    checkNoSecondShipment(tally, scenario, demo, overlapping);
    if (problem) {
      const reason = problem.reason;
      check(tally, scenario, problem.kind === 'ship', `${second.name}: ${overlapping.picklistid} was set aside at ${problem.kind}, not before the shipment`);
      check(
        tally,
        scenario,
        /No shipment was made/.test(reason) && standing !== undefined && (reason.includes(String(standing.idshipment)) || reason.includes(standing.trackingcode)),
        `${second.name}: the packer was told "${reason}", which does not name shipment ${standing?.idshipment ?? '?'} or say none was made`,
      );
      await second.command('outbox.discard', { id: problem.id, isConfirmed: true });
    }
    demo.backend.faults.clear();
    await waitForDrained(first, 60_000);

    // Racing: both open before either packs, the second takes it over, then both pack at once.
    await open(first, racing);
    await open(second, racing, true);
    await Promise.all(stations.map((s) => scanAll(s, demo, racing)));
    await Promise.all(stations.map((s) => waitForDrained(s, 60_000).catch(() => undefined)));
    checkNoSecondShipment(tally, scenario, demo, racing);
    for (const s of stations) {
      const left = (await s.command<OutboxProblems>('outbox.problems')).problems.filter((p) => p.idpicklist === racing.idpicklist);
      for (const p of left) await s.command('outbox.discard', { id: p.id, isConfirmed: true });
    }

    await waitFor(() => [overlapping, racing].every((p) => (printedBy(stations).get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'the labels').catch(() => undefined);
    const printed = printedBy(stations);
    note(
      `two-stations: ${[overlapping, racing].map((p) => `${p.picklistid} ${demo.allShipmentsOf(p.idpicklist)} shipment(s), ${printed.get(p.picklistid)?.label ?? 0} label(s), ${printed.get(p.picklistid)?.packing_slip ?? 0} slip(s)`).join('; ')}`,
    );
    // The labels once over both stations; a packing slip may come from each, since both boxes were
    // packed before either could know of the other.
    for (const p of [overlapping, racing]) {
      tally.parcels++;
      const labels = printed.get(p.picklistid)?.label ?? 0;
      check(tally, scenario, labels === 1, `${p.picklistid}: ${labels} labels printed over the two stations`);
      if (labels > 1) tally.printJobsDuplicated += labels - 1;
      check(tally, scenario, demo.backend.state.getPicklist(p.idpicklist).status === 'closed', `${p.picklistid} is not closed in Picqer`);
      check(tally, scenario, demo.backend.state.getPicklist(p.idpicklist).products.every((l) => l.amount_picked === l.amount), `${p.picklistid}: picked in Picqer is not the ordered amount`);
    }
  } catch (error) {
    fail(tally, scenario, `${error instanceof Error ? error.message : String(error)}\n${stations.map((s) => `${s.name}: ${s.log().slice(-1500)}`).join('\n')}`);
  } finally {
    await Promise.all(stations.map((s) => s.stop()));
    countDemo(tally, demo);
    await demo.close();
  }
}
