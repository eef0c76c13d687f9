import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchSummary } from '../../shared/batch';
import type { Result } from '../../shared/errors';
import type { OutboxStatus, PrintJobEvent, ScanAnswer } from '../../shared/packing';
import type { Clock } from '../../electron/main/infra/clock';
import { resetSharedSchedulers } from '../../electron/main/picqer/scheduler';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { startDemoBackend, type DemoBackend, type DemoRequestLog } from '../../electron/picqer-demo/server';
import { words } from '../helpers/answer-words';
import { uniqueScanCodes } from '../helpers/demo-codes';
import { trackGlobalFetch, type Exchange, type FetchTracker } from './fetch-tracker';
import { createSteppingClock } from './sim-clock';
import { percentile, sleep } from './stats';

/*
 * Packing from a picklist batch (issue 17), on a real station (the command table startStation
 * builds, its real outbox, client and folder printers) against the demo backend over HTTP, packing
 * the demo's batches 2041 (normal, 5 multi-line picklists) and 2042 (singles, 10 one-unit picklists)
 * from scans alone.
 *
 * - Singles throughput, in real time with Picqer answering every request in 300 ms: each product
 *   scan completes its picklist, and the time from the scan to its label's print job queued is set
 *   against the time Picqer's own exchanges of that chain took (the pick, the look at the
 *   picklist's shipments, the shipment, the label's download), which the station cannot beat; what
 *   is left is the station's own. The next scan comes while the last label is still on its way,
 *   and its answer is timed too.
 * - Requests per parcel, on a stepped clock at a packer's pace (a scan every few simulated seconds,
 *   so the batch's re-read at a scan, at most every 30 s, comes as often as it would): every request
 *   that names the batch, one of its picklists, their orders or their labels, from the batch's
 *   scan until the last picklist is closed in Picqer, over the batch's parcels. The station's own
 *   polling meanwhile is counted with the idle figure, as in the single-parcel rows.
 */

const idwarehouse = 1829;

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

interface Member {
  idpicklist: number;
  picklistid: string;
  /** One code per unit, in line order. */
  scans: string[];
}

interface DemoBatch {
  idpicklistBatch: number;
  code: string;
  members: Member[];
}

function batchOf(demo: DemoBackend, code: string): DemoBatch {
  const summary = demo.state.listPicklistBatches({ idwarehouse }).find((b) => String(b.picklist_batchid) === code);
  if (!summary) throw new Error(`the demo has no batch ${code}`);
  const codeOf = uniqueScanCodes(demo.state);
  const detail = demo.state.getPicklistBatch(summary.idpicklist_batch);
  return {
    idpicklistBatch: summary.idpicklist_batch,
    code,
    members: detail.picklists.map((entry) => {
      const picklist = demo.state.getPicklist(entry.idpicklist);
      const lines = picklist.products.filter((l) => l.partof_idpicklist_product === null);
      return { idpicklist: picklist.idpicklist, picklistid: picklist.picklistid, scans: lines.flatMap((l) => Array.from({ length: l.amount }, () => codeOf(l.idproduct))) };
    }),
  };
}

/** A station on its own data dir, synced, with the demo's batches read. `drive` lets it work (on a stepped clock, steps it). */
async function startBatchStation(
  demo: DemoBackend,
  dir: string,
  options: { clock?: Clock; drive: <T>(work: Promise<T>) => Promise<T> },
): Promise<StartedStation> {
  const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId);
  writeFileSync(
    join(dir, 'station.json'),
    JSON.stringify({
      backend: { url: demo.url, apiKey: 'bench' },
      warehouse: idwarehouse,
      station: { name: 'Bench B', language: 'en', packer: packer?.iduser },
      printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
    }),
  );
  const station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web', ...(options.clock ? { clock: options.clock } : {}) });
  // The first sync, then one by hand: its open-set refresh reads the batches.
  for (let attempt = 0; attempt < 20; attempt++) {
    await options.drive(station.dispatch('sync.now', {}).then((r) => value(r)));
    const listed = value<BatchSummary[]>(await station.dispatch('batch.list', {}));
    if (['2041', '2042'].every((code) => listed.some((b) => b.picklistBatchid === code && b.canOpen))) return station;
  }
  await station.stop();
  throw new Error('the station never listed batches 2041 and 2042 as ready to open');
}

