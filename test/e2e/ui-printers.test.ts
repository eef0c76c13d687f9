import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import { launchBrowser, type Browser } from './browser';
import { scannerBurst } from './keys';
import { answerSeq, packerId, scanForAnswer, simplePicklists, unitCodes, warehouseId } from './real-station';
import { missingBuild, startStation, valueOf, type RunningStation } from './station';
import { backToQueue, pollTimeout, progressText, shots } from './ui-real';

/*
 * Choosing printers in Settings and printing product labels, on the real station in Chromium: by
 * keyboard where a shift lead would, with the station's own refusals shown in place. The label
 * printer in the config file is a CUPS queue this machine does not have, as on a station moved to
 * another computer; product labels go to a folder chosen here.
 */

const notReady = missingBuild();
let demo: DemoBackend | undefined;
let station: RunningStation | undefined;
let browser: Browser | undefined;
let dir = '';

beforeAll(async () => {
  if (notReady) return;
  dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-printers-'));
  demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k' });
  station = await startStation({
    backend: { url: demo.url, apiKey: 'k' },
    warehouse: warehouseId,
    station: { name: 'Pack 1', language: 'en', packer: packerId },
    printers: { label: { driver: 'cups', queue: 'Office_Laser' }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A person typing: slower than any scanner. */
async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 180 });
}

const focusedId = (page: Page) => page.evaluate<string>('document.activeElement?.id ?? ""');

async function openSettings(): Promise<{ page: Page; errors: string[] }> {
  const page = await (browser as Browser).context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto((station as RunningStation).url);
  await backToQueue(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: pollTimeout });
  return { page, errors };
}

const productLabelFiles = () => {
  try {
    return readdirSync(join(dir, 'product-labels')).filter((f) => !f.startsWith('.'));
  } catch {
    return [];
  }
};

describe.skipIf(notReady !== null)('choosing printers in Settings on the real station', () => {
  it('changes the label printer to a network printer by keyboard, shows a refused host in place, and goes back to the config file', async () => {
    const { page, errors } = await openSettings();
    const seq = await answerSeq(page);
    expect(await page.locator('.settings__hint').first().textContent()).toContain('unless one is chosen here');

    const label = page.locator('tr[data-document-type="label"]');
    // Named as people know it; the driver's id is there for whoever hovers.
    await expect.poll(() => label.locator('td').first().textContent(), { timeout: pollTimeout }).toBe('Office_Laser');
    expect(await label.locator('td').first().getAttribute('title')).toBe('cups:Office_Laser');
    await expect.poll(() => page.getByTestId('printer-health-label').textContent(), { timeout: pollTimeout }).toContain('Not reachable');
    expect(await page.getByTestId('printer-health-label').textContent()).toContain('CUPS has no queue named Office_Laser');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('from the config file');
    expect(await page.getByTestId('printer-source-packingSlip').textContent()).toBe('from the config file');
    expect(await page.getByTestId('printer-source-productLabel').textContent()).toBe('not set');

    const change = page.getByRole('button', { name: 'Change the printer for Shipping label' });
    expect(await change.getAttribute('aria-expanded')).toBe('false');
    await change.focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('form', { name: 'Choose the printer: Shipping label' });
    await editor.waitFor();
    expect(await change.getAttribute('aria-expanded')).toBe('true');
    // The editor starts from the printer as it is, with focus on its driver; the queue it names is
    // not on this computer, and the editor says so instead of dropping it.
    expect(await editor.getByRole('radio', { name: 'CUPS queue on this computer' }).isChecked()).toBe(true);
    expect(await editor.getByLabel('CUPS queue', { exact: true }).inputValue()).toBe('Office_Laser');
    expect(await editor.getByRole('option', { name: 'Office_Laser: not found on this computer now' }).count()).toBe(1);
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("value") ?? ""')).toBe('cups');
    // Only a printer chosen here can be forgotten again.
    expect(await editor.getByRole('button', { name: 'Use the config file’s printer' }).count()).toBe(0);

    // Arrow keys move through the driver radios; Tab goes on to the host.
    await page.keyboard.press('ArrowRight');
    expect(await editor.getByRole('radio', { name: 'Network printer (raw TCP)' }).isChecked()).toBe(true);
    expect(await editor.getByLabel('Port').inputValue()).toBe('9100');
    expect(await editor.getByRole('radio', { name: 'ZPL (Zebra and other label printers)' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('printer-editor-label-host');
    await typeSlowly(page, 'http://127.0.0.1');
    await page.keyboard.press('Enter');

    // The station refuses the host: said next to the field and above the buttons; nothing typed is lost.
    const host = editor.getByLabel('IP address or host name');
    await expect.poll(() => host.getAttribute('aria-invalid'), { timeout: pollTimeout }).toBe('true');
    expect(await editor.locator('#printer-editor-label-host-problem').textContent()).toBe('Enter an IP address or host name, without http:// and without the port.');
    expect(await editor.getByRole('alert').textContent()).toContain('printer.host');
    expect(await host.getAttribute('aria-describedby')).toContain('printer-editor-label-host-problem');
    expect(await host.inputValue()).toBe('http://127.0.0.1');
    expect(await editor.getByLabel('Port').inputValue()).toBe('9100');
    expect(await focusedId(page)).toBe('printer-editor-label-host');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('from the config file');
    await page.screenshot({ path: join(shots, 'settings-printer-refused.png'), fullPage: true });

    await page.keyboard.press('Control+A');
    await typeSlowly(page, '127.0.0.1');
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await label.locator('td').first().textContent()).toBe('127.0.0.1:9100');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('chosen here');
    // Nothing listens on that port here: the health says so at once.
    await expect.poll(() => page.getByTestId('printer-health-label').textContent(), { timeout: pollTimeout }).toContain('Not reachable');
    expect(await page.getByTestId('printer-saved').textContent()).toBe('Shipping label: saved. It prints on the printer chosen here.');
    await page.screenshot({ path: join(shots, 'settings-printer-saved.png') });
    // Back where the change started.
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("aria-label") ?? ""')).toBe('Change the printer for Shipping label');
    const saved = valueOf<Array<{ documentType: string; config: unknown; source: string | null }>>(await (station as RunningStation).command('printers.list', {}));
    expect(saved.find((p) => p.documentType === 'label')).toMatchObject({ config: { driver: 'raw-tcp', host: '127.0.0.1', port: 9100, format: 'zpl' }, source: 'settings' });

    // And back to the config file's printer.
    await change.click();
    await editor.getByRole('button', { name: 'Use the config file’s printer' }).click();
    await editor.waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await label.locator('td').first().textContent()).toBe('Office_Laser');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('from the config file');
    // The keys typed into the editor were never taken for scans.
    expect(await answerSeq(page)).toBe(seq);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('refuses an empty folder, Cancel changes nothing, then chooses a folder for product labels', async () => {
    const { page, errors } = await openSettings();
    const productLabel = page.locator('tr[data-document-type="productLabel"]');
    await expect.poll(() => productLabel.textContent(), { timeout: pollTimeout }).toContain('No printer: none in the config file');

    await page.getByRole('button', { name: 'Change the printer for Product label' }).click();
    const editor = page.getByRole('form', { name: 'Choose the printer: Product label' });
    expect(await editor.getByRole('radio', { name: 'No printer' }).isChecked()).toBe(true);
    await editor.getByRole('radio', { name: 'Folder (every job as a file)' }).check();
    await editor.getByLabel('Folder', { exact: true }).fill('   ');
    await editor.getByRole('button', { name: 'Save printer' }).click();
    await expect.poll(() => editor.locator('#printer-editor-productLabel-path-problem').textContent(), { timeout: pollTimeout }).toBe('Enter a folder.');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await editor.waitFor({ state: 'detached' });
    expect(await page.getByTestId('printer-source-productLabel').textContent()).toBe('not set');

    await page.getByRole('button', { name: 'Change the printer for Product label' }).click();
    // A refusal from before belongs to that attempt, not to a new editor.
    expect(await editor.getByRole('alert').count()).toBe(0);
    await editor.getByRole('radio', { name: 'Folder (every job as a file)' }).check();
    await editor.getByLabel('Folder', { exact: true }).fill(join(dir, 'product-labels'));
    await editor.getByRole('button', { name: 'Save printer' }).click();
    await editor.waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await productLabel.locator('td').first().textContent()).toBe(join(dir, 'product-labels'));
    expect(await page.getByTestId('printer-source-productLabel').textContent()).toBe('chosen here');
    await expect.poll(() => page.getByTestId('printer-health-productLabel').textContent(), { timeout: pollTimeout }).toBe('Ready');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe.skipIf(notReady !== null)('printing product labels on the real station', () => {
  it('opens from a pack line with that product, takes 3 copies, prints, and follows the job to printed; a scan searches instead of packing', async () => {
    const backend = demo as DemoBackend;
    valueOf(await (station as RunningStation).command('printers.set', { documentType: 'productLabel', printer: { driver: 'folder', path: join(dir, 'product-labels') } }));
    const [picklist] = simplePicklists(backend).filter((p) => p.products.length >= 2);
    const other = simplePicklists(backend).flatMap((p) => p.products).find((l) => !picklist?.products.some((m) => m.idproduct === l.idproduct));
    if (!picklist || !other) throw new Error('the demo seed lacks a simple picklist of two lines');
    const line = picklist.products[0];
    const product = backend.state.findProduct(line?.idproduct ?? 0);
    const otherProduct = backend.state.findProduct(other.idproduct);
    if (!line || !product?.barcode || !otherProduct?.barcode) throw new Error('fixture');
    const units = picklist.products.reduce((n, l) => n + l.amount, 0);

    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto((station as RunningStation).url);
    await backToQueue(page);
    await page.getByRole('button', { name: `Open ${picklist.picklistid}` }).click();
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    await page.screenshot({ path: join(shots, 'pack-line-label-button.png') });

    const before = productLabelFiles().length;
    await page.locator(`.pack-line[data-idpicklist-product="${line.idpicklist_product}"]`).getByRole('button', { name: `Label for ${product.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Print product labels' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('label-product').textContent()).toBe(`Label for ${product.name} ${product.productcode}`);
    await expect.poll(() => dialog.getByRole('radio', { name: new RegExp(product.name) }).isChecked(), { timeout: pollTimeout }).toBe(true);
    expect(await dialog.getByLabel('Search a product').inputValue()).toBe(product.productcode);
    await expect.poll(() => dialog.textContent(), { timeout: pollTimeout }).toContain(`Prints on: ${join(dir, 'product-labels')}`);
    // The product is chosen already: focus waits on how many.
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("type") ?? ""')).toBe('number');
    expect(await dialog.getByLabel('Copies').inputValue()).toBe('1');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    const job = dialog.getByTestId('label-job');
    await expect.poll(() => job.textContent(), { timeout: pollTimeout }).toBe(`3 labels for ${product.name}: printed`);
    expect(await job.getAttribute('data-status')).toBe('done');
    expect(productLabelFiles().length).toBe(before + 1);
    await page.screenshot({ path: join(shots, 'product-label-dialog.png') });

    // A scan while the dialog is open looks the product up; it does not go into the box.
    await dialog.getByLabel('Search a product').focus();
    await scannerBurst(page, otherProduct.barcode);
    await expect.poll(() => dialog.getByTestId('label-product').textContent(), { timeout: pollTimeout }).toBe(`Label for ${otherProduct.name} ${otherProduct.productcode}`);
    expect(await dialog.getByLabel('Search a product').inputValue()).toBe(otherProduct.barcode);
    expect(await progressText(page)).toBe(`0 / ${units}`);

    // Too many copies are refused here, before anything is sent.
    await dialog.getByLabel('Copies').fill('100');
    await dialog.getByLabel('Copies').blur();
    expect(await dialog.getByText('Enter a number from 1 to 99.').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Print labels' }).isDisabled()).toBe(true);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Scans pack again once it is closed.
    const [first] = unitCodes(backend, picklist);
    await scanForAnswer(page, first ?? '');
    expect(await progressText(page)).toBe(`1 / ${units}`);
    expect(productLabelFiles().length).toBe(before + 1);
    await page.getByRole('button', { name: 'Leave', exact: true }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: pollTimeout });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('prints labels from Settings without a picklist, by search, and says why they did not print without a printer', async () => {
    const backend = demo as DemoBackend;
    valueOf(await (station as RunningStation).command('printers.set', { documentType: 'productLabel', printer: null }));
    // A word a few product names share, to search by as a person would.
    const active = backend.state.products.filter((p) => p.active);
    const sharing = (word: string) => active.filter((p) => `${p.name} ${p.productcode} ${p.barcode ?? ''}`.toLowerCase().includes(word));
    const word = [...new Set(active.flatMap((p) => p.name.toLowerCase().split(/\s+/)))].find((w) => /^[a-z]{6,}$/.test(w) && sharing(w).length >= 2 && sharing(w).length <= 4);
    if (!word) throw new Error('the demo seed has no word a few product names share');
    const matches = sharing(word);
    const chosen = matches[1];
    if (!chosen) throw new Error('fixture');

    const { page, errors } = await openSettings();
    await page.getByRole('button', { name: 'Print product labels' }).click();
    const dialog = page.getByRole('dialog', { name: 'Print product labels' });
    await dialog.waitFor();
    expect(await focusedId(page)).toBe(await dialog.getByLabel('Search a product').getAttribute('id'));
    expect(await dialog.getByRole('button', { name: 'Print labels' }).isDisabled()).toBe(true);
    await expect.poll(() => dialog.textContent(), { timeout: pollTimeout }).toContain('No product label printer is set');

    const results = dialog.getByTestId('product-results').locator('li');
    await typeSlowly(page, word);
    await expect.poll(() => results.count(), { timeout: pollTimeout }).toBe(matches.length);
    await dialog.getByRole('radio', { name: new RegExp(chosen.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().check();
    await dialog.getByRole('button', { name: 'Print labels' }).click();
    // The station refuses to queue labels it cannot print, and the dialog says why in its own words.
    const refused = dialog.getByRole('alert');
    await expect.poll(() => refused.textContent(), { timeout: pollTimeout }).toContain('The labels could not be sent');
    expect(await refused.textContent()).toContain('No product label printer is set, so the labels cannot print. Choose one in Settings.');
    expect(await refused.textContent()).not.toContain('This station is not set up yet');
    expect(await dialog.getByTestId('label-job').textContent()).toBe('');

    await dialog.getByLabel('Search a product').fill('');
    await typeSlowly(page, 'zzz');
    await expect.poll(() => dialog.getByRole('status').first().textContent(), { timeout: pollTimeout }).toBe('No product matches “zzz”.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
