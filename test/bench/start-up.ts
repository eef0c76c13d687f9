import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateSeed } from '../../electron/picqer-demo/seed';
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

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms: ${stderr.slice(-2000)}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = pattern.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${String(code)}: ${stderr.slice(-2000)}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

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
async function launch(cli: string, config: string, dataDir: string, expected: number, timeoutMs: number): Promise<{ readyMs: number; queueMs: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, '--web', '--no-open', '--port', '0', '--config', config, '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PACKDESK_CONFIG: '', PACKDESK_DATA_DIR: '' },
  });
  try {
    const match = await waitForLine(child, /Packdesk ready at (\S+)/, 'the station', timeoutMs);
    const readyMs = performance.now() - started;
    const url = new URL(match[1] ?? '');
    const deadline = started + timeoutMs;
    while ((await queueLength(url)) !== expected) {
      if (performance.now() > deadline) throw new Error(`the queue never showed ${expected} picklists`);
      await sleep(5);
    }
    return { readyMs, queueMs: performance.now() - started, child };
  } catch (error) {
    await stopProcess(child);
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
  const demo = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/picqer-demo/cli.ts'), '--port', '0', '--seed', '1', '--products', String(options.products), '--picklists', String(picklists), '--rate-limit', '1000000'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: root },
  );
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-startup-'));
  try {
    const demoUrl = (await waitForLine(demo, /Demo backend listening on (\S+)/, 'the demo backend', 120_000))[1] ?? '';
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
    await stopProcess(cold.child);

    const runs: number[] = [];
    const readyRuns: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const warm = await launch(cli, config, dataDir, expected, 60_000);
      runs.push(warm.queueMs);
      readyRuns.push(warm.readyMs);
      await stopProcess(warm.child);
    }
    return { runs, readyRuns, medianMs: median(runs), medianReadyMs: median(readyRuns), queueLength: expected, coldMs: cold.queueMs };
  } finally {
    await stopProcess(demo);
    rmSync(dir, { recursive: true, force: true });
  }
}
