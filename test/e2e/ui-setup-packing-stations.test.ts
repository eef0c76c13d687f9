import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterInfo } from '../../shared/printing';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, startStation, valueOf, type RunningStation } from './station';
import { pollTimeout, shots } from './ui-real';

/*
 * First-run Setup takes a Picqer packing station's printers (issue 18), on the real station in
 * Chromium against the embedded demo. This machine has no printers, so the station runs with an
 * lpstat on its PATH that lists two queues named as the demo's "Paktafel 1" names its packing slip
 * and label printers; its DYMO is not among them. The station's own discovery reads that list.
 */

const notReady = missingBuild();
let browser: Browser | undefined;
let station: RunningStation | undefined;
let binDir = '';

/** lpstat as a CUPS with these two queues answers `-e` (the names) and `-p` (each idle). */
const fakeLpstat = `#!/bin/sh
queues='Brother HL-L2350DW
Zebra GK420d'
case "$1" in
  -e) printf '%s\\n' "$queues" ;;
  -p) printf '%s\\n' "$queues" | while IFS= read -r name; do
        if [ -z "$2" ] || [ "$2" = "$name" ]; then echo "printer $name is idle.  enabled since Thu 03 Dec 2026 09:00:00"; fi
      done ;;
  *) echo "lpstat: unsupported here" >&2; exit 1 ;;
esac
`;

beforeAll(async () => {
  if (notReady) return;
  binDir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-lpstat-'));
  writeFileSync(join(binDir, 'lpstat'), fakeLpstat);
  chmodSync(join(binDir, 'lpstat'), 0o755);
  station = await startStation({ backend: { demo: true } }, 60_000, { env: { PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  if (binDir) rmSync(binDir, { recursive: true, force: true });
});

describe.skipIf(notReady !== null)("Setup takes a Picqer packing station's printers", () => {
  it('connects a fresh station to the demo, takes Paktafel 1, and Settings shows its printers matched here without further action', async () => {
    const running = station as RunningStation;
    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(running.url);
    await page.getByRole('heading', { name: 'Set up this packing station' }).waitFor({ timeout: pollTimeout });

    await page.getByRole('button', { name: 'Try the demo warehouse' }).click();
    await page.locator('.setup__connected-text').waitFor({ timeout: pollTimeout });
    await page.getByRole('heading', { name: 'Printers from Picqer' }).waitFor({ timeout: pollTimeout });
    const paktafel = page.getByRole('radio', { name: 'Paktafel 1' });
    await paktafel.waitFor({ timeout: pollTimeout });
    // Optional: nothing is taken unless a station is chosen.
    expect(await page.getByRole('radio', { name: 'None: set the printers later in Settings' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Kantoor' }).count()).toBe(1);

    await paktafel.check();
    const plan = page.getByTestId('setup-station-printers');
    await expect.poll(() => plan.textContent(), { timeout: pollTimeout }).toContain('Packing slip: Brother HL-L2350DW');
    expect(await plan.textContent()).toContain('Shipping label: Zebra GK420d');
    expect(await plan.getByTestId('setup-station-printers-not-found').textContent()).toContain('Product label: DYMO LabelWriter 450 (not found here)');

    await page.locator('input[name="warehouse"]').first().check();
    await page.getByLabel('Station name').fill('Pack 9');
    await plan.screenshot({ path: join(shots, 'ui-setup-packing-station.png') });
    await page.getByRole('button', { name: 'Save and open the queue' }).click();
    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });

    // In force at once: main runs on them, and Settings shows them without anyone choosing again.
    const printers = valueOf<PrinterInfo[]>(await running.command('printers.list', {}));
    const configOf = (type: PrinterInfo['documentType']) => printers.find((p) => p.documentType === type)?.config ?? null;
    expect(configOf('packingSlip')).toEqual({ driver: 'cups', queue: 'Brother HL-L2350DW', media: 'A4' });
    expect(configOf('label')).toEqual({ driver: 'cups', queue: 'Zebra GK420d', media: 'Custom.102x150mm' });

    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: pollTimeout });
    await expect.poll(() => page.locator('tr[data-document-type="label"] td').first().textContent(), { timeout: pollTimeout }).toBe('Zebra GK420d');
    expect(await page.locator('tr[data-document-type="packingSlip"] td').first().textContent()).toBe('Brother HL-L2350DW');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
