import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PrinterInfo } from '../../shared/printing';
import { packCodes, packFixture, stationFixture, type FakeStation } from './fake-bridge';
import { callsOf, shots, useFakeUi } from './fake-ui';

/*
 * Choosing printers in Settings and printing product labels, in Chromium against the fake
 * preload bridge: by keyboard where a shift lead would, with main's refusals shown in place.
 */

const ui = useFakeUi('printers-ui');
const open = ui.open;

/**
 * A scanner burst: every key, then the Enter suffix, dispatched in one task where focus is. Playwright's
 * own typing waits for the page between keys, which on a busy machine is slower than any scanner.
 */
async function scan(page: Page, code: string): Promise<void> {
  const keys = JSON.stringify([...code, 'Enter']);
  await page.evaluate(`(() => {
    const target = document.activeElement ?? document.body;
    for (const key of ${keys}) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  })()`);
}

/** A person typing: slow enough that the wedge detector never takes it for a scanner. */
async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 180 });
}

const focusedId = (page: Page) => page.evaluate<string>('document.activeElement?.id ?? ""');

/** The label printer comes from the config file; Windows also lists a printer only it can use. */
function printersStation(overrides: Partial<FakeStation> = {}): FakeStation {
  const base = stationFixture(overrides);
  const printers: PrinterInfo[] = (base.printers ?? []).map((p) =>
    p.documentType === 'label'
      ? { ...p, driver: 'cups', description: 'cups:Office_Laser', health: { state: 'disabled', message: 'Paper jam in tray 2' }, config: { driver: 'cups', queue: 'Office_Laser' }, source: 'file' }
      : p,
  );
  return {
    ...base,
    printers: overrides.printers ?? printers,
    cupsQueues: [...(base.cupsQueues ?? []), { name: 'Microsoft Print to PDF', state: 'unknown', message: 'Virtual', source: 'system' }],
  };
}

