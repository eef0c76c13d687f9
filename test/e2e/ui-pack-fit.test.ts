import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoBackend } from '../../electron/picqer-demo/server';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import type { SessionState } from '../../shared/packing';
import { shownWhole } from './measure';
import { openQueue, realStationForFile, scanForAnswer, warehouseId, type RealStation } from './real-station';
import { valueOf } from './station';

/*
 * A touch station's 1024x768 in Dutch (the longer words), on a picklist that brings everything at
 * once: box advice, four lines and the customer's remarks. What the packer needs before the first
 * scan is in view without scrolling anything: the picklist's title, the advice, the line to scan
 * next, whole, and the remarks, which must be read before the box is closed. A remark longer than
 * the side column holds shows its start with a cue in words, and all of it on a tap; after
 * PD:NEWBOX the current box's number is in view.
 */

const size = { width: 1024, height: 768 };

/** The demo's open picklists with box advice material (every product measured), four lines or more, and remarks on the order. */
function busyPicklists(demo: DemoBackend): RawPicklist[] {
  return measuredPicklists(demo, 4).filter((p) => !!demo.state.orders.find((o) => o.idorder === p.idorder)?.customer_remarks);
}

/**
 * A customer who has a lot to say, as one did when the station was tried: longer than the side
 * column holds under the counter and the actions at 1024x768.
 */
const longRemark =
  'Graag NIET bij de buren afgeven. Bel aan bij de achterdeur, de voordeur is kapot en de bel doet het niet. ' +
  'Als er niemand thuis is mag het pakket in de groene container naast de schuur, die is afgesloten met een cijferslot (code 1234). ' +
  'De hond is lief maar springt op, dus even rustig aan doen. Alvast bedankt en een fijne dag!';

/** Open picklists of the warehouse whose every product is measured (box advice shows), with `lines` lines or more. */
function measuredPicklists(demo: DemoBackend, lines: number): RawPicklist[] {
  const { state } = demo;
  return state.picklists.filter(
    (p) =>
      p.idwarehouse === warehouseId &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.length >= lines &&
      p.products.every((l) => {
        const product = state.findProduct(l.idproduct);
        return product?.length != null && product.width != null && product.height != null;
      }),
  );
}

/** A picklist of three measured lines gets the long remark (four would make it the first test's). */
function giveALongRemark(demo: DemoBackend): void {
  const picklist = measuredPicklists(demo, 3).find((p) => p.products.length === 3);
  const order = picklist ? demo.state.orders.find((o) => o.idorder === picklist.idorder) : undefined;
  if (!order) throw new Error('the demo seed has no picklist of three measured lines');
  order.customer_remarks = longRemark;
}

/** The picklist giveALongRemark chose. */
function longRemarkPicklist(demo: DemoBackend): RawPicklist {
  const picklist = demo.state.picklists.find((p) => demo.state.orders.find((o) => o.idorder === p.idorder)?.customer_remarks === longRemark);
  if (!picklist) throw new Error('fixture: no picklist has the long remark');
  return picklist;
}

/** Back to the queue at the station, whatever a test before left open. */
async function leaveAnyPicklist(real: RealStation): Promise<void> {
  if (valueOf<SessionState>(await real.station.command('pack.current')).session) valueOf(await real.station.command('pack.leave'));
}

/** A fresh page at 1024x768 with the picklist open on the pack screen (whatever was open left first). */
async function openAtTouchSize(real: RealStation, picklist: RawPicklist): Promise<{ page: Page; errors: string[] }> {
  await leaveAnyPicklist(real);
  const opened = await openQueue(real);
  await opened.page.setViewportSize(size);
  await scanForAnswer(opened.page, picklist.picklistid);
  await opened.page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
  return opened;
}

/** Whether the shipping panel shows the top of the current box (its first line) where it scrolls. */
function currentBoxInShippingPanel(page: Page): Promise<boolean> {
  return page.evaluate(`(() => {
    const panel = document.querySelector('.pack__side > .shipping').getBoundingClientRect();
    const box = document.querySelector('.shipping__box--current');
    if (!box) return false;
    const top = box.getBoundingClientRect().top;
    return top >= panel.top - 0.5 && top + 24 <= panel.bottom && panel.bottom <= window.innerHeight;
  })()`);
}

const expectShown = (page: Page, selector: string) => expect.poll(async () => shownWhole(page, selector), { timeout: 10_000 }).toEqual({ found: true, shown: true, why: '' });

