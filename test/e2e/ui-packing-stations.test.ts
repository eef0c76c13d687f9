import { describe, expect, it } from 'vitest';
import { realStationForFile } from './real-station';
import { backToQueue, pollTimeout } from './ui-real';

/*
 * Taking a Picqer packing station's printers in Settings, on the real station in Chromium against
 * the demo's two packing stations. This machine has no printer called as the demo's are, so every
 * printer of the chosen station is listed as not found and nothing can be applied; the matching
 * itself is in test/shared/station-printers.test.ts.
 */

// The demo's packing stations name printers this machine lacks: only a slip printer is set here.
const shared = realStationForFile({ printers: ['slips'] });

describe("Picqer's packing stations in Settings on the real station", () => {
  it('lists the stations and shows, for the one chosen, which of its printers this computer lacks', async (context) => {
    const { demo, station, browser } = shared.inTest(context);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(station.url);
    await backToQueue(page);
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Printers from a Picqer packing station' }).waitFor({ timeout: pollTimeout });

    await page.getByRole('button', { name: 'Look up packing stations in Picqer' }).click();
    const paktafel = page.getByRole('radio', { name: 'Paktafel 1' });
    await paktafel.waitFor({ timeout: pollTimeout });
    await expect.poll(() => page.getByRole('radio', { name: 'Kantoor' }).count()).toBe(1);
    expect(demo.requests.some((r) => r.path.startsWith('/api/v1/packingstations'))).toBe(true);

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
