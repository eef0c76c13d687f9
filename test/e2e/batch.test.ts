import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/batch';
import type { OutboxProblems } from '../../shared/contract';
import type { OutboxStatus, SessionState } from '../../shared/packing';
import { openQueue, realStationForFile, scanForAnswer, startRealStation, syncedBatches, unitCodes, type RealStation } from './real-station';
import { missingBuild, repoRoot, valueOf } from './station';

/*
 * Issue 17 through the real station in Chromium, by wedge scans only: a normal batch of 5
 * picklists packed with the slot shown large for every unit (5 shipments, labels, slips, closed
 * picklists), a singles batch of 10 where every product scan prints one label, and a picklist
 * Picqer paused while its batch was open refused at its next scan with the reason.
 */

const shots = join(repoRoot, 'test-results');
const shared = realStationForFile();

const batchOf = async (real: RealStation): Promise<BatchView | null> => valueOf<SessionState>(await real.station.command('pack.current')).batch;

/** The large slot number on screen: where the packer puts the unit. */
const calloutSlot = (page: Page) => page.getByTestId('batch-callout').locator('[data-slot]').textContent();

/** Scans every unit of every slot in slot order, checking the slot the screen shows large for each. */
async function packBySlot(page: Page, real: RealStation, batch: BatchView, afterSlot?: (slot: number) => Promise<void>): Promise<void> {
  for (const slot of batch.slots) {
    const codes = unitCodes(real.demo, real.demo.state.getPicklist(slot.idpicklist));
    for (const code of codes) {
      const answer = await scanForAnswer(page, code);
      expect(answer.tone, answer.text).toMatch(/^(ok|done)$/);
      expect(answer.text).toContain(`slot ${slot.slot}`);
      expect((await calloutSlot(page))?.trim()).toBe(String(slot.slot));
    }
    await page.locator(`li[data-slot-card="${slot.slot}"][data-state="sent"], [data-testid="batch-counts"]`).first().waitFor({ timeout: 15_000 });
    await afterSlot?.(slot.slot);
  }
}

async function drained(real: RealStation): Promise<void> {
  await expect.poll(async () => valueOf<OutboxStatus>(await real.station.command('outbox.status')).pending, { timeout: 60_000 }).toBe(0);
  expect(valueOf<OutboxProblems>(await real.station.command('outbox.problems')).problems).toEqual([]);
}

