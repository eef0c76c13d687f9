import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/domain';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, startStation, valueOf, type RunningStation } from './station';

/*
 * A thin-client station whose Packdesk process restarts (an update, a crash, a reboot of the
 * box) while the page stays open: the tab must find its way back by itself, with the same
 * access and the same packer, and nobody has to go looking for a new link.
 */

const whyNot = missingBuild();
if (whyNot) console.warn(`[e2e] skipping the browser-mode restart tests: ${whyNot}`);

const pollTimeout = 60_000;
const config = { backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 3', language: 'en', idleSignOutMinutes: 15 } };
let browser: Browser;
let station: RunningStation | null = null;
let dir: string;
const pageErrors: string[] = [];

/** The status bar's "reconnecting", in whichever language the signed-in packer speaks. */
const reconnecting = (page: Page) => page.locator('.status-bar__connection--reconnecting');
const packerPanel = (page: Page) => page.getByRole('region', { name: 'Who is packing?' });

async function shownQueueIds(page: Page): Promise<number[]> {
  const ids = await page.locator('tbody tr[data-idpicklist]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-idpicklist'))));
  return ids.sort((a, b) => a - b);
}

async function expectQueueMatchesStation(page: Page, running: RunningStation): Promise<void> {
  await expect
    .poll(async () => {
      const expected = valueOf<QueueItem[]>(await running.command('queue.list', {}))
        .map((item) => item.idpicklist)
        .sort((a, b) => a - b);
      const ids = await shownQueueIds(page);
      return expected.length > 0 && JSON.stringify(ids) === JSON.stringify(expected);
    }, { timeout: pollTimeout, interval: 250 })
    .toBe(true);
}

describe.skipIf(whyNot !== null)(`browser-mode station restart${whyNot ? ` (skipped: ${whyNot})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await station?.stop();
    station = null;
    rmSync(dir, { recursive: true, force: true });
    expect(pageErrors).toEqual([]);
  });

  it('the open tab reconnects by itself after a restart and shows the queue and the same packer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-restart-'));
    const dataDir = join(dir, 'data');
    station = await startStation(config, 60_000, { dataDir });
    const { port } = new URL(station.origin);

    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Every command goes over the one socket, also the ones made while it was down.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.goto(station.url);
    await expectQueueMatchesStation(page, station);
    const firstPacker = packerPanel(page).getByRole('button').first();
    await firstPacker.waitFor({ timeout: pollTimeout });
    const packerName = (await firstPacker.textContent())?.trim() ?? '';
    await firstPacker.click();
    await expect.poll(() => page.getByTestId('packer-name').textContent(), { timeout: pollTimeout }).toBe(packerName);

    await station.stop();
    station = null;
    await expect.poll(() => reconnecting(page).isVisible(), { timeout: pollTimeout }).toBe(true);

    station = await startStation(config, 60_000, { dataDir, port: Number(port) });
    const restarted = station;
    await expect.poll(() => reconnecting(page).isVisible(), { timeout: pollTimeout }).toBe(false);
    await expectQueueMatchesStation(page, restarted);
    await expect.poll(() => page.getByTestId('packer-name').textContent(), { timeout: pollTimeout }).toBe(packerName);
    expect(await page.locator('#startup-title').count()).toBe(0);
    expect(posts).toEqual([]);

    // The tab closed and a new one opened on the bare address: its cookie still lets it in.
    await page.close();
    const again = await browser.context.newPage();
    again.on('pageerror', (error) => pageErrors.push(error.message));
    await again.goto(restarted.origin + '/');
    await expectQueueMatchesStation(again, restarted);
    await expect.poll(() => again.getByTestId('packer-name').textContent(), { timeout: pollTimeout }).toBe(packerName);

    // An API address typed in the address bar gets a page in words, not JSON.
    await again.goto(restarted.origin + '/api/queue.list');
    // In the station's words: the signed-in packer's language.
    expect(await again.getByRole('heading', { level: 1 }).textContent()).toMatch(/^(This address is for the station itself|Dit adres is voor het pakstation zelf)$/);
    expect(await again.content()).not.toContain('"ok"');
    await again.close();
  });

  it('after --rotate-token the old cookie no longer opens the station, and the open tab says so', async () => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-restart-'));
    const dataDir = join(dir, 'data');
    station = await startStation(config, 60_000, { dataDir });
    const { port } = new URL(station.origin);
    const oldToken = station.token;
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(station.url);
    await expectQueueMatchesStation(page, station);
    await station.stop();

    station = await startStation(config, 60_000, { dataDir, port: Number(port), args: ['--rotate-token'] });
    expect(station.token).not.toBe(oldToken);
    // The open tab does not reconnect for ever: it reloads and the station says what is needed.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: pollTimeout }).toBe('This station needs its link');
    await page.goto(station.origin + '/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This station needs its link');
    await page.goto(station.url);
    await expectQueueMatchesStation(page, station);
    await page.close();
  });
});
