/*
 * Scan to screen, in browser mode, against the built station (out/main/cli.js --web on the
 * embedded demo, a picklist open): from the Enter key of a scanner burst to the frame that paints
 * its answer. Two rhythms: a packer's pace (one scan, its answer, a person's pause) and scans back
 * to back, each burst 60 ms after the one before, without waiting for answers.
 *
 * Measured in the page with performance.now(): the Enter keydown's timeStamp to the first
 * animation frame after the answer panel shows that scan's code (the frame that paints it). An
 * answer replaced by the next one before any frame showed it is measured to the frame that shows
 * the later one: that is when the packer first sees an answer to it. Beside each sample the probe
 * keeps when the answer reached the document, so a slow figure says whether the time went before
 * the DOM (socket, main, React) or after it (style, layout, the frame).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { scannerBurst } from '../e2e/keys';
import { missingBuild, startStation } from '../e2e/station';

export interface ScanToScreenFigures {
  /** The samples over one frame: when they came (s on the page's clock) and their steps, for a look at what held them up. */
  slow: string[];
  p50Ms: number;
  p95Ms: number;
  /** p50 / p95 of each step from Enter: request sent, reply in, answer in the document, painted. */
  steps: string;
  /** The same percentiles for Enter to the answer in the document, before the frame. */
  toDocumentP50Ms: number;
  toDocumentP95Ms: number;
  scans: number;
  note: string;
}

export interface ScanToScreenResult {
  pace: ScanToScreenFigures;
  backToBack: ScanToScreenFigures;
}


/** The pause a packer makes after reading an answer, before the next scan. */
export const packerPauseMs = 400;
/** Back to back: each burst this long after the one before (a scanner on a stand, items slid past it). */
export const backToBackMs = 60;
/** Every bench code has this length, so one is never a prefix of another on the answer panel. */
const benchCode = (prefix: string, i: number) => `BENCH-${prefix}${String(i).padStart(6, '0')}`;

/** Installed before the app's own script, so its keydown listener runs before the wedge's. */
const probeScript = `(() => {
  // What is measured starts at Enter; how fast the keys before it come is the harness's business,
  // so the burst threshold gets room here.
  localStorage.setItem('packdesk.wedge', JSON.stringify({ maxInterKeyMs: 100 }));
  const bench = { samples: [], pending: [], typed: '', waiters: [], sentAt: new Map(), repliedAt: new Map(), codeOfId: new Map() };
  window.__bench = bench;
  // Where the time goes: when the scan left on the socket and when its reply came in.
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const id = /^\\{"id":(\\d+),/.exec(typeof event.data === 'string' ? event.data : '')?.[1];
        const code = id === undefined ? undefined : bench.codeOfId.get(Number(id));
        if (code !== undefined) bench.repliedAt.set(code, performance.now());
      });
    }
    send(data) {
      try {
        const request = JSON.parse(data);
        if (request.name === 'scan.submit' && request.input?.code?.startsWith('BENCH-')) {
          bench.codeOfId.set(request.id, request.input.code);
          bench.sentAt.set(request.input.code, performance.now());
        }
      } catch {}
      super.send(data);
    }
  };
  const settleWaiters = () => {
    bench.waiters = bench.waiters.filter((w) => (bench.samples.length >= w.n ? (clearTimeout(w.timer), w.resolve(), false) : true));
  };
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') {
      if (event.key.length === 1) bench.typed += event.key;
      return;
    }
    const code = bench.typed;
    bench.typed = '';
    if (code.startsWith('BENCH-')) bench.pending.push({ code, start: event.timeStamp, inDocument: 0 });
  }, { capture: true });
  new MutationObserver(() => {
    if (bench.pending.length === 0) return;
    const text = document.querySelector('[data-testid="scan-answer"]')?.textContent ?? '';
    let last = -1;
    for (let i = 0; i < bench.pending.length; i += 1) if (text.includes(bench.pending[i].code)) last = i;
    if (last < 0) return;
    const now = performance.now();
    const shown = bench.pending.splice(0, last + 1);
    for (const scan of shown) scan.inDocument = now;
    requestAnimationFrame(() => {
      const frame = performance.now();
      for (const scan of shown) {
        bench.samples.push({
          code: scan.code,
          at: scan.start,
          total: frame - scan.start,
          toDocument: scan.inDocument - scan.start,
          toSent: (bench.sentAt.get(scan.code) ?? NaN) - scan.start,
          toReply: (bench.repliedAt.get(scan.code) ?? NaN) - scan.start,
        });
      }
      settleWaiters();
    });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  /** Back to back: every burst \`everyMs\` after the one before, in the page so no round trip spaces them. */
  bench.burstEvery = (codes, everyMs) => new Promise((resolve) => {
    const press = (key) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    let i = 0;
    const t0 = performance.now();
    const next = () => {
      for (const ch of codes[i]) press(ch);
      press('Enter');
      i += 1;
      if (i === codes.length) return resolve();
      setTimeout(next, Math.max(0, t0 + i * everyMs - performance.now()));
    };
    next();
  });
})();`;

interface Sample {
  code: string;
  /** When its Enter came, on the page's clock. */
  at: number;
  total: number;
  toDocument: number;
  /** Enter to the request on the socket (the wedge, the store). */
  toSent: number;
  /** Enter to main's reply in the page (plus the socket both ways). */
  toReply: number;
}

