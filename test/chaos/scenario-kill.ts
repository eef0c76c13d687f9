import { words } from '../helpers/answer-words';
import { logEntries } from '../helpers/log-files';
import { join } from 'node:path';
import type { OutboxProblems } from '../../shared/contract';
import type { ScanAnswer, SessionState } from '../../shared/packing';
import { createPrng } from '../../electron/picqer-demo/prng';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { createStation, note, sleep, startChaosDemo, StationGone, waitForDrained, waitForQueue, type ChaosDemo, type StationProcess, shownSession } from './harness';
import { type Tally, check, checkParcels, fail, runWithStation } from './tally';

/*
 * Crash safety: a station packs a scripted run of picklists while it is killed (SIGKILL) at
 * random moments, from a seeded generator, and started again on the same data dir each time.
 * The script only knows what the station acknowledged, as a packer would: after every restart
 * the station must still hold every acknowledged scan. At the end: one shipment per picklist,
 * one label and one packing slip each, nothing left in the outbox.
 */

const scenario = 'kill';
const countingOutcomes = new Set(['counted', 'line_complete', 'all_verified']);

interface Progress {
  picklist: RawPicklist;
  /** Units the station acknowledged as counted. */
  acked: number;
  /** Completed: handed to the outbox (all verified and acknowledged, or found completing). */
  isHanded: boolean;
}

export interface KillOptions {
  root: string;
  seed: string;
  kills: number;
  picklists: number;
}

/** A packer's pace between scans, so kills spread over scanning, completing and the outbox's work. */
type Pause = () => Promise<void>;

async function drive(station: StationProcess, demo: ChaosDemo, run: Progress[], tally: Tally, pause: Pause): Promise<void> {
  const keep = (progress: Progress, verified: number) => {
    if (verified < progress.acked) {
      tally.scansLost += progress.acked - verified;
      fail(tally, scenario, `${progress.picklist.picklistid}: ${progress.acked} units acknowledged, ${verified} kept after the restart`);
    }
    progress.acked = Math.max(progress.acked, verified);
  };
  for (;;) {
    const current = run.find((p) => !p.isHanded);
    if (!current) return;
    const session = (await station.command<SessionState>('pack.current')).session;
    if (session && session.idpicklist === current.picklist.idpicklist) {
      keep(current, session.verifiedUnits);
      if (session.isAllVerified) {
        // The last scan was kept but the station died before completing it: the packer completes.
        await station.command('pack.complete');
        current.isHanded = true;
        continue;
      }
      const line = session.lines.find((l) => !l.isComposition && l.verified < l.amount);
      if (!line) throw new Error(`${session.picklistid} has nothing left to scan but is not all verified`);
      await pause();
      const answer = await station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge' });
      if (answer.outcome && countingOutcomes.has(answer.outcome)) current.acked += answer.amount;
      if (answer.outcome === 'all_verified') current.isHanded = true;
      continue;
    }
    if (session) {
      await station.command('pack.leave');
      continue;
    }
    await pause();
    const opened = await station.command<ScanAnswer>('scan.submit', { code: current.picklist.picklistid, source: 'wedge' });
    const openedSession = opened.kind === 'opened' ? await shownSession(station) : null;
    if (openedSession) {
      keep(current, openedSession.verifiedUnits);
    } else if (opened.kind === 'already_packed' || (opened.kind === 'blocked' && opened.reason?.code === 'picklist.beingCompleted')) {
      // Completed before the answer got out (the kill came between the last scan's commit and its
      // answer): the parcel stands until Picqer closes it, so it is never opened again. Every unit
      // was kept, or it could not have completed.
      current.isHanded = true;
    } else {
      throw new Error(`${current.picklist.picklistid} did not open: ${opened.kind} ${words(opened) ?? ''}`);
    }
  }
}

export async function killScenario(tally: Tally, options: KillOptions): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-kill-${options.seed}` });
  // A little latency per request widens the moments a kill can land inside a pick, a shipment
  // or a close, where it matters most.
  demo.backend.faults.setLatency(60);
  const prng = createPrng(`chaos-kill/${options.seed}`);
  const pace = prng.fork('pace');
  const pause: Pause = () => sleep(pace.int(60, 260));
  const station = createStation({ root: join(options.root, `kill-${options.seed}`), name: 'Pack K', demoUrl: demo.backend.url, packer: demo.packerFor(0) });
  const run: Progress[] = demo
    .simplePicklists()
    .filter((p) => p.products.reduce((n, l) => n + l.amount, 0) <= 6)
    .slice(0, options.picklists)
    .map((picklist) => ({ picklist, acked: 0, isHanded: false }));
  if (run.length < options.picklists) fail(tally, scenario, `only ${run.length} picklists to pack`);
  let kills = 0;
  let killsMidCommand = 0;
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    for (;;) {
      const isLastLife = kills >= options.kills;
      const killAfterMs = prng.int(150, 1_600);
      const timer = isLastLife ? null : setTimeout(() => void station.kill(), killAfterMs);
      try {
        await drive(station, demo, run, tally, pause);
        // Everything is packed: the outbox and the printers are still at work, and may be killed too.
        if (!isLastLife) await sleep(2_500);
      } catch (error) {
        if (!(error instanceof StationGone) || isLastLife) throw error;
        killsMidCommand++;
      }
      if (timer) clearTimeout(timer);
      if (isLastLife) break;
      await station.kill();
      kills++;
      await station.start();
      tally.killsSurvived++;
    }
    // Where the kills landed, from the station's own log: changes it found in flight at a start.
    const inFlight = logEntries(join(station.dir, 'data', 'logs', 'packdesk.log')).filter((entry) => entry.msg === 'rows in flight at start are unknown now');
    const rows = inFlight.reduce((sum, entry) => sum + Number(entry.count), 0);
    note(`kill ${options.seed}: ${kills} kills (${killsMidCommand} during a scan or open, ${inFlight.length} with ${rows} outbox changes in flight), ${run.length} picklists packed`);
    const status = await waitForDrained(station, 90_000);
    check(tally, scenario, status.failed === 0, `${status.failed} outbox rows failed: ${status.lastError ?? ''}`);
    const problems = await station.command<OutboxProblems>('outbox.problems');
    check(tally, scenario, problems.problems.length === 0, `set aside: ${problems.problems.map((p) => `${p.picklistid} ${p.kind}: ${p.reason}`).join('; ')}`);
    const printedAll = async () => {
      const printed = station.printed();
      return run.every((p) => (printed.get(p.picklist.picklistid)?.label ?? 0) >= 1 && (printed.get(p.picklist.picklistid)?.packing_slip ?? 0) >= 1);
    };
    for (let i = 0; i < 100 && !(await printedAll()); i++) await sleep(200);
    checkParcels(tally, scenario, demo, station, run.map((p) => p.picklist));
  });
}
