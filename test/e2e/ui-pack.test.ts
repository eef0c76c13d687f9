import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../electron/picqer-demo/server';
import type { RawPicklist, RawProduct } from '../../electron/picqer-demo/types';
import { personKeyGapMs, scannerBurst } from './keys';
import { packerId, scanForAnswer, simplePicklists, startRealStation, unitCodes, warehouseId, type RealStation } from './real-station';
import { valueOf } from './station';
import { missingBuild } from './station';
import { answered, backToQueue, pollTimeout, progressText, scannerBurstIntoField, shots, typeSlowly } from './ui-real';

/*
 * The pack screen on the real station in Chromium, on a picklist made for it in the demo: every
 * answer a scan can get (counted, line complete, too many, wrong item, unknown, several products on
 * one barcode), the multiplier, a set packed by its parts, a line confirmed by hand, Enter to
 * complete; then what stops a picklist (paused in Picqer, several picklists on one code, assigned
 * to someone else) and the command barcodes. In Dutch too.
 */

const notReady = missingBuild();

interface Made {
  picklist: RawPicklist;
  withImage: RawProduct;
  multiplied: RawProduct;
  shared: [RawProduct, RawProduct];
  set: RawProduct;
  noBarcode: RawProduct;
  wrong: RawProduct;
  twins: [RawPicklist, RawPicklist];
}

function uniqueBarcodes(demo: DemoBackend): Set<string> {
  const counts = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) counts.set(p.barcode, (counts.get(p.barcode) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n === 1).map(([code]) => code));
}

/** One picklist with every kind of line, and two picklists that share a reference. */
function makePicklists(demo: DemoBackend): Made {
  const unique = uniqueBarcodes(demo);
  const onOpen = new Set(demo.state.picklists.filter((p) => p.status !== 'closed' && p.status !== 'cancelled').flatMap((p) => p.products.map((l) => l.idproduct)));
  const plain = demo.state.products.filter((p) => p.type === 'normal' && p.active && p.barcode && unique.has(p.barcode));
  const withImage = plain.find((p) => p.images.length > 0);
  const multiplied = plain.find((p) => p !== withImage && p.images.length === 0);
  const wrong = plain.find((p) => p !== withImage && p !== multiplied && !onOpen.has(p.idproduct));
  const sharedCode = demo.state.products.find((p) => p.barcode && !unique.has(p.barcode))?.barcode;
  const shared = demo.state.products.filter((p) => p.barcode === sharedCode);
  const partsOf = (p: RawProduct) => demo.state.parts.get(p.idproduct) ?? [];
  const set = demo.state.products.find(
    (p) => p.type === 'virtual_composition' && partsOf(p).length > 0 && partsOf(p).every((part) => unique.has(demo.state.findProduct(part.idproduct)?.barcode ?? '')),
  );
  const noBarcode = demo.state.products.find((p) => p.type === 'normal' && p.active && !p.barcode);
  const [sharedA, sharedB] = shared;
  if (!withImage || !multiplied || !wrong || !sharedA || !sharedB || !set || !noBarcode) throw new Error('the demo seed lacks a product this test needs');
  const picklist = demo.state.addPicklist({
    lines: [
      { idproduct: withImage.idproduct, amount: 2 },
      { idproduct: multiplied.idproduct, amount: 2 },
      { idproduct: sharedA.idproduct, amount: 1 },
      { idproduct: sharedB.idproduct, amount: 1 },
      { idproduct: set.idproduct, amount: 1 },
      { idproduct: noBarcode.idproduct, amount: 1 },
    ],
    idwarehouse: warehouseId,
    reference: 'PS #7301 / QXWVBNMLK',
    deliveryname: 'Familie Hoekstra',
    customer_remarks: 'Graag bij de buren afgeven',
  });
  const plainLine = { idproduct: multiplied.idproduct, amount: 1 };
  const twins: [RawPicklist, RawPicklist] = [
    demo.state.addPicklist({ lines: [plainLine], idwarehouse: warehouseId, reference: 'LS-DOUBLE', deliveryname: 'Tweeling Een' }),
    demo.state.addPicklist({ lines: [plainLine], idwarehouse: warehouseId, reference: 'LS-DOUBLE', deliveryname: 'Tweeling Twee' }),
  ];
  return { picklist, withImage, multiplied, shared: [sharedA, sharedB], set, noBarcode, wrong, twins };
}

