import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '../../electron/main/demo/server';
import type { RawPicklist } from '../../electron/main/demo/types';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, repoRoot, startStation, type RunningStation } from './station';

/*
 * Issue 13, section 4, through the real station in Chromium: the packer chooses a method that
 * needs a pickup point (the demo's DHL Parcel Connect), the pack screen asks for it, completing is
 * refused until it is filled, and the shipment Picqer (the demo, in this process) makes carries it.
 */

const notReady = missingBuild();
const shots = join(repoRoot, 'test-results');
const pickupProfile = 1402;
const pickupPoint = 'DHL-NL-2211';
let demo: DemoBackend | undefined;
let station: RunningStation | undefined;
let browser: Browser | undefined;
let picklist: RawPicklist | undefined;
let dir = '';
/** Longer than two of the wedge's double-read windows (60 ms each). */
const doubleReadPauseMs = 150;

beforeAll(async () => {
  if (notReady) return;
  demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k' });
  const counts = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) counts.set(p.barcode, (counts.get(p.barcode) ?? 0) + 1);
  const backend = demo;
  picklist = demo.state.picklists.find(
    (p) =>
      p.idwarehouse === 1829 &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.every((l) => {
        const product = backend.state.findProduct(l.idproduct);
        return !l.has_parts && l.partof_idpicklist_product === null && product?.barcode && counts.get(product.barcode) === 1;
      }),
  );
  // No profile of its own: Picqer's default applies until the packer chooses another.
  if (picklist) demo.state.getPicklist(picklist.idpicklist).idshippingprovider_profile = null;
  dir = mkdtempSync(join(tmpdir(), 'packdesk-extra-fields-'));
  station = await startStation({
    backend: { url: demo.url, apiKey: 'k' },
    warehouse: 1829,
    station: { name: 'Pack 1', language: 'en', packer: 21 },
    printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function answerSeq(page: Page): Promise<number> {
  return page.evaluate<number>(`Number(document.querySelector('[data-testid="scan-answer"]')?.getAttribute('data-seq') ?? 0)`);
}

async function scan(page: Page, code: string): Promise<void> {
  const before = await answerSeq(page);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect.poll(() => answerSeq(page), { timeout: 15_000 }).toBeGreaterThan(before);
}

describe('a shipping method that needs a pickup point, on the packer’s screen', () => {
  it('shows the field, refuses to complete until it is filled, and the shipment carries it', async (context) => {
    if (notReady || !demo || !station || !browser || !picklist) {
      context.skip(`skipped: ${notReady ?? 'not started'}`);
      return;
    }
    const backend = demo;
    const chosen = picklist;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(station.url);
    await page.locator('tbody tr').first().waitFor({ timeout: 60_000 });

    await scan(page, chosen.picklistid);
    await page.locator(`section.pack[data-idpicklist="${chosen.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const profile = page.locator('#shipping-profile');
    await profile.focus();
    await profile.locator(`option[value="${pickupProfile}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await profile.selectOption(String(pickupProfile));
    const field = page.getByLabel('Pickup point');
    await field.waitFor({ timeout: 15_000 });
    expect(await page.locator('.shipping__extra').textContent()).toContain('Required: fill this in before completing');
    // The scanner goes on to the products, wherever the focus was left.
    await page.locator('section.pack h1, section.pack h2').first().click();

    const codes = chosen.products.flatMap((line) => Array.from({ length: line.amount }, () => backend.state.findProduct(line.idproduct)?.barcode ?? ''));
    for (const [index, code] of codes.entries()) {
      if (index > 0 && codes[index - 1] === code) await page.waitForTimeout(doubleReadPauseMs);
      await scan(page, code);
    }
    // Every unit verified, and still on the bench: auto-complete was refused for the empty field.
    await page.getByRole('button', { name: 'Complete' }).click();
    const refusal = page.locator('.error-message');
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toContain('Fill in "Pickup point" for DHL Parcel Connect');
    expect(backend.state.listShipments(chosen.idpicklist)).toEqual([]);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'shipping-extra-field.png') });

    await field.fill(pickupPoint);
    await field.press('Enter');
    await page.locator('.shipping__extra .shipping__needed').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });

    await expect.poll(() => backend.state.listShipments(chosen.idpicklist).length, { timeout: 30_000 }).toBe(1);
    const [made] = backend.state.listShipments(chosen.idpicklist);
    expect(backend.state.findShipment(made?.idshipment ?? 0)?.extraFields).toEqual({ pickup_point: pickupPoint });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
