import { join } from 'node:path';
import type { OutboxProblems } from '../../shared/contract';
import type { SyncStatus } from '../../shared/domain';
import type { OutboxStatus, ScanAnswer } from '../../shared/packing';
import { createStation, note, packPicklist, startChaosDemo, waitFor, waitForDrained, waitForQueue } from './harness';
import { type Tally, check, checkParcels, runWithStation } from './tally';

/*
 * Offline: Picqer goes off the network while a station packs. The station must say so within
 * 5 seconds; opening and verifying go on from the cache; completed parcels wait in "labels
 * pending" with their packing slips printed; when Picqer is back the outbox drains in order per
 * picklist (the shipment after the re-check), the labels print, and the station lists the parcels
 * that got their labels after waiting.
 */

const scenario = 'offline';

export async function offlineScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack O', demoUrl: demo.backend.url, packer: demo.packerFor(0) });
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    const [first, second, later] = demo.simplePicklists().filter((p) => p.products.length >= 2);
    if (!first || !second || !later) throw new Error('the demo has too few simple picklists');
    const opened = await station.command<ScanAnswer>('scan.submit', { code: first.picklistid, source: 'wedge' });
    check(tally, scenario, opened.kind === 'opened', `${first.picklistid} did not open online`);
    const firstLine = first.products[0];
    for (let unit = 0; unit < (firstLine?.amount ?? 0); unit++) {
      await station.command('scan.submit', { code: demo.barcodeOf(firstLine?.idproduct ?? 0), source: 'wedge' });
    }
    // Let the assignment reach Picqer, so what waits below is the parcels' own changes.
    await waitFor(async () => (await station.command<OutboxStatus>('outbox.status')).pending === 0, 10_000, 'the assignment');

    await demo.backend.setReachable(false);
    tally.faultsInjected++;
    const lostAt = Date.now();
    await waitFor(async () => (await station.command<SyncStatus>('sync.status')).state === 'offline', 15_000, 'the station to say offline', 50);
    const noticedMs = Date.now() - lostAt;
    note(`offline: noticed after ${noticedMs} ms`);
    check(tally, scenario, noticedMs <= 5_000, `the lost connection showed after ${noticedMs} ms, not within 5 s`);

    // Verifying and opening from the cache.
    for (const line of first.products.slice(1)) {
      for (let unit = 0; unit < line.amount; unit++) await station.command('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge' });
    }
    await packPicklist(station, demo, second);
    await waitFor(() => ['packing_slip'].every(() => [first, second].every((p) => (station.printed().get(p.picklistid)?.packing_slip ?? 0) === 1)), 15_000, 'packing slips while offline');
    const waiting = await station.command<OutboxStatus>('outbox.status');
    const sync = await station.command<SyncStatus>('sync.status');
    check(tally, scenario, sync.state === 'offline' && waiting.pending > 0, `the status bar would not say "Offline: N changes waiting" (sync ${sync.state}, ${waiting.pending} waiting)`);
    const pendingIds = waiting.labelsPending.map((l) => l.idpicklist);
    check(tally, scenario, pendingIds.includes(first.idpicklist) && pendingIds.includes(second.idpicklist), `labels pending: ${JSON.stringify(waiting.labelsPending)}`);
    check(tally, scenario, [first, second].every((p) => (station.printed().get(p.picklistid)?.label ?? 0) === 0), 'a label printed while offline');
    check(tally, scenario, demo.shipmentsOf(first.idpicklist) + demo.shipmentsOf(second.idpicklist) === 0, 'a shipment was made while offline');

    const backFrom = demo.backend.requests.length;
    await demo.backend.setReachable(true);
    await waitForDrained(station, 60_000);
    await waitFor(() => [first, second].every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'labels after the connection returned');
    for (const picklist of [first, second]) {
      const steps = demo.backend.requests
        .slice(backFrom)
        .filter((r) => r.path.startsWith(`/api/v1/picklists/${picklist.idpicklist}`) && r.status >= 200 && r.status < 300)
        .map((r) => `${r.method} ${r.path.slice(`/api/v1/picklists/${picklist.idpicklist}`.length) || '/'}`);
      // The pick's answer is the re-check; the look at the picklist's shipments comes right before the shipment.
      const pick = steps.indexOf('POST /pickall');
      const look = steps.lastIndexOf('GET /shipments');
      const ship = steps.indexOf('POST /shipments');
      const close = steps.indexOf('POST /close');
      check(tally, scenario, pick >= 0 && pick < look && look < ship && ship < close, `${picklist.picklistid} went out as ${steps.join(', ')}`);
    }
    const told = await station.command<OutboxProblems>('outbox.problems');
    const labelled = told.labelled.map((l) => l.idpicklist);
    check(tally, scenario, labelled.includes(first.idpicklist) && labelled.includes(second.idpicklist), `labelled after waiting: ${JSON.stringify(told.labelled)}`);

    // Online again, a parcel goes straight through and is not reported as having waited.
    await packPicklist(station, demo, later, { multiplier: true });
    await waitForDrained(station, 30_000);
    await waitFor(() => (station.printed().get(later.picklistid)?.label ?? 0) >= 1, 20_000, 'the label of the parcel packed online');
    const after = await station.command<OutboxProblems>('outbox.problems');
    check(tally, scenario, !after.labelled.some((l) => l.idpicklist === later.idpicklist), `${later.picklistid} was listed as having waited`);
    checkParcels(tally, scenario, demo, station, [first, second, later]);
  });
}
