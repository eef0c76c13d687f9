/*
 * Open to screen (issue 12): from the Enter key of a picklist scan to the pack screen painted with
 * its lines, in browser mode against the built station, while Picqer is healthy, slow (1 s a
 * request), black-holed (accepts, never answers) and rate-limited (every request answered 429).
 * The open answers from the cache; the re-read from Picqer runs beside it, so none of these may
 * add a wait.
 *
 * Measured in the page with performance.now(): the Enter keydown's timeStamp to the first
 * animation frame after the pack section of the scanned picklist is in the document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startDemoBackend } from '../../electron/picqer-demo/server';
import { startBlackHole, type BlackHole } from '../chaos/black-hole';
import { launchBrowser } from '../e2e/browser';
import { scannerBurst } from '../e2e/keys';
import { startStation } from '../e2e/station';

export type OpenCondition = 'healthy' | 'slow' | 'black-holed' | 'rate-limited';

export interface OpenToScreenResult {
  byCondition: Record<OpenCondition, { p50Ms: number; p95Ms: number; maxMs: number; opens: number }>;
}


const probeScript = `(() => {
  localStorage.setItem('packdesk.wedge', JSON.stringify({ maxInterKeyMs: 100 }));
  const bench = { samples: [], start: 0, wanted: null, waiters: [] };
  window.__openBench = bench;
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && bench.wanted !== null) bench.start = event.timeStamp;
  }, { capture: true });
  new MutationObserver(() => {
    if (bench.wanted === null || bench.start === 0) return;
    const section = document.querySelector('section.pack[data-idpicklist="' + bench.wanted + '"]');
    if (!section || !section.querySelector('[data-testid="pack-progress"]')) return;
    bench.wanted = null;
    const start = bench.start;
    bench.start = 0;
    requestAnimationFrame(() => {
      bench.samples.push(performance.now() - start);
      bench.waiters = bench.waiters.filter((w) => (bench.samples.length >= w.n ? (clearTimeout(w.timer), w.resolve(), false) : true));
    });
  }).observe(document, { subtree: true, childList: true });
})();`;

interface OpenProbe {
  samples: number[];
  wanted: number | null;
  waiters: { n: number; resolve: () => void; timer: ReturnType<typeof setTimeout> }[];
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function openOnce(page: Page, picklist: { idpicklist: number; picklistid: string }, expected: number): Promise<void> {
  await page.evaluate((id) => {
    (globalThis as unknown as { __openBench: OpenProbe }).__openBench.wanted = id;
  }, picklist.idpicklist);
  await scannerBurst(page, picklist.picklistid);
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const bench = (globalThis as unknown as { __openBench: OpenProbe }).__openBench;
        if (bench.samples.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`open ${n} not painted within 30 s`)), 30_000);
        bench.waiters.push({ n, resolve, timer });
      }),
    expected,
  );
  // Back to the queue by the scanner alone, for the next open.
  await scannerBurst(page, 'PD:CANCEL');
  await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
}

export async function benchOpenToScreen({ opensPerCondition }: { opensPerCondition: number }): Promise<OpenToScreenResult> {
  const demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'bench' });
  // Between the station and the demo: accepts connections and, when told, answers nothing.
  const hole: BlackHole = await startBlackHole(demo.url);
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-bench-open-'));
  const station = await startStation({
    backend: { url: hole.url, apiKey: 'bench' },
    warehouse: 1829,
    station: { name: 'Bench', language: 'en', packer: 21 },
    printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
  });
  const browser = await launchBrowser();
  const conditions: OpenCondition[] = ['healthy', 'slow', 'black-holed', 'rate-limited'];
  const picklists = demo.state.picklists.filter((p) => p.idwarehouse === 1829 && p.status === 'new' && p.assigned_to_iduser === null);
  if (picklists.length < opensPerCondition + 1) throw new Error(`the demo has ${picklists.length} open picklists, too few`);
  const byCondition = {} as OpenToScreenResult['byCondition'];
  try {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: probeScript });
    await page.goto(station.url);
    await page.locator('tr[data-idpicklist]').first().waitFor({ timeout: 60_000 });
    // One open first, not counted: the page's first pack screen also loads its code and styles.
    const warmup = picklists.at(-1);
    if (!warmup) throw new Error('no picklist to warm up with');
    await openOnce(page, warmup, 1);
    let done = 1;
    for (const [index, condition] of conditions.entries()) {
      demo.faults.clear();
      hole.setSwallowing(condition === 'black-holed');
      if (condition === 'slow') demo.faults.setLatency(1_000);
      if (condition === 'rate-limited') demo.faults.force429(1_000_000);
      // Fresh picklists while there are enough; after that ones opened (and left) before, resumed.
      const own = Array.from({ length: opensPerCondition }, (_, i) => picklists[(index * opensPerCondition + i) % (picklists.length - 1)]).filter(
        (p): p is (typeof picklists)[number] => p !== undefined,
      );
      for (const picklist of own) {
        done += 1;
        await openOnce(page, picklist, done);
      }
      const samples = (await page.evaluate<number[]>('window.__openBench.samples')).slice(done - own.length);
      byCondition[condition] = { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: Math.max(...samples), opens: samples.length };
    }
    return { byCondition };
  } finally {
    await browser.close();
    await station.stop();
    demo.faults.clear();
    await hole.close();
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx test/bench/open-to-screen.ts [opens]` runs it on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchOpenToScreen({ opensPerCondition: Number(process.argv[2] ?? 10) }).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
