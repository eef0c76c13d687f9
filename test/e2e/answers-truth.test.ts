import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../shared/domain';
import { demoSeed } from '../../electron/main/station/backend';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { scannerBurst } from './keys';
import { answerSeq, doubleReadPauseMs, realStationForFile } from './real-station';
import { valueOf } from './station';

/*
 * Issue 14 through the real station in Chromium: the answer panel says what the last action did,
 * not what the last scan did. The Undo button replaces "+n Counted"; a line confirmed by hand that
 * completes the picklist frees the screen like a scan's auto-complete, never a stale "Wrong item";
 * back from practice, the live station does not say the practice parcel was sent.
 */

const shared = realStationForFile();

const barcodeOf = (backend: DemoBackend, idproduct: number): string | null => backend.state.findProduct(idproduct)?.barcode ?? null;

/** New, unassigned picklists of this warehouse without sets, whose barcodes name one product each. */
function plainPicklists(backend: DemoBackend, idwarehouse = 1829): RawPicklist[] {
  const counts = new Map<string, number>();
  for (const p of backend.state.products) if (p.barcode) counts.set(p.barcode, (counts.get(p.barcode) ?? 0) + 1);
  return backend.state.picklists.filter(
    (p) =>
      p.idwarehouse === idwarehouse &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.every((l) => {
        const code = barcodeOf(backend, l.idproduct);
        return !l.has_parts && l.partof_idpicklist_product === null && (code === null || counts.get(code) === 1);
      }),
  );
}

async function answerNow(page: Page): Promise<{ tone: string | null; text: string }> {
  const answer = page.getByTestId('scan-answer');
  return { tone: await answer.getAttribute('data-tone'), text: (await answer.textContent()) ?? '' };
}

/** Waits for the answer after `act` (a scan, a click). */
async function answered(page: Page, act: () => Promise<void>): Promise<{ tone: string | null; text: string }> {
  const before = await answerSeq(page);
  await act();
  await expect.poll(() => answerSeq(page), { timeout: 15_000 }).toBeGreaterThan(before);
  return answerNow(page);
}

/** The station's start page, on the ready screen: a picklist an earlier test left open is put back. */
async function readyScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('tbody tr, section.pack').first().waitFor({ timeout: 60_000 });
  if ((await page.locator('section.pack').count()) > 0) {
    await page.getByRole('button', { name: 'Leave', exact: true }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
  }
  await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: 60_000 });
}

async function openPicklist(page: Page, picklist: RawPicklist): Promise<void> {
  await answered(page, () => scannerBurst(page, picklist.picklistid));
  await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
}

describe('what the screen says after Undo, a hand-confirm and practice', () => {
  it('the Undo button replaces "Counted" with "Last scan undone"', async (context) => {
    const real = shared.inTest(context);
    const { demo, station, browser } = real;
    const backend = demo;
    const picklist = plainPicklists(backend).find((p) => p.products.reduce((n, l) => n + l.amount, 0) >= 2 && p.products.every((l) => barcodeOf(backend, l.idproduct)));
    if (!picklist) throw new Error('the demo seed has no plain picklist of two units');
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await readyScreen(page, station.url);
    await openPicklist(page, picklist);

    const [first] = picklist.products;
    const code = first ? barcodeOf(backend, first.idproduct) : null;
    if (!code) throw new Error('fixture');
    const counted = await answered(page, () => scannerBurst(page, code));
    expect(counted.tone).toBe('ok');

    const undone = await answered(page, () => page.getByRole('button', { name: 'Undo last scan' }).click());
    expect(undone.text).toContain('Last scan undone');
    expect(undone.text).not.toContain('Counted');
    expect(undone.tone).toBe('info');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a line confirmed by hand that completes the picklist frees the screen, with no stale "Wrong item"', async (context) => {
    const real = shared.inTest(context);
    const { demo, station, browser } = real;
    const backend = demo;
    const picklist = plainPicklists(backend).find((p) => p.products.filter((l) => barcodeOf(backend, l.idproduct) === null).length === 1);
    if (!picklist) throw new Error('the demo seed has no picklist with one line without a barcode');
    const elsewhere = backend.state.products.find((p) => p.barcode && !picklist.products.some((l) => l.idproduct === p.idproduct));
    if (!elsewhere?.barcode) throw new Error('fixture');
    const page = await browser.context.newPage();
    await readyScreen(page, station.url);
    await openPicklist(page, picklist);

    const codes = picklist.products.flatMap((line) => {
      const code = barcodeOf(backend, line.idproduct);
      return code ? Array.from({ length: line.amount }, () => code) : [];
    });
    for (const [index, code] of codes.entries()) {
      if (index > 0 && codes[index - 1] === code) await page.waitForTimeout(doubleReadPauseMs);
      await answered(page, () => scannerBurst(page, code));
    }
    const wrong = await answered(page, () => scannerBurst(page, elsewhere.barcode ?? ''));
    expect(wrong.tone).toBe('bad');

    await page.getByRole('button', { name: 'Confirm by hand' }).click();
    await page.locator('#confirm-reason').fill('no barcode on the product');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    // Auto-complete: the pack screen goes and stays gone; the ready screen says the parcel went.
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText(`Parcel ${picklist.picklistid}`).first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(await page.locator('section.pack').count()).toBe(0);
    expect(await page.getByText('Wrong item').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('after practice the live station does not say the practice parcel was sent', async (context) => {
    const real = shared.inTest(context);
    const { station: running, browser } = real;
    // Practice runs on the embedded demo: a second demo of the same seed says what is in it.
    const mirror = await startDemoBackend({ port: 0, seed: demoSeed, apiKey: 'mirror' });
    const page = await browser.context.newPage();
    try {
      await readyScreen(page, running.url);
      valueOf(await running.command('practice.start'));
      const practice = valueOf<AppState>(await running.command('app.state'));
      const idwarehouse = practice.warehouse?.idwarehouse;
      if (idwarehouse === undefined) throw new Error('practice has no warehouse');
      await page.getByText('Practice mode', { exact: false }).first().waitFor({ timeout: 60_000 });
      await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: 60_000 });
      const picklist = plainPicklists(mirror, idwarehouse).find((p) => p.products.every((l) => barcodeOf(mirror, l.idproduct)));
      if (!picklist) throw new Error('the embedded demo has no plain picklist');
      await openPicklist(page, picklist);
      const codes = picklist.products.flatMap((line) => Array.from({ length: line.amount }, () => barcodeOf(mirror, line.idproduct) ?? ''));
      for (const [index, code] of codes.entries()) {
        if (index > 0 && codes[index - 1] === code) await page.waitForTimeout(doubleReadPauseMs);
        await scannerBurst(page, code);
        if (index < codes.length - 1) await page.locator('section.pack').waitFor({ timeout: 15_000 });
      }
      await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
      await page.getByText(`Parcel ${picklist.picklistid} sent`).first().waitFor({ timeout: 15_000 });

      await running.command('practice.stop');
      await expect.poll(() => page.getByText('Practice mode', { exact: false }).count(), { timeout: 30_000 }).toBe(0);
      await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      expect(await page.getByText(`Parcel ${picklist.picklistid}`).count()).toBe(0);
    } finally {
      await page.close();
      await mirror.close();
    }
  }, 180_000);
});
