import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/domain';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { answerSeq, openQueue, scanForAnswer, startRealStation, warehouseId, type RealStation } from './real-station';
import { launchBrowser } from './browser';
import { startDemoBackend } from '../../electron/picqer-demo/server';
import { missingBuild, startStation, valueOf } from './station';
import { pollTimeout, shots, syncNowUntil, syncState, typeSlowly } from './ui-real';

/*
 * The queue screen and the status bar on the real station (built CLI, browser mode) and the demo
 * backend in the test's process: what Picqer holds is what the packer sees, and when Picqer
 * cannot be reached, answers 500 or refuses the key, the status bar says so and what to do.
 */

const notReady = missingBuild();
let real: RealStation | undefined;
/** A picklist of this test's own: urgent, fragile, for a customer nobody else has. */
let fragile: RawPicklist;

beforeAll(async () => {
  if (notReady) return;
  real = await startRealStation({
    prepare(demo) {
      const [first, second] = demo.state.products.filter((p) => p.type === 'normal' && p.barcode);
      if (!first || !second) throw new Error('the demo seed has no plain products');
      fragile = demo.state.addPicklist({
        lines: [
          { idproduct: first.idproduct, amount: 1 },
          { idproduct: second.idproduct, amount: 2 },
        ],
        idwarehouse: warehouseId,
        deliveryname: 'Familie Verbruggen',
        tags: ['Breekbaar'],
        urgent: true,
      });
    },
  });
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

/** The open picklists the station holds, as the page asks for them. */
async function stationQueue(station: RealStation['station']): Promise<QueueItem[]> {
  return valueOf<QueueItem[]>(await station.command('queue.list', {}));
}

const row = (page: Page, idpicklist: number) => page.locator(`tr[data-idpicklist="${idpicklist}"]`);

describe.skipIf(notReady !== null)('the queue and the status bar on the real station', () => {
  it('shows the queue with Picqer’s tag colours, urgency, the pause reason, snoozed picklists, and the status bar', async () => {
    const { demo, station } = real as RealStation;
    const { page, errors } = await openQueue(real as RealStation);
    const held = await stationQueue(station);
    await expect.poll(() => page.locator('tbody tr[data-idpicklist]').count(), { timeout: pollTimeout }).toBe(held.length);
    expect(await page.getByTestId('queue-count').textContent()).toBe(`${held.length} picklists`);

    const urgent = row(page, fragile.idpicklist);
    expect(await urgent.textContent()).toContain('URGENT');
    expect(await urgent.textContent()).toContain('Familie Verbruggen');
    // Breekbaar is #8e24aa with white text in Picqer: the chip uses those colours.
    const tagStyle = `getComputedStyle([...document.querySelectorAll('tr[data-idpicklist="${fragile.idpicklist}"] .tag')].find((el) => el.textContent === 'Breekbaar'))`;
    expect(await page.evaluate(`${tagStyle}.backgroundColor`)).toBe('rgb(142, 36, 170)');
    expect(await page.evaluate(`${tagStyle}.color`)).toBe('rgb(255, 255, 255)');

    const paused = demo.state.picklists.find((p) => p.idwarehouse === warehouseId && p.status === 'paused' && p.paused_reason);
    const snoozed = demo.state.picklists.find((p) => p.idwarehouse === warehouseId && p.status === 'snoozed');
    if (!paused?.paused_reason || !snoozed) throw new Error('the demo seed has no paused (with a reason) or snoozed picklist');
    expect(await row(page, paused.idpicklist).textContent()).toContain(`Paused: ${paused.paused_reason}`);
    expect(await row(page, snoozed.idpicklist).textContent()).toContain('Snoozed');

    const bar = page.locator('footer.status-bar');
    await expect.poll(() => syncState(page), { timeout: pollTimeout }).toBe('idle');
    const barText = (await bar.textContent()) ?? '';
    expect(barText).toMatch(/Synced \d\d:\d\d/);
    expect(barText).toContain('Pack 1 · Hoofdmagazijn Utrecht');
    expect(barText).toContain('Jan de Vries');
    expect(barText).toContain('Browser mode');
    expect(barText).toContain('All changes sent');
    await page.screenshot({ path: join(shots, 'ui-queue.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('follows Picqer after a sync (a new picklist, a pause with its reason) and searches through the station', async () => {
    const { demo, station } = real as RealStation;
    const { page, errors } = await openQueue(real as RealStation);
    const rows = page.locator('tbody tr[data-idpicklist]');
    const before = (await stationQueue(station)).length;
    await expect.poll(() => rows.count(), { timeout: pollTimeout }).toBe(before);

    const product = demo.state.products.find((p) => p.type === 'normal' && p.barcode);
    if (!product) throw new Error('the demo seed has no plain product');
    const arrived = demo.state.addPicklist({ lines: [{ idproduct: product.idproduct, amount: 1 }], idwarehouse: warehouseId, deliveryname: 'Bakkerij Zonneveld' });
    demo.state.pausePicklist(fragile.idpicklist, 'Wacht op de klant');
    await syncNowUntil(page, 'idle');
    await expect.poll(() => row(page, arrived.idpicklist).count(), { timeout: pollTimeout }).toBe(1);
    await expect.poll(() => row(page, fragile.idpicklist).textContent(), { timeout: pollTimeout }).toContain('Paused: Wacht op de klant');
    expect(await rows.count()).toBe(before + 1);
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toBe(`${before + 1} picklists`);

    await page.getByLabel('Search picklists').fill('zonneveld');
    await expect.poll(() => rows.count(), { timeout: pollTimeout }).toBe(1);
    expect(await row(page, arrived.idpicklist).count()).toBe(1);
    await page.getByLabel('Search picklists').fill('nobody-has-this');
    await expect.poll(() => page.locator('.queue-empty').textContent(), { timeout: pollTimeout }).toContain('No picklist matches “nobody-has-this”.');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => rows.count(), { timeout: pollTimeout }).toBe(before + 1);
    demo.state.resumePicklist(fragile.idpicklist);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows every sync problem with what to do: a refused API key (with the way to Setup), a Picqer error, offline; Sync now recovers', async () => {
    const { demo } = real as RealStation;
    const { page, errors } = await openQueue(real as RealStation);
    const sync = page.locator('.sync');
    const rows = page.locator('tbody tr[data-idpicklist]');
    const shown = await rows.count();

    // Picqer refuses the key: every request answers 401 until the key is "replaced".
    demo.faults.refuse(10_000, /./, { status: 401, errorCode: 3, message: 'Invalid API key' });
    await syncNowUntil(page, 'unauthorized');
    expect(await sync.textContent()).toContain('Picqer refused the API key');
    expect(await sync.textContent()).toContain('Create a new API key in Picqer');
    expect(await sync.textContent()).toContain('then open Setup and connect with the new key');
    await page.screenshot({ path: join(shots, 'ui-sync-unauthorized.png') });
    await page.getByRole('button', { name: 'Setup', exact: true }).click();
    const setup = page.getByRole('heading', { name: 'Set up this packing station' });
    await setup.waitFor({ timeout: pollTimeout });
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await setup.waitFor({ state: 'detached', timeout: pollTimeout });
    demo.faults.clear();

    // Picqer answers 500: the sync says which list failed and what Picqer answered.
    demo.faults.setErrorRate(1);
    await syncNowUntil(page, 'error');
    expect(await sync.textContent()).toContain('Sync error');
    expect(await sync.textContent()).toContain('500');
    expect(await sync.textContent()).toContain('packing goes on');
    demo.faults.clear();

    // Picqer cannot be reached: offline, and the queue stays from the local copy.
    await demo.setReachable(false);
    try {
      await syncNowUntil(page, 'offline');
      expect(await sync.textContent()).toContain('Offline');
      expect(await rows.count()).toBe(shown);
    } finally {
      await demo.setReachable(true);
    }
    await syncNowUntil(page, 'idle');
    expect(await sync.textContent()).toMatch(/Synced \d\d:\d\d/);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('asks who is packing above the queue when nobody is signed in, refuses a scan, lets a person type a search, and signs in and out', async () => {
    const { demo } = real as RealStation;
    const { page, errors } = await openQueue(real as RealStation);
    const rows = page.locator('tbody tr[data-idpicklist]');
    const shown = await rows.count();
    const panel = page.getByRole('region', { name: 'Who is packing?' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await panel.waitFor({ timeout: pollTimeout });
    expect(await page.getByTestId('packer-name').textContent()).toBe('Nobody signed in');
    expect(await rows.count()).toBe(shown);
    // Picqer's active users, by name; an inactive one is not offered.
    const active = demo.state.users.filter((u) => u.active).map((u) => `${u.firstname} ${u.lastname}`);
    const names = await panel.locator('.packer-chooser__button').allTextContents();
    expect([...names].sort()).toEqual([...active].sort());
    expect(names).not.toContain('Bram Bakker');
    await page.screenshot({ path: join(shots, 'ui-packer-chooser.png') });

    const scanned = await scanForAnswer(page, fragile.picklistid);
    expect(scanned).toEqual({ tone: 'bad', text: expect.stringContaining('Nobody is signed in') });
    expect(await page.locator('section.pack').count()).toBe(0);

    // A person typing into the search field is searching, not scanning.
    const seq = await answerSeq(page);
    await page.getByLabel('Search picklists').focus();
    await typeSlowly(page, 'verbruggen');
    await expect.poll(() => rows.count(), { timeout: pollTimeout }).toBe(1);
    expect(await page.getByLabel('Search picklists').inputValue()).toBe('verbruggen');
    expect(await answerSeq(page)).toBe(seq);
    await page.getByLabel('Search picklists').fill('');

    // Zofia's Picqer language is English, so the screen stays English after she signs in.
    await panel.getByRole('button', { name: 'Zofia Łukasiewicz' }).click();
    await panel.waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await page.getByTestId('packer-name').textContent()).toBe('Zofia Łukasiewicz');
    await expect.poll(() => rows.count(), { timeout: pollTimeout }).toBe(shown);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await panel.waitFor({ timeout: pollTimeout });
    expect(await rows.count()).toBe(shown);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe.skipIf(notReady !== null)('an empty queue says why', () => {
  it('says it is syncing while the first sync runs, then that the warehouse has no open picklists', async () => {
    // The second warehouse with nothing open, and a slow Picqer so the first sync can be seen.
    const demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k' });
    for (const picklist of demo.state.picklists) if (picklist.idwarehouse === 1830) picklist.status = 'closed';
    demo.faults.setLatency(1000);
    const station = await startStation({ backend: { url: demo.url, apiKey: 'k' }, warehouse: 1830, station: { name: 'Pack 2', language: 'en', packer: 21 } });
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(station.url);
      await expect.poll(() => page.locator('.queue-empty').textContent(), { timeout: pollTimeout }).toContain('Syncing with Picqer');
      expect(await page.locator('.sync').textContent()).toContain('Syncing');
      await page.screenshot({ path: join(shots, 'ui-queue-syncing.png') });
      demo.faults.setLatency(0);
      await expect
        .poll(() => page.locator('.queue-empty').textContent(), { timeout: 120_000 })
        .toContain('No open picklists in Außenlager Düsseldorf');
      expect(await page.locator('tbody tr[data-idpicklist]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await station.stop();
      await demo.close();
    }
  }, 240_000);
});
