import { words } from '../helpers/answer-words';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ScanAnswer, SessionState } from '../../shared/packing';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { createStation, note, sleep, startChaosDemo, StationGone, waitFor, waitForDrained, waitForQueue, type ChaosDemo, type StationProcess } from './harness';
import { type Tally, check, checkParcels, fail, runWithStation } from './tally';

/*
 * Kills inside print delivery. The print queue claims a job ('printing', committed) before a byte
 * goes to the printer and marks it done after; a restart that finds a job still printing asks the
 * folder whether the file is there. A random kill (the kill scenario) almost never lands in that
 * stretch, so here every job of the run is made to stop in it: the folder printer writes a job to
 * `.job-<id>.tmp` before renaming it into place, and that name is made a FIFO beforehand. Opening
 * a FIFO to write blocks until someone reads, so the station halts right after its claim with
 * nothing delivered; the station is killed there, the trap taken away, and it is started again.
 * Every label and packing slip must then print exactly once: not lost (the claim is not taken for
 * delivery), not twice. The print_jobs rows are read too, since the folder alone cannot tell a
 * job that printed once from one that was sent twice to the same file name.
 */

const scenario = 'print-kill';
const trapIds = 40;

function fifo(path: string): void {
  if (!existsSync(path)) execFileSync('mkfifo', [path]);
}

const isFifo = (path: string) => existsSync(path) && statSync(path).isFIFO();

interface JobRow {
  id: number;
  kind: string;
  idpicklist: number | null;
  status: string;
  attempts: number;
}

function readJobs(dataDir: string): JobRow[] {
  const file = existsSync(dataDir) ? readdirSync(dataDir).find((f) => /^cache-.*\.sqlite$/.test(f)) : undefined;
  if (!file) return [];
  const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, kind, idpicklist, status, attempts FROM print_jobs ORDER BY id').all() as JobRow[];
  } finally {
    db.close();
  }
}

/** Packs one picklist through kills: whatever the station kept, it is packed on from there. */
async function packThroughKills(station: StationProcess, demo: ChaosDemo, picklist: RawPicklist, restarted: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      const session = (await station.command<SessionState>('pack.current')).session;
      if (session && session.idpicklist !== picklist.idpicklist) {
        await station.command('pack.leave');
        continue;
      }
      if (!session) {
        const opened = await station.command<ScanAnswer>('scan.submit', { code: picklist.picklistid, source: 'wedge' });
        if (opened.kind === 'blocked' && /being completed/.test(words(opened) ?? '')) return;
        if (opened.kind !== 'opened') throw new Error(`${picklist.picklistid} did not open: ${opened.kind} ${words(opened) ?? ''}`);
        continue;
      }
      if (session.isAllVerified) {
        await station.command('pack.complete');
        return;
      }
      const line = session.lines.find((l) => !l.isComposition && l.verified < l.amount);
      if (!line) throw new Error(`${picklist.picklistid} has nothing left to scan but is not all verified`);
      const answer = await station.command<ScanAnswer>('scan.submit', { code: demo.barcodeOf(line.idproduct), source: 'wedge', multiplier: line.amount - line.verified });
      if (answer.outcome === 'all_verified') return;
    } catch (error) {
      if (!(error instanceof StationGone)) throw error;
      await restarted();
    }
  }
}

export async function printKillScenario(tally: Tally, options: { root: string; seed: string; picklists: number }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack P', demoUrl: demo.backend.url, packer: demo.packerFor(8) });
  const folders = [join(station.dir, 'labels'), join(station.dir, 'slips')];
  const dataDir = join(station.dir, 'data');
  const released = new Set<number>();
  let kills = 0;
  let isDone = false;
  let restarting: Promise<void> = Promise.resolve();

  const setTraps = () => {
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      for (let id = 1; id <= trapIds; id++) if (!released.has(id)) fifo(join(folder, `.job-${id}.tmp`));
    }
  };
  const release = (id: number) => {
    released.add(id);
    for (const folder of folders) rmSync(join(folder, `.job-${id}.tmp`), { force: true });
  };

  const caught = () => readJobs(dataDir).find((j) => j.status === 'printing' && !released.has(j.id) && folders.some((f) => isFifo(join(f, `.job-${j.id}.tmp`))));
  const killInDelivery = async (id: number) => {
    // A moment to reach the FIFO; a kill just before it leaves the same state (claimed, nothing written).
    await sleep(100);
    await station.kill();
    kills++;
    tally.printKills++;
    release(id);
  };
  // A restarted station prints what it requeued and what waited, possibly before it is ready to
  // serve: a job caught then is killed there too, and the station started again.
  const restart = async () => {
    for (;;) {
      let isOver = false;
      let isKilled = false;
      const starting = station.start().finally(() => {
        isOver = true;
      });
      const guard = (async () => {
        while (!isOver) {
          await sleep(30);
          const job = station.isRunning() ? caught() : undefined;
          if (!job || isOver) continue;
          isKilled = true;
          await killInDelivery(job.id);
          return;
        }
      })();
      try {
        await starting;
        await guard;
        if (!isKilled) break;
      } catch (error) {
        await guard;
        if (!isKilled) throw error;
      }
    }
    tally.killsSurvived++;
  };

  // Watches the queue: a job claimed while its trap is set is halted in delivery; kill it there.
  const watch = async () => {
    while (!isDone) {
      await sleep(30);
      if (!station.isRunning()) continue;
      const job = caught();
      if (!job) continue;
      restarting = killInDelivery(job.id).then(restart);
      await restarting;
    }
  };

  await runWithStation(tally, scenario, demo, station, async () => {
    setTraps();
    await station.start();
    await waitForQueue(station);
    const watcher = watch();
    try {
      const picklists = demo.simplePicklists().slice(0, options.picklists);
      if (picklists.length < options.picklists) throw new Error('the demo has too few simple picklists');
      for (const picklist of picklists) await packThroughKills(station, demo, picklist, () => restarting);
      const expected = picklists.length * 2;
      await waitFor(() => kills >= expected || released.size >= expected, 90_000, `a kill in the delivery of each of the ${expected} documents (${kills} so far)`).catch((error: unknown) =>
        fail(tally, scenario, error instanceof Error ? error.message : String(error)),
      );
      await restarting;
      await waitForDrained(station, 60_000);
      await waitFor(() => picklists.every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1 && (station.printed().get(p.picklistid)?.packing_slip ?? 0) >= 1), 30_000, 'every document').catch(
        () => undefined,
      );
      isDone = true;
      await watcher;
      const jobs = readJobs(dataDir);
      note(`print-kill: ${kills} kills inside print delivery, ${jobs.length} print jobs: ${jobs.map((j) => `${j.id} ${j.kind} ${j.status} after ${j.attempts}`).join(', ')}`);
      for (const picklist of picklists) {
        for (const kind of ['label', 'packing_slip']) {
          const rows = jobs.filter((j) => j.idpicklist === picklist.idpicklist && j.kind === kind);
          check(tally, scenario, rows.length === 1 && rows[0]?.status === 'done', `${picklist.picklistid} ${kind}: print jobs ${rows.map((j) => `${j.id} ${j.status}`).join(', ') || 'none'}, not one done`);
        }
      }
      checkParcels(tally, scenario, demo, station, picklists);
    } finally {
      isDone = true;
      await watcher;
      for (const folder of folders) for (const file of existsSync(folder) ? readdirSync(folder) : []) if (/^\.job-\d+\.tmp$/.test(file)) rmSync(join(folder, file), { force: true });
    }
  });
}
