import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GS, toGtin14 } from '../../shared/barcode';
import { lotTrackedField } from '../../electron/picqer-demo/seed';
import type { SessionState } from '../../shared/packing';
import { missingTools, pdfText } from '../main/documents/pdf-tools';
import { openQueue, packUnits, realStationForFile, scanForAnswer, simplePicklists, unitCodes } from './real-station';
import { valueOf } from './station';

/*
 * Issue 18 through the real station in Chromium: a unit's GS1 DataMatrix string (AIM ]d2, AI 01
 * GTIN, 17 best-before, 10 lot with FNC1 as GS, 21 serial) typed by the wedge counts, and its lot
 * and date are printed under the line on the packing slip; a unit whose date is within the
 * minimum shelf life is refused with its own answer and counts nothing.
 */

const shared = realStationForFile();

/** YYMMDD and DD-MM-YYYY of the day `days` after today (the station's clock is the real one here). */
function dayAfter(days: number): { gs1: string; iso: string } {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { gs1: `${pad(d.getFullYear() % 100)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`, iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` };
}

describe('lots and best-before dates on the packer’s screen and the slip', () => {
  it.skipIf(missingTools.length > 0)('refuses a short-dated unit, counts a good one by its DataMatrix and prints its lot on the slip', async (context) => {
    const real = shared.inTest(context);
    const { demo, station } = real;
    // A picklist with one of the demo's lot-tracked products (a product field, as an account keeps it).
    const isTracked = (idproduct: number) => demo.state.findProduct(idproduct)?.productfields.some((f) => f.idproductfield === lotTrackedField.idproductfield) ?? false;
    const picklist = simplePicklists(demo).find((p) => p.products.some((l) => isTracked(l.idproduct)));
    if (!picklist) throw new Error('the demo seed has no simple picklist with a lot-tracked product');
    const trackedLine = picklist.products.find((l) => isTracked(l.idproduct));
    valueOf(await station.command('settings.update', { section: 'packing', value: { minShelfLifeDays: 30 } }));

    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const codes = unitCodes(demo, picklist);
    const trackedCode = demo.state.findProduct(trackedLine?.idproduct ?? 0)?.barcode ?? '';
    const trackedAt = codes.indexOf(trackedCode);
    const gtin = toGtin14(trackedCode) ?? '';
    expect(gtin).not.toBe('');

    const soon = dayAfter(5);
    const refused = await scanForAnswer(page, `]d201${gtin}17${soon.gs1}10OLD-1${GS}21SN-OLD`);
    expect(refused.tone).toBe('bad');
    expect(refused.text).toContain("is within the 30 days' minimum shelf life: take another one.");
    const session = valueOf<SessionState>(await station.command('pack.current', {})).session;
    expect(session?.verifiedUnits).toBe(0);

    const good = dayAfter(400);
    const datamatrix = `]d201${gtin}17${good.gs1}10LOT-E2E${GS}21SN-77`;
    const answers = await packUnits(page, codes.map((code, index) => (index === trackedAt ? datamatrix : code)));
    for (const [index, answer] of answers.entries()) expect(answer.tone, `unit ${index + 1}`).toMatch(/^(ok|done)$/);
    await expect.poll(() => demo.state.getPicklist(picklist.idpicklist).status, { timeout: 30_000 }).toBe('closed');

    const slipName = () => real.files('slips').find((f) => f.includes(picklist.picklistid));
    await expect.poll(slipName, { timeout: 30_000 }).toBeTruthy();
    const text = pdfText(readFileSync(join(real.printDir('slips'), slipName() ?? ''))).replace(/\s+/g, ' ');
    const [y, m, d] = good.iso.split('-').map(Number);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    // The order's language decides the slip's words: either catalogue's spelling of the same unit.
    expect(text).toMatch(
      new RegExp(`(Lot LOT-E2E, best before ${String(d)} ${months[(m ?? 1) - 1] ?? ''} ${String(y)}, serial SN-77|Partij LOT-E2E, THT ${good.iso.split('-').reverse().join('-')}, serienr\\. SN-77)`),
    );
    expect(text).not.toContain('OLD-1');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
