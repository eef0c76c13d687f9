import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannerBurst } from './keys';
import { answerSeq, openQueue, simplePicklists, startRealStation, type RealStation } from './real-station';
import { missingBuild } from './station';
import { pollTimeout, shots } from './ui-real';

/*
 * The Devices screen on the real station: with no device in the config it says so, and the
 * scanner self-test takes the next scans instead of the pack loop; closed, scans pack again.
 * Found USB scanners and a scale's live reading need hardware the CI machine does not have: main's
 * side runs on a fake HID port in test/main/station-devices.test.ts, the screen's in
 * test/renderer/devices-screen.test.tsx.
 */

const notReady = missingBuild();
let real: RealStation | undefined;

beforeAll(async () => {
  if (!notReady) real = await startRealStation();
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

describe.skipIf(notReady !== null)('the Devices screen on the real station', () => {
  it('says no device is set up, and the self-test takes scans instead of the pack loop until it is closed', async () => {
    const { page, errors } = await openQueue(real as RealStation);
    const [picklist] = simplePicklists((real as RealStation).demo);
    if (!picklist) throw new Error('the demo has no simple picklist');
    await page.getByRole('navigation').getByRole('button', { name: 'Devices', exact: true }).click();
    await expect.poll(() => page.getByText('No devices are set up').isVisible(), { timeout: pollTimeout }).toBe(true);

    const seq = await answerSeq(page);
    await page.getByRole('button', { name: 'Start the scanner self-test' }).click();
    // The test sheet's first code: every key a keyboard layout can swap, upper and lower case.
    await scannerBurst(page, 'AZQWMYazqwmy');
    await expect.poll(() => page.locator('.self-test__readings').textContent(), { timeout: pollTimeout }).toContain('AZQWMYazqwmy');
    // The GS1 code from a scanner that drops FNC1: the lot runs into the date, and the test says what to set.
    await scannerBurst(page, '010950110153000310LOT42A17301231');
    await expect.poll(() => page.getByText('The GS1 code arrived without its group separator').isVisible(), { timeout: pollTimeout }).toBe(true);
    // Sent right, with GS after the lot: the reading shows the separator as a visible sign.
    await scannerBurst(page, '010950110153000310LOT42A\x1d17301231');
    await expect.poll(() => page.locator('.self-test__readings').textContent(), { timeout: pollTimeout }).toContain('LOT42A\u241d17301231');
    // A picklist's number goes to the test too: nothing opens.
    await scannerBurst(page, picklist.picklistid);
    await expect.poll(() => page.locator('.self-test__readings').textContent(), { timeout: pollTimeout }).toContain(picklist.picklistid);
    expect(await page.locator('section.pack').count()).toBe(0);
    expect(await answerSeq(page)).toBe(seq);
    await page.screenshot({ path: join(shots, 'devices.png'), fullPage: true });

    await page.getByRole('button', { name: 'Close the self-test' }).click();
    await scannerBurst(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
