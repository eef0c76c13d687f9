import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem, User, Warehouse } from '../../shared/domain';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, repoRoot, startStation, valueOf, type RunningStation } from './station';

/*
 * The built app in browser mode, end to end: `node out/main/cli.js --web` on the embedded demo
 * backend, driven by Chromium exactly as a thin-client station would open it.
 */

const whyNot = missingBuild();
if (whyNot) console.warn(`[e2e] skipping the browser-mode station tests: ${whyNot}`);

const shots = join(repoRoot, 'test-results');
const pollTimeout = 60_000;
let browser: Browser;
let station: RunningStation | null = null;
const pageErrors: string[] = [];
/** Read from the demo backend itself, so the tests follow its seed instead of guessing ids. */
let demoWarehouse: Warehouse;
let secondWarehouse: Warehouse;
let demoPacker: User;

async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  return page;
}

/** The open picklists the station holds, asked over the tooling route: POST /api/queue.list with the token. */
async function stationQueueIds(running: RunningStation): Promise<number[]> {
  return valueOf<QueueItem[]>(await running.command('queue.list', {}))
    .map((item) => item.idpicklist)
    .sort((a, b) => a - b);
}

async function shownQueueIds(page: Page): Promise<number[]> {
  const ids = await page.locator('tbody tr[data-idpicklist]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-idpicklist'))));
  return ids.sort((a, b) => a - b);
}

/**
 * The queue on screen shows exactly the open picklists the station holds, and more than
 * `moreThan` of them. Both sides are read in the same poll: during a sync they grow together.
 */
async function expectQueueMatchesStation(
  page: Page,
  running: RunningStation,
  { timeout = pollTimeout, moreThan = 0 }: { timeout?: number; moreThan?: number } = {},
): Promise<number> {
  let shown = 0;
  await expect
    .poll(async () => {
      const expected = await stationQueueIds(running);
      const ids = await shownQueueIds(page);
      shown = ids.length;
      return expected.length > moreThan && JSON.stringify(ids) === JSON.stringify(expected);
    }, { timeout, interval: 250 })
    .toBe(true);
  return shown;
}

/** The panel above the queue that asks who is packing while nobody is signed in. */
const packerPanel = (page: Page) => page.getByRole('region', { name: 'Who is packing?' });

function firstActiveUser(users: User[]): User {
  const user = users.filter((u) => u.isActive).sort((a, b) => a.name.localeCompare(b.name))[0];
  if (!user) throw new Error('the demo backend has no active users');
  return user;
}

