import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackSession, SessionState } from '../../shared/packing';
import { missingTools } from '../main/documents/pdf-tools';
import { openQueue, packUnits, realStationForFile, scanForAnswer, simplePicklists, typeWeight, unitCodes, type RealStation } from './real-station';
import { valueOf } from './station';

/*
 * Issue 17 item 4 through the real station in Chromium, on the demo: a parcel of three boxes packed
 * by wedge scans (a packaging barcode per box, PD:NEWBOX between them) and a weight typed per box.
 * Where Picqer takes parcels it is one shipment with three parcels; where it refuses them
 * (variant multicolli=refused) it is a shipment per box. Either way three labels and three slips,
 * "box k of 3", come out in box order.
 */

/** The demo's packagings: barcode, idpackaging, and the weight typed for that box. */
const boxes = [
  { barcode: 'DOOS-S', idpackaging: 3, weight: 900 },
  { barcode: 'DOOS-L', idpackaging: 5, weight: 2400 },
  { barcode: 'DOOS-M', idpackaging: 4, weight: 1300 },
];

function current(real: RealStation): Promise<PackSession | null> {
  return real.station.command('pack.current', {}).then((answer) => valueOf<SessionState>(answer).session);
}

/** The printed files of the picklist in the order they were printed (stamp, then the job id a same-second file carries). */
function printedInOrder(real: RealStation, printer: 'labels' | 'slips', picklistid: string): string[] {
  const key = (file: string): [string, number] => {
    const match = /^(\d{8}-\d{6})-.*?-(?:label|packing_slip)(?:-(\d+))?\.\w+$/.exec(file);
    return [match?.[1] ?? '', Number(match?.[2] ?? 0)];
  };
  return real
    .files(printer)
    .filter((f) => f.includes(picklistid))
    .sort((a, b) => {
      const [sa, ia] = key(a);
      const [sb, ib] = key(b);
      return sa === sb ? ia - ib : sa < sb ? -1 : 1;
    });
}

function documentText(path: string): string | null {
  if (path.endsWith('.zpl')) return readFileSync(path, 'utf8');
  return missingTools.includes('pdftotext') ? null : execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
}

async function packThreeBoxes(real: RealStation): Promise<{ idpicklist: number; picklistid: string }> {
  const { demo } = real;
  const picklist = simplePicklists(demo).sort((a, b) => b.products.reduce((n, l) => n + l.amount, 0) - a.products.reduce((n, l) => n + l.amount, 0))[0];
  if (!picklist) throw new Error('the demo seed has no simple picklist');
  const { page, errors } = await openQueue(real);
  await scanForAnswer(page, picklist.picklistid);
  await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });

  for (const [index, box] of boxes.entries()) {
    if (index > 0) {
      const added = await scanForAnswer(page, 'PD:NEWBOX');
      expect(added.tone).not.toBe('bad');
      await expect.poll(async () => (await current(real))?.shipping.currentBox, { timeout: 15_000 }).toBe(index + 1);
    }
    const scanned = await scanForAnswer(page, box.barcode);
    expect(scanned.tone).not.toBe('bad');
    await typeWeight(page, box.weight, index === 0 ? 'shipping-weight' : `shipping-weight-${index + 1}`);
    await expect.poll(async () => (await current(real))?.shipping.boxes[index]?.weight, { timeout: 15_000 }).toBe(box.weight);
  }
  const shown = (await current(real))?.shipping.boxes.map((b) => [b.box, b.packaging?.idpackaging ?? null, b.weight]);
  expect(shown).toEqual(boxes.map((b, i) => [i + 1, b.idpackaging, b.weight]));
  expect(await page.locator('.shipping__box').count()).toBe(3);
  expect(await page.locator('.shipping__box--current').textContent()).toContain('Box 3 of 3');
  // A box added by mistake with the button is taken back with the one on that box.
  await page.getByRole('button', { name: 'New box', exact: true }).click();
  await expect.poll(async () => (await current(real))?.shipping.boxes.length, { timeout: 15_000 }).toBe(4);
  await page.getByRole('button', { name: 'Remove box', exact: true }).click();
  await expect.poll(async () => (await current(real))?.shipping.boxes.length, { timeout: 15_000 }).toBe(3);
  await expect.poll(() => page.locator('.shipping__box').count(), { timeout: 15_000 }).toBe(3);
  await page.evaluate('document.activeElement && document.activeElement.blur()');

  const codes = unitCodes(demo, picklist);
  await packUnits(page, codes);
  await expect.poll(() => demo.state.getPicklist(picklist.idpicklist).status, { timeout: 30_000 }).toBe('closed');
  await expect.poll(() => printedInOrder(real, 'labels', picklist.picklistid).length, { timeout: 30_000 }).toBe(3);
  await expect.poll(() => printedInOrder(real, 'slips', picklist.picklistid).length, { timeout: 30_000 }).toBe(3);
  expect(errors).toEqual([]);
  await page.close();
  return picklist;
}

/** Labels and slips in box order: each label names its box's weight, each slip says "box k of 3". */
function expectDocumentsInBoxOrder(real: RealStation, picklistid: string, printDir: (printer: 'labels' | 'slips') => string): void {
  const labels = printedInOrder(real, 'labels', picklistid).map((f) => documentText(join(printDir('labels'), f)));
  if (labels.every((t) => t !== null)) expect(labels.map((t) => Number(/(\d+) g\b/.exec(t ?? '')?.[1]))).toEqual(boxes.map((b) => b.weight));
  const slips = printedInOrder(real, 'slips', picklistid).map((f) => documentText(join(printDir('slips'), f)));
  if (slips.every((t) => t !== null)) {
    expect(slips.map((t) => /(?:Box|Doos) (\d) (?:of|van) 3/.exec(t ?? '')?.[1])).toEqual(['1', '2', '3']);
  }
}

describe('a parcel of three boxes where Picqer takes parcels', () => {
  const shared = realStationForFile({ name: 'Colli 1' });

  it('is one shipment with three parcels, and three labels and slips in box order', async (context) => {
    const real = shared.inTest(context);
    const picklist = await packThreeBoxes(real);
    const shipments = real.demo.state.listShipments(picklist.idpicklist).filter((s) => !s.cancelled);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]?.parcels.map((p) => [p.idpackaging, p.weight])).toEqual(boxes.map((b) => [b.idpackaging, b.weight]));
    expectDocumentsInBoxOrder(real, picklist.picklistid, (printer) => real.printDir(printer));
  }, 240_000);
});

describe('a parcel of three boxes where the carrier refuses parcels (multicolli=refused)', () => {
  const shared = realStationForFile({ name: 'Colli 2', demo: { variants: { multicolli: 'refused' } } });

  it('is a shipment per box, and three labels and slips in box order', async (context) => {
    const real = shared.inTest(context);
    const picklist = await packThreeBoxes(real);
    const shipments = real.demo.state.listShipments(picklist.idpicklist).filter((s) => !s.cancelled).sort((a, b) => a.idshipment - b.idshipment);
    expect(shipments).toHaveLength(3);
    expect(shipments.map((s) => s.parcels.map((p) => [p.idpackaging, p.weight]))).toEqual(boxes.map((b) => [[b.idpackaging, b.weight]]));
    expectDocumentsInBoxOrder(real, picklist.picklistid, (printer) => real.printDir(printer));
  }, 240_000);
});
