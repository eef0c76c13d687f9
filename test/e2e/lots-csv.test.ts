import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GS, toGtin14 } from '../../shared/barcode';
import { lotTrackedField } from '../../electron/picqer-demo/seed';
import { lotColumns } from '../../electron/main/history/lots-csv';
import { parseCsv } from '../main/stats/parse-csv';
import { openQueue, packUnits, realStationForFile, scanForAnswer, simplePicklists, unitCodes } from './real-station';

/*
 * Which lot went to this order? (issue 18) Through the real station in Chromium: a lot-tracked
 * unit packed by its GS1 DataMatrix string (FNC1 as GS through the wedge), then History's
 * "Lots (CSV)" on the parcel's row downloads the order's file with its lot and best-before date,
 * and the search above the table finds the same order by its number.
 */

const shared = realStationForFile();

describe('an order’s lots as CSV from History', () => {
  it('downloads the lot and best-before date of a packed unit by the parcel’s row and by the order number', async (context) => {
    const real = shared.inTest(context);
    const { demo } = real;
    const isTracked = (idproduct: number) => demo.state.findProduct(idproduct)?.productfields.some((f) => f.idproductfield === lotTrackedField.idproductfield) ?? false;
    const picklist = simplePicklists(demo).find((p) => p.idorder !== null && p.products.some((l) => isTracked(l.idproduct)));
    if (!picklist?.idorder) throw new Error('the demo seed has no simple picklist of an order with a lot-tracked product');
    const orderid = demo.state.getOrder(picklist.idorder).orderid;
    const trackedLine = picklist.products.find((l) => isTracked(l.idproduct));
    const trackedCode = demo.state.findProduct(trackedLine?.idproduct ?? 0)?.barcode ?? '';
    const gtin = toGtin14(trackedCode) ?? '';
    expect(gtin).not.toBe('');

    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const codes = unitCodes(demo, picklist);
    const trackedAt = codes.indexOf(trackedCode);
    const datamatrix = `]d201${gtin}17301231` + `10LOT-CSV${GS}21SN-CSV-1`;
    const answers = await packUnits(page, codes.map((code, index) => (index === trackedAt ? datamatrix : code)));
    for (const [index, answer] of answers.entries()) expect(answer.tone, `unit ${index + 1}`).toMatch(/^(ok|done)$/);

    await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
    const row = page.locator(`tr.parcel[data-idpicklist="${picklist.idpicklist}"]`);
    const lotsButton = row.getByRole('button', { name: 'Lots (CSV)' });
    await lotsButton.waitFor({ timeout: 30_000 });

    const readDownload = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return { filename: download.suggestedFilename(), rows: parseCsv(bytes.subarray(3).toString('utf8')) };
    };
    const byRow = await readDownload(() => lotsButton.click());
    const [header, ...rows] = byRow.rows;
    expect(header).toEqual([...lotColumns]);
    expect(rows).toHaveLength(1);
    const cell = (name: (typeof lotColumns)[number]) => rows[0]?.[lotColumns.indexOf(name)];
    expect(cell('order')).toBe(orderid);
    expect(cell('picklist')).toBe(picklist.picklistid);
    expect(cell('lot')).toBe('LOT-CSV');
    expect(cell('best_before')).toBe('2030-12-31');
    expect(cell('serial')).toBe('SN-CSV-1');
    expect(cell('amount')).toBe('1');
    expect(cell('station')).toBe('Pack 1');
    expect(cell('packed_at')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // The search finds the order by the number a lead reads off the slip or Picqer, whatever the day.
    await page.getByLabel('Order number, reference or picklist').fill(orderid);
    const bySearch = await readDownload(() => page.getByRole('button', { name: 'Download CSV' }).click());
    expect(bySearch).toEqual(byRow);

    // An order this station never packed is answered in words, not with an empty file.
    await page.getByLabel('Order number, reference or picklist').fill('NO-SUCH-ORDER');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('This station knows no order NO-SUCH-ORDER'));
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
