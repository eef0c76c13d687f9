/*
 * Scan to screen, in browser mode: from the Enter key of a scanner burst to the answer painted.
 * Runs against the built station (out/main/cli.js --web on the embedded demo) when it answers
 * scans, otherwise against the renderer with the e2e fake bridge, and says which in `note`.
 *
 * Measured in the page with performance.now(): the Enter keydown's timeStamp to the first
 * animation frame after the answer element changed (the frame that paints it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { scannerBurst } from '../e2e/keys';
import { fakeBridgeScript, packFixture, stationFixture } from '../e2e/fake-bridge';
import { serveDirectory } from '../e2e/static-server';

export interface ScanToScreenResult {
  p50Ms: number;
  p95Ms: number;
  scans: number;
  /** Where it ran: the real station or the fake bridge, and why. */
  note: string;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = join(repoRoot, 'out/main/cli.js');
const rendererDir = join(repoRoot, 'out/renderer');

/** Installed before the app's own script, so its keydown listener runs before the wedge's. */
const probeScript = `(() => {
  // What is measured starts at Enter; how fast the keys before it come is the harness's business
  // (CDP sends each key after the last was handled), so the burst threshold gets room here.
  localStorage.setItem('packdesk.wedge', JSON.stringify({ maxInterKeyMs: 100 }));
  const bench = { samples: [], start: 0, seq: null, waiting: false, waiters: [] };
  window.__bench = bench;
  const seqNow = () => document.querySelector('[data-testid="scan-answer"]')?.getAttribute('data-seq') ?? null;
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    bench.start = event.timeStamp;
    bench.seq = seqNow();
    bench.waiting = true;
  }, { capture: true });
  new MutationObserver(() => {
    if (!bench.waiting || seqNow() === bench.seq) return;
    bench.waiting = false;
    requestAnimationFrame(() => {
      bench.samples.push(performance.now() - bench.start);
      bench.waiters = bench.waiters.filter((w) => (bench.samples.length >= w.n ? (clearTimeout(w.timer), w.resolve(), false) : true));
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq'] });
})();`;

interface BenchProbe {
  samples: number[];
  waiters: { n: number; resolve: () => void; timer: ReturnType<typeof setTimeout> }[];
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

interface Target {
  url: string;
  initScript: string;
  note: string;
  stop(): Promise<void>;
}

async function startRealStation(): Promise<Target | string> {
  if (!existsSync(cliPath) || !existsSync(join(rendererDir, 'index.html'))) return 'the build is missing (run npm run build)';
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-'));
  const config = join(dir, 'station.json');
  writeFileSync(config, JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Bench', language: 'en', packer: 21 } }));
  const child: ChildProcess = spawn(process.execPath, [cliPath, '--web', '--no-open', '--port', '0', '--config', config, '--data-dir', join(dir, 'data')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  const url = await new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 60_000);
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /Packdesk ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? null);
      }
    });
    child.once('exit', () => resolve(null));
  });
  if (!url) {
    await stop();
    return 'the station did not start';
  }
  const parsed = new URL(url);
  const probe = await fetch(`${parsed.origin}/api/scan.submit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Packdesk-Token': parsed.searchParams.get('token') ?? '' },
    body: JSON.stringify({ code: 'BENCH-PROBE', source: 'wedge' }),
  });
  const body = (await probe.json()) as { ok: boolean; error?: { code: string } };
  if (!body.ok && (body.error?.code === 'UNKNOWN_COMMAND' || body.error?.code === 'INTERNAL')) {
    await stop();
    return `the station does not answer scan.submit yet (${body.error.code})`;
  }
  return { url, initScript: probeScript, note: 'real station on the embedded demo', stop };
}

async function startFakeBridge(why: string): Promise<Target> {
  // The built renderer when there is one; otherwise a fresh vite build of it.
  let dir = rendererDir;
  let built: string | null = null;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    const { build } = await import('vite');
    built = mkdtempSync(join(tmpdir(), 'packdesk-bench-renderer-'));
    await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: built, emptyOutDir: true } });
    dir = built;
  }
  const server = await serveDirectory(dir);
  const pack = packFixture();
  pack.latencyMs = 0;
  return {
    url: server.url,
    initScript: fakeBridgeScript(stationFixture({ pack })) + probeScript,
    note: `fake bridge, ${why}`,
    async stop() {
      await server.close();
      if (built) rmSync(built, { recursive: true, force: true });
    },
  };
}

async function scanOnce(page: Page, code: string, expected: number): Promise<void> {
  // Dispatched in the page as a scanner's keys come: Playwright's own typing can leave gaps wider
  // than the wedge's key gap on a loaded machine, and a split code is refused, not measured.
  await scannerBurst(page, code);
  // Woken by the probe when the sample is in, not polled: waitForFunction's default polling runs
  // a requestAnimationFrame loop in the page for the whole wait, keeping its main thread and
  // frame clock busy in a way no station's page is. A function, not a string: the station's CSP
  // forbids eval in the page.
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const bench = (globalThis as unknown as { __bench: BenchProbe }).__bench;
        if (bench.samples.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`no answer painted for scan ${n} in 15 s`)), 15_000);
        bench.waiters.push({ n, resolve, timer });
      }),
    expected,
  );
}

/**
 * The pause after each answer is painted before the next scan starts. No packer scans faster than
 * a few times a second, and a scan that starts while the previous answer's 160 ms flash still runs
 * measures that animation's frames (in headless software rendering, up to two frames) rather than
 * the scan: back to back (0), p50 was 21 ms where it is 5 ms at this pace.
 */
export const defaultScanGapMs = 300;

export async function benchScanToScreen({ scans, gapMs = defaultScanGapMs }: { scans: number; gapMs?: number }): Promise<ScanToScreenResult> {
  // PACKDESK_BENCH_FAKE=1 measures the renderer alone, without main's share of the time.
  const real = process.env.PACKDESK_BENCH_FAKE === '1' ? 'PACKDESK_BENCH_FAKE=1' : await startRealStation();
  const target = typeof real === 'string' ? await startFakeBridge(real) : real;
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: target.initScript });
    await page.goto(target.url);
    const firstRow = page.locator('tr[data-idpicklist] .queue-row__picklistid').first();
    await firstRow.waitFor({ timeout: 60_000 });
    // Open a picklist, so every scan goes through the whole pack path (a product lookup, an
    // unknown barcode written as a scan event, the answer on the pack screen).
    await scanOnce(page, (await firstRow.textContent()) ?? '', 1);
    await page.locator('section.pack').waitFor({ timeout: 15_000 });
    const warmup = 10;
    for (let i = 0; i < warmup; i += 1) {
      await scanOnce(page, `BENCH-W${String(i).padStart(4, '0')}`, 2 + i);
      if (gapMs > 0) await page.waitForTimeout(gapMs);
    }
    const before = 1 + warmup;
    for (let i = 0; i < scans; i += 1) {
      await scanOnce(page, `BENCH-${String(i).padStart(6, '0')}`, before + i + 1);
      if (gapMs > 0) await page.waitForTimeout(gapMs);
    }
    const samples = (await page.evaluate<number[]>('window.__bench.samples')).slice(before);
    return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), scans: samples.length, note: `${target.note}, scans ${gapMs} ms apart` };
  } finally {
    await browser.close();
    await target.stop();
  }
}

// `tsx test/bench/scan-to-screen.ts [scans] [gapMs]` runs it on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scans = Number(process.argv[2] ?? 200);
  const gapMs = Number(process.argv[3] ?? defaultScanGapMs);
  benchScanToScreen({ scans, gapMs }).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
