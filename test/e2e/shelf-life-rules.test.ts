import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGtin14 } from '../../shared/barcode';
import { lotTrackedField } from '../../electron/picqer-demo/seed';
import type { RawPicklist, RawProduct } from '../../electron/picqer-demo/types';
import type { SessionState } from '../../shared/packing';
import { scanForAnswer, startRealStation, warehouseId, type RealStation } from './real-station';
import { missingBuild, valueOf } from './station';
import { backToQueue, pollTimeout } from './ui-real';

/*
 * Issue 18, a minimum shelf life per tag: a rule saved in Settings (tag Cadeau, chosen from the
 * tags the station cached, 60 days over a 30-day default) refuses a unit of a Cadeau order whose
 * GS1 DataMatrix says it keeps 45 days, naming the tag, and counts one that keeps 400 days.
 */

const notReady = missingBuild();
let real: RealStation | undefined;
let picklist: RawPicklist;
let tracked: RawProduct;

beforeAll(async () => {
  if (notReady) return;
  real = await startRealStation({
    prepare(demo) {
      const found = demo.state.products.find((p) => p.productfields.some((f) => f.idproductfield === lotTrackedField.idproductfield));
      if (!found) throw new Error('the demo seed has no lot-tracked product');
      tracked = found;
      // A gift order of its own (Picqer's order tag "Cadeau"), two units of the lot-tracked product.
      picklist = demo.state.addPicklist({ lines: [{ idproduct: found.idproduct, amount: 2 }], idwarehouse: warehouseId, deliveryname: 'Familie Houdbaar', tags: ['Cadeau'] });
    },
  });
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

/** YYMMDD of the day `days` after today in the browser's and station's own clock. */
function gs1DayAfter(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getFullYear() % 100)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

describe.skipIf(notReady !== null)('a shelf-life rule per tag on the real station', () => {
  it('saves a rule for a cached tag in Settings, and a scan of that tag’s order is refused within the rule’s minimum, naming the tag', async () => {
    const { station } = real as RealStation;
    const page = await (real as RealStation).browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(station.url);
    await backToQueue(page);
    await page.locator(`tr[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });

    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    const form = page.locator('form[aria-labelledby="station-settings-packing"]');
    await form.getByLabel('Minimum shelf life (days)').fill('30');
    const rules = form.getByTestId('shelf-life-rules');
    // The tags the station cached are offered to pick from.
    await expect.poll(() => rules.locator('#shelf-life-tags option[value="Cadeau"]').count(), { timeout: pollTimeout }).toBe(1);
    await rules.getByRole('button', { name: 'Add a rule' }).click();
    await rules.getByLabel('Tag of rule 1').fill('Cadeau');
    await rules.getByLabel('Days of rule 1').fill('60');
    // At a touch station's width the tag stays readable: the row wraps rather than squeeze it.
    await page.setViewportSize({ width: 1024, height: 768 });
    expect((await rules.getByLabel('Tag of rule 1').boundingBox())?.width ?? 0).toBeGreaterThan(150);
    // A second rule without a tag is refused in the packer's words before it is sent, then removed.
    await rules.getByRole('button', { name: 'Add a rule' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await rules.getByRole('alert').filter({ hasText: 'Rule 2: choose or type the tag or webshop it is for.' }).waitFor({ timeout: pollTimeout });
    await rules.getByRole('button', { name: 'Remove rule 2' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: pollTimeout });
    const saved = valueOf<{ packing: { minShelfLifeDays?: number; shelfLifeRules?: unknown } }>(await station.command('settings.get', {}));
    expect(saved.packing).toMatchObject({ minShelfLifeDays: 30, shelfLifeRules: [{ match: 'tag', value: 'Cadeau', days: 60 }] });

    await backToQueue(page);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    const gtin = toGtin14(tracked.barcode ?? '') ?? '';
    expect(gtin).not.toBe('');

    // 45 days is enough for the default, not for the tag's rule.
    const refused = await scanForAnswer(page, `]d201${gtin}17${gs1DayAfter(45)}10LOT-SHORT`);
    expect(refused.tone).toBe('bad');
    expect(refused.text).toContain("is within the 60 days' minimum shelf life for tag Cadeau: take another one.");
    expect(valueOf<SessionState>(await station.command('pack.current', {})).session?.verifiedUnits).toBe(0);

    const good = await scanForAnswer(page, `]d201${gtin}17${gs1DayAfter(400)}10LOT-LONG`);
    expect(good.tone).toBe('ok');
    expect(valueOf<SessionState>(await station.command('pack.current', {})).session?.verifiedUnits).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
