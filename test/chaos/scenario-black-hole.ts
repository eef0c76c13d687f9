import { words } from '../helpers/answer-words';
import { join } from 'node:path';
import type { SyncStatus } from '../../shared/domain';
import type { OutboxStatus, ScanAnswer } from '../../shared/packing';
import { startBlackHole } from './black-hole';
import { createStation, note, sleep, startChaosDemo, waitFor, waitForDrained, waitForQueue } from './harness';
import { type Tally, check, checkParcels, runWithStation } from './tally';

/*
 * A black-holed Picqer: its address still accepts connections but never answers (a firewall that
 * drops, a proxy that hangs). Unlike a refused connection nothing fails fast, so a station that
 * waits for answers waits for its full request timeout. While it does, the packer at the table
 * must not: scans inside the open parcel are answered at once, opening the next one does not wait
 * on Picqer, and the status bar shows offline within a bounded time and stays so.
 *
 * The bounds are generous on purpose (two shared cores, stations beside it in CI); they are far
 * below the 30 s a request waits before it gives up, which is what they are there to catch.
 */

const scenario = 'black-hole';
const bounds = { scanMs: 3_000, openMs: 10_000, offlineMs: 15_000 };

export async function blackHoleScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const hole = await startBlackHole(demo.backend.url);
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack H', demoUrl: hole.url, packer: demo.packerFor(6) });
  try {
    await runWithStation(tally, scenario, demo, station, async () => {
      await station.start();
      await waitForQueue(station);
      const [first, second] = demo.simplePicklists().filter((p) => p.products.length >= 2);
      if (!first || !second) throw new Error('the demo has too few simple picklists');
      const opened = await station.command<ScanAnswer>('scan.submit', { code: first.picklistid, source: 'wedge' });
      if (opened.kind !== 'opened') throw new Error(`${first.picklistid} did not open: ${opened.kind}`);
      await waitFor(async () => (await station.command<OutboxStatus>('outbox.status')).pending === 0, 10_000, 'the assignment');

      hole.setSwallowing(true);
      tally.faultsInjected++;
      const lostAt = Date.now();
      const timed = async <T>(what: string, limitMs: number, work: () => Promise<T>): Promise<T> => {
        const at = Date.now();
        const result = await work();
        const tookMs = Date.now() - at;
        check(tally, scenario, tookMs <= limitMs, `${what} took ${tookMs} ms with Picqer black-holed, not within ${limitMs} ms`);
        return result;
      };
      let last: ScanAnswer | null = null;
      for (const line of first.products) {
        for (let unit = 0; unit < line.amount; unit++) {
          last = await timed(`a scan in ${first.picklistid}`, bounds.scanMs, () => station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge' }));
        }
      }
      check(tally, scenario, last?.outcome === 'all_verified', `${first.picklistid} ended on ${last?.outcome ?? 'nothing'}`);
      const next = await timed(`opening ${second.picklistid}`, bounds.openMs, () => station.command<ScanAnswer>('scan.submit', { code: second.picklistid, source: 'wedge' }));
      check(tally, scenario, next.kind === 'opened', `${second.picklistid} did not open with Picqer black-holed: ${next.kind} ${words(next) ?? ''}`);

      // Looked for well past the bound, so the report says when (or whether) it showed.
      const shown = await waitFor(async () => (await station.command<SyncStatus>('sync.status')).state === 'offline', 40_000, 'offline', 100).then(
        () => Date.now() - lostAt,
        () => null,
      );
      note(`black-hole: shown offline ${shown === null ? 'never (40 s)' : `after ${shown} ms`}`);
      if (shown !== null) tally.blackHoleNoticedMs = Math.max(tally.blackHoleNoticedMs ?? 0, shown);
      check(tally, scenario, shown !== null && shown <= bounds.offlineMs, `a black-holed Picqer showed as offline ${shown === null ? 'never' : `after ${shown} ms`}, not within ${bounds.offlineMs} ms`);
      if (shown !== null) {
        // It stays offline: a TCP probe that still connects must not flip it back.
        const flips: string[] = [];
        for (let i = 0; i < 15; i++) {
          const state = (await station.command<SyncStatus>('sync.status')).state;
          if (state !== 'offline') flips.push(state);
          await sleep(200);
        }
        check(tally, scenario, flips.length === 0, `the black-holed station went back to ${flips.join(', ')} while Picqer still did not answer`);
      }

      for (const line of second.products) {
        await timed(`a scan in ${second.picklistid}`, bounds.scanMs, () => station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge', multiplier: line.amount }));
      }
      check(tally, scenario, demo.shipmentsOf(first.idpicklist) + demo.shipmentsOf(second.idpicklist) === 0, 'a shipment was made through the black hole');

      hole.setSwallowing(false);
      await waitFor(async () => (await station.command<SyncStatus>('sync.status')).state !== 'offline', 30_000, 'the station to see Picqer again');
      await waitForDrained(station, 90_000);
      await waitFor(() => [first, second].every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'the labels after the black hole');
      checkParcels(tally, scenario, demo, station, [first, second]);
    });
  } finally {
    await hole.close();
  }
}
