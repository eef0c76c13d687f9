import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { startDemoBackend, type DemoBackend } from './demo-backend';
import { scannerBurst } from './keys';
import { missingBuild, startStation, type RunningStation } from './station';

/*
 * Issue 12 §5 through the real station in Chromium, on the demo backend: with a dialog open the
 * keyboard and the scanner are the dialog's, and History's Cancel shipment asks first, warns that
 * the carrier is not told, and records who cancelled.
 */

const warehouseId = 1829;
const packerId = 21;
const pollTimeout = 60_000;
/** The wedge's default double-read window: the same code again within it counts once. */
const doubleReadMs = 60;

interface DemoLine {
  idproduct: number;
  amount: number;
  has_parts: boolean;
  partof_idpicklist_product: number | null;
}
interface DemoPicklist {
  idpicklist: number;
  picklistid: string;
  status: string;
  assigned_to_iduser: number | null;
  products: DemoLine[];
}
interface DemoProduct {
  idproduct: number;
  barcode: string | null;
  type: string;
}

let demo: DemoBackend | undefined;
let station: RunningStation | undefined;
let browser: Browser | undefined;
let dir = '';
const notReady = missingBuild();

/** A scanner burst: the code, then the Enter suffix. */
async function scan(page: Page, code: string): Promise<void> {
  await scannerBurst(page, code);
}

const progress = (page: Page) => page.getByTestId('pack-progress').locator('.progress__numbers').textContent();

beforeAll(async () => {
  if (notReady) return;
  dir = mkdtempSync(join(tmpdir(), 'packdesk-dialogs-'));
  mkdirSync(join(dir, 'labels'));
  mkdirSync(join(dir, 'slips'));
  demo = await startDemoBackend({ seed: 11 });
  station = await startStation({
    backend: { url: demo.url, apiKey: demo.apiKey },
    warehouse: warehouseId,
    station: { name: 'Pack 1', language: 'en', packer: packerId },
    printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dialogs own the keyboard; cancelling a shipment asks first (real station, demo backend)', () => {
  it('3 + Enter behind the Problem dialog does nothing, a scan waits for it, and a cancel asks, warns and records who', async (context) => {
    if (notReady || !demo) {
      context.skip(`dialogs e2e skipped: ${notReady ?? 'no demo backend'}`);
      return;
    }
    const products = await demo.list<DemoProduct>('/products');
    const barcodeCount = new Map<string, number>();
    for (const p of products) if (p.barcode) barcodeCount.set(p.barcode, (barcodeCount.get(p.barcode) ?? 0) + 1);
    const barcodeOf = new Map(products.filter((p) => p.barcode && barcodeCount.get(p.barcode) === 1 && !p.type.includes('composition')).map((p) => [p.idproduct, p.barcode ?? '']));
    const open = await demo.list<DemoPicklist>(`/picklists?status=new&idwarehouse=${warehouseId}`);
    const picklist = open.find(
      (pl) =>
        (pl.assigned_to_iduser === null || pl.assigned_to_iduser === packerId) &&
        pl.products.length > 0 &&
        pl.products.reduce((n, l) => n + l.amount, 0) >= 2 &&
        pl.products.every((l) => !l.has_parts && l.partof_idpicklist_product === null && barcodeOf.has(l.idproduct)),
    );
    if (!picklist) throw new Error('the demo has no simple picklist of two units or more');
    const units = picklist.products.reduce((n, l) => n + l.amount, 0);
    const firstBarcode = barcodeOf.get(picklist.products[0]?.idproduct ?? 0) ?? '';

    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(station?.url ?? '');
    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });

    await scan(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    await expect.poll(() => progress(page), { timeout: pollTimeout }).toBe(`0 / ${units}`);

    // The Problem dialog: a digit typed by a person, then Enter.
    await page.getByRole('button', { name: 'Problem', exact: true }).click();
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    // A product scan with the dialog open: it waits, and the dialog says so. Keys are handled in
    // order, so once the note shows, the 3 and the Enter before it have been handled too.
    await scan(page, firstBarcode);
    await expect.poll(() => problem.getByTestId('held-scans').textContent(), { timeout: pollTimeout }).toContain(firstBarcode);
    expect(await page.getByTestId('multiplier').count()).toBe(0);
    expect(await problem.getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await problem.getByRole('button', { name: 'Report problem' }).isDisabled()).toBe(true);
    expect(await progress(page)).toBe(`0 / ${units}`);
    expect((await demo.get<DemoPicklist>(`/picklists/${picklist.idpicklist}`)).status).not.toBe('paused');

    // Closed: the waiting scan is answered, once, without a multiplier.
    await page.keyboard.press('Escape');
    await problem.waitFor({ state: 'detached' });
    await expect.poll(() => progress(page), { timeout: pollTimeout }).toBe(`1 / ${units}`);
    expect(await page.getByTestId('multiplier').count()).toBe(0);
    expect((await demo.get<DemoPicklist>(`/picklists/${picklist.idpicklist}`)).status).not.toBe('paused');

    // Pack the rest; auto-complete ships it through the outbox.
    let verified = 1;
    let lastCode = firstBarcode;
    for (const [index, line] of picklist.products.entries()) {
      for (let unit = index === 0 ? 1 : 0; unit < line.amount; unit += 1) {
        const code = barcodeOf.get(line.idproduct) ?? '';
        // A second unit of the same code right after the first would be a double read of one label.
        if (code === lastCode) await page.waitForTimeout(doubleReadMs * 2);
        lastCode = code;
        await scan(page, code);
        verified += 1;
        if (verified < units) await expect.poll(() => progress(page), { timeout: pollTimeout }).toBe(`${verified} / ${units}`);
      }
    }
    const shipments = () => demo?.get<Array<{ cancelled?: boolean }>>(`/picklists/${picklist.idpicklist}/shipments`) ?? Promise.resolve([]);
    await expect.poll(async () => (await shipments()).length, { timeout: pollTimeout, interval: 500 }).toBe(1);

    // History: one click asks; the question warns about the carrier; Enter is not a yes.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const row = page.locator(`tr.parcel[data-idpicklist="${picklist.idpicklist}"]`);
    const cancel = row.getByRole('button', { name: 'Cancel shipment' });
    await expect.poll(() => cancel.isEnabled(), { timeout: pollTimeout, interval: 500 }).toBe(true);
    await cancel.click();
    const question = page.getByTestId('cancel-shipment');
    await question.waitFor();
    expect(await question.textContent()).toContain('This does not reach the carrier');
    expect(await question.textContent()).toContain('Destroy the printed label');
    await page.keyboard.press('Enter');
    expect(await question.isVisible()).toBe(true);
    expect((await shipments()).map((s) => s.cancelled === true)).toEqual([false]);

    // The yes waits for a reason.
    const yes = question.getByRole('button', { name: 'Yes, cancel the shipment' });
    expect(await yes.isDisabled()).toBe(true);
    await question.getByTestId('cancel-reason').fill('Packed in the wrong box');
    await yes.click();
    await question.waitFor({ state: 'detached', timeout: pollTimeout });
    await expect.poll(async () => (await shipments()).map((s) => s.cancelled === true), { timeout: pollTimeout }).toEqual([true]);
    await expect.poll(() => row.getByTestId('cancelled-by').textContent(), { timeout: pollTimeout }).toMatch(/^Cancelled by \S.* at \d\d:\d\d$/);
    expect(await row.getByTestId('cancel-reason').textContent()).toBe('Reason: Packed in the wrong box');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
