import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPicklist, RawShippingProfile, RawShippingProvider } from '../../electron/picqer-demo/types';
import { startRealStation, warehouseId, type RealStation } from './real-station';
import { missingBuild } from './station';
import { backToQueue, pollTimeout } from './ui-real';

/*
 * Issue 18, a queue ordered by the truck: a cut-off set for a shipping profile in Settings moves
 * that profile's picklists ahead of those without one, and each of them counts down to the
 * carrier's pickup, with the page's clock fixed at 10:00 today.
 */

const notReady = missingBuild();
let real: RealStation | undefined;
let late: RawPicklist;
let provider: RawShippingProvider;
let profile: RawShippingProfile;

beforeAll(async () => {
  if (notReady) return;
  real = await startRealStation({
    prepare(demo) {
      const found = demo.state.shippingProviders.flatMap((p) => (p.active ? p.profiles.filter((f) => f.active).map((f) => ({ p, f })) : []))[0];
      const product = demo.state.products.find((p) => p.type === 'normal' && p.barcode);
      if (!found || !product) throw new Error('the demo seed has no active shipping profile or plain product');
      provider = found.p;
      profile = found.f;
      // The newest picklist, not urgent, no delivery date: last among its kind until its carrier has a cut-off.
      late = demo.state.addPicklist({ lines: [{ idproduct: product.idproduct, amount: 1 }], idwarehouse: warehouseId, deliveryname: 'Firma Laatkomer', idshippingprovider_profile: profile.idshippingprovider_profile });
    },
  });
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

const rowIds = async (page: Page) => (await page.locator('tbody tr[data-idpicklist]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-idpicklist')))));

describe.skipIf(notReady !== null)('the queue ordered by carrier cut-off on the real station', () => {
  it('moves a carrier’s picklists up once its cut-off is set in Settings, with a countdown and the must-leave-today count', async () => {
    const station = real as RealStation;
    const page = await station.browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // 10:00 in the browser's own time zone, which need not be this process's.
    const tenToday = await page.evaluate(() => {
      const now = new Date();
      return new Date(now.getFullYear(), now.getMonth(), now.getDate(), 10, 0).getTime();
    });
    await page.clock.setFixedTime(tenToday);
    await page.goto(station.station.url);
    await backToQueue(page);
    await expect.poll(async () => (await rowIds(page)).includes(late.idpicklist), { timeout: pollTimeout }).toBe(true);
    const before = await rowIds(page);
    const lateRow = page.locator(`tr[data-idpicklist="${late.idpicklist}"]`);
    expect(await lateRow.locator('[data-testid="queue-pickup"]').count()).toBe(0);
    expect(await page.getByTestId('must-leave-today').count()).toBe(0);

    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.getByTestId('cut-off-settings');
    const field = form.getByLabel(`Cut-off for ${provider.name} ${profile.name}`);
    await field.waitFor({ timeout: pollTimeout });
    await field.fill('16:00');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: pollTimeout });

    await backToQueue(page);
    await expect.poll(() => lateRow.locator('[data-testid="queue-pickup"]').textContent(), { timeout: pollTimeout }).toBe(`${provider.name} 16:00 · in 6 h`);
    const after = await rowIds(page);
    expect(after.indexOf(late.idpicklist)).toBeLessThan(before.indexOf(late.idpicklist));
    // Every picklist ahead of it is urgent or leaves with a cut-off too.
    for (const id of after.slice(0, after.indexOf(late.idpicklist))) {
      const row = page.locator(`tr[data-idpicklist="${id}"]`);
      const isUrgent = (await row.locator('.badge--urgent').count()) > 0;
      const hasPickup = (await row.locator('[data-testid="queue-pickup"]').count()) > 0;
      expect(isUrgent || hasPickup, `picklist ${id} ahead of the cut-off one`).toBe(true);
    }
    const leaving = await page.locator('[data-testid="queue-pickup"]').count();
    expect(await page.getByTestId('must-leave-today').textContent()).toBe(`Must leave today${leaving}`);
    expect(errors).toEqual([]);
  });
});
