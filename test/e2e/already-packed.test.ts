import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../shared/contract';
import { scannerBurst } from './keys';
import { doubleReadPauseMs, openQueue, scanForAnswer, simplePicklists, realStationForFile, unitCodes } from './real-station';
import { repoRoot, valueOf } from './station';

/*
 * Issue 12 through the real station in Chromium: a parcel whose close Picqer refused answers
 * "already packed" with what the shift lead can do, and never opens at 0/N again; a picklist
 * paused in Picqer since the last sync opens from the cache at once and is stopped on screen the
 * moment the re-read beside the open sees it.
 */

const shots = join(repoRoot, 'test-results');
const shared = realStationForFile();

describe('already packed, and stopped by Picqer, on the packer’s screen', () => {
  it('answers "already packed" after Picqer refused the close, offers the retry, and ships once', async (context) => {
    const real = shared.inTest(context);
    const { demo, station } = real;
    const [picklist] = simplePicklists(demo);
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    demo.faults.refuse(1, /^\/api\/v1\/picklists\/\d+\/close$/, { status: 400, errorCode: 21, message: 'Picklist cannot be closed in this status' });

    const { page, errors } = await openQueue(real);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const codes = unitCodes(demo, picklist);
    for (const [index, code] of codes.entries()) {
      if (index > 0 && codes[index - 1] === code) await page.waitForTimeout(doubleReadPauseMs);
      // The last unit completes the parcel: the screen goes back to the queue, where a product
      // answer belongs to the parcel that just left and is not shown.
      if (index < codes.length - 1) await scanForAnswer(page, code);
      else await scannerBurst(page, code);
    }
    // Auto-complete: the pack screen goes; the outbox ships, prints, and Picqer refuses the close.
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(async () => valueOf<OutboxProblems>(await station.command('outbox.problems')).problems.some((p) => p.kind === 'close'), { timeout: 30_000 })
      .toBe(true);

    const again = await scanForAnswer(page, picklist.picklistid);
    expect(again.tone).toBe('bad');
    expect(again.text).toContain(`Already packed at Pack 1: closing ${picklist.picklistid} failed`);
    expect(again.text).toContain('Picqer answered: Picqer refused it (HTTP 400, error 21');
    expect(again.text).toContain('cannot be closed in this status');
    expect(await page.locator('section.pack').count()).toBe(0);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'already-packed.png') });
    // Cancelling to pack again is offered, and asks first.
    await page.getByTestId('already-packed-cancel').click();
    await page.getByTestId('cancel-shipment').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('cancel-shipment').waitFor({ state: 'detached' });
    await page.getByTestId('already-packed-retry').click();
    await expect.poll(() => demo.state.getPicklist(picklist.idpicklist).status, { timeout: 30_000 }).toBe('closed');
    expect(demo.state.listShipments(picklist.idpicklist).filter((s) => !s.cancelled)).toHaveLength(1);
    await expect.poll(() => real?.files('labels').length, { timeout: 30_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('opens a picklist paused in Picqer since the last sync at once, then stops it on screen', async (context) => {
    const real = shared.inTest(context);
    const { demo } = real;
    const picklist = simplePicklists(demo).find((p) => p.products.reduce((n, l) => n + l.amount, 0) >= 2);
    if (!picklist) throw new Error('the demo seed has no simple picklist of two units');
    // Paused in Picqer; the station's cache still has it as new.
    demo.state.pausePicklist(picklist.idpicklist, 'Address unclear');

    const { page } = await openQueue(real);
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const banner = page.getByTestId('session-banner');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('Address unclear');
    await page.screenshot({ path: join(shots, 'stopped-by-picqer.png') });
    // Nothing of it reached Picqer: the assignment held for the re-read was dropped.
    expect(demo.state.getPicklist(picklist.idpicklist).assigned_to_iduser).toBeNull();
    await page.close();
  }, 120_000);
});