async function scan(station: StartedStation, code: string): Promise<ScanAnswer> {
  return value<ScanAnswer>(await station.dispatch('scan.submit', { code, source: 'wedge' }));
}

export interface SinglesFigures {
  /** Demos (seeds) whose singles batch was packed. */
  demos: number;
  parcels: number;
  latencyMs: number;
  gapMs: number;
  /** Scan to its label's print job queued. */
  toQueuedP50Ms: number;
  toQueuedP95Ms: number;
  /** Picqer's own exchanges in that chain. */
  picqerP50Ms: number;
  picqerP95Ms: number;
  /** What the station added: scan to queued less Picqer's own time. */
  ownP50Ms: number;
  ownP95Ms: number;
  ownMaxMs: number;
  /** The next scan's answer, while the last label was still on its way. */
  nextAnswerP50Ms: number;
  nextAnswerP95Ms: number;
  nextAnswerMaxMs: number;
  /** How many scans came while the previous label was on its way (the others found it queued). */
  overlapped: number;
}

/** The exchanges of one picklist's chain: its own paths and its shipment's label. */
function isOfPicklist(exchange: Exchange, idpicklist: number, idshipments: readonly number[]): boolean {
  const path = new URL(exchange.url).pathname;
  if (path.startsWith(`/api/v1/picklists/${idpicklist}/`) || path === `/api/v1/picklists/${idpicklist}`) return true;
  const label = /^\/demo-labels\/(\d+)/.exec(path);
  return label !== null && idshipments.includes(Number(label[1]));
}

/**
 * Packs the singles batch of each seed's demo in real time, a scan every `gapMs` after the last
 * answer, with Picqer answering every API request in `latencyMs`.
 */
