import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { openQueue, realStationForFile, scanForAnswer, warehouseId, type RealStation } from './real-station';

/*
 * A touch station's 1024x768 in Dutch (the longer words), on a picklist that brings everything at
 * once: box advice, four lines and the customer's remarks. What the packer needs before the first
 * scan is in view without scrolling anything: the picklist's title, the advice, the line to scan
 * next, whole, and the remarks, which must be read before the box is closed.
 */

const size = { width: 1024, height: 768 };

/** Whether the element is wholly inside the window and inside every ancestor that clips it. */
function shownWhole(page: Page, selector: string): Promise<{ found: boolean; shown: boolean; why: string }> {
  return page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return { found: false, shown: false, why: 'missing' };
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight + 0.5 || r.left < 0 || r.right > window.innerWidth + 0.5) return { found: true, shown: false, why: 'outside the window: ' + Math.round(r.top) + '..' + Math.round(r.bottom) };
    for (let a = el.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5) return { found: true, shown: false, why: 'clipped by ' + a.className + ': ' + Math.round(r.top) + '..' + Math.round(r.bottom) + ' in ' + Math.round(c.top) + '..' + Math.round(c.bottom) };
    }
    return { found: true, shown: true, why: '' };
  })()`);
}

/** The demo's open picklists with box advice material (every product measured), four lines or more, and remarks on the order. */
function busyPicklists(real: RealStation): RawPicklist[] {
  const { state } = real.demo;
  return state.picklists.filter(
    (p) =>
      p.idwarehouse === warehouseId &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.length >= 4 &&
      p.products.every((l) => {
        const product = state.findProduct(l.idproduct);
        return product?.length != null && product.width != null && product.height != null;
      }) &&
      !!state.orders.find((o) => o.idorder === p.idorder)?.customer_remarks,
  );
}

describe('the pack screen at 1024x768 in Dutch', () => {
  const shared = realStationForFile({ name: 'Pak 1', language: 'nl' });

  it('shows the title, the box advice, the line to scan next and the remarks without scrolling', async (context) => {
    const real = shared.inTest(context);
    const picklist = busyPicklists(real)[0];
    if (!picklist) throw new Error('the demo seed has no picklist with four measured lines and remarks');
    const { page, errors } = await openQueue(real);
    await page.setViewportSize(size);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    await page.getByTestId('box-advice').waitFor({ timeout: 15_000 });
    await page.locator('.notes__remarks').waitFor({ timeout: 15_000 });

    const expectShown = async (selector: string) => expect.poll(async () => shownWhole(page, selector), { timeout: 10_000 }).toEqual({ found: true, shown: true, why: '' });
    await expectShown('.pack-header__title');
    await expectShown('[data-testid="box-advice"]');
    // The line to scan next is whole, even where the box advice came after the lines were laid out.
    await expectShown('.pack-lines > li.pack-line--next');
    await expectShown('.notes__remarks .notes__text');
    await expectShown('.pack-actions .button--primary');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
