import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/packing';
import { openQueue, realStationForFile, scanForAnswer, simplePicklists, syncedBatches } from './real-station';
import { valueOf } from './station';

/*
 * PD:CANCEL through the real station in Chromium: with a quantity waiting (PD:QTY) it drops the
 * quantity and the picklist or batch stays open, as the answer and the docs say; only the next
 * CANCEL leaves. Main decides what a CANCEL does; the screen only closes a dialog in front.
 */

describe('PD:CANCEL drops what waits before it leaves', () => {
  const shared = realStationForFile({ name: 'Cancel 1' });

  it('drops a quantity and keeps the picklist, then leaves it', async (context) => {
    const real = shared.inTest(context);
    // Two units or more, so the one scanned after the CANCEL does not complete the parcel.
    const picklist = simplePicklists(real.demo).find((p) => p.products.reduce((sum, line) => sum + line.amount, 0) >= 2);
    if (!picklist) throw new Error('the demo seed has no simple picklist of two units');
    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, picklist.picklistid);
    const pack = page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`);
    await pack.waitFor({ timeout: 15_000 });
    await scanForAnswer(page, 'PD:QTY:3');
    await scanForAnswer(page, 'PD:CANCEL');
    // The next product scan still counts on the picklist: it was not left behind the answer's back.
    const unit = real.demo.state.findProduct(picklist.products[0]?.idproduct ?? 0)?.barcode ?? '';
    expect((await scanForAnswer(page, unit)).tone).toMatch(/^(ok|done)$/);
    const current = async () => valueOf<SessionState>(await real.station.command('pack.current', {})).session;
    expect((await current())?.idpicklist).toBe(picklist.idpicklist);
    expect((await current())?.verifiedUnits).toBe(1);
    expect(await pack.isVisible()).toBe(true);
    await scanForAnswer(page, 'PD:CANCEL');
    await pack.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await current()).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('drops a quantity in a batch and keeps the batch, then leaves it', async (context) => {
    const real = shared.inTest(context);
    const [batch] = await syncedBatches(real);
    if (!batch) throw new Error('no batch to open');
    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, batch.picklistBatchid);
    const open = async () => valueOf<SessionState>(await real.station.command('pack.current', {})).batch?.idpicklistBatch ?? null;
    await expect.poll(open, { timeout: 15_000 }).toBe(batch.idpicklistBatch);
    await page.getByTestId('batch-parcels').waitFor({ timeout: 15_000 });
    const view = valueOf<SessionState>(await real.station.command('pack.current', {})).batch;
    const first = real.demo.state.getPicklist(view?.slots.find((slot) => slot.state === 'waiting')?.idpicklist ?? 0);
    await scanForAnswer(page, 'PD:QTY:2');
    await scanForAnswer(page, 'PD:CANCEL');
    // The next product scan still goes to a slot: the batch was not left behind the answer's back.
    const unit = real.demo.state.findProduct(first.products[0]?.idproduct ?? 0)?.barcode ?? '';
    expect((await scanForAnswer(page, unit)).tone).toMatch(/^(ok|done)$/);
    expect(await open()).toBe(batch.idpicklistBatch);
    expect(await page.getByTestId('batch-parcels').isVisible()).toBe(true);
    await scanForAnswer(page, 'PD:CANCEL');
    await expect.poll(open, { timeout: 15_000 }).toBeNull();
    await page.getByTestId('batch-parcels').waitFor({ state: 'detached', timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
