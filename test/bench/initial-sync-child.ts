/*
 * The child process of the initial-sync benchmark: a fresh cache, the real Picqer client and
 * request scheduler, and the real pull sync's bootstrap against the demo backend the parent runs.
 * It runs alone in its process so its memory is the sync's own (plus Node and the TypeScript
 * loader, which the bundled station does not carry). Time is a warp clock shared with the
 * parent's demo backend through process messages (see sim-clock.ts).
 */
import { openDatabase } from '../../electron/main/db/connection';
import { createPicqerClient } from '../../electron/main/picqer/client';
import { createRequestScheduler } from '../../electron/main/picqer/scheduler';
import { createPullSync } from '../../electron/main/sync/pull';
import { createWarpClock } from './sim-clock';

export interface SyncChildInput {
  url: string;
  idwarehouse: number;
  dbFile: string;
}

export interface SyncChildResult {
  state: string;
  message: string | null;
  simulatedMs: number;
  realMs: number;
  cpuMs: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  products: number;
  openPicklists: number;
  rateLimited: number;
}

export type ParentMessage = { type: 'start'; input: SyncChildInput } | { type: 'warp-ack' };
export type ChildMessage = { type: 'warp'; offsetMs: number } | { type: 'result'; result: SyncChildResult };

function send(message: ChildMessage): void {
  process.send?.(message);
}

let ack: (() => void) | null = null;

async function run(input: SyncChildInput): Promise<void> {
  const clock = createWarpClock(
    (offsetMs) =>
      new Promise<void>((resolve) => {
        ack = resolve;
        send({ type: 'warp', offsetMs });
      }),
  );
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const sampler = setInterval(sample, 25);

  const db = openDatabase(input.dbFile);
  const client = createPicqerClient({
    apiKey: 'bench',
    baseUrl: input.url,
    userAgent: 'Packdesk-bench/1 (https://github.com/packdesk/packdesk)',
    clock,
    scheduler: createRequestScheduler({ clock }),
    // The body is read inside the tracked promise, so the clock never jumps mid-exchange.
    fetch: (url, init) =>
      clock.track(
        fetch(url, init).then(async (response) => {
          const body = await response.arrayBuffer();
          return new Response(body.byteLength === 0 ? null : body, { status: response.status, headers: response.headers });
        }),
      ),
  });
  const sync = createPullSync({ db, api: client, clock, idwarehouse: input.idwarehouse, onStatus: () => undefined, onQueueChanged: () => undefined });

  const startSim = clock.now();
  const startReal = performance.now();
  const startCpu = process.cpuUsage();
  const status = await sync.syncNow();
  const cpu = process.cpuUsage(startCpu);
  const realMs = performance.now() - startReal;
  const simulatedMs = clock.now() - startSim;
  sample();
  clearInterval(sampler);

  const count = (sql: string) => (db.prepare(sql).get(input.idwarehouse) as { n: number }).n;
  const result: SyncChildResult = {
    state: status.state,
    message: status.message,
    simulatedMs,
    realMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: peakRss,
    peakHeapBytes: peakHeap,
    products: (db.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n,
    openPicklists: count("SELECT COUNT(*) AS n FROM picklists WHERE idwarehouse = ? AND status IN ('new', 'paused', 'snoozed')"),
    rateLimited: client.schedulerStats().rateLimited,
  };
  await sync.stop();
  db.close();
  send({ type: 'result', result });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'warp-ack') {
    const resolve = ack;
    ack = null;
    resolve?.();
  } else if (message.type === 'start') {
    run(message.input).catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
  }
});
