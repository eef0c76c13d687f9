import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxStatus, Parcel, ScanAnswer } from '../../shared/packing';
import { demoSeed } from '../../electron/main/station/backend';
import { generateSeed } from '../../electron/picqer-demo/seed';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, repoRoot, startStation, valueOf, type RunningStation } from './station';

/*
 * Issue 14, a newcomer's first parcel on the embedded demo with no printer set up: it prints to
 * folders under the data dir, and History's "View label" / "View packing slip" open the PDFs.
 */

const notReady = missingBuild();
const shots = join(repoRoot, 'test-results');
let station: RunningStation | undefined;
let browser: Browser | undefined;
const seed = generateSeed({ seed: demoSeed, baseUrl: 'http://127.0.0.1' });

beforeAll(async () => {
  if (notReady) return;
  station = await startStation({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 1', language: 'en', packer: 21 } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

function simplePicklist() {
  const counts = new Map<string, number>();
  for (const p of seed.products) if (p.barcode) counts.set(p.barcode, (counts.get(p.barcode) ?? 0) + 1);
  return seed.picklists.find(
    (p) =>
      p.idwarehouse === 1829 &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.every((l) => {
        const product = seed.products.find((x) => x.idproduct === l.idproduct);
        return !l.has_parts && l.partof_idpicklist_product === null && product?.barcode && counts.get(product.barcode) === 1;
      }),
  );
}

/** What a click on a view button opened: a tab showing a PDF, or (pop-ups blocked) a PDF download. */
async function opened(page: Page, click: () => Promise<void>): Promise<{ url: string; bytes: Buffer | null }> {
  const tab = page.context().waitForEvent('page', { timeout: 15_000 }).then((p) => ({ kind: 'tab' as const, page: p }));
  const download = page.waitForEvent('download', { timeout: 15_000 }).then((d: Download) => ({ kind: 'download' as const, download: d }));
  // Only one of the two comes: the other's timeout must not surface as an unhandled rejection.
  tab.catch(() => undefined);
  download.catch(() => undefined);
  await click();
  const first = await Promise.any([tab, download]);
  if (first.kind === 'tab') {
    const url = first.page.url();
    await first.page.close();
    return { url, bytes: null };
  }
  const path = await first.download.path();
  return { url: first.download.url(), bytes: readFileSync(path) };
}

describe('the demo station with no printer set up', () => {
  it('prints the first parcel to folders, and History opens its label and slip', async (context) => {
    if (notReady || !station || !browser) {
      context.skip(`skipped: ${notReady ?? 'not started'}`);
      return;
    }
    const running = station;
    const picklist = simplePicklist();
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    valueOf(await running.command('sync.now'));
    valueOf<ScanAnswer>(await running.command('scan.submit', { code: picklist.picklistid, source: 'wedge' }));
    for (const line of picklist.products) {
      const barcode = seed.products.find((p) => p.idproduct === line.idproduct)?.barcode ?? '';
      valueOf<ScanAnswer>(await running.command('scan.submit', { code: barcode, source: 'wedge', multiplier: line.amount }));
    }
    await expect.poll(async () => valueOf<OutboxStatus>(await running.command('outbox.status')).pending, { timeout: 30_000 }).toBe(0);
    await expect
      .poll(async () => valueOf<Parcel[]>(await running.command('history.list')).find((p) => p.idpicklist === picklist.idpicklist)?.printJobs.map((j) => j.status), { timeout: 30_000 })
      .toEqual(['done', 'done']);

    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(running.url);
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const row = page.locator(`tr[data-idpicklist="${picklist.idpicklist}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('.parcel__job--failed').count()).toBe(0);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'history-view-documents.png') });

    for (const name of ['View label', 'View packing slip']) {
      const shown = await opened(page, () => row.getByRole('button', { name, exact: true }).click());
      if (shown.bytes) expect(shown.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      else expect(shown.url).toMatch(/^blob:/);
    }
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
