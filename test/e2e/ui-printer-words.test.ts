import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, startStation, type RunningStation } from './station';
import { pollTimeout } from './ui-real';

/*
 * A Dutch station whose packing-slip printer is a CUPS queue this machine does not have, as a
 * colleague found it: Settings said "Niet bereikbaar CUPS has no queue named Brother HL-L2350DW".
 * Through the real station, the whole sentence is Dutch and the printer is named as people know it.
 */

const notReady = missingBuild();
let station: RunningStation | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (notReady) return;
  station = await startStation({
    backend: { demo: true },
    warehouse: 1829,
    station: { name: 'Inpak 1', language: 'nl', packer: 21 },
    printers: { packingSlip: { driver: 'cups', queue: 'Brother HL-L2350DW' } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

describe.skipIf(notReady !== null)('printer words on a Dutch station', () => {
  it('Settings words a missing CUPS queue in Dutch and names the printer by its queue', async () => {
    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto((station as RunningStation).url);
    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
    await page.getByRole('navigation').getByRole('button', { name: 'Instellingen', exact: true }).click();
    await page.getByRole('heading', { name: 'Instellingen', level: 1 }).waitFor({ timeout: pollTimeout });

    const health = page.getByTestId('printer-health-packingSlip');
    await expect.poll(() => health.textContent(), { timeout: pollTimeout }).toContain('Niet bereikbaar');
    expect(await health.textContent()).toContain('CUPS heeft geen wachtrij met de naam Brother HL-L2350DW');
    expect(await health.textContent()).not.toContain('has no queue');
    expect(await page.locator('tr[data-document-type="packingSlip"] td').first().textContent()).toBe('Brother HL-L2350DW');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
