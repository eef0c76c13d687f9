import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { packCodes, packFixture, stationFixture } from './fake-bridge';
import { callsOf, shots, useFakeUi } from './fake-ui';
import { readingPauseMs, scannerBurst } from './keys';

/*
 * The renderer as built for Electron, in Chromium, against a fake preload bridge: every screen
 * and state without the main process, so the UI can be checked (and looked at) on its own.
 */

const ui = useFakeUi('renderer');
const open = ui.open;

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
    // The first-run checklist follows Setup: the printers and the scanner are next.
    const checklist = page.getByRole('region', { name: 'Voor het eerste pakket' });
    await checklist.waitFor();
    expect(await checklist.locator('li[data-checklist]').count()).toBe(4);
    await checklist.getByRole('button', { name: 'Klaar: beginnen met inpakken' }).click();
    await checklist.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    await page.screenshot({ path: join(shots, 'ui-queue-nl.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the Settings screen: each document type’s printer with its health, a test print, the CUPS queues; and retries a failed print', async () => {
    const { page, errors } = await open(stationFixture());
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.locator('.settings__hint').first().textContent()).toContain('config file');

    const rows = page.getByTestId('printers').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const slip = page.locator('tr[data-document-type="packingSlip"]');
    const productLabel = page.locator('tr[data-document-type="productLabel"]');
    expect(await slip.textContent()).toContain('cups:Brother_HL');
    expect(await page.getByTestId('printer-health-packingSlip').textContent()).toBe('Ready');
    expect(await page.getByTestId('printer-health-label').textContent()).toBe('Out of paper or labels The printer is out of labels');
    expect(await productLabel.textContent()).toContain('No printer: none in the config file');
    expect(await productLabel.getByRole('button', { name: 'Test print' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('cups-queues').textContent()).toContain('Office_Laser Stopped in CUPS Paper jam in tray 2');

    await slip.getByRole('button', { name: 'Test print' }).click();
    expect(await callsOf(page, 'printers.test')).toEqual([{ documentType: 'packingSlip' }]);
    await expect.poll(() => slip.getByRole('status').textContent()).toBe('Test page sent to the printer');
    await page.screenshot({ path: join(shots, 'settings.png'), fullPage: true });

    await page.evaluate(`window.__fake.emit('print.job', ${JSON.stringify({ id: 78, kind: 'label', idpicklist: 101, status: 'failed', error: 'PRINTER_OFFLINE: cannot reach the printer' })})`);
    const failures = page.getByTestId('print-failures');
    await expect.poll(() => failures.textContent()).toContain('Shipping label for picklist 101 did not print');
    await failures.getByRole('button', { name: 'Retry' }).click();
    expect(await callsOf(page, 'print.retry')).toEqual([{ id: 78 }]);
    await expect.poll(() => failures.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A scanner burst: every key right after the other, then the Enter suffix (dispatched in the page). */
async function scan(page: Page, code: string): Promise<void> {
  await scannerBurst(page, code);
}

/** A burst typed as real key events, into whatever has focus (a text field). */
async function typeBurst(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** The answer panel's sequence number, 0 while none is shown (read without waiting for one). */
async function answerSeq(page: Page): Promise<number> {
  return page.evaluate<number>(`Number(document.querySelector('[data-testid="scan-answer"]')?.getAttribute('data-seq') ?? 0)`);
}

/** Scans and waits for the answer on screen; returns its tone and text. */
async function scanAnswer(page: Page, code: string): Promise<{ tone: string | null; text: string }> {
  const before = await answerSeq(page);
  await scan(page, code);
  await expect.poll(() => answerSeq(page)).toBeGreaterThan(before);
  const answer = page.getByTestId('scan-answer');
  return { tone: await answer.getAttribute('data-tone'), text: (await answer.textContent()) ?? '' };
}

/**
 * A person typing: slow enough that the wedge detector never takes it for a scanner, and not
 * right behind a scan (digits then are taken for the tail of a cut scan, never a quantity).
 */
async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.waitForTimeout(readingPauseMs);
  await page.keyboard.type(text, { delay: 90 });
}

const progressText = (page: Page) => page.getByTestId('pack-progress').locator('.progress__numbers').textContent();

describe('pack loop against a fake bridge', () => {
  it('opens by a burst typed into the search field, answers every outcome, multiplies, chooses and completes', async () => {
    // Playwright sends each key only after the page handled the one before, React's render of the
    // search field included (20-30 ms on a cold page), where a scanner's key times come from the
    // OS. The station's tuning knob gives that test-harness delay some room.
    const { page, errors } = await open(stationFixture({ pack: packFixture() }), `;localStorage.setItem('packdesk.wedge', '{"maxInterKeyMs":60}');`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(shots, 'pack-ready.png') });

    // The search field has focus: the burst is a scan all the same, and is taken out of the field.
    await page.getByLabel('Search picklists').focus();
    await typeBurst(page, 'PS #73 / ITQRFWVHT');
    await page.locator('section.pack').waitFor();
    expect(await callsOf(page, 'scan.submit')).toEqual([{ code: 'PS #73 / ITQRFWVHT', source: 'wedge' }]);
    expect(await page.locator('.pack-header__title').textContent()).toContain('P2026-0101');
    expect(await progressText(page)).toBe('0 / 9');
    expect(await page.locator('.pack-line').count()).toBe(8);
    expect(await page.locator('.pack-line--part').count()).toBe(2);
    expect(await page.getByRole('img', { name: 'No image' }).count()).toBe(5);
    expect(await page.getByRole('img', { name: 'Koffiebonen Espresso 1 kg' }).count()).toBe(1);
    expect(await page.locator('.notes').textContent()).toContain('Graag bij de buren afgeven');
    expect(await page.locator('.pack-header').textContent()).toContain('PrestaShop NL');
    expect(await page.getByLabel('Shipping method').inputValue()).toBe('11');
    expect(await page.getByLabel('Weight in grams').inputValue()).toBe('1850');
    expect(await page.getByRole('button', { name: 'Complete' }).isDisabled()).toBe(true);

    expect(await scanAnswer(page, packCodes.espresso)).toEqual({ tone: 'ok', text: expect.stringContaining('Counted: Koffiebonen Espresso 1 kg') });
    expect(await progressText(page)).toBe('1 / 9');
    expect((await scanAnswer(page, packCodes.espresso)).text).toContain('Line complete: Koffiebonen Espresso 1 kg');
    expect(await page.locator('.pack-line[data-idpicklist-product="1"]').getAttribute('data-done')).toBe('true');

    expect(await scanAnswer(page, packCodes.espresso)).toEqual({ tone: 'over', text: expect.stringContaining('Too many Koffiebonen Espresso 1 kg: nothing counted') });
    expect(await progressText(page)).toBe('2 / 9');
    await page.screenshot({ path: join(shots, 'pack-too-many.png') });

    expect(await scanAnswer(page, packCodes.wrongItem)).toEqual({ tone: 'bad', text: expect.stringContaining('Wrong item: Koffiefilters nr. 4 is not on this picklist') });
    expect(await progressText(page)).toBe('2 / 9');
    await page.screenshot({ path: join(shots, 'pack-wrong-item.png') });

    expect(await scanAnswer(page, packCodes.unknown)).toEqual({ tone: 'unknown', text: expect.stringContaining(`Unknown barcode: ${packCodes.unknown}`) });

    // 2, typed slowly, then a scan: two units at once.
    await typeSlowly(page, '2');
    await expect.poll(() => page.getByTestId('multiplier').textContent()).toContain('2×');
    await page.screenshot({ path: join(shots, 'pack-multiplier.png') });
    const multiplied = await scanAnswer(page, packCodes.sprinkles);
    expect(multiplied.text).toContain('+2');
    expect(multiplied.text).toContain('Line complete: Hagelslag puur');
    expect(await page.getByTestId('multiplier').count()).toBe(0);
    expect((await callsOf(page, 'scan.submit')).at(-1)).toEqual({ code: packCodes.sprinkles, source: 'wedge', multiplier: 2 });
    expect(await progressText(page)).toBe('4 / 9');

    // Two products share a barcode: choose by typing its number, then by a click.
    expect((await scanAnswer(page, packCodes.spoon)).tone).toBe('choose');
    const chooser = page.getByTestId('choose-product');
    await chooser.waitFor();
    await page.screenshot({ path: join(shots, 'pack-ambiguous.png') });
    await typeSlowly(page, '2');
    await page.keyboard.press('Enter');
    await chooser.waitFor({ state: 'detached' });
    expect(await callsOf(page, 'pack.choose')).toEqual([{ idproduct: 7002 }]);
    await expect.poll(() => progressText(page)).toBe('5 / 9');
    await scanAnswer(page, packCodes.spoon);
    await chooser.getByRole('button', { name: /Theelepel zilver/ }).click();
    await expect.poll(() => progressText(page)).toBe('6 / 9');

    await scanAnswer(page, packCodes.jam);
    await scanAnswer(page, packCodes.frother);
    expect(await page.locator('.pack-line[data-idpicklist-product="4"]').getAttribute('data-done')).toBe('true');

    // The line without a barcode is confirmed by hand, with a reason.
    await page.locator('.pack-line[data-idpicklist-product="3"]').getByRole('button', { name: 'Confirm by hand' }).click();
    const confirm = page.getByTestId('confirm-line');
    await confirm.waitFor();
    await confirm.getByLabel('Reason').fill('geen barcode op het product');
    await page.screenshot({ path: join(shots, 'pack-confirm-by-hand.png') });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await callsOf(page, 'pack.confirmLine')).toEqual([{ idpicklist_product: 3, amount: 1, reason: 'geen barcode op het product' }]);
    await expect.poll(() => progressText(page)).toBe('9 / 9');
    expect(await page.getByRole('button', { name: 'Complete' }).isEnabled()).toBe(true);
    expect(await page.locator('.pack-line__state').first().textContent()).toContain('Done');
    await page.screenshot({ path: join(shots, 'pack-all-verified.png'), fullPage: true });

    // Enter with nothing focused completes; the ready screen says the parcel went.
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf(page, 'pack.complete')).toHaveLength(1);
    await expect.poll(() => page.getByTestId('departure').textContent()).toBe('Parcel P2026-0101 sent: label printing');
    expect(await page.getByLabel('Search picklists').inputValue()).toBe('');
    await page.screenshot({ path: join(shots, 'pack-sent.png') });

    // …and the next scan is taken at once.
    await scan(page, 'LS-2291');
    await page.locator('section.pack[data-idpicklist="105"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a paused picklist with its reason, offers a choice, and names who else has one', async () => {
    const { page, errors } = await open(stationFixture({ pack: packFixture() }));
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);

    expect(await scanAnswer(page, 'P2026-0103')).toEqual({ tone: 'bad', text: expect.stringContaining('Paused in Picqer: Damaged item, waiting for replacement') });
    expect(await page.getByTestId('scan-answer').textContent()).toContain('This picklist cannot be packed');
    await page.screenshot({ path: join(shots, 'pack-blocked.png') });

    expect((await scanAnswer(page, 'NOPE-1234')).text).toContain('Nothing found for NOPE-1234');

    // Several picklists match: a scan of one of them chooses it.
    await scanAnswer(page, 'LS-DOUBLE');
    const chooser = page.getByTestId('choose-picklist');
    await chooser.waitFor();
    expect(await chooser.locator('.choice-button').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'pack-choose-picklist.png') });
    await scan(page, 'P2026-0101');
    await page.locator('section.pack[data-idpicklist="101"]').waitFor();
    expect(await callsOf(page, 'pack.open')).toEqual([{ idpicklist: 101 }]);

    // A click in the queue opens too; this one is Mehmet's in Picqer.
    await page.getByRole('button', { name: 'Queue', exact: true }).click();
    await page.locator('tr[data-idpicklist="102"]').click();
    const warning = page.getByTestId('assigned-elsewhere');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Assigned to Mehmet Yilmaz in Picqer');
    await page.screenshot({ path: join(shots, 'pack-assigned-elsewhere.png') });
    await warning.getByRole('button', { name: 'Take over' }).click();
    await warning.waitFor({ state: 'detached' });
    expect((await callsOf(page, 'pack.open')).at(-1)).toEqual({ idpicklist: 102, takeOver: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drives the pack screen from command barcodes: undo, problem, cancel', async () => {
    const { page, errors } = await open(stationFixture({ pack: packFixture() }));
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await scan(page, 'ITQRFWVHT');
    await page.locator('section.pack').waitFor();
    await scanAnswer(page, packCodes.frother);
    expect(await progressText(page)).toBe('1 / 9');
    expect((await scanAnswer(page, 'PD:UNDO')).text).toContain('Last scan undone');
    expect(await progressText(page)).toBe('0 / 9');

    await scanAnswer(page, 'PD:PROBLEM');
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    // CANCEL with a dialog open is the dialog's: it closes it there, without asking main.
    await scan(page, 'PD:CANCEL');
    await problem.waitFor({ state: 'detached' });
    expect(await page.locator('section.pack').count()).toBe(1);

    await page.getByRole('button', { name: 'Problem' }).click();
    await problem.waitFor();
    await problem.getByLabel('Item damaged').check();
    await problem.getByLabel('Note (optional)').fill('Pot gebarsten');
    await page.screenshot({ path: join(shots, 'pack-problem.png') });
    await problem.getByRole('button', { name: 'Report problem' }).click();
    await expect.poll(() => page.getByTestId('departure').textContent()).toContain('Problem reported for P2026-0101');
    expect(await callsOf(page, 'pack.problem')).toEqual([{ reason: 'damaged', note: 'Pot gebarsten' }]);

    await scan(page, 'P2026-0101');
    await page.locator('section.pack').waitFor();
    await scanAnswer(page, 'PD:CANCEL');
    await page.locator('section.pack').waitFor({ state: 'detached' });
    expect(await callsOf(page, 'pack.leave')).toEqual([{}]);
    expect(await page.getByTestId('departure').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets people type into fields, and says who must sign in before scanning', async () => {
    const station = stationFixture({ pack: packFixture() });
    station.appState = { ...station.appState, packer: null };
    const { page } = await open(station);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await page.getByLabel('Search picklists').focus();
    await typeSlowly(page, 'jansen');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.getByLabel('Search picklists').inputValue()).toBe('jansen');
    expect(await callsOf(page, 'scan.submit')).toEqual([]);
    await page.getByLabel('Search picklists').fill('');

    expect(await scanAnswer(page, 'P2026-0101')).toEqual({ tone: 'bad', text: expect.stringContaining('Nobody is signed in') });
    await page.close();
  });

  it('shows today’s parcels with the cancel window, reprints, and the status bar outbox', async () => {
    const pack = packFixture();
    pack.outbox = { pending: 3, failed: 1, labelsPending: [{ idpicklist: 202, picklistid: 'P2026-0202' }], lastError: 'Picqer answered 500 on POST /shipments' };
    const { page, errors } = await open(stationFixture({ pack }));
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    const outbox = page.getByTestId('outbox');
    await expect.poll(() => outbox.textContent()).toContain('3 changes waiting');
    expect(await outbox.textContent()).toContain('1 label pending');
    expect(await outbox.textContent()).toContain('1 change failed');
    expect(await outbox.textContent()).toContain('Picqer answered 500 on POST /shipments');

    await page.evaluate(`window.__fake.setSync(${JSON.stringify({ state: 'offline', progress: null, lastSyncedAt: '2026-03-02T08:41:00Z', message: null })})`);
    await expect.poll(() => outbox.textContent()).toContain('Offline: 3 changes waiting');
    await page.evaluate(`window.__fake.emit('print.job', ${JSON.stringify({ id: 77, kind: 'label', idpicklist: 101, status: 'failed', error: 'Printer "Zebra 1" is offline' })})`);
    await expect.poll(() => page.getByTestId('print-failures').textContent()).toContain('Shipping label for picklist 101 did not print: Printer "Zebra 1" is offline');

    const mute = page.getByRole('button', { name: 'Sound' });
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    await mute.click();
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    expect(await mute.textContent()).toBe('Sound off');

    // History, reached from the keyboard: Tab to the tab, Enter.
    await page.getByRole('button', { name: 'History' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Today’s parcels' }).waitFor();
    const rows = page.locator('tr.parcel');
    await expect.poll(() => rows.count()).toBe(3);
    const open201 = page.locator('tr.parcel[data-idpicklist="201"]');
    const closed203 = page.locator('tr.parcel[data-idpicklist="203"]');
    expect(await open201.getByRole('button', { name: 'Cancel shipment' }).isEnabled()).toBe(true);
    expect(await open201.getByTestId('cancel-why').textContent()).toMatch(/^Possible for [23]:\d\d more$/);
    expect(await closed203.getByRole('button', { name: 'Cancel shipment' }).isDisabled()).toBe(true);
    expect(await closed203.getByTestId('cancel-why').textContent()).toBe('Picqer allows cancelling a shipment only in the first 5 minutes.');
    expect(await page.locator('tr.parcel[data-idpicklist="202"]').textContent()).toContain('Packing slip: failed');
    await page.screenshot({ path: join(shots, 'pack-history.png'), fullPage: true });

    await open201.getByRole('button', { name: 'Reprint packing slip' }).click();
    expect(await callsOf(page, 'history.reprint')).toEqual([{ idpicklist: 201, document: 'packing_slip' }]);
    // One click only asks; the shipment is cancelled by the question's own button.
    await open201.getByRole('button', { name: 'Cancel shipment' }).click();
    await page.getByTestId('cancel-shipment').getByTestId('cancel-reason').fill('Wrong box');
    await page.getByTestId('cancel-shipment').getByRole('button', { name: 'Yes, cancel the shipment' }).click();
    await expect.poll(() => open201.textContent()).toContain('Cancelled');
    expect(await open201.getByRole('button', { name: 'Cancel shipment' }).isDisabled()).toBe(true);

    // The sheet opens as a PDF in a new tab, from a blob URL (nothing goes over the network).
    const [sheet] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Print command barcodes' }).click()]);
    expect(await callsOf(page, 'commands.sheet')).toHaveLength(1);
    expect(sheet.url()).toMatch(/^blob:/);
    await sheet.close();
    await page.bringToFront();

    // A scan on the History screen still opens the picklist.
    await scan(page, 'P2026-0101');
    await page.locator('section.pack').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('packs in Dutch too', async () => {
    const station = stationFixture({ pack: packFixture() });
    station.appState = { ...station.appState, language: 'nl' };
    const { page, errors } = await open(station);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await scan(page, 'P2026-0101');
    await page.locator('section.pack').waitFor();
    expect((await scanAnswer(page, packCodes.wrongItem)).text).toContain('Verkeerd artikel: Koffiefilters nr. 4 staat niet op deze picklijst');
    expect(await page.getByRole('button', { name: 'Afronden' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'pack-nl.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