describe('choosing printers in Settings', () => {
  it('changes the label printer to a network printer by keyboard, shows a refused host in place, and goes back to the config file', async () => {
    const { page, errors } = await open(printersStation());
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.locator('.settings__hint').first().textContent()).toContain('unless one is chosen here');

    const label = page.locator('tr[data-document-type="label"]');
    await expect.poll(() => label.textContent()).toContain('cups:Office_Laser');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('from the config file');
    expect(await page.getByTestId('printer-source-packingSlip').textContent()).toBe('from the config file');
    expect(await page.getByTestId('printer-source-productLabel').textContent()).toBe('not set');
    expect(await page.getByTestId('cups-queues').textContent()).toContain('Microsoft Print to PDF Cannot tell Virtual (seen by the operating system only)');

    const change = page.getByRole('button', { name: 'Change the printer for Shipping label' });
    expect(await change.getAttribute('aria-expanded')).toBe('false');
    await change.focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('form', { name: 'Choose the printer: Shipping label' });
    await editor.waitFor();
    expect(await change.getAttribute('aria-expanded')).toBe('true');
    // The editor starts from the printer as it is, with focus on its driver.
    expect(await editor.getByRole('radio', { name: 'CUPS queue on this computer' }).isChecked()).toBe(true);
    expect(await editor.getByLabel('CUPS queue', { exact: true }).inputValue()).toBe('Office_Laser');
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("value") ?? ""')).toBe('cups');
    // A printer only Windows knows is shown, but cannot be chosen, and the editor says why.
    expect(await editor.getByRole('option', { name: /Microsoft Print to PDF/ }).count()).toBe(0);
    expect(await editor.getByTestId('system-printers').textContent()).toContain('Microsoft Print to PDF');
    expect(await editor.textContent()).toContain('Packdesk cannot print to these through the operating system');
    // Only a printer chosen here can be forgotten again.
    expect(await editor.getByRole('button', { name: 'Use the config file’s printer' }).count()).toBe(0);

    // Arrow keys move through the driver radios; Tab goes on to the host.
    await page.keyboard.press('ArrowRight');
    expect(await editor.getByRole('radio', { name: 'Network printer (raw TCP)' }).isChecked()).toBe(true);
    expect(await editor.getByLabel('Port').inputValue()).toBe('9100');
    expect(await editor.getByRole('radio', { name: 'ZPL (Zebra and other label printers)' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('printer-editor-label-host');
    await typeSlowly(page, 'http://10.0.0.60');
    await page.keyboard.press('Enter');

    // Main refuses the host: said next to the field and above the buttons; nothing typed is lost.
    const host = editor.getByLabel('IP address or host name');
    await expect.poll(() => host.getAttribute('aria-invalid')).toBe('true');
    expect(await editor.locator('#printer-editor-label-host-problem').textContent()).toBe('Enter an IP address or host name, without http:// and without the port.');
    expect(await editor.getByRole('alert').textContent()).toContain('printer.host: A host is an IP address or a host name, without http:// or a port');
    expect(await host.getAttribute('aria-describedby')).toContain('printer-editor-label-host-problem');
    expect(await host.inputValue()).toBe('http://10.0.0.60');
    expect(await editor.getByLabel('Port').inputValue()).toBe('9100');
    expect(await focusedId(page)).toBe('printer-editor-label-host');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('from the config file');
    await page.screenshot({ path: join(shots, 'settings-printer-refused.png'), fullPage: true });

    await page.keyboard.press('Control+A');
    await typeSlowly(page, '10.0.0.60');
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
    expect(await callsOf(page, 'printers.set')).toEqual([
      { documentType: 'label', printer: { driver: 'raw-tcp', host: 'http://10.0.0.60', port: 9100, format: 'zpl' } },
      { documentType: 'label', printer: { driver: 'raw-tcp', host: '10.0.0.60', port: 9100, format: 'zpl' } },
    ]);
    expect(await label.textContent()).toContain('raw-tcp:10.0.0.60:9100');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('chosen here');
    expect(await page.getByTestId('printer-health-label').textContent()).toBe('Ready');
    expect(await page.getByTestId('printer-saved').textContent()).toBe('Shipping label: saved. It prints on the printer chosen here.');
    await page.screenshot({ path: join(shots, 'settings-printer-saved.png') });
    // Back where the change started.
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("aria-label") ?? ""')).toBe('Change the printer for Shipping label');

    // And back to the config file's printer.
    await change.click();
    await editor.getByRole('button', { name: 'Use the config file’s printer' }).click();
    await editor.waitFor({ state: 'detached' });
    expect((await callsOf(page, 'printers.set')).at(-1)).toEqual({ documentType: 'label', useFile: true });
    expect(await label.textContent()).toContain('cups:Office_Laser');
    expect(await page.getByTestId('printer-source-label').textContent()).toBe('from the config file');
    expect(await callsOf(page, 'scan.submit')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('chooses a CUPS queue with a media size and a folder, and Cancel changes nothing', async () => {
    const { page, errors } = await open(printersStation());
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    const productLabel = page.locator('tr[data-document-type="productLabel"]');
    await expect.poll(() => productLabel.textContent()).toContain('No printer: none in the config file');

    await page.getByRole('button', { name: 'Change the printer for Product label' }).click();
    const editor = page.getByRole('form', { name: 'Choose the printer: Product label' });
    expect(await editor.getByRole('radio', { name: 'No printer' }).isChecked()).toBe(true);
    await editor.getByRole('radio', { name: 'Folder (every job as a file)' }).check();
    await editor.getByLabel('Folder', { exact: true }).fill('   ');
    await editor.getByRole('button', { name: 'Save printer' }).click();
    await expect.poll(() => editor.locator('#printer-editor-productLabel-path-problem').textContent()).toBe('Enter a folder.');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await editor.waitFor({ state: 'detached' });
    expect(await page.getByTestId('printer-source-productLabel').textContent()).toBe('not set');

    await page.getByRole('button', { name: 'Change the printer for Product label' }).click();
    // A refusal from before belongs to that attempt, not to a new editor.
    expect(await editor.getByRole('alert').count()).toBe(0);
    await editor.getByRole('radio', { name: 'CUPS queue on this computer' }).check();
    await editor.getByLabel('CUPS queue', { exact: true }).selectOption('Brother_HL');
    await editor.getByLabel('Paper or label size (optional)').fill('Custom.50x30mm');
    await editor.getByRole('button', { name: 'Save printer' }).click();
    await editor.waitFor({ state: 'detached' });
    expect((await callsOf(page, 'printers.set')).at(-1)).toEqual({ documentType: 'productLabel', printer: { driver: 'cups', queue: 'Brother_HL', media: 'Custom.50x30mm' } });
    expect(await productLabel.textContent()).toContain('cups:Brother_HL');
    expect(await page.getByTestId('printer-source-productLabel').textContent()).toBe('chosen here');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('printing product labels', () => {
  it('opens from a pack line with that product, takes 3 copies, prints, and follows the job to printed; a scan searches instead of packing', async () => {
    const station = stationFixture({ pack: packFixture() });
    station.printers = (station.printers ?? []).map((p) =>
      p.documentType === 'productLabel'
        ? { ...p, driver: 'raw-tcp', description: 'raw-tcp:10.0.0.51:9100', health: { state: 'ready', message: null }, config: { driver: 'raw-tcp', host: '10.0.0.51', port: 9100, format: 'zpl' }, source: 'settings' }
        : p,
    );
    const { page, errors } = await open(station);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await page.getByRole('button', { name: 'Open P2026-0101' }).click();
    await page.locator('section.pack').waitFor();

    const line = page.locator('.pack-line[data-idpicklist-product="1"]');
    await page.screenshot({ path: join(shots, 'pack-line-label-button.png') });
    await line.getByRole('button', { name: 'Label for Koffiebonen Espresso 1 kg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Print product labels' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('label-product').textContent()).toBe('Label for Koffiebonen Espresso 1 kg KB-ESP-1000');
    await expect.poll(() => dialog.getByRole('radio', { name: /Koffiebonen Espresso 1 kg/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Search a product').inputValue()).toBe('KB-ESP-1000');
    await expect.poll(() => dialog.textContent()).toContain('Prints on: raw-tcp:10.0.0.51:9100');
    // The product is chosen already: focus waits on how many.
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("type") ?? ""')).toBe('number');
    expect(await dialog.getByLabel('Copies').inputValue()).toBe('1');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    const job = dialog.getByTestId('label-job');
    await expect.poll(() => job.textContent()).toBe('3 labels for Koffiebonen Espresso 1 kg: printed');
    expect(await job.getAttribute('data-status')).toBe('done');
    expect(await callsOf(page, 'products.printLabel')).toEqual([{ idproduct: 5001, copies: 3 }]);
    expect(await page.evaluate('window.__fake.labels')).toEqual([{ idproduct: 5001, copies: 3 }]);
    await page.screenshot({ path: join(shots, 'product-label-dialog.png') });

    // A scan while the dialog is open looks the product up; it does not go into the box.
    await dialog.getByLabel('Search a product').focus();
    await scan(page, packCodes.frother);
    await expect.poll(() => dialog.getByTestId('label-product').textContent()).toBe('Label for Melkopschuimer RVS MO-RVS');
    expect(await dialog.getByLabel('Search a product').inputValue()).toBe(packCodes.frother);
    expect(await callsOf(page, 'products.search')).toContainEqual({ query: packCodes.frother });
    expect(await callsOf(page, 'scan.submit')).toEqual([]);
    expect(await page.getByTestId('pack-progress').locator('.progress__numbers').textContent()).toBe('0 / 9');

    // Too many copies are refused here, before anything is sent.
    await dialog.getByLabel('Copies').fill('100');
    await dialog.getByLabel('Copies').blur();
    expect(await dialog.getByText('Enter a number from 1 to 99.').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Print labels' }).isDisabled()).toBe(true);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Scans pack again once it is closed.
    await scan(page, packCodes.espresso);
    await expect.poll(() => page.getByTestId('pack-progress').locator('.progress__numbers').textContent()).toBe('1 / 9');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints labels from Settings without a picklist, by search, and says why they did not print without a printer', async () => {
    const { page, errors } = await open(stationFixture({ pack: packFixture() }));
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Print product labels' }).click();
    const dialog = page.getByRole('dialog', { name: 'Print product labels' });
    await dialog.waitFor();
    expect(await focusedId(page)).toBe(await dialog.getByLabel('Search a product').getAttribute('id'));
    expect(await dialog.getByRole('button', { name: 'Print labels' }).isDisabled()).toBe(true);
    await expect.poll(() => dialog.textContent()).toContain('No product label printer is set');

    await typeSlowly(page, 'theelepel');
    const results = dialog.getByTestId('product-results').locator('li');
    await expect.poll(() => results.count()).toBe(2);
    expect(await callsOf(page, 'products.search')).toEqual([{ query: 'theelepel' }]);
    await dialog.getByRole('radio', { name: /Theelepel goud/ }).check();
    await dialog.getByRole('button', { name: 'Print labels' }).click();
    await expect.poll(() => dialog.getByTestId('label-job').textContent()).toBe('1 label for Theelepel goud: did not print: No printer is set for productLabel');
    expect(await callsOf(page, 'products.printLabel')).toEqual([{ idproduct: 7002, copies: 1 }]);

    await dialog.getByLabel('Search a product').fill('');
    await typeSlowly(page, 'zzz');
    await expect.poll(() => dialog.getByRole('status').first().textContent()).toBe('No product matches “zzz”.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
