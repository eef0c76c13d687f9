import { join } from 'node:path';
import type { QueueItem, SyncStatus } from '../../shared/domain';
import { createStation, note, packPicklist, startChaosDemo, waitFor, waitForDrained, waitForQueue, type ChaosDemo } from './harness';
import { type Tally, check, checkParcels, runWithStation } from './tally';

/*
 * Bad input: the backend (or something in front of it) answers with broken JSON, an HTML error
 * page, a captive portal's HTML with 200, or a body far too big, while the station syncs and while
 * it sends a parcel. The station must neither crash nor take the garbage for data: it says sync
 * failed, carries on from the cache, and every parcel still ships exactly once.
 */

const scenario = 'bad-input';

type Fault = { name: string; arm(demo: ChaosDemo): void };
const syncFaults: Fault[] = [
  { name: 'broken JSON', arm: (demo) => demo.backend.faults.malformedJson(1) },
  { name: 'a gateway error page', arm: (demo) => demo.backend.faults.htmlPage(1, 502) },
  { name: 'a login page answered 200', arm: (demo) => demo.backend.faults.htmlPage(1, 200) },
  { name: 'a 12 MB body', arm: (demo) => demo.backend.faults.hugeBody(1, 12 * 1024 * 1024) },
];

export async function badInputScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack B', demoUrl: demo.backend.url, packer: demo.packerFor(3) });
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    const queued = (await station.command<QueueItem[]>('queue.list', {})).length;
    for (const fault of syncFaults) {
      fault.arm(demo);
      await station.command('sync.now');
      const status = await station.command<SyncStatus>('sync.status');
      note(`bad-input: sync after ${fault.name}: ${status.state}${status.message ? ` (${status.message})` : ''}`);
      check(tally, scenario, station.isRunning(), `the station died on ${fault.name} during sync`);
      // Either sync says it failed, or it read the page again and got it right; never garbage in the cache.
      check(tally, scenario, ['error', 'offline', 'idle'].includes(status.state), `sync after ${fault.name}: ${status.state}`);
      check(tally, scenario, (await station.command<QueueItem[]>('queue.list', {})).length === queued, `the queue changed after ${fault.name}`);
      check(tally, scenario, demo.backend.faults.pending.malformed + demo.backend.faults.pending.htmlPages + demo.backend.faults.pending.hugeBodies === 0, `${fault.name} was never asked for`);
    }
    await station.command('sync.now');
    const clean = await station.command<SyncStatus>('sync.status');
    check(tally, scenario, clean.state === 'idle', `sync did not recover after the bad answers: ${clean.state} ${clean.message ?? ''}`);

    // The same garbage while parcels go out: each is waited out, nothing happens twice.
    const picklists = demo.simplePicklists().slice(0, 4);
    for (const [index, picklist] of picklists.entries()) {
      syncFaults[index % syncFaults.length]?.arm(demo);
      await packPicklist(station, demo, picklist, { multiplier: true });
    }
    demo.backend.faults.htmlPage(2, 503);
    await waitForDrained(station, 90_000);
    await waitFor(() => picklists.every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 30_000, 'every label');
    check(tally, scenario, station.isRunning(), 'the station died');
    checkParcels(tally, scenario, demo, station, picklists);
  });
}