export async function benchSinglesThroughput(options: { seeds: number[]; latencyMs: number; gapMs: number }): Promise<SinglesFigures> {
  const toQueued: number[] = [];
  const picqer: number[] = [];
  const own: number[] = [];
  const nextAnswer: number[] = [];
  let overlapped = 0;
  for (const seed of options.seeds) {
    const fetches: FetchTracker = trackGlobalFetch();
    const demo = await startDemoBackend({ port: 0, seed, apiKey: 'bench' });
    const dir = mkdtempSync(join(tmpdir(), 'pd-bench-singles-'));
    let station: StartedStation | null = null;
    resetSharedSchedulers();
    try {
      station = await startBatchStation(demo, dir, { drive: (work) => work });
      const running = station;
      const batch = batchOf(demo, '2042');
      const queuedAt = new Map<number, number>();
      running.events.subscribe((name, payload) => {
        if (name !== 'print.job') return;
        const job = payload as PrintJobEvent;
        if (job.kind === 'label' && job.status === 'queued' && job.idpicklist !== null && !queuedAt.has(job.idpicklist)) queuedAt.set(job.idpicklist, performance.now());
      });
      demo.faults.setLatency(options.latencyMs);
      const opened = await scan(running, batch.code);
      if (opened.kind !== 'batch_opened') throw new Error(`batch ${batch.code} did not open: ${opened.kind} ${words(opened) ?? ''}`);
      // The packer picks up the first item while the open's re-read of the batch comes back.
      await fetches.quiet();
      const scannedAt = new Map<number, number>();
      let previous: number | null = null;
      for (const member of batch.members) {
        const [code] = member.scans;
        if (!code || member.scans.length !== 1) throw new Error(`${member.picklistid} is not a single`);
        const isOverlapped = previous !== null && !queuedAt.has(previous);
        const at = performance.now();
        const answer = await scan(running, code);
        const answeredIn = performance.now() - at;
        if (answer.outcome !== 'all_verified' || answer.picklistid === null) throw new Error(`${code} answered ${answer.kind}/${answer.outcome ?? '-'} ${words(answer) ?? ''}`);
        const idpicklist = batch.members.find((m) => m.picklistid === answer.picklistid)?.idpicklist;
        if (idpicklist === undefined) throw new Error(`${code} went to ${answer.picklistid}, not in the batch`);
        scannedAt.set(idpicklist, at);
        if (isOverlapped) {
          overlapped++;
          nextAnswer.push(answeredIn);
        }
        previous = idpicklist;
        await sleep(options.gapMs);
      }
      const deadline = performance.now() + 60_000;
      while (batch.members.some((m) => !queuedAt.has(m.idpicklist))) {
        if (performance.now() > deadline) throw new Error('not every label of the singles batch was queued within 60 s');
        await sleep(20);
      }
      for (const member of batch.members) {
        const from = scannedAt.get(member.idpicklist) ?? 0;
        const to = queuedAt.get(member.idpicklist) ?? 0;
        const idshipments = demo.state.listShipments(member.idpicklist).map((s) => s.idshipment);
        const chain = fetches.exchanges().filter((e) => e.startedAt >= from && e.endedAt <= to && isOfPicklist(e, member.idpicklist, idshipments));
        const picqerMs = chain.reduce((sum, e) => sum + (e.endedAt - e.startedAt), 0);
        toQueued.push(to - from);
        picqer.push(picqerMs);
        own.push(to - from - picqerMs);
      }
      const isDrained = async () => value<OutboxStatus>(await running.dispatch('outbox.status', {})).pending === 0;
      while (!(await isDrained())) await sleep(50);
    } finally {
      demo.faults.setLatency(0);
      await station?.stop();
      await demo.close();
      fetches.restore();
      resetSharedSchedulers();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    demos: options.seeds.length,
    parcels: toQueued.length,
    latencyMs: options.latencyMs,
    gapMs: options.gapMs,
    toQueuedP50Ms: percentile(toQueued, 50),
    toQueuedP95Ms: percentile(toQueued, 95),
    picqerP50Ms: percentile(picqer, 50),
    picqerP95Ms: percentile(picqer, 95),
    ownP50Ms: percentile(own, 50),
    ownP95Ms: percentile(own, 95),
    ownMaxMs: Math.max(...own),
    nextAnswerP50Ms: nextAnswer.length > 0 ? percentile(nextAnswer, 50) : 0,
    nextAnswerP95Ms: nextAnswer.length > 0 ? percentile(nextAnswer, 95) : 0,
    nextAnswerMaxMs: nextAnswer.length > 0 ? Math.max(...nextAnswer) : 0,
    overlapped,
  };
}

export type BatchStep = 'batch reads' | 'picklist reads' | 'order reads' | 'assign' | 'picks' | 're-check' | 'shipment' | 'close' | 'packing slip' | 'other';

export interface BatchRequestFigures {
  code: string;
  type: 'normal' | 'singles';
  parcels: number;
  units: number;
  paceMs: number;
  steps: Partial<Record<BatchStep, number>>;
  apiRequests: number;
  perParcel: number;
  labelDownloads: number;
  /** The station's own polling meanwhile, counted with the idle figure. */
  background: number;
}

function batchStep(r: DemoRequestLog): BatchStep {
  const path = r.path.replace('/api/v1', '');
  if (path.startsWith('/picklists/batches/')) return 'batch reads';
  if (r.method === 'POST') {
    if (/\/assign$/.test(path)) return 'assign';
    if (/\/pick(all)?$/.test(path)) return 'picks';
    if (/\/shipments$/.test(path)) return 'shipment';
    if (/\/close$/.test(path)) return 'close';
    return 'other';
  }
  if (/\/packinglistpdf$/.test(path)) return 'packing slip';
  if (/^\/picklists\/\d+\/shipments$/.test(path)) return 're-check';
  if (/^\/picklists\/\d+$/.test(path)) return 'picklist reads';
  if (/^\/orders\/\d+$/.test(path)) return 'order reads';
  return 'other';
}

/**
 * Packs batches 2041 and 2042 from scans on a stepped clock, one unit every `paceMs` simulated, and
 * counts the requests that belong to each batch's parcels.
 */
export async function benchBatchRequests(options: { paceMs: { normal: number; singles: number } }): Promise<BatchRequestFigures[]> {
  const clock = createSteppingClock();
  const fetches: FetchTracker = trackGlobalFetch();
  const demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'bench', clock });
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-batch-'));
  let station: StartedStation | null = null;
  resetSharedSchedulers();

  /** Lets the station work; steps the clock to its next timer whenever it waits on one. */
  const drive = async <T>(work: Promise<T>, limitMs = 10 * 60_000): Promise<T> => {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    work.then(
      (v) => (outcome = { ok: true, value: v }),
      (e: unknown) => (outcome = { ok: false, error: e }),
    );
    const deadline = clock.now() + limitMs;
    while (outcome === null) {
      await fetches.quiet();
      if (outcome !== null) break;
      const next = clock.nextDue();
      if (next !== null && next <= deadline) clock.advanceTo(next);
      else await sleep(2);
    }
    const settled = outcome as { ok: true; value: T } | { ok: false; error: unknown };
    if (!settled.ok) throw settled.error;
    return settled.value;
  };
  /** A packer's pause: the clock goes on by `ms`, every timer in it firing in turn, never mid-request. */
  const pass = async (ms: number) => {
    const end = clock.now() + ms;
    for (;;) {
      await fetches.quiet();
      const next = clock.nextDue();
      if (next === null || next > end) break;
      clock.advanceTo(next);
    }
    clock.advanceTo(end);
    await fetches.quiet();
  };

  try {
    station = await startBatchStation(demo, dir, { clock, drive });
    const running = station;
    const figures: BatchRequestFigures[] = [];
    for (const code of ['2041', '2042']) {
      const batch = batchOf(demo, code);
      const type = code === '2041' ? 'normal' : 'singles';
      const paceMs = options.paceMs[type];
      const ids = new Set(batch.members.map((m) => m.idpicklist));
      const orders = new Set(batch.members.flatMap((m) => (demo.state.getPicklist(m.idpicklist).idorder === null ? [] : [demo.state.getPicklist(m.idpicklist).idorder])));
      await fetches.quiet();
      const from = demo.requests.length;
      const opened = await drive(scan(running, batch.code));
      if (opened.kind !== 'batch_opened') throw new Error(`batch ${code} did not open: ${opened.kind} ${words(opened) ?? ''}`);
      for (const member of batch.members) {
        for (const unit of member.scans) {
          await pass(paceMs);
          const answer = await drive(scan(running, unit));
          if (answer.kind !== 'product' || !['counted', 'line_complete', 'all_verified'].includes(answer.outcome ?? '')) {
            throw new Error(`batch ${code}: ${unit} answered ${answer.kind}/${answer.outcome ?? '-'} ${words(answer) ?? ''}`);
          }
        }
      }
      const isFinished = async () =>
        batch.members.every((m) => demo.state.getPicklist(m.idpicklist).status === 'closed') && value<OutboxStatus>(await running.dispatch('outbox.status', {})).pending === 0;
      for (let i = 0; !(await isFinished()); i++) {
        if (i > 600) throw new Error(`batch ${code} did not finish within 10 simulated minutes`);
        await pass(1_000);
      }
      await fetches.quiet();
      value(await running.dispatch('batch.leave', {}));
      const requests = demo.requests.slice(from);
      const idshipments = new Set([...ids].flatMap((id) => demo.state.listShipments(id).map((s) => s.idshipment)));
      const isOwn = (r: DemoRequestLog) => {
        const path = r.path.replace('/api/v1', '');
        if (path === `/picklists/batches/${batch.idpicklistBatch}` || path.startsWith(`/picklists/batches/${batch.idpicklistBatch}/`)) return true;
        const picklist = /^\/picklists\/(\d+)(\/|$)/.exec(path);
        if (picklist && ids.has(Number(picklist[1]))) return true;
        const order = /^\/orders\/(\d+)(\/|$)/.exec(path);
        return order !== null && orders.has(Number(order[1]));
      };
      const api = requests.filter((r) => r.path.startsWith('/api/v1/'));
      const own = api.filter(isOwn);
      const steps: Partial<Record<BatchStep, number>> = {};
      for (const r of own) steps[batchStep(r)] = (steps[batchStep(r)] ?? 0) + 1;
      const labelDownloads = requests.filter((r) => {
        const label = /^\/demo-labels\/(\d+)/.exec(r.path);
        return label !== null && idshipments.has(Number(label[1]));
      }).length;
      figures.push({
        code,
        type,
        parcels: batch.members.length,
        units: batch.members.reduce((n, m) => n + m.scans.length, 0),
        paceMs,
        steps,
        apiRequests: own.length,
        perParcel: own.length / batch.members.length,
        labelDownloads,
        background: api.length - own.length,
      });
    }
    return figures;
  } finally {
    await station?.stop();
    await demo.close();
    fetches.restore();
    resetSharedSchedulers();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The table's rows: full size packs the singles batch of three demo seeds, smoke size of one. */
export async function batchRows(isSmoke: boolean): Promise<Array<{ figure: string; measured: string; target: string }>> {
  const singles = await benchSinglesThroughput({ seeds: isSmoke ? [7] : [7, 8, 9], latencyMs: 300, gapMs: 500 });
  const rows = [
    {
      figure:
        `Singles throughput (station command table on the demo over HTTP, singles batch 2042 of ${singles.demos} demo seed${singles.demos === 1 ? '' : 's'}, Picqer answering every request in ${singles.latencyMs} ms, ` +
        `a product scan ${singles.gapMs} ms after the last answer, ${singles.parcels} scans; scan to the label's print job queued, against Picqer's own requests in that chain: pick, shipments look, shipment, label download)`,
      measured:
        `scan to label job queued p50 ${ms(singles.toQueuedP50Ms)}, p95 ${ms(singles.toQueuedP95Ms)}; Picqer's own time in it p50 ${ms(singles.picqerP50Ms)}, p95 ${ms(singles.picqerP95Ms)}; ` +
        `the station's own p50 ${ms(singles.ownP50Ms)}, p95 ${ms(singles.ownP95Ms)}, max ${ms(singles.ownMaxMs)}; ` +
        `next scan answered while the last label was on its way (${singles.overlapped} scans) p50 ${ms(singles.nextAnswerP50Ms)}, p95 ${ms(singles.nextAnswerP95Ms)}, max ${ms(singles.nextAnswerMaxMs)}`,
      target: "label queued within Picqer's own time + 100 ms (station's own p95 ≤ 100 ms); next scan answered in a few ms",
    },
  ];
  const steps: readonly BatchStep[] = ['batch reads', 'picklist reads', 'order reads', 'assign', 'picks', 're-check', 'shipment', 'close', 'packing slip', 'other'];
  for (const batch of await benchBatchRequests({ paceMs: { normal: 3_000, singles: 6_000 } })) {
    rows.push({
      figure: `Requests per parcel in a batch, ${batch.type} batch ${batch.code} (${batch.parcels} picklists, ${batch.units} units scanned one by one, a scan every ${batch.paceMs / 1000} s simulated; the batch's scan to its last picklist closed)`,
      measured:
        `${batch.perParcel.toFixed(1)} API requests per parcel all-in (${batch.apiRequests}: ${steps.filter((k) => batch.steps[k]).map((k) => `${k} ${batch.steps[k] ?? 0}`).join(', ')}) ` +
        `+ ${batch.labelDownloads} label downloads; background polling meanwhile (${batch.background}) counted with the idle figure`,
      target: '≤ 6 API requests per parcel (single packing)',
    });
  }
  return rows;
}

/** `npx tsx test/bench/batch.ts [--smoke]`: the batch rows on their own, as the table prints them. */
if (process.argv[1]?.endsWith('batch.ts')) {
  void batchRows(process.argv.includes('--smoke')).then((rows) => {
    for (const r of rows) console.log(`| ${r.figure} | ${r.measured} | ${r.target} |`);
  });
}