let real: RealStation | undefined;
let made: Made;

beforeAll(async () => {
  if (notReady) return;
  real = await startRealStation({
    prepare(demo) {
      made = makePicklists(demo);
    },
  });
  // Completing is the packer's own step here: Enter, not the last scan.
  valueOf(await real.station.command('settings.update', { section: 'packing', value: { autoComplete: false } }));
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

/** A page on the station's queue, collecting the page's errors. */
async function openPage(station: RealStation): Promise<{ page: Page; errors: string[] }> {
  const page = await station.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(station.station.url);
  await backToQueue(page);
  return { page, errors };
}

const lineOf = (page: Page, picklist: RawPicklist, idproduct: number) => {
  const line = picklist.products.find((l) => l.idproduct === idproduct && l.partof_idpicklist_product === null);
  if (!line) throw new Error(`product ${idproduct} is not on ${picklist.picklistid}`);
  return page.locator(`.pack-line[data-idpicklist-product="${line.idpicklist_product}"]`);
};

describe.skipIf(notReady !== null)('the pack screen on the real station', () => {
  it('opens by a burst typed into the search field, answers every outcome, multiplies, chooses, confirms by hand and completes on Enter', async () => {
    const { demo } = real as RealStation;
    const { picklist, withImage, multiplied, shared, set, noBarcode, wrong } = made;
    const units = picklist.products.filter((l) => !l.has_parts).reduce((n, l) => n + l.amount, 0);
    const { page, errors } = await openPage(real as RealStation);
    await page.screenshot({ path: join(shots, 'pack-ready.png') });

    // The search field has focus: the burst is a scan all the same, and is taken out of the field.
    await page.getByLabel('Search picklists').focus();
    await scannerBurstIntoField(page, picklist.reference ?? '');
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    expect(await page.locator('.pack-header__title').textContent()).toContain(picklist.picklistid);
    expect(await page.locator('.pack-header').textContent()).toContain('Familie Hoekstra');
    expect(await progressText(page)).toBe(`0 / ${units}`);
    expect(await page.locator('.pack-line').count()).toBe(picklist.products.length);
    expect(await page.locator('.pack-line--part').count()).toBe(picklist.products.filter((l) => l.partof_idpicklist_product !== null).length);
    expect(await lineOf(page, picklist, set.idproduct).textContent()).toContain('Set: packed by its parts');
    expect(await page.getByRole('img', { name: withImage.name }).count()).toBe(1);
    expect(await lineOf(page, picklist, multiplied.idproduct).getByRole('img', { name: 'No image' }).count()).toBe(1);
    expect(await lineOf(page, picklist, noBarcode.idproduct).textContent()).toContain('No barcode');
    expect(await page.locator('.notes').textContent()).toContain('Graag bij de buren afgeven');
    expect(await page.getByLabel('Shipping method').inputValue()).not.toBe('');
    expect(Number(await page.getByLabel('Weight in grams').inputValue())).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Complete' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Search picklists').count()).toBe(0);

    const espresso = withImage.barcode ?? '';
    let verified = 0;
    expect(await scanForAnswer(page, espresso)).toEqual({ tone: 'ok', text: expect.stringContaining(`Counted: ${withImage.name}`) });
    expect(await progressText(page)).toBe(`${(verified += 1)} / ${units}`);
    expect((await scanForAnswer(page, espresso)).text).toContain(`Line complete: ${withImage.name}`);
    expect(await progressText(page)).toBe(`${(verified += 1)} / ${units}`);
    expect(await lineOf(page, picklist, withImage.idproduct).getAttribute('data-done')).toBe('true');
    expect(await scanForAnswer(page, espresso)).toEqual({ tone: 'over', text: expect.stringContaining(`Too many ${withImage.name}: nothing counted`) });
    expect(await progressText(page)).toBe(`${verified} / ${units}`);
    await page.screenshot({ path: join(shots, 'pack-too-many.png') });

    expect(await scanForAnswer(page, wrong.barcode ?? '')).toEqual({ tone: 'bad', text: expect.stringContaining(`Wrong item: ${wrong.name} is not on this picklist`) });
    expect(await progressText(page)).toBe(`${verified} / ${units}`);
    await page.screenshot({ path: join(shots, 'pack-wrong-item.png') });
    const unknown = '4006381333931';
    expect(await scanForAnswer(page, unknown)).toEqual({ tone: 'unknown', text: expect.stringContaining(`Unknown barcode: ${unknown}`) });

    // 2, typed by a person, then a scan: two units at once.
    await typeSlowly(page, '2');
    await expect.poll(() => page.getByTestId('multiplier').textContent(), { timeout: pollTimeout }).toContain('2×');
    await page.screenshot({ path: join(shots, 'pack-multiplier.png') });
    const twice = await scanForAnswer(page, multiplied.barcode ?? '');
    expect(twice.text).toContain('+2');
    expect(twice.text).toContain(`Line complete: ${multiplied.name}`);
    expect(await page.getByTestId('multiplier').count()).toBe(0);
    expect(await progressText(page)).toBe(`${(verified += 2)} / ${units}`);

    // Two products share a barcode: choose by typing its number, then by a click.
    const sharedCode = shared[0].barcode ?? '';
    expect((await scanForAnswer(page, sharedCode)).tone).toBe('choose');
    const chooser = page.getByTestId('choose-product');
    await chooser.waitFor();
    await page.screenshot({ path: join(shots, 'pack-ambiguous.png') });
    const second = (await chooser.locator('.choice-button').nth(1).textContent()) ?? '';
    const secondProduct = shared.find((p) => second.includes(p.name));
    const firstProduct = shared.find((p) => p !== secondProduct);
    if (!secondProduct || !firstProduct) throw new Error(`the chooser does not name the products: ${second}`);
    await typeSlowly(page, '2');
    await page.waitForTimeout(personKeyGapMs * 2);
    await page.keyboard.press('Enter');
    await chooser.waitFor({ state: 'detached' });
    await expect.poll(() => progressText(page), { timeout: pollTimeout }).toBe(`${(verified += 1)} / ${units}`);
    expect(await lineOf(page, picklist, secondProduct.idproduct).getAttribute('data-done')).toBe('true');
    await scanForAnswer(page, sharedCode);
    await chooser.getByRole('button', { name: new RegExp(firstProduct.name) }).click();
    await expect.poll(() => progressText(page), { timeout: pollTimeout }).toBe(`${(verified += 1)} / ${units}`);
    expect(await lineOf(page, picklist, firstProduct.idproduct).getAttribute('data-done')).toBe('true');

    // The set: its own barcode says to scan the parts; the parts count.
    if (set.barcode) expect((await scanForAnswer(page, set.barcode)).text).toContain(`${set.name} is a set: scan its parts`);
    const setLine = picklist.products.find((l) => l.idproduct === set.idproduct);
    const parts = picklist.products.filter((l) => l.partof_idpicklist_product === setLine?.idpicklist_product);
    for (const code of unitCodes(demo, { ...picklist, products: parts })) {
      await scanForAnswer(page, code);
      expect(await progressText(page)).toBe(`${(verified += 1)} / ${units}`);
    }
    expect(await lineOf(page, picklist, set.idproduct).getAttribute('data-done')).toBe('true');

    // The line without a barcode is confirmed by hand, with a reason.
    await lineOf(page, picklist, noBarcode.idproduct).getByRole('button', { name: 'Confirm by hand' }).click();
    const confirm = page.getByTestId('confirm-line');
    await confirm.waitFor();
    await confirm.getByLabel('Reason').fill('geen barcode op het product');
    await page.screenshot({ path: join(shots, 'pack-confirm-by-hand.png') });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => progressText(page), { timeout: pollTimeout }).toBe(`${units} / ${units}`);
    expect(await lineOf(page, picklist, noBarcode.idproduct).textContent()).toContain('Confirmed by hand: geen barcode op het product');
    expect(await page.getByRole('button', { name: 'Complete' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'pack-all-verified.png'), fullPage: true });

    // Enter with nothing focused completes; the ready screen says the parcel went.
    await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('departure').textContent(), { timeout: pollTimeout }).toBe(`Parcel ${picklist.picklistid} sent: label printing`);
    expect(await page.locator('section.pack').count()).toBe(0);
    expect(await page.getByLabel('Search picklists').inputValue()).toBe('');
    await page.screenshot({ path: join(shots, 'pack-sent.png') });
    await expect.poll(() => demo.state.findPicklist(picklist.idpicklist)?.status, { timeout: pollTimeout, interval: 500 }).toBe('closed');

    // …and the next scan is taken at once.
    const next = simplePicklists(demo)[0];
    if (!next) throw new Error('the demo has no simple picklist left');
    await scannerBurst(page, next.picklistid);
    await page.locator(`section.pack[data-idpicklist="${next.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('refuses a paused picklist with its reason, says when nothing is found, offers a choice, and names who else has one', async () => {
    const { demo } = real as RealStation;
    const { page, errors } = await openPage(real as RealStation);
    const paused = demo.state.picklists.find((p) => p.idwarehouse === warehouseId && p.status === 'paused' && p.paused_reason);
    if (!paused?.paused_reason) throw new Error('the demo seed has no paused picklist with a reason');

    const blocked = await scanForAnswer(page, paused.picklistid);
    expect(blocked).toEqual({ tone: 'bad', text: expect.stringContaining(paused.paused_reason) });
    expect(blocked.text).toContain('This picklist cannot be packed');
    expect(await page.locator('section.pack').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'pack-blocked.png') });

    expect((await scanForAnswer(page, 'NOPE-1234')).text).toContain('Nothing found for NOPE-1234');

    // Several picklists match: a scan of one of them chooses it.
    const [one, two] = made.twins;
    await scannerBurst(page, 'LS-DOUBLE');
    const chooser = page.getByTestId('choose-picklist');
    await chooser.waitFor({ timeout: pollTimeout });
    expect(await chooser.locator('.choice-button').count()).toBe(2);
    expect(await chooser.textContent()).toContain(one.picklistid);
    expect(await chooser.textContent()).toContain(two.picklistid);
    await page.screenshot({ path: join(shots, 'pack-choose-picklist.png') });
    await scannerBurst(page, two.picklistid);
    await page.locator(`section.pack[data-idpicklist="${two.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    await chooser.waitFor({ state: 'detached' });

    // A click in the queue opens too; this one is someone else's in Picqer.
    const theirs = demo.state.picklists.find(
      (p) => p.idwarehouse === warehouseId && p.status === 'new' && p.assigned_to_iduser !== null && p.assigned_to_iduser !== packerId,
    );
    const owner = demo.state.users.find((u) => u.iduser === theirs?.assigned_to_iduser);
    if (!theirs || !owner) throw new Error('the demo seed has no picklist assigned to another user');
    await page.getByRole('button', { name: 'Leave', exact: true }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: pollTimeout });
    await page.locator(`tr[data-idpicklist="${theirs.idpicklist}"]`).click();
    const warning = page.getByTestId('assigned-elsewhere');
    await warning.waitFor({ timeout: pollTimeout });
    expect(await warning.textContent()).toContain(`Assigned to ${owner.firstname} ${owner.lastname} in Picqer`);
    await page.screenshot({ path: join(shots, 'pack-assigned-elsewhere.png') });
    await warning.getByRole('button', { name: 'Take over' }).click();
    await warning.waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await page.locator(`section.pack[data-idpicklist="${theirs.idpicklist}"]`).count()).toBe(1);
    await expect.poll(() => demo.state.findPicklist(theirs.idpicklist)?.assigned_to_iduser, { timeout: pollTimeout, interval: 500 }).toBe(packerId);
    await page.getByRole('button', { name: 'Leave', exact: true }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: pollTimeout });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('drives the pack screen from command barcodes: undo, a problem dialog closed by CANCEL, and CANCEL to leave', async () => {
    const { demo } = real as RealStation;
    const { page, errors } = await openPage(real as RealStation);
    const [picklist] = simplePicklists(demo).filter((p) => p.products.reduce((n, l) => n + l.amount, 0) >= 2);
    if (!picklist) throw new Error('the demo has too few simple picklists');
    const units = picklist.products.reduce((n, l) => n + l.amount, 0);
    await scannerBurst(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    const [first] = unitCodes(demo, picklist);
    await scanForAnswer(page, first ?? '');
    expect(await progressText(page)).toBe(`1 / ${units}`);
    expect((await scanForAnswer(page, 'PD:UNDO')).text).toContain('Last scan undone');
    expect(await progressText(page)).toBe(`0 / ${units}`);

    await scanForAnswer(page, 'PD:PROBLEM');
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    // CANCEL with a dialog open is the dialog's: it closes it there, and the picklist stays open.
    await scannerBurst(page, 'PD:CANCEL');
    await problem.waitFor({ state: 'detached' });
    expect(await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).count()).toBe(1);

    // Without a dialog, CANCEL leaves the picklist: back on the queue, nothing said to have left.
    await answered(page, () => scannerBurst(page, 'PD:CANCEL'));
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: pollTimeout });
    expect(await page.getByTestId('departure').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  // Issue 14: main sends session.changed(null) first, then pack.problem answers with the session in
  // its 'problem' state, and the renderer's session store applies that answer last: the pack screen
  // stays on a picklist that has left the station. Fixed in renderer/src/stores/session.ts (the
  // state stream being rewritten), not in a component.
  it('a reported problem frees the station, says so, and Picqer gets the comment', async () => {
    const { demo } = real as RealStation;
    const { page, errors } = await openPage(real as RealStation);
    const [picklist] = simplePicklists(demo);
    if (!picklist) throw new Error('the demo has too few simple picklists');
    await scannerBurst(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    await page.getByRole('button', { name: 'Problem', exact: true }).click();
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    await problem.getByLabel('Item damaged').check();
    await problem.getByLabel('Note (optional)').fill('Pot gebarsten');
    await page.screenshot({ path: join(shots, 'pack-problem.png') });
    await problem.getByRole('button', { name: 'Report problem' }).click();
    await problem.waitFor({ state: 'detached', timeout: pollTimeout });
    // Picqer gets the comment with the packer's note, through the outbox.
    await expect
      .poll(() => demo.state.listComments(picklist.idpicklist).map((c) => c.body).join('\n'), { timeout: pollTimeout, interval: 500 })
      .toContain('Pot gebarsten');
    await page.screenshot({ path: join(shots, 'pack-problem-reported.png') });
    await expect.poll(() => page.locator('section.pack').count(), { timeout: 5_000 }).toBe(0);
    expect(await page.getByTestId('departure').textContent()).toContain(`Problem reported for ${picklist.picklistid}`);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe.skipIf(notReady !== null)('the pack screen in Dutch', () => {
  it('packs in Dutch: the answers and the buttons come from the Dutch catalogue', async () => {
    const dutch = await startRealStation({ language: 'nl', name: 'Inpak 2' });
    try {
      const picklist = simplePicklists(dutch.demo).find((p) => p.products.reduce((n, l) => n + l.amount, 0) >= 2);
      const unique = uniqueBarcodes(dutch.demo);
      const onIt = new Set(picklist?.products.map((l) => l.idproduct));
      const wrong = dutch.demo.state.products.find((p) => p.type === 'normal' && p.barcode && unique.has(p.barcode) && !onIt.has(p.idproduct));
      if (!picklist || !wrong) throw new Error('the demo seed lacks what this test needs');
      const units = picklist.products.reduce((n, l) => n + l.amount, 0);
      const page = await dutch.browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(dutch.station.url);
      await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Open picklijsten');

      const opened = await scanForAnswer(page, picklist.picklistid);
      await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
      expect(opened.text).toContain(picklist.picklistid);
      expect((await scanForAnswer(page, wrong.barcode ?? '')).text).toContain(`Verkeerd artikel: ${wrong.name} staat niet op deze picklijst`);
      const [first] = unitCodes(dutch.demo, picklist);
      const firstName = dutch.demo.state.findProduct(picklist.products[0]?.idproduct ?? 0)?.name ?? '';
      const counted = await scanForAnswer(page, first ?? '');
      expect(counted.tone).toBe('ok');
      expect(counted.text).toMatch(new RegExp(`(Geteld|Regel compleet): ${firstName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(await progressText(page)).toBe(`1 / ${units}`);
      expect(await page.getByRole('button', { name: 'Afronden' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Laatste scan ongedaan maken' }).isEnabled()).toBe(true);
      await page.screenshot({ path: join(shots, 'pack-nl.png') });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await dutch.stop();
    }
  }, 240_000);
});
