import { join } from 'node:path';
import type { OutboxProblems } from '../../shared/contract';
import type { OutboxStatus, ScanAnswer } from '../../shared/packing';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { CommandFailed, createStation, startChaosDemo, waitFor, waitForDrained, waitForQueue, type ChaosDemo, type StationProcess, shownSession } from './harness';
import { type Tally, check, checkParcels, runWithStation } from './tally';

/*
 * Conflicts: the picklist changes in Picqer while the packer is at it (cancelled, paused, lines
 * changed, assigned elsewhere). The station must stop the parcel before any label, list it with
 * Picqer's reason, keep the scans, and ship it exactly once after it is put right.
 */

const scenario = 'conflict';
type Change = 'paused' | 'assigned elsewhere' | 'lines changed' | 'cancelled';
const reasons: Record<Change, RegExp> = {
  paused: /paused/,
  'assigned elsewhere': /assigned to/,
  'lines changed': /lines of picklist .* changed/,
  cancelled: /cancelled/,
};

const units = (picklist: RawPicklist) => picklist.products.reduce((n, l) => n + l.amount, 0);

async function scanLines(station: StationProcess, demo: ChaosDemo, picklist: RawPicklist, from: number, to = picklist.products.length): Promise<ScanAnswer | null> {
  let last: ScanAnswer | null = null;
  for (const line of picklist.products.slice(from, to)) {
    last = await station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge', multiplier: line.amount });
  }
  return last;
}

async function packWhileChanged(tally: Tally, station: StationProcess, demo: ChaosDemo, picklist: RawPicklist, change: Change, packer: number) {
  const opened = await station.command<ScanAnswer>('scan.submit', { code: picklist.picklistid, source: 'wedge' });
  if (opened.kind !== 'opened') throw new Error(`${picklist.picklistid} did not open: ${opened.kind}`);
  await scanLines(station, demo, picklist, 0, 1);
  await waitFor(async () => (await station.command<OutboxStatus>('outbox.status')).pending === 0, 15_000, 'the assignment');
  const state = demo.backend.state;
  if (change === 'paused') state.pausePicklist(picklist.idpicklist, 'Customer called');
  if (change === 'cancelled') state.cancelPicklist(picklist.idpicklist);
  if (change === 'lines changed') {
    const line = state.getPicklist(picklist.idpicklist).products[0];
    if (line) line.amount += 1;
  }
  if (change === 'assigned elsewhere') state.assignPicklist(picklist.idpicklist, state.users.find((u) => u.active && u.iduser !== packer && u.iduser !== state.apiUserId)?.iduser);
  tally.faultsInjected++;
  const last = await scanLines(station, demo, picklist, 1);
  check(tally, scenario, last?.outcome === 'all_verified', `${picklist.picklistid}: the last scan said ${last?.outcome ?? 'nothing'}`);
  let problem: OutboxProblems['problems'][number] | undefined;
  await waitFor(
    async () => {
      problem = (await station.command<OutboxProblems>('outbox.problems')).problems.find((p) => p.idpicklist === picklist.idpicklist);
      return problem !== undefined;
    },
    20_000,
    `the alert for ${picklist.picklistid} (${change})`,
  );
  check(tally, scenario, reasons[change].test(problem?.reason ?? '') && /No shipment was made/.test(problem?.reason ?? ''), `${change}: the packer was told "${problem?.reason ?? ''}"`);
  check(tally, scenario, demo.shipmentsOf(picklist.idpicklist) === 0, `${change}: a shipment was made`);
  check(tally, scenario, (station.printed().get(picklist.picklistid)?.label ?? 0) === 0, `${change}: a label printed`);
  return problem;
}

export async function conflictScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const packer = demo.packerFor(2);
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack C', demoUrl: demo.backend.url, packer });
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    const [paused, assigned, changed, cancelled] = demo.simplePicklists().filter((p) => p.products.length >= 2);
    if (!paused || !assigned || !changed || !cancelled) throw new Error('the demo has too few simple picklists');
    const packedUnits = new Map([paused, assigned, changed].map((p) => [p.idpicklist, units(p)]));

    await packWhileChanged(tally, station, demo, paused, 'paused', packer);
    demo.backend.state.resumePicklist(paused.idpicklist);
    await station.command<ScanAnswer>('scan.submit', { code: paused.picklistid, source: 'wedge' });
    const reopened = await shownSession(station);
    check(tally, scenario, reopened?.verifiedUnits === packedUnits.get(paused.idpicklist), `paused: ${reopened?.verifiedUnits ?? 0} scans kept of ${packedUnits.get(paused.idpicklist) ?? 0}`);
    await station.command('pack.complete');

    const held = await packWhileChanged(tally, station, demo, assigned, 'assigned elsewhere', packer);
    check(tally, scenario, held?.kind === 'ship' && held.heldBack === 2, `assigned elsewhere: set aside as ${held?.kind ?? '?'} holding back ${held?.heldBack ?? '?'}`);
    demo.backend.state.assignPicklist(assigned.idpicklist, packer);
    await station.command('outbox.retry', { id: held?.id ?? 0 });

    await packWhileChanged(tally, station, demo, changed, 'lines changed', packer);
    await station.command<ScanAnswer>('scan.submit', { code: changed.picklistid, source: 'wedge' });
    const again = await shownSession(station);
    const kept = packedUnits.get(changed.idpicklist) ?? 0;
    check(tally, scenario, again?.verifiedUnits === kept && again.units === kept + 1, `lines changed: reopened with ${again?.verifiedUnits ?? 0} of ${again?.units ?? 0}`);
    const first = changed.products[0];
    const extra = await station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(first?.idproduct ?? 0), source: 'wedge' });
    check(tally, scenario, extra.outcome === 'all_verified', `lines changed: the added unit said ${extra.outcome ?? extra.kind}`);

    const gone = await packWhileChanged(tally, station, demo, cancelled, 'cancelled', packer);
    const unconfirmed = await station.command('outbox.discard', { id: gone?.id ?? 0 }).then(
      () => null,
      (error: unknown) => (error instanceof CommandFailed ? error.code : 'other'),
    );
    check(tally, scenario, unconfirmed === 'VALIDATION', `a discard without confirmation answered ${unconfirmed ?? 'ok'}`);
    await station.command('outbox.discard', { id: gone?.id ?? 0, isConfirmed: true });

    await waitForDrained(station, 60_000);
    await waitFor(() => [paused, assigned, changed].every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'the labels once put right');
    const left = await station.command<OutboxProblems>('outbox.problems');
    check(tally, scenario, left.problems.length === 0, `still set aside: ${left.problems.map((p) => p.reason).join('; ')}`);
    check(tally, scenario, demo.shipmentsOf(cancelled.idpicklist) === 0 && (station.printed().get(cancelled.picklistid)?.label ?? 0) === 0, 'the cancelled picklist was shipped');
    checkParcels(tally, scenario, demo, station, [paused, assigned, changed]);
  });
}
