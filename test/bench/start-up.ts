import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateSeed } from '../../electron/picqer-demo/seed';
import { spawnReady, type ReadyProcess } from '../helpers/spawn-ready';
import { median, openStatuses, picklistsForOpen, sleep } from './stats';

/*
 * Figure 5: from launch to a usable queue, with the large warehouse already in the cache. The
 * station is the built CLI in browser mode, a process of its own as a packer starts it; the
 * backend is a standalone demo backend process. One cold launch fills the cache (not timed as
 * start-up); then each timed launch runs from spawn until POST /api/queue.list answers with
 * every open picklist of the warehouse.
 *
 * The CLI is bundled here with the same esbuild options as scripts/build.mjs, into out/bench/,
 * so the figure is of the sources as they are (out/main may be older) and a build of the
 * renderer is neither needed nor disturbed.
 */

export interface StartUpResult {
  runs: number[];
  readyRuns: number[];
  medianMs: number;
  medianReadyMs: number;
  queueLength: number;
  coldMs: number;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const idwarehouse = 1829;

async function queueLength(url: URL): Promise<number> {
  const response = await fetch(new URL(`/api/queue.list?token=${url.searchParams.get('token') ?? ''}`, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) return -1;
  const body = (await response.json()) as { ok: boolean; value?: unknown };
  return body.ok && Array.isArray(body.value) ? body.value.length : -1;
}

/** One launch: ms until the ready line, and until the queue answers with `expected` picklists. */
async function launch(cli: string, config: string, dataDir: string, expected: number, timeoutMs: number): Promise<{ readyMs: number; queueMs: number; station: ReadyProcess }> {
  const started = performance.now();
  const station = await spawnReady({
    command: process.execPath,
    args: [cli, '--web', '--no-open', '--port', '0', '--config', config, '--data-dir', dataDir],
    ready: /Packdesk ready at (\S+)/,
    what: 'the station',
    env: { ...process.env, PACKDESK_CONFIG: '', PACKDESK_DATA_DIR: '' },
    timeoutMs,
    killAfterMs: 10_000,
  });
  try {
    const readyMs = performance.now() - started;
    const url = new URL(station.match[1] ?? '');
    const deadline = started + timeoutMs;
    while ((await queueLength(url)) !== expected) {
      if (performance.now() > deadline) throw new Error(`the queue never showed ${expected} picklists`);
      await sleep(5);
    }
    return { readyMs, queueMs: performance.now() - started, station };
  } catch (error) {
    await station.stop();
    throw error;
  }
}

export async function benchStartUp(options: { products: number; openPicklists: number; runs: number }): Promise<StartUpResult> {
  const outDir = join(root, 'out', 'bench', 'main');
  await build({
    entryPoints: { cli: join(root, 'electron/main/cli.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const cli = join(outDir, 'cli.js');

  const picklists = picklistsForOpen(options.openPicklists);
  const seed = generateSeed({ seed: 1, products: options.products, picklists, baseUrl: 'http://127.0.0.1' });
  const expected = seed.picklists.filter((p) => p.idwarehouse === idwarehouse && openStatuses.has(p.status)).length;
  const packer = seed.users.find((u) => u.active && u.iduser !== seed.apiUserId);

  // A rate limit no cold sync reaches: this figure is about start-up, figure 3 about the limit.
  const demo = await spawnReady({
    command: process.execPath,
    args: ['--import', 'tsx', join(root, 'electron/picqer-demo/cli.ts'), '--port', '0', '--seed', '1', '--products', String(options.products), '--picklists', String(picklists), '--rate-limit', '1000000'],
    ready: /Demo backend listening on (\S+)/,
    what: 'the demo backend',
    cwd: root,
    timeoutMs: 120_000,
    killAfterMs: 10_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-startup-'));
  try {
    const demoUrl = demo.match[1] ?? '';
    const config = join(dir, 'station.json');
    writeFileSync(
      config,
      JSON.stringify({
        backend: { url: demoUrl, apiKey: 'bench' },
        warehouse: idwarehouse,
        station: { name: 'Bench 1', language: 'en', packer: packer?.iduser },
        printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
      }),
    );
    const dataDir = join(dir, 'data');

    const cold = await launch(cli, config, dataDir, expected, 600_000);
    await cold.station.stop();

    const runs: number[] = [];
    const readyRuns: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const warm = await launch(cli, config, dataDir, expected, 60_000);
      runs.push(warm.queueMs);
      readyRuns.push(warm.readyMs);
      await warm.station.stop();
    }
    return { runs, readyRuns, medianMs: median(runs), medianReadyMs: median(readyRuns), queueLength: expected, coldMs: cold.queueMs };
  } finally {
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
