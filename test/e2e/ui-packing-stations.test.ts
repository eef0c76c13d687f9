import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import { launchBrowser, type Browser } from './browser';
import { packerId, warehouseId } from './real-station';
import { missingBuild, startStation, type RunningStation } from './station';
import { backToQueue, pollTimeout } from './ui-real';

/*
 * Taking a Picqer packing station's printers in Settings, on the real station in Chromium against
 * the demo's two packing stations. This machine has no printer called as the demo's are, so every
 * printer of the chosen station is listed as not found and nothing can be applied; the matching
 * itself is in test/shared/station-printers.test.ts.
 */

const notReady = missingBuild();
let demo: DemoBackend | undefined;
let station: RunningStation | undefined;
let browser: Browser | undefined;
let dir = '';

beforeAll(async () => {
  if (notReady) return;
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-stations-'));
  demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k' });
  station = await startStation({
    backend: { url: demo.url, apiKey: 'k' },
    warehouse: warehouseId,
    station: { name: 'Pack 1', language: 'en', packer: packerId },
    printers: { packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(notReady !== null)("Picqer's packing stations in Settings on the real station", () => {
  it('lists the stations and shows, for the one chosen, which of its printers this computer lacks', async () => {
    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto((station as RunningStation).url);
    await backToQueue(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Printers from a Picqer packing station' }).waitFor({ timeout: pollTimeout });

    await page.getByRole('button', { name: 'Look up packing stations in Picqer' }).click();
    const paktafel = page.getByRole('radio', { name: 'Paktafel 1' });
    await paktafel.waitFor({ timeout: pollTimeout });
    await expect.poll(() => page.getByRole('radio', { name: 'Kantoor' }).count()).toBe(1);
    expect(demo?.requests.some((r) => r.path.startsWith('/api/v1/packingstations'))).toBe(true);

    await paktafel.check();
    const notFound = page.getByTestId('packing-station-not-found');
    await expect.poll(() => notFound.textContent(), { timeout: pollTimeout }).toContain('Shipping label: Zebra GK420d');
    expect(await notFound.textContent()).toContain('Packing slip: Brother HL-L2350DW');
    expect(await notFound.textContent()).toContain('Product label: DYMO LabelWriter 450');
    expect(await page.getByRole('button', { name: 'Use these printers' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