describe('packing batches at the real station', () => {
  it('packs a normal batch of 5 by wedge scans, the slot shown for every unit, then a singles batch of 10 with a label per scan', async (context) => {
    const real = shared.inTest(context);
    const { demo } = real;
    const batches = await syncedBatches(real);
    const normal = batches.find((b) => b.type === 'normal');
    const singles = batches.find((b) => b.type === 'singles');
    if (!normal || !singles) throw new Error('the demo seeds a normal and a singles batch');

    const { page, errors } = await openQueue(real);
    // The queue offers the open batches beside the picklists.
    await page.locator(`tr[data-idpicklist-batch="${normal.idpicklistBatch}"]`).waitFor({ timeout: 15_000 });

    const opened = await scanForAnswer(page, normal.picklistBatchid);
    expect(opened.text).toContain(`Batch ${normal.picklistBatchid} opened`);
    await page.locator(`section[data-idpicklist-batch="${normal.idpicklistBatch}"]`).waitFor({ timeout: 15_000 });
    const normalView = await batchOf(real);
    if (!normalView) throw new Error('the batch is open in main');
    expect(normalView.slots.map((s) => s.slot)).toEqual([1, 2, 3, 4, 5]);
    await packBySlot(page, real, normalView);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'batch-normal-done.png') });
    expect(await batchOf(real)).toMatchObject({ isDone: true, parcelsSent: 5 });

    const normalIds = normalView.slots.map((s) => s.idpicklist);
    await expect.poll(() => normalIds.every((id) => demo.state.getPicklist(id).status === 'closed'), { timeout: 60_000 }).toBe(true);
    await drained(real);
    for (const id of normalIds) expect(demo.state.listShipments(id).filter((s) => !s.cancelled)).toHaveLength(1);
    const labelsOf = (ids: number[]) => real.files('labels').filter((f) => ids.some((id) => f.includes(demo.state.getPicklist(id).picklistid)));
    const slipsOf = (ids: number[]) => real.files('slips').filter((f) => ids.some((id) => f.includes(demo.state.getPicklist(id).picklistid)));
    expect(labelsOf(normalIds)).toHaveLength(5);
    expect(slipsOf(normalIds)).toHaveLength(5);

    // The singles batch: every product scan completes one picklist, and its label prints.
    await scanForAnswer(page, singles.picklistBatchid);
    await page.locator(`section[data-idpicklist-batch="${singles.idpicklistBatch}"]`).waitFor({ timeout: 15_000 });
    const singlesView = await batchOf(real);
    if (!singlesView) throw new Error('the singles batch is open in main');
    expect(singlesView.slots).toHaveLength(10);
    const singleIds = singlesView.slots.map((s) => s.idpicklist);
    await packBySlot(page, real, singlesView, async (slot) => {
      await expect.poll(() => labelsOf(singleIds).length, { timeout: 30_000, message: `a label for each scan up to slot ${slot}` }).toBe(slot);
    });
    await page.screenshot({ path: join(shots, 'batch-singles-done.png') });
    await drained(real);
    for (const id of singleIds) {
      expect(demo.state.getPicklist(id).status).toBe('closed');
      expect(demo.state.listShipments(id).filter((s) => !s.cancelled)).toHaveLength(1);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

describe('a picklist Picqer pauses while its batch is open', () => {
  it('shows its slot refused with the reason after a sync, refuses its next unit, and the rest of the batch goes on', async (context) => {
    const notReady = missingBuild();
    if (notReady) return context.skip(notReady);
    const real = await startRealStation();
    try {
      const { demo } = real;
      const normal = (await syncedBatches(real)).find((b) => b.type === 'normal');
      if (!normal) throw new Error('the demo seeds a normal batch');
      const { page, errors } = await openQueue(real);
      await scanForAnswer(page, normal.picklistBatchid);
      const view = await batchOf(real);
      const [first, second, third] = view?.slots ?? [];
      if (!first || !second || !third) throw new Error('the normal batch has 5 slots');
      for (const code of unitCodes(demo, demo.state.getPicklist(first.idpicklist))) await scanForAnswer(page, code);

      demo.state.pausePicklist(second.idpicklist, 'Address unclear');
      valueOf(await real.station.command('sync.now'));
      const card = page.locator(`li[data-slot-card="${second.slot}"]`);
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('refused');
      expect(await card.textContent()).toContain('Address unclear');

      const [secondCode] = unitCodes(demo, demo.state.getPicklist(second.idpicklist));
      if (!secondCode) throw new Error('slot 2 has a unit');
      const refused = await scanForAnswer(page, secondCode);
      expect(refused.tone).toBe('bad');
      expect(refused.text).toContain('Address unclear');
      expect(await page.getByTestId('batch-callout').locator('[data-slot]').count()).toBe(0);

      const [thirdCode] = unitCodes(demo, demo.state.getPicklist(third.idpicklist));
      if (!thirdCode) throw new Error('slot 3 has a unit');
      const next = await scanForAnswer(page, thirdCode);
      expect(next.text).toMatch(/slot \d/);
      await expect.poll(() => demo.state.getPicklist(first.idpicklist).status, { timeout: 30_000 }).toBe('closed');
      expect(demo.state.listShipments(second.idpicklist)).toEqual([]);
      await page.screenshot({ path: join(shots, 'batch-paused-slot.png') });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await real.stop();
    }
  }, 180_000);
});