describe('the pack screen at 1024x768 in Dutch', () => {
  const shared = realStationForFile({ name: 'Pak 1', language: 'nl', prepare: giveALongRemark });

  it('shows the title, the box advice, the line to scan next and the remarks without scrolling', async (context) => {
    const real = shared.inTest(context);
    const picklist = busyPicklists(real.demo)[0];
    if (!picklist) throw new Error('the demo seed has no picklist with four measured lines and remarks');
    const { page, errors } = await openAtTouchSize(real, picklist);
    await page.getByTestId('box-advice').waitFor({ timeout: 15_000 });
    await page.locator('.notes__remarks').waitFor({ timeout: 15_000 });

    await expectShown(page, '.pack-header__title');
    await expectShown(page, '[data-testid="box-advice"]');
    // The line to scan next is whole, even where the box advice came after the lines were laid out.
    await expectShown(page, '.pack-lines > li.pack-line--next');
    await expectShown(page, '.notes__remarks .notes__text');
    await expectShown(page, '.pack-actions .button--primary');
    // Remarks that fit say so by showing no cue, in a box no taller than what it holds.
    expect(await page.getByTestId('notes-more').count()).toBe(0);
    const emptyBelow = await page.evaluate<number>(`(() => {
      const box = document.querySelector('[data-testid="order-notes"]');
      return box.getBoundingClientRect().bottom - box.lastElementChild.getBoundingClientRect().bottom;
    })()`);
    expect(emptyBelow, 'the remarks box is stretched below its text').toBeLessThan(24);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('shows a long remark from its start with a cue that more follows, and all of it at once on a tap', async (context) => {
    const real = shared.inTest(context);
    const picklist = longRemarkPicklist(real.demo);
    const { page, errors } = await openAtTouchSize(real, picklist);
    await page.locator('.notes__remarks').waitFor({ timeout: 15_000 });
    expect(await page.locator('.notes__remarks .notes__text').textContent()).toBe(longRemark);

    // The box the remarks are in is whole on screen, with its title and the start of the text, and
    // says in words at its foot that more follows. It gets the room before the shipping panel does.
    await expectShown(page, '[data-testid="order-notes"]');
    await expectShown(page, '.notes__remarks .notes__title');
    await expectShown(page, '[data-testid="notes-more"]');
    const more = page.getByTestId('notes-more');
    expect(await more.textContent()).toContain('Meer tekst');
    const notes = await page.getByTestId('order-notes').boundingBox();
    const shipping = await page.locator('.pack__side > .shipping').boundingBox();
    if (!notes || !shipping) throw new Error('the remarks or the shipping panel are not on screen');
    expect(notes.height).toBeGreaterThan(shipping.height);
    await expectShown(page, '.pack-actions .button--primary');
    await expectShown(page, '[data-testid="pack-progress"]');

    // A tap on the cue: the whole remark at once, every word of it in view.
    await more.click();
    await expectShown(page, '.notes__remarks .notes__text');
    await expectShown(page, '[data-testid="notes-close"]');
    const text = await page.locator('.notes__remarks .notes__text').boundingBox();
    const close = await page.getByTestId('notes-close').boundingBox();
    if (!text || !close) throw new Error('the remarks are not on screen');
    expect(text.y + text.height, 'the close button covers the end of the remarks').toBeLessThanOrEqual(close.y + 0.5);
    // Scanning goes on meanwhile: the title and the line to scan next are untouched.
    await expectShown(page, '.pack-header__title');
    await expectShown(page, '.pack-lines > li.pack-line--next');

    // Close puts it back under the actions.
    await page.getByTestId('notes-close').click();
    await expectShown(page, '[data-testid="notes-more"]');
    await expectShown(page, '.pack-actions .button--primary');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('shows which box is current after PD:NEWBOX without scrolling', async (context) => {
    const real = shared.inTest(context);
    // The picklist with the long remarks: the side column has the least room to spare.
    const picklist = longRemarkPicklist(real.demo);
    const { page, errors } = await openAtTouchSize(real, picklist);
    expect(await page.getByTestId('pack-box').count()).toBe(0);

    await scanForAnswer(page, 'PD:NEWBOX');
    const box = page.getByTestId('pack-box');
    await expect.poll(() => box.textContent(), { timeout: 10_000 }).toBe('Doos 2 van 2');
    await expectShown(page, '[data-testid="pack-box"]');
    await expectShown(page, '.pack-header__title');
    await expectShown(page, '.pack-lines > li.pack-line--next');
    await expectShown(page, '.pack-actions .button--primary');
    // The shipping panel, squeezed under the remarks, has scrolled itself to the current box.
    await expect.poll(() => currentBoxInShippingPanel(page), { timeout: 10_000 }).toBe(true);

    await scanForAnswer(page, 'PD:NEWBOX');
    await expect.poll(() => box.textContent(), { timeout: 10_000 }).toBe('Doos 3 van 3');
    await expectShown(page, '[data-testid="pack-box"]');
    await expect.poll(() => currentBoxInShippingPanel(page), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
