import { words } from '../helpers/answer-words';
import { join } from 'node:path';
import type { OutboxProblems } from '../../shared/contract';
import type { SyncStatus } from '../../shared/domain';
import type { ScanAnswer } from '../../shared/packing';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { createStation, note, packPicklist, startChaosDemo, waitFor, waitForDrained, waitForQueue, type ChaosDemo, type StationProcess, shownSession } from './harness';
import { type Tally, check, checkParcels, fail, runWithStation } from './tally';

/*
 * A parcel is packed and shipped, and Picqer has not closed its picklist yet: the close was
 * refused (400, set aside), or it keeps failing (500, retried), or Picqer went away before it
 * landed. The packer scans the picklist number again, because the order is still in Picqer's
 * list. The station must answer that it was packed (by whom, when, what still waits) and never
 * open it at 0 of N: a packer who then packs it again makes a second shipment, label and slip.
 * When it does open (the defect), the script packs it again as a packer would, so the duplicate
 * shows up in Picqer and in the printer folders, not only in the answer.
 */

const scenario = 'rescan';

type Case = 'close refused' | 'close failing' | 'offline before close';

/** What the lead's answer carries; read by name so this file compiles before and after it lands. */
interface AlreadyPacked {
  kind: string;
  packed?: { state?: string; idshipment?: number | null; retryId?: number | null } | null;
}

const expectedState: Record<Case, string> = { 'close refused': 'failed', 'close failing': 'waiting', 'offline before close': 'waiting' };

/** The scan of a picklist whose shipment exists: refused, or (the defect) opened and packed again. */
export async function rescan(tally: Tally, name: string, station: StationProcess, demo: ChaosDemo, picklist: RawPicklist, expected: string | null): Promise<AlreadyPacked> {
  tally.rescans++;
  const shipments = demo.allShipmentsOf(picklist.idpicklist);
  const answer = await station.command<ScanAnswer>('scan.submit', { code: picklist.picklistid, source: 'wedge' });
  const told: AlreadyPacked = answer;
  if (answer.kind === 'opened') {
    const reopened = await shownSession(station);
    fail(tally, name, `${station.name}: a rescan opened ${picklist.picklistid} at ${reopened?.verifiedUnits ?? '?'} of ${reopened?.units ?? '?'} while Picqer holds ${shipments} shipment(s) for it`);
    // What a packer does with a parcel that opened at 0 of N: packs it again.
    for (const line of picklist.products) {
      await station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge', multiplier: line.amount });
    }
    return told;
  }
  tally.rescansRefused++;
  check(tally, name, told.kind === 'already_packed', `${station.name}: the rescan of ${picklist.picklistid} answered ${answer.kind} (${words(answer) ?? ''}), not already_packed`);
  if (expected !== null) check(tally, name, told.packed?.state === expected, `${station.name}: the rescan of ${picklist.picklistid} said the close is ${told.packed?.state ?? 'nothing'}, not ${expected}`);
  const own = demo.backend.state.listShipments(picklist.idpicklist)[0]?.idshipment;
  const idshipment = told.packed?.idshipment;
  check(tally, name, idshipment === undefined || idshipment === null || idshipment === own, `${station.name}: the rescan named shipment ${idshipment ?? '?'}, Picqer holds ${own ?? 'none'}`);
  return told;
}

/** Sends again what the station set aside for these picklists, as the packer would from the alert. */
export async function retrySetAside(station: StationProcess, idpicklists: readonly number[]): Promise<void> {
  const { problems } = await station.command<OutboxProblems>('outbox.problems');
  for (const problem of problems) {
    if (problem.idpicklist !== null && idpicklists.includes(problem.idpicklist) && problem.canRetry) await station.command('outbox.retry', { id: problem.id });
  }
}

export async function rescanScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack R', demoUrl: demo.backend.url, packer: demo.packerFor(4) });
  const cases: Case[] = ['close refused', 'close failing', 'offline before close'];
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    const picklists = demo.simplePicklists().slice(0, cases.length);
    if (picklists.length < cases.length) throw new Error('the demo has too few simple picklists');
    for (const [index, which] of cases.entries()) {
      const picklist = picklists[index];
      if (!picklist) continue;
      const close = new RegExp(`/picklists/${picklist.idpicklist}/close$`);
      if (which === 'close refused') demo.backend.faults.refuse(1, close, { status: 400, errorCode: 24, message: 'Picklist cannot be closed: order has a backorder', method: 'POST' });
      // Enough 500s to still be failing whenever the rescan comes; cleared after it.
      else demo.backend.faults.refuse(1_000, close, { status: 500, message: 'Internal server error', method: 'POST' });
      await packPicklist(station, demo, picklist, { multiplier: true });
      const closePath = `/api/v1/picklists/${picklist.idpicklist}/close`;
      await waitFor(
        () => demo.shipmentsOf(picklist.idpicklist) >= 1 && demo.backend.requests.some((r) => r.method === 'POST' && r.path === closePath && r.status >= 400),
        30_000,
        `${picklist.picklistid}: its shipment and a refused close`,
      );
      if (which === 'offline before close') {
        await demo.backend.setReachable(false);
        await waitFor(async () => (await station.command<SyncStatus>('sync.status')).state === 'offline', 15_000, 'the station to say offline', 100);
      }
      await rescan(tally, scenario, station, demo, picklist, expectedState[which]);
      demo.backend.faults.clear();
      if (which === 'offline before close') await demo.backend.setReachable(true);
      await retrySetAside(station, [picklist.idpicklist]);
      note(`rescan: ${which}: ${picklist.picklistid} scanned again with its shipment made and its close not landed`);
    }
    // A parcel packed twice may leave its second attempt set aside; the invariants below judge it.
    await waitForDrained(station, 60_000).catch((error: unknown) => fail(tally, scenario, error instanceof Error ? error.message : String(error)));
    await retrySetAside(station, picklists.map((p) => p.idpicklist));
    await waitForDrained(station, 30_000).catch(() => undefined);
    await waitFor(() => picklists.every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'every label').catch(() => undefined);
    const { problems } = await station.command<OutboxProblems>('outbox.problems');
    check(tally, scenario, problems.length === 0, `still set aside: ${problems.map((p) => `${p.picklistid ?? '?'} ${p.kind}: ${p.reason}`).join('; ')}`);
    checkParcels(tally, scenario, demo, station, picklists);
  });
}