interface BenchProbe {
  samples: Sample[];
  waiters: { n: number; resolve: () => void; timer: ReturnType<typeof setTimeout> }[];
  burstEvery(codes: string[], everyMs: number): Promise<void>;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function figures(samples: readonly Sample[], note: string): ScanToScreenFigures {
  const totals = samples.map((s) => s.total);
  const toDocument = samples.map((s) => s.toDocument);
  const step = (pick: (s: Sample) => number) => {
    const values = samples.map(pick).filter((v) => Number.isFinite(v));
    return `${percentile(values, 50).toFixed(1)}/${percentile(values, 95).toFixed(1)}`;
  };
  const slow = samples
    .filter((s) => s.total > 16.7)
    .map((s) => `${(s.at / 1000).toFixed(1)} s: sent ${s.toSent.toFixed(1)}, reply ${s.toReply.toFixed(1)}, document ${s.toDocument.toFixed(1)}, frame ${s.total.toFixed(1)}`);
  return {
    slow,
    steps: `sent ${step((s) => s.toSent)}, reply ${step((s) => s.toReply)}, document ${step((s) => s.toDocument)}, frame ${step((s) => s.total)}`,
    p50Ms: percentile(totals, 50),
    p95Ms: percentile(totals, 95),
    toDocumentP50Ms: percentile(toDocument, 50),
    toDocumentP95Ms: percentile(toDocument, 95),
    scans: samples.length,
    note,
  };
}

/** Resolves once `n` samples are in; woken by the probe, not polled (polling runs a frame loop in the page). */
async function samplesIn(page: Page, n: number, timeoutMs = 15_000): Promise<void> {
  await page.evaluate(
    ([count, ms]) =>
      new Promise<void>((resolve, reject) => {
        const bench = (globalThis as unknown as { __bench: BenchProbe }).__bench;
        if (bench.samples.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${bench.samples.length} of ${count} answers painted in ${ms} ms`)), ms);
        bench.waiters.push({ n: count, resolve, timer });
      }),
    [n, timeoutMs] as const,
  );
}

async function sampleCount(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __bench: BenchProbe }).__bench.samples.length);
}

/** One scan, its answer painted, then a person's pause. */
async function atPackersPace(page: Page, prefix: string, scans: number): Promise<Sample[]> {
  const before = await sampleCount(page);
  for (let i = 0; i < scans; i += 1) {
    await scannerBurst(page, benchCode(prefix, i));
    await samplesIn(page, before + i + 1);
    await page.waitForTimeout(packerPauseMs);
  }
  return (await page.evaluate(() => (globalThis as unknown as { __bench: BenchProbe }).__bench.samples)).slice(before);
}

/** Bursts every `backToBackMs`, none waiting for an answer; then every answer painted. */
async function backToBack(page: Page, prefix: string, scans: number): Promise<Sample[]> {
  const before = await sampleCount(page);
  const codes = Array.from({ length: scans }, (_, i) => benchCode(prefix, i));
  await page.evaluate(([list, ms]) => (globalThis as unknown as { __bench: BenchProbe }).__bench.burstEvery(list, ms), [codes, backToBackMs] as const);
  await samplesIn(page, before + scans, 30_000);
  return (await page.evaluate(() => (globalThis as unknown as { __bench: BenchProbe }).__bench.samples)).slice(before);
}

export async function benchScanToScreen({ scans }: { scans: number }): Promise<ScanToScreenResult> {
  const notBuilt = missingBuild();
  if (notBuilt) throw new Error(notBuilt);
  const station = await startStation({ backend: { demo: true }, warehouse: 1829, station: { name: 'Bench', language: 'en', packer: 21 } });
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: probeScript });
    await page.goto(station.url);
    const firstRow = page.locator('tr[data-idpicklist] .queue-row__picklistid').first();
    await firstRow.waitFor({ timeout: 60_000 });
    // Open a picklist, so every scan goes through the whole pack path (a product lookup, an
    // unknown barcode written as a scan event, the answer on the pack screen).
    await scannerBurst(page, (await firstRow.textContent()) ?? '');
    await page.locator('section.pack').waitFor({ timeout: 15_000 });
    await atPackersPace(page, 'W', 10);
    const pace = await atPackersPace(page, 'P', scans);
    await backToBack(page, 'V', 10);
    // Back-to-back runs are short (a scanner stand sliding a batch past): several of 20 scans.
    const batch = 20;
    const fast: Sample[] = [];
    for (let done = 0; done < scans; done += batch) {
      await page.waitForTimeout(packerPauseMs);
      fast.push(...(await backToBack(page, `B${String.fromCharCode(65 + done / batch)}`, Math.min(batch, scans - done))));
    }
    return {
      pace: figures(pace, `real station on the embedded demo, at a packer's pace: each scan after the last answer, then ${packerPauseMs} ms`),
      backToBack: figures(fast, `real station on the embedded demo, back to back: a burst every ${backToBackMs} ms, none waiting for an answer`),
    };
  } finally {
    await browser.close();
    await station.stop();
  }
}

// `tsx test/bench/scan-to-screen.ts [scans]` runs it on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scans = Number(process.argv[2] ?? 200);
  benchScanToScreen({ scans }).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