describe.skipIf(whyNot !== null)(`browser-mode station on the demo backend${whyNot ? ` (skipped: ${whyNot})` : ''}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const probe = await startStation({ backend: { demo: true } });
    try {
      const connected = valueOf<{ warehouses: Warehouse[] }>(await probe.command('setup.connect', { backend: { demo: true } }));
      const [warehouse, second] = connected.warehouses.filter((w) => w.isActive);
      if (!warehouse || !second) throw new Error('the demo backend has fewer than two active warehouses');
      demoWarehouse = warehouse;
      secondWarehouse = second;
      demoPacker = firstActiveUser(valueOf<User[]>(await probe.command('setup.users', {})));
    } finally {
      await probe.stop();
    }
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await station?.stop();
    station = null;
    for (const page of browser.context.pages()) await page.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens a station with no configuration at all on the demo queue within 10 s', async () => {
    // No config file and no PACKDESK_CONFIG: only --data-dir (plus --web and a free port).
    station = await startStation();
    const opened = Date.now();
    const page = await openPage(station.url);
    const rows = await expectQueueMatchesStation(page, station, { timeout: Math.max(0, 10_000 - (Date.now() - opened)), moreThan: 60 });
    expect(Date.now() - opened).toBeLessThan(10_000);
    expect(rows).toBeGreaterThan(60);
    expect(await page.locator('.status-bar__demo').isVisible()).toBe(true);
    expect(await page.locator('.status-bar__demo').textContent()).toContain('DEMO');
    // Nobody is signed in: the question sits above the queue instead of replacing it.
    expect(await packerPanel(page).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Open picklists', level: 1 }).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'queue-first-run.png') });
    expect(pageErrors).toEqual([]);
  });

  it('shows the seeded open picklists, and refuses the API without the token', async () => {
    station = await startStation({ backend: { demo: true }, warehouse: demoWarehouse.idwarehouse, station: { name: 'Pack 1', language: 'en' } });
    const packer = demoPacker;

    const page = await openPage(station.url);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    // No packer in the config: the queue shows, with the question who is packing above it.
    await expectQueueMatchesStation(page, station);
    expect(await page.getByTestId('packer-name').textContent()).toBe('Nobody signed in');
    await packerPanel(page).getByRole('button', { name: packer.name, exact: true }).click({ timeout: pollTimeout });
    await expect.poll(() => page.getByTestId('packer-name').textContent(), { timeout: pollTimeout }).toBe(packer.name);
    await packerPanel(page).waitFor({ state: 'detached', timeout: pollTimeout });
    // From here the screen speaks the signed-in packer's Picqer language.
    const isDutch = packer.language === 'nl';
    await expect.poll(() => page.evaluate('document.documentElement.lang'), { timeout: pollTimeout }).toBe(isDutch ? 'nl' : 'en');

    const rows = await expectQueueMatchesStation(page, station);
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toBe(isDutch ? `${rows} picklijst${rows === 1 ? '' : 'en'}` : `${rows} picklist${rows === 1 ? '' : 's'}`);
    const bar = (await page.locator('footer.status-bar').textContent()) ?? '';
    expect(bar).toContain('DEMO');
    expect(bar).toContain('Pack 1');
    expect(bar).toContain(isDutch ? 'Browsermodus' : 'Browser mode');

    // The event WebSocket is up: the bar says nothing about connecting or reconnecting.
    await expect.poll(() => page.locator('.status-bar__connection').count(), { timeout: pollTimeout }).toBe(0);

    const refused = await station.command('queue.list', {}, false);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // A reload has no token in the address any more; the page keeps working from its own copy.
    await page.reload();
    await expectQueueMatchesStation(page, station);
    await page.screenshot({ path: join(shots, 'queue.png') });
    expect(pageErrors).toEqual([]);

    // The station goes away: the page says so instead of showing a queue that silently stops.
    await station.stop();
    station = null;
    await expect
      .poll(() => page.locator('.status-bar__connection').textContent(), { timeout: pollTimeout })
      .toBe(isDutch ? 'Contact met het pakstation kwijt, opnieuw verbinden…' : 'Lost contact with the station, reconnecting…');
    // What the station last said of sync and the outbox is not claimed any more, and the message is read whole.
    expect(await page.locator('footer.status-bar .outbox, footer.status-bar .sync').count()).toBe(0);
    expect(await page.locator('.status-bar__connection').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  it('signs in the packer from the config and goes straight to the queue', async () => {
    const packer = demoPacker;
    station = await startStation({
      backend: { demo: true },
      warehouse: demoWarehouse.idwarehouse,
      station: { name: 'Pack 2', language: 'nl', packer: packer.iduser },
    });
    const page = await openPage(station.url);
    await expectQueueMatchesStation(page, station);
    expect(await page.getByTestId('packer-name').textContent()).toBe(packer.name);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Open picklijsten');
    await page.screenshot({ path: join(shots, 'queue-nl.png') });
  });

  it('sets up a new station with the demo warehouse and then shows its queue', async () => {
    // Only a backend, no warehouse or station yet: the station asks. (With no config file at all
    // main opens straight onto a ready-made "Demo station", by design, so Setup never shows.)
    station = await startStation({ backend: { demo: true } });
    const page = await openPage(station.url);
    await page.getByRole('heading', { name: 'Set up this packing station' }).waitFor({ timeout: pollTimeout });
    // Nothing to go back to yet: no Cancel, and no Setup button in the status bar.
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Setup', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Try the demo warehouse' }).click();
    await page.locator('.setup__connected-text').waitFor({ timeout: pollTimeout });

    await page.getByLabel(demoWarehouse.name, { exact: true }).check();
    await page.getByLabel('Station name').fill('Pack 7');
    const packerSelect = page.getByLabel('Who packs at this station?');
    await expect.poll(() => packerSelect.locator('option').count(), { timeout: pollTimeout }).toBeGreaterThan(1);
    const packerName = (await packerSelect.locator('option').nth(1).textContent()) ?? '';
    await packerSelect.selectOption({ index: 1 });
    await page.screenshot({ path: join(shots, 'setup.png') });
    await page.getByRole('button', { name: 'Save and open the queue' }).click();

    await expectQueueMatchesStation(page, station);
    const bar = (await page.locator('footer.status-bar').textContent()) ?? '';
    expect(bar).toContain(`Pack 7 · ${demoWarehouse.name}`);
    expect(bar).toContain(packerName);
    expect(valueOf<{ stationName: string; isConfigured: boolean }>(await station.command('app.state', {}))).toMatchObject({
      stationName: 'Pack 7',
      isConfigured: true,
    });
    await page.screenshot({ path: join(shots, 'setup-done.png') });
    expect(pageErrors).toEqual([]);
  });

  it('opens Setup from the status bar, cancels back to the queue, then moves the station to another warehouse', async () => {
    expect(secondWarehouse.idwarehouse).toBe(1830);
    const running = await startStation();
    station = running;
    const page = await openPage(running.url);
    const before = await expectQueueMatchesStation(page, running);
    const setupButton = page.getByRole('button', { name: 'Setup', exact: true });
    const setupHeading = page.getByRole('heading', { name: 'Set up this packing station' });

    await setupButton.click();
    await setupHeading.waitFor({ timeout: pollTimeout });
    expect(await page.locator('tbody tr[data-idpicklist]').count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await setupHeading.waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await expectQueueMatchesStation(page, running)).toBeGreaterThanOrEqual(before);
    expect(valueOf<{ warehouse: Warehouse | null }>(await running.command('app.state', {})).warehouse?.idwarehouse).toBe(
      demoWarehouse.idwarehouse,
    );

    await setupButton.click();
    await setupHeading.waitFor({ timeout: pollTimeout });
    await page.getByRole('button', { name: 'Try the demo warehouse' }).click();
    await page.locator('.setup__connected-text').waitFor({ timeout: pollTimeout });
    await page.getByLabel(secondWarehouse.name, { exact: true }).check();
    await page.getByLabel('Station name').fill('Pack 9');
    await page.screenshot({ path: join(shots, 'setup-reopened.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save and open the queue' }).click();
    await setupHeading.waitFor({ state: 'detached', timeout: pollTimeout });

    await expect
      .poll(async () => valueOf<{ warehouse: Warehouse | null }>(await running.command('app.state', {})).warehouse?.idwarehouse)
      .toBe(secondWarehouse.idwarehouse);
    await expectQueueMatchesStation(page, running);
    await expect.poll(() => page.locator('footer.status-bar').textContent()).toContain(`Pack 9 · ${secondWarehouse.name}`);
    await page.screenshot({ path: join(shots, 'queue-second-warehouse.png') });
    expect(pageErrors).toEqual([]);
  });
});
