import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppState, QueueItem } from '../../shared/domain';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, startStation, valueOf, type RunningStation } from './station';
import { pollTimeout, shots, typeSlowly } from './ui-real';

/*
 * Setup on the real station with the embedded demo, in Dutch: opened again from the status bar it
 * shows the settings as they are and Cancel changes nothing; a new station is set up from the
 * keyboard, with the station's own refusals shown in place, and the first-run checklist follows.
 */

const notReady = missingBuild();
let browser: Browser | undefined;
let station: RunningStation | undefined;

beforeAll(async () => {
  if (!notReady) browser = await launchBrowser();
}, 60_000);

afterEach(async () => {
  await station?.stop();
  station = undefined;
});

afterAll(async () => {
  await browser?.close();
});

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (browser as Browser).context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

const appState = async (running: RunningStation) => valueOf<AppState>(await running.command('app.state', {}));

describe.skipIf(notReady !== null)('Setup on the real station, in Dutch', () => {
  it('opens from the status bar filled in with the current settings, and Cancel changes nothing', async () => {
    const running = await startStation({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 1', language: 'nl', packer: 21 } });
    station = running;
    const before = await appState(running);
    const { page, errors } = await openPage(running.url);
    const rows = page.locator('tbody tr[data-idpicklist]');
    await rows.first().waitFor({ timeout: pollTimeout });
    const heading = page.getByRole('heading', { name: 'Dit pakstation instellen' });

    await page.getByRole('button', { name: 'Instellen', exact: true }).click();
    await heading.waitFor({ timeout: pollTimeout });
    expect(await page.getByRole('button', { name: 'Instellen', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Probeer het demomagazijn' }).click();
    await page.locator('.setup__connected-text').waitFor({ timeout: pollTimeout });
    // The current settings are filled in: warehouse, name and the packer who is signed in.
    const warehouseName = before.warehouse?.name ?? '';
    expect(warehouseName).not.toBe('');
    expect(await page.getByLabel(warehouseName, { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Naam van het pakstation').inputValue()).toBe('Pack 1');
    await expect.poll(() => page.getByLabel('Wie pakt er in op dit station?').inputValue(), { timeout: pollTimeout }).toBe('21');
    await page.screenshot({ path: join(shots, 'ui-setup-reopened.png'), fullPage: true });

    // English chosen but not saved: the window speaks it while Setup is open, and Cancel takes it back.
    const bar = page.locator('footer.status-bar');
    await page.getByLabel('English').check();
    await page.getByRole('heading', { name: 'Set up this packing station' }).waitFor({ timeout: pollTimeout });
    await expect.poll(() => bar.textContent(), { timeout: pollTimeout }).toContain('Browser mode');
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await page.getByRole('heading', { name: 'Set up this packing station' }).waitFor({ state: 'detached', timeout: pollTimeout });
    await rows.first().waitFor({ timeout: pollTimeout });
    await expect.poll(() => bar.textContent(), { timeout: pollTimeout }).toContain('Browsermodus');
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    const after = await appState(running);
    expect({ warehouse: after.warehouse, stationName: after.stationName, language: after.language, packer: after.packer }).toEqual({
      warehouse: before.warehouse,
      stationName: before.stationName,
      language: before.language,
      packer: before.packer,
    });

    // Opened again it starts at the connection step, not where it was left.
    await page.getByRole('button', { name: 'Instellen', exact: true }).click();
    await page.getByRole('button', { name: 'Probeer het demomagazijn' }).waitFor({ timeout: pollTimeout });
    expect(await page.locator('.setup__connected-text').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('sets up a new station from the keyboard: a refused subdomain, Dutch, the demo warehouse, a missing warehouse, then the checklist', async () => {
    const running = await startStation({ backend: { demo: true } });
    station = running;
    const { page, errors } = await openPage(running.url);
    await page.getByRole('heading', { name: 'Set up this packing station' }).waitFor({ timeout: pollTimeout });

    // A whole address where only the subdomain goes: the station refuses it, and says how it should
    // look, in view on a touch station's screen.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByLabel('Picqer subdomain').fill('https://acme.picqer.com');
    await page.getByLabel('API key').fill('wrong');
    await page.getByLabel('API key').press('Enter');
    const refused = page.locator('.setup .error-message');
    await expect.poll(() => refused.textContent(), { timeout: pollTimeout }).toContain('Something in what was entered is not right.');
    expect(await refused.textContent()).toContain('Use only the subdomain');
    const refusalInView = `(() => {
      const refusal = document.querySelector('.setup .error-message').getBoundingClientRect();
      const bar = document.querySelector('footer.status-bar').getBoundingClientRect();
      return refusal.top >= 0 && refusal.bottom <= bar.top;
    })()`;
    await expect.poll(() => page.evaluate<boolean>(refusalInView), { timeout: pollTimeout }).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await page.locator('.setup__connected-text').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'ui-setup.png'), fullPage: true });

    await page.getByLabel('Nederlands').check();
    await page.getByRole('heading', { name: 'Dit pakstation instellen' }).waitFor({ timeout: pollTimeout });
    // Before anything is saved the whole window speaks Dutch, the status bar too.
    const bar = page.locator('footer.status-bar');
    await expect.poll(() => bar.textContent(), { timeout: pollTimeout }).toContain('Browsermodus');
    expect(await bar.textContent()).not.toContain('Browser mode');
    if ((await bar.locator('.status-bar__demo').count()) > 0) expect(await bar.locator('.status-bar__demo').getAttribute('title')).toBe('Demomagazijn: er gaat niets naar Picqer');
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    await page.getByRole('button', { name: 'Probeer het demomagazijn' }).click();
    await expect.poll(() => page.locator('.setup__connected-text').textContent(), { timeout: pollTimeout }).toContain('Verbonden met het demomagazijn als');
    const warehouses = page.locator('input[name="warehouse"]');
    expect(await warehouses.count()).toBe(2);

    await page.getByRole('button', { name: 'Opslaan en wachtrij openen' }).click();
    await expect.poll(() => page.locator('.form-problem').textContent(), { timeout: pollTimeout }).toBe('Kies eerst een magazijn.');
    await warehouses.nth(1).check();
    const secondName = (await warehouses.nth(1).locator('xpath=ancestor::label[1]').textContent())?.trim() ?? '';
    await page.getByLabel('Naam van het pakstation').fill('');
    await page.getByLabel('Naam van het pakstation').focus();
    await typeSlowly(page, 'Inpak 3');
    const packerSelect = page.getByLabel('Wie pakt er in op dit station?');
    await expect.poll(() => packerSelect.locator('option').count(), { timeout: pollTimeout }).toBeGreaterThan(1);
    const packerName = (await packerSelect.locator('option').nth(1).textContent()) ?? '';
    await packerSelect.selectOption({ index: 1 });
    await page.screenshot({ path: join(shots, 'ui-setup-nl.png'), fullPage: true });
    // Saved from low on the long form: the queue that follows starts at its top, checklist in view.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate("(() => { const main = document.querySelector('main'); if (main) main.scrollTop = main.scrollHeight; })()");
    expect(await page.evaluate("document.querySelector('main').scrollTop")).toBeGreaterThan(0);
    await page.getByLabel('Naam van het pakstation').press('Enter');

    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
    const saved = await appState(running);
    expect(saved).toMatchObject({ stationName: 'Inpak 3', language: 'nl', isConfigured: true });
    expect(saved.warehouse?.name).toBe(secondName);
    expect(saved.packer?.name).toBe(packerName);
    const held = valueOf<QueueItem[]>(await running.command('queue.list', {})).length;
    await expect.poll(() => page.getByTestId('queue-count').textContent(), { timeout: pollTimeout }).toBe(`${held} picklijst${held === 1 ? '' : 'en'}`);
    expect(await page.locator('footer.status-bar').textContent()).toContain(`Inpak 3 · ${secondName}`);
    // The first-run checklist follows Setup: the printers and the scanner are next.
    const checklist = page.getByRole('region', { name: 'Voor het eerste pakket' });
    await checklist.waitFor({ timeout: pollTimeout });
    expect(await checklist.locator('li[data-checklist]').count()).toBe(4);
    expect(await page.evaluate("document.querySelector('main').scrollTop")).toBe(0);
    await checklist.getByRole('button', { name: 'Klaar: beginnen met inpakken' }).click();
    await checklist.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    await page.screenshot({ path: join(shots, 'ui-queue-nl.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
