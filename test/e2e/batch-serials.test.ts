import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchSummary, BatchView } from '../../shared/batch';
import type { SessionState } from '../../shared/packing';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import { launchBrowser } from './browser';
import { shownWhole } from './measure';
import { doubleReadPauseMs, openQueue, packerId, realStationForFile, scanForAnswer, unitCodes, syncedBatches, warehouseId } from './real-station';
import { missingBuild, startStation, valueOf, type RunningStation } from './station';

/*
 * Issues 17 and 18 through the real station in Chromium: a product of the demo's normal batch
 * carries a product tag (Picqer's `tags` on the product) that the station's settings name as the
 * serial tag. Scanned in the batch without a serial, the unit is routed to its slot and the screen
 * asks for its serial, naming the slot; a reload asks again (main holds the unit); the typed serial
 * counts it there, and the same serial for the next unit is refused. And the batch screen's large
 * slot panel shows, after the station restarts, the slot the last unit was put in.
 */

const serialTag = { idtag: 390, title: 'Serienummer', color: '#3949ab', inherit: false, textColor: '#ffffff' };

/** The product of the normal batch with the most units, so a second unit can be refused a serial already used. */
let tagged = { idproduct: 0, barcode: '', name: '', units: 0 };

function tagAProductOfTheBatch(demo: DemoBackend): void {
  const batch = demo.state.picklistBatches.find((b) => b.type === 'normal');
  if (!batch) throw new Error('the demo seeds a normal batch');
  const units = new Map<number, number>();
  for (const id of batch.idpicklists) for (const line of demo.state.getPicklist(id).products) units.set(line.idproduct, (units.get(line.idproduct) ?? 0) + line.amount);
  const [idproduct, amount] = [...units.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const product = demo.state.findProduct(idproduct);
  if (!product?.barcode || amount < 2) throw new Error('the normal batch has a product with two units');
  product.tags = { [serialTag.title]: serialTag };
  tagged = { idproduct, barcode: product.barcode, name: product.name, units: amount };
}

const shared = realStationForFile({ prepare: tagAProductOfTheBatch });

describe('serial numbers in a batch at the real station', () => {
  it('asks for the serial of a tagged unit with its slot, again after a reload, counts it typed, and refuses it for the next unit', async (context) => {
    const real = shared.inTest(context);
    const { station } = real;
    valueOf(await station.command('settings.update', { section: 'packing', value: { serialTag: 'serienummer' } }));
    const normal = (await syncedBatches(real)).find((b) => b.type === 'normal');
    if (!normal) throw new Error('the demo seeds a normal batch');
    const batchOf = async (): Promise<BatchView | null> => valueOf<SessionState>(await station.command('pack.current')).batch;

    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, normal.picklistBatchid);
    const screen = page.locator(`section[data-idpicklist-batch="${normal.idpicklistBatch}"]`);
    await screen.waitFor({ timeout: 15_000 });

    const asked = await scanForAnswer(page, tagged.barcode);
    expect(asked.text).toContain(`Serial number of ${tagged.name}?`);
    const waiting = (await batchOf())?.serialWanted;
    if (!waiting) throw new Error('main holds the unit for its serial');
    const slot = waiting.slot;
    const prompt = page.getByTestId('serial-prompt');
    expect(await prompt.textContent()).toContain(`Serial number of ${tagged.name}: it goes in slot ${slot}`);
    expect((await page.getByTestId('batch-callout').locator('[data-slot]').textContent())?.trim()).toBe(String(slot));
    expect((await batchOf())?.slots.find((s) => s.slot === slot)?.verifiedUnits).toBe(0);

    // The page reloaded: the prompt comes back from main's view, not from the page's memory.
    await page.reload();
    await screen.waitFor({ timeout: 15_000 });
    await prompt.waitFor({ timeout: 15_000 });
    expect(await prompt.textContent()).toContain(`it goes in slot ${slot}`);
    expect((await page.getByTestId('batch-callout').locator('[data-slot]').textContent())?.trim()).toBe(String(slot));

    await prompt.getByRole('textbox').fill('SN-E2E-1');
    await prompt.getByRole('button').click();
    await prompt.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await batchOf())?.slots.find((s) => s.slot === slot)?.verifiedUnits, { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('scan-answer').textContent()).toContain(`slot ${slot}`);

    // The next unit of the product, given the same serial by the scanner: refused, still waiting.
    await scanForAnswer(page, tagged.barcode);
    const next = (await batchOf())?.serialWanted?.slot;
    if (next === undefined) throw new Error('the second unit waits for its serial');
    const refused = await scanForAnswer(page, 'SN-E2E-1');
    expect(refused.text).toContain(`Serial number SN-E2E-1 is already packed in batch ${normal.picklistBatchid}`);
    expect((await batchOf())?.serialWanted?.slot).toBe(next);
    const counted = await scanForAnswer(page, 'SN-E2E-2');
    expect(counted.tone).toMatch(/^(ok|done)$/);
    expect(counted.text).toContain(`slot ${next}`);
    expect((await batchOf())?.serialWanted ?? null).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the serial question in a batch at a touch station’s 1024x768, in Dutch', () => {
  const dutch = realStationForFile({ name: 'Pak 1', language: 'nl', prepare: tagAProductOfTheBatch });

  it('keeps the big slot number and the serial field in view together: when asked, after a reload, and after a serial refused', async (context) => {
    const real = dutch.inTest(context);
    const { station } = real;
    valueOf(await station.command('settings.update', { section: 'packing', value: { serialTag: 'serienummer' } }));
    const normal = (await syncedBatches(real)).find((b) => b.type === 'normal');
    if (!normal) throw new Error('the demo seeds a normal batch');

    const { page, errors } = await openQueue(real);
    await page.setViewportSize({ width: 1024, height: 768 });
    await scanForAnswer(page, normal.picklistBatchid);
    await page.locator(`section[data-idpicklist-batch="${normal.idpicklistBatch}"]`).waitFor({ timeout: 15_000 });
    // A unit of a product without a serial first, so the slot list has a last slot to keep in view.
    const view = valueOf<SessionState>(await station.command('pack.current')).batch;
    const other = view?.slots.flatMap((slot) => unitCodes(real.demo, real.demo.state.getPicklist(slot.idpicklist))).find((code) => code !== tagged.barcode);
    if (!other) throw new Error('the normal batch has a product without the serial tag');
    await scanForAnswer(page, other);

    const bothInView = async (when: string) => {
      for (const selector of ['[data-testid="batch-callout"] [data-slot]', '[data-testid="serial-prompt"] input', '[data-testid="serial-prompt"] button[type="submit"]']) {
        await expect.poll(async () => shownWhole(page, selector), { timeout: 10_000, message: `${when}: ${selector}` }).toEqual({ found: true, shown: true, why: '' });
      }
    };

    await scanForAnswer(page, tagged.barcode);
    await page.getByTestId('serial-prompt').waitFor({ timeout: 15_000 });
    await bothInView('asked');
    // The packer taps the field to type: the number stays where it was.
    await page.getByTestId('serial-prompt').getByRole('textbox').click();
    await bothInView('field tapped');

    await page.reload();
    await page.getByTestId('serial-prompt').waitFor({ timeout: 15_000 });
    await bothInView('after a reload');

    await scanForAnswer(page, 'SN-NL-1');
    await page.getByTestId('serial-prompt').waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForTimeout(doubleReadPauseMs);
    await scanForAnswer(page, tagged.barcode);
    await page.getByTestId('serial-prompt').waitFor({ timeout: 15_000 });
    const refused = await scanForAnswer(page, 'SN-NL-1');
    expect(refused.text).toContain('SN-NL-1');
    await bothInView('a serial refused as already packed');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the batch screen after the station restarts', () => {
  it('shows the slot the last unit was put in, with its picklist and customer, as before the restart', async (context) => {
    const notReady = missingBuild();
    if (notReady) return context.skip(notReady);
    // A station of its own on a data dir that outlives it, as a restarted station finds its own.
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-batch-restart-'));
    const dataDir = join(dir, 'data');
    const demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k' });
    const config = {
      backend: { url: demo.url, apiKey: 'k' },
      warehouse: warehouseId,
      station: { name: 'Pack 1', language: 'en', packer: packerId },
      printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
    };
    const browser = await launchBrowser();
    let station: RunningStation | null = null;
    try {
      station = await startStation(config, 60_000, { dataDir });
      const first = station;
      await expect
        .poll(async () => valueOf<BatchSummary[]>(await first.command('batch.list')).filter((b) => b.canOpen).length, { timeout: 60_000, interval: 1_000 })
        .toBe(2);
      const normal = valueOf<BatchSummary[]>(await first.command('batch.list')).find((b) => b.type === 'normal');
      if (!normal) throw new Error('the demo seeds a normal batch');
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(first.url);
      await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: 60_000 });
      await scanForAnswer(page, normal.picklistBatchid);
      const view = valueOf<SessionState>(await first.command('pack.current')).batch;
      const slot = view?.slots.find((s) => s.units > 1);
      if (!slot) throw new Error('the normal batch has a picklist of more than one unit');
      const [code] = unitCodes(demo, demo.state.getPicklist(slot.idpicklist));
      if (!code) throw new Error('the slot has a unit');
      const put = await scanForAnswer(page, code);
      const callout = page.getByTestId('batch-callout');
      const shown = (await callout.locator('[data-slot]').textContent())?.trim();
      expect(put.text).toContain(`slot ${shown ?? ''}`);
      const before = await callout.textContent();
      expect(before).toContain(slot.customer);
      expect(errors).toEqual([]);
      await page.close();

      await first.stop();
      station = null;
      station = await startStation(config, 60_000, { dataDir });
      const again = await browser.context.newPage();
      again.on('pageerror', (error) => errors.push(error.message));
      await again.goto(station.url);
      await again.locator(`section[data-idpicklist-batch="${normal.idpicklistBatch}"]`).waitFor({ timeout: 60_000 });
      const restartedCallout = again.getByTestId('batch-callout');
      await expect.poll(async () => (await restartedCallout.locator('[data-slot]').textContent())?.trim(), { timeout: 15_000 }).toBe(shown);
      expect(await restartedCallout.textContent()).toBe(before);
      expect(errors).toEqual([]);
      await again.close();
    } finally {
      await station?.stop();
      await browser.close();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
