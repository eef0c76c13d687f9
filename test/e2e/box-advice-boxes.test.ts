import { describe, expect, it } from 'vitest';
import type { PackSession, SessionState } from '../../shared/packing';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import type { DemoBackend } from '../../electron/picqer-demo/server';
import { openQueue, realStationForFile, scanForAnswer, simplePicklists, type RealStation } from './real-station';
import { valueOf } from './station';

/*
 * Box advice for products one box does not hold, through the real station in Chromium: the demo's
 * product on a two-unit picklist is made as large as one Doos L holds once, and the pallet is not
 * for advice, so the advice is two boxes; the panel advises box 1, and after PD:NEWBOX box 2, each followed by a packaging scan.
 */

function twoUnitPicklist(demo: DemoBackend): RawPicklist | undefined {
  return simplePicklists(demo).find((p) => p.products.length === 1 && p.products[0]?.amount === 2);
}

function current(real: RealStation): Promise<PackSession | null> {
  return real.station.command('pack.current', {}).then((answer) => valueOf<SessionState>(answer).session);
}

describe('the box advice over two boxes', () => {
  const shared = realStationForFile({
    name: 'Advice 2',
    prepare(demo) {
      const picklist = twoUnitPicklist(demo);
      const product = picklist ? demo.state.findProduct(picklist.products[0]?.idproduct ?? 0) : undefined;
      if (!product) return;
      // 45 x 35 x 25 = 39,375 cm3: Doos L (50 x 40 x 30, 48,000 at the fill factor) holds one.
      Object.assign(product, { length: 45, width: 35, height: 25 });
      // A warehouse that advises boxes only: the pallet is not for advice here.
      for (const packaging of demo.state.packagings) if (packaging.barcode === null) packaging.use_in_auto_advice = false;
    },
  });

  it('advises box 1, then box 2 after a new box, and both are followed by their packaging scans', async (context) => {
    const real = shared.inTest(context);
    const picklist = twoUnitPicklist(real.demo);
    if (!picklist) throw new Error('the demo seed has no simple picklist of one line of two units');
    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const panel = page.getByTestId('box-advice');
    await expect.poll(async () => panel.textContent(), { timeout: 15_000 }).toContain('Box advice, box 1 of 2');
    expect(await panel.textContent()).toContain('Does not fit one box: 2 boxes, Doos L and Doos L.');
    expect(await panel.textContent()).toContain('DOOS-L');

    await scanForAnswer(page, 'DOOS-L');
    await expect.poll(async () => panel.textContent(), { timeout: 15_000 }).toContain('Advice followed');
    await scanForAnswer(page, 'PD:NEWBOX');
    await expect.poll(async () => panel.textContent(), { timeout: 15_000 }).toContain('Box advice, box 2 of 2');
    expect(await panel.textContent()).toContain('Scan its barcode to take it, or another packaging.');
    await scanForAnswer(page, 'DOOS-L');
    await expect.poll(async () => panel.textContent(), { timeout: 15_000 }).toContain('Advice followed');
    expect((await current(real))?.shipping.boxes.map((b) => b.packaging?.name)).toEqual(['Doos L', 'Doos L']);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
