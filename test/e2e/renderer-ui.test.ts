import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { fakeBridgeScript, stationFixture, type FakeStation } from './fake-bridge';
import { serveDirectory } from './static-server';

/*
 * The renderer as built for Electron, in Chromium, against a fake preload bridge: every screen
 * and state without the main process, so the UI can be checked (and looked at) on its own.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(repoRoot, 'test-results');
let outDir = '';
let server: Awaited<ReturnType<typeof serveDirectory>>;
let browser: Browser;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'packdesk-renderer-'));
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await serveDirectory(outDir);
  browser = await launchBrowser();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function open(station: FakeStation): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.addInitScript({ content: fakeBridgeScript(station) });
  await page.goto(server.url);
  return { page, errors };
}

async function callsOf(page: Page, name: string): Promise<unknown[]> {
  return page.evaluate(`window.__fake.calls.filter((c) => c.name === ${JSON.stringify(name)}).map((c) => c.input)`);
}

describe('renderer against a fake bridge', () => {
  it('shows the queue with tags, urgency, pauses and the status bar', async () => {
    const { page, errors } = await open(stationFixture());
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toBe('5 picklists');

    const urgent = page.locator('tr[data-idpicklist="101"]');
    expect(await urgent.textContent()).toContain('URGENT');
    const fragile = `getComputedStyle(document.querySelector('tr[data-idpicklist="101"] .tag'))`;
    expect(await page.evaluate(`${fragile}.backgroundColor`)).toBe('rgb(214, 0, 28)');
    expect(await page.evaluate(`${fragile}.color`)).toBe('rgb(255, 255, 255)');
    expect(await page.locator('tr[data-idpicklist="103"]').textContent()).toContain('Paused: Damaged item, waiting for replacement');
    expect(await page.locator('tr[data-idpicklist="104"]').textContent()).toContain('Snoozed');

    const bar = page.locator('footer.status-bar');
    const barText = await bar.textContent();
    expect(barText).toContain('DEMO');
    expect(barText).toContain('Synced 09:41');
    expect(barText).toContain('Pack 1 · Hoofdmagazijn Eindhoven');
    expect(barText).toContain('Sanne de Vries');
    expect(barText).toContain('Desktop app');
    await page.screenshot({ path: join(shots, 'ui-queue.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('re-reads the queue on queue.changed and filters through queue.list', async () => {
    const { page } = await open(stationFixture());
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);

    await page.evaluate('window.__fake.setQueue(window.__fake.data.queue.slice(0, 2))');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toBe('2 picklists');

    await page.evaluate('window.__fake.data.queue = ' + JSON.stringify(stationFixture().queue));
    await page.getByLabel('Search picklists').fill('jansen');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await callsOf(page, 'queue.list')).toContainEqual({ search: 'jansen' });

    await page.getByLabel('Search picklists').fill('nobody-has-this');
    await expect.poll(() => page.locator('.queue-empty').textContent()).toContain('No picklist matches “nobody-has-this”.');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => rows.count()).toBe(5);
    await page.close();
  });

  it('says why the queue is empty', async () => {
    const syncing = stationFixture({ queue: [], sync: { state: 'syncing', progress: { phase: 'picklists', done: 40, total: 120 }, lastSyncedAt: null, message: null } });
    const { page } = await open(syncing);
    await expect.poll(() => page.locator('.queue-empty').textContent()).toContain('Syncing with Picqer');
    expect(await page.locator('.sync').textContent()).toContain('Syncing picklists');
    expect(await page.locator('.sync').textContent()).toContain('40 of 120');
    await page.screenshot({ path: join(shots, 'ui-queue-syncing.png') });

    await page.evaluate(`window.__fake.setSync(${JSON.stringify({ state: 'idle', progress: null, lastSyncedAt: '2026-03-02T10:05:00Z', message: null })})`);
    await expect.poll(() => page.locator('.queue-empty').textContent()).toContain('No open picklists in Hoofdmagazijn Eindhoven');
    await page.close();
  });

  it('shows every sync problem with what to do', async () => {
    const { page } = await open(stationFixture());
    const sync = page.locator('.sync');
    await expect.poll(() => sync.textContent()).toContain('Synced');

    await page.evaluate(`window.__fake.setSync(${JSON.stringify({ state: 'offline', progress: null, lastSyncedAt: '2026-03-02T08:41:00Z', message: null })})`);
    await expect.poll(() => sync.textContent()).toContain('Offline');
    expect(await sync.textContent()).toContain('local copy');

    await page.evaluate(`window.__fake.setSync(${JSON.stringify({ state: 'error', progress: null, lastSyncedAt: null, message: 'Picqer answered HTTP 500' })})`);
    await expect.poll(() => sync.textContent()).toContain('Sync error');
    expect(await sync.textContent()).toContain('Picqer answered HTTP 500');

    await page.evaluate(`window.__fake.setSync(${JSON.stringify({ state: 'unauthorized', progress: null, lastSyncedAt: null, message: 'API key rejected (401)' })})`);
    await expect.poll(() => sync.textContent()).toContain('Picqer refused the API key');
    expect(await sync.textContent()).toContain('Create a new API key in Picqer');
    await page.screenshot({ path: join(shots, 'ui-sync-unauthorized.png') });

    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => callsOf(page, 'sync.now')).toHaveLength(1);
    await page.close();
  });

  it('asks who is packing above the queue when nobody is signed in, and signs in and out', async () => {
    const station = stationFixture();
    station.appState = { ...station.appState, packer: null };
    const { page, errors } = await open(station);
    const panel = page.getByRole('region', { name: 'Who is packing?' });
    const rows = page.locator('tbody tr');
    await panel.waitFor();
    await expect.poll(() => rows.count()).toBe(5);
    expect(await page.getByTestId('packer-name').textContent()).toBe('Nobody signed in');
    const names = await panel.locator('.packer-chooser__button').allTextContents();
    expect(names).toEqual(['Lotte Bakker', 'Mehmet Yilmaz', 'Sanne de Vries']);
    await page.screenshot({ path: join(shots, 'ui-packer-chooser.png') });

    await panel.getByRole('button', { name: 'Mehmet Yilmaz' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await page.getByTestId('packer-name').textContent()).toBe('Mehmet Yilmaz');
    expect(await rows.count()).toBe(5);
    expect(await callsOf(page, 'packer.signIn')).toEqual([{ iduser: 8 }]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await panel.waitFor();
    expect(await rows.count()).toBe(5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens Setup from the status bar, in the station language, and Cancel changes nothing', async () => {
    const station = stationFixture();
    station.appState = { ...station.appState, language: 'nl' };
    const { page, errors } = await open(station);
    const heading = page.getByRole('heading', { name: 'Dit pakstation instellen' });
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);

    await page.getByRole('button', { name: 'Instellen', exact: true }).click();
    await heading.waitFor();
    expect(await page.getByRole('button', { name: 'Instellen', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Probeer het demomagazijn' }).click();
    await page.locator('.setup__connected-text').waitFor();
    // The current settings are filled in: warehouse, name and the packer who is signed in.
    expect(await page.getByLabel('Hoofdmagazijn Eindhoven').isChecked()).toBe(true);
    expect(await page.getByLabel('Naam van het pakstation').inputValue()).toBe('Pack 1');
    await expect.poll(() => page.getByLabel('Wie pakt er in op dit station?').inputValue()).toBe('7');
    await page.screenshot({ path: join(shots, 'ui-setup-reopened.png'), fullPage: true });

    await page.getByRole('button', { name: 'Annuleren' }).first().click();
    await heading.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    expect(await callsOf(page, 'setup.save')).toEqual([]);

    // Opened again it starts at the connection step, not where it was left.
    await page.getByRole('button', { name: 'Instellen', exact: true }).click();
    await page.getByRole('button', { name: 'Probeer het demomagazijn' }).waitFor();
    expect(await page.locator('.setup__connected-text').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells the packer to open Setup when Picqer refuses the API key', async () => {
    const station = stationFixture({ sync: { state: 'unauthorized', progress: null, lastSyncedAt: null, message: 'API key rejected (401)' } });
    const { page } = await open(station);
    await expect.poll(() => page.locator('.sync').textContent()).toContain('then open Setup and connect with the new key');
    await page.getByRole('button', { name: 'Setup', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up this packing station' }).waitFor();
    await page.close();
  });

  it('sets up a station with the demo warehouse, in Dutch, from the keyboard', async () => {
    const station = stationFixture();
    station.appState = { ...station.appState, isConfigured: false, isDemo: false, backend: null, warehouse: null, stationName: null, packer: null };
    const { page, errors } = await open(station);
    await expect.poll(() => page.getByRole('heading', { name: 'Set up this packing station' }).count()).toBe(1);

    await page.getByLabel('Picqer subdomain').fill('acme');
    await page.getByLabel('API key').fill('wrong');
    await page.getByLabel('API key').press('Enter');
    await expect.poll(() => page.locator('.error-message').textContent()).toContain('Access refused');
    await page.screenshot({ path: join(shots, 'ui-setup.png'), fullPage: true });

    await page.getByLabel('Nederlands').check();
    await expect.poll(() => page.getByRole('heading', { name: 'Dit pakstation instellen' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Probeer het demomagazijn' }).click();
    await expect.poll(() => page.locator('.setup__connected-text').textContent()).toContain('Verbonden met het demomagazijn als Demo admin');
    expect(await page.locator('input[name="warehouse"]').count()).toBe(2);

    await page.getByRole('button', { name: 'Opslaan en wachtrij openen' }).click();
    await expect.poll(() => page.locator('.form-problem').textContent()).toBe('Kies eerst een magazijn.');
    await page.getByLabel('Retourmagazijn').check();
    await page.getByLabel('Naam van het pakstation').fill('Inpak 3');
    await page.getByLabel('Wie pakt er in op dit station?').selectOption({ label: 'Lotte Bakker' });
    await page.screenshot({ path: join(shots, 'ui-setup-nl.png'), fullPage: true });
    await page.getByLabel('Naam van het pakstation').press('Enter');

    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    expect(await callsOf(page, 'setup.save')).toEqual([{ warehouse: 2, stationName: 'Inpak 3', language: 'nl', packer: 10 }]);
    expect(await page.getByTestId('queue-count').textContent()).toBe('5 picklijsten');
    expect(await page.locator('footer.status-bar').textContent()).toContain('Inpak 3 · Retourmagazijn');
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    await page.screenshot({ path: join(shots, 'ui-queue-nl.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
