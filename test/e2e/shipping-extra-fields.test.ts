import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { doubleReadPauseMs, openQueue, scanForAnswer, simplePicklists, startRealStation, unitCodes, type RealStation } from './real-station';
import { missingBuild, repoRoot } from './station';

/*
 * Issue 13, section 4, through the real station in Chromium: the packer chooses a method that
 * needs a pickup point (the demo's DHL Parcel Connect), the pack screen asks for it, completing is
 * refused until it is filled, and the shipment Picqer (the demo, in this process) makes carries it.
 */

const notReady = missingBuild();
const shots = join(repoRoot, 'test-results');
const pickupProfile = 1402;
const pickupPoint = 'DHL-NL-2211';
let real: RealStation | undefined;
let picklist: RawPicklist | undefined;

beforeAll(async () => {
  if (notReady) return;
  real = await startRealStation({
    prepare(demo) {
      picklist = simplePicklists(demo)[0];
      // No profile of its own: Picqer's default applies until the packer chooses another.
      if (picklist) demo.state.getPicklist(picklist.idpicklist).idshippingprovider_profile = null;
    },
  });
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

describe('a shipping method that needs a pickup point, on the packer’s screen', () => {
  it('shows the field, refuses to complete until it is filled, and the shipment carries it', async (context) => {
    if (!real || !picklist) {
      context.skip(`skipped: ${notReady ?? 'not started'}`);
      return;
    }
    const backend = real.demo;
    const chosen = picklist;
    const { page, errors } = await openQueue(real);

    await scanForAnswer(page, chosen.picklistid);
    await page.locator(`section.pack[data-idpicklist="${chosen.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const profile = page.locator('#shipping-profile');
    await profile.focus();
    await profile.locator(`option[value="${pickupProfile}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await profile.selectOption(String(pickupProfile));
    const field = page.getByLabel('Pickup point');
    await field.waitFor({ timeout: 15_000 });
    expect(await page.locator('.shipping__extra').textContent()).toContain('Required: fill this in before completing');
    // The scanner goes on to the products, wherever the focus was left.
    await page.locator('section.pack h1, section.pack h2').first().click();

    const codes = unitCodes(backend, chosen);
    for (const [index, code] of codes.entries()) {
      if (index > 0 && codes[index - 1] === code) await page.waitForTimeout(doubleReadPauseMs);
      await scanForAnswer(page, code);
    }
    // Every unit verified, and still on the bench: auto-complete was refused for the empty field.
    await page.getByRole('button', { name: 'Complete' }).click();
    const refusal = page.locator('.error-message');
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toContain('Fill in "Pickup point" for DHL Parcel Connect');
    expect(backend.state.listShipments(chosen.idpicklist)).toEqual([]);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'shipping-extra-field.png') });

    await field.fill(pickupPoint);
    await field.press('Enter');
    await page.locator('.shipping__extra .shipping__needed').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });

    await expect.poll(() => backend.state.listShipments(chosen.idpicklist).length, { timeout: 30_000 }).toBe(1);
    const [made] = backend.state.listShipments(chosen.idpicklist);
    expect(backend.state.findShipment(made?.idshipment ?? 0)?.extraFields).toEqual({ pickup_point: pickupPoint });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
