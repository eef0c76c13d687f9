import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, type TestContext } from 'vitest';
import { startDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../electron/picqer-demo/server';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { launchBrowser, type Browser } from './browser';
import { scannerBurst, typeAsPerson } from './keys';
import { missingBuild, startStation, valueOf, type RunningStation } from './station';
import type { BatchSummary } from '../../shared/batch';

/*
 * The real station (built CLI, browser mode) on a demo backend that runs in the test's process, so
 * a test can change Picqer behind the station's back (pause a picklist, refuse a close, play a
 * variant), with folder printers whose files the test counts, and Chromium to drive it.
 */

export const warehouseId = 1829;
export const packerId = 21;
/** Longer than two of the wedge's double-read windows (60 ms each): the same code again is a new scan. */
export const doubleReadPauseMs = 150;

export interface RealStation {
  demo: DemoBackend;
  station: RunningStation;
  browser: Browser;
  /** The files a folder printer wrote. */
  files(printer: 'labels' | 'slips'): string[];
  /** Where a folder printer writes. */
  printDir(printer: 'labels' | 'slips'): string;
  stop(): Promise<void>;
}

export interface RealStationOptions {
  demo?: DemoBackendOptions;
  name?: string;
  language?: 'en' | 'nl';
  /** Changes to the demo's data before the station first syncs. */
  prepare?(demo: DemoBackend): void;
  /** Which of the two folder printers the station has (both unless told): a missing one fails its prints at once. */
  printers?: Array<'labels' | 'slips'>;
}

export async function startRealStation(options: RealStationOptions = {}): Promise<RealStation> {
  const demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k', ...options.demo });
  options.prepare?.(demo);
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-real-'));
  const printers = options.printers ?? ['labels', 'slips'];
  const station = await startStation({
    backend: { url: demo.url, apiKey: options.demo?.apiKey ?? 'k' },
    warehouse: warehouseId,
    station: { name: options.name ?? 'Pack 1', language: options.language ?? 'en', packer: packerId },
    printers: {
      ...(printers.includes('labels') ? { label: { driver: 'folder', path: join(dir, 'labels') } } : {}),
      ...(printers.includes('slips') ? { packingSlip: { driver: 'folder', path: join(dir, 'slips') } } : {}),
    },
  });
  const browser = await launchBrowser();
  return {
    demo,
    station,
    browser,
    files(printer) {
      const path = join(dir, printer);
      return existsSync(path) ? readdirSync(path).filter((f) => !f.startsWith('.')) : [];
    },
    printDir: (printer) => join(dir, printer),
    async stop() {
      await browser.close();
      await station.stop();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Open picklists of the warehouse, unassigned, whose every line is a product with a barcode of its own. */
/**
 * One real station shared by a test file's tests: started before them (unless the build is
 * missing), stopped after them. `inTest(context)` hands it to a test, or skips the test saying why
 * there is none.
 */
export function realStationForFile(options: RealStationOptions = {}): { inTest(context: TestContext): RealStation } {
  const notReady = missingBuild();
  let real: RealStation | undefined;
  beforeAll(async () => {
    if (!notReady) real = await startRealStation(options);
  }, 180_000);
  afterAll(async () => {
    await real?.stop();
  });
  return {
    inTest(context) {
      if (!real) return context.skip(`skipped: ${notReady ?? 'not started'}`);
      return real;
    },
  };
}

export function simplePicklists(demo: DemoBackend): RawPicklist[] {
  const counts = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) counts.set(p.barcode, (counts.get(p.barcode) ?? 0) + 1);
  return demo.state.picklists.filter(
    (p) =>
      p.idwarehouse === warehouseId &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.every((l) => {
        const product = demo.state.findProduct(l.idproduct);
        return !l.has_parts && l.partof_idpicklist_product === null && product?.barcode && counts.get(product.barcode) === 1;
      }),
  );
}

/** Every unit's barcode in line order, one entry per unit. */
export function unitCodes(demo: DemoBackend, picklist: RawPicklist): string[] {
  return picklist.products.flatMap((line) => Array.from({ length: line.amount }, () => demo.state.findProduct(line.idproduct)?.barcode ?? ''));
}

/** The answer panel's sequence number, 0 while none is shown. */
export function answerSeq(page: Page): Promise<number> {
  return page.evaluate<number>(`Number(document.querySelector('[data-testid="scan-answer"]')?.getAttribute('data-seq') ?? 0)`);
}

/** A scanner burst, and the answer it got on screen. */
export async function scanForAnswer(page: Page, code: string): Promise<{ tone: string | null; text: string }> {
  const before = await answerSeq(page);
  await scannerBurst(page, code);
  await expect.poll(() => answerSeq(page), { timeout: 15_000 }).toBeGreaterThan(before);
  const answer = page.getByTestId('scan-answer');
  return { tone: await answer.getAttribute('data-tone'), text: (await answer.textContent()) ?? '' };
}

/**
 * A parcel's units scanned as a packer scans them: a pause before a unit equal to the one before
 * (a scanner's double-read guard would take it for the same read), and each answer awaited on
 * screen. The last unit completes the parcel and takes the screen back to the queue, so its burst
 * is only sent, and the pack screen is awaited gone. The answers, the last one's excepted.
 */
export async function packUnits(page: Page, codes: readonly string[]): Promise<Array<{ tone: string | null; text: string }>> {
  const answers: Array<{ tone: string | null; text: string }> = [];
  for (const [index, code] of codes.entries()) {
    if (index > 0 && codes[index - 1] === code) await page.waitForTimeout(doubleReadPauseMs);
    if (index < codes.length - 1) answers.push(await scanForAnswer(page, code));
    else await scannerBurst(page, code);
  }
  await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
  return answers;
}

/** The batches the station can open, once sync has read the demo's two (the open set after the bootstrap). */
export async function syncedBatches(real: RealStation): Promise<BatchSummary[]> {
  const list = async () => valueOf<BatchSummary[]>(await real.station.command('batch.list')).filter((b) => b.canOpen);
  await expect.poll(async () => (await list()).length, { timeout: 60_000, interval: 1_000 }).toBe(2);
  return list();
}

/**
 * A weight typed into a box's weight field (`shipping-weight`, or `shipping-weight-2` for box 2) at
 * a person's pace, and saved with Enter; then back to the page, where the wedge listens for the next
 * scan. (An Enter within the wedge's window after a scan is taken for the scanner's second suffix
 * key: no person is that quick.)
 */
export async function typeWeight(page: Page, grams: number, field = 'shipping-weight'): Promise<void> {
  const input = page.locator(`#${field}`);
  await input.waitFor({ timeout: 15_000 });
  await input.click();
  await input.fill('');
  await typeAsPerson(page, String(grams));
  await page.keyboard.press('Enter');
  await page.evaluate(`document.activeElement && document.activeElement.blur()`);
}

/** A new page on the station's queue, collecting the page's errors. */
export async function openQueue(real: RealStation): Promise<{ page: Page; errors: string[] }> {
  const page = await real.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(real.station.url);
  await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: 60_000 });
  return { page, errors };
}
