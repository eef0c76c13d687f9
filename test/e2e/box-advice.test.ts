import { describe, expect, it } from 'vitest';
import type { PackSession, SessionState } from '../../shared/packing';
import type { StatsSummary } from '../../shared/contract';
import { openQueue, realStationForFile, scanForAnswer, simplePicklists, type RealStation } from './real-station';
import { valueOf } from './station';

/*
 * Issue 18 item 2 through the real station in Chromium, on the demo: a picklist whose products all
 * have dimensions opens with the box advice shown, name and barcode; scanning another packaging
 * overrides it, the screen says which was chosen, and Stats counts the override for the advised
 * packaging.
 */

function current(real: RealStation): Promise<PackSession | null> {
  return real.station.command('pack.current', {}).then((answer) => valueOf<SessionState>(answer).session);
}

describe('the box advice', () => {
  const shared = realStationForFile({ name: 'Advice 1' });

  it('is shown on open, overridden by scanning another packaging, and the override is in Stats', async (context) => {
    const real = shared.inTest(context);
    const { demo, station } = real;
    const measured = simplePicklists(demo).filter((p) =>
      p.products.every((l) => {
        const product = demo.state.findProduct(l.idproduct);
        return product !== undefined && product.length !== null && product.width !== null && product.height !== null && product.length <= 45;
      }),
    );
    const picklist = measured[0];
    if (!picklist) throw new Error('the demo seed has no simple picklist whose products all have dimensions');
    const { page, errors } = await openQueue(real);

    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const advice = (await current(real))?.shipping.advice;
    if (!advice?.barcode) throw new Error(`no advice with a barcode for ${picklist.picklistid}`);
    const panel = page.getByTestId('box-advice');
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.textContent()).toContain(advice.name);
    expect(await panel.textContent()).toContain(advice.barcode);

    const other = advice.barcode === 'DOOS-L' ? { code: 'DOOS-M', name: 'Doos M' } : { code: 'DOOS-L', name: 'Doos L' };
    await scanForAnswer(page, other.code);
    await expect.poll(async () => (await current(real))?.shipping.packaging?.name, { timeout: 15_000 }).toBe(other.name);
    await expect.poll(async () => panel.textContent(), { timeout: 15_000 }).toContain(`Other packaging chosen: ${other.name}`);

    const summary = valueOf<StatsSummary>(await station.command('stats.summary', {}));
    expect(summary.boxAdvice).toEqual([{ idpackaging: advice.idpackaging, name: advice.name, followed: 0, overridden: 1 }]);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Stats' }).click();
    const table = page.getByTestId('box-advice-stats');
    await table.waitFor({ timeout: 15_000 });
    const row = table.locator(`tr[data-idpackaging="${advice.idpackaging}"]`);
    expect(await row.locator('[data-figure="followed"]').textContent()).toBe('0');
    expect(await row.locator('[data-figure="overridden"]').textContent()).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
