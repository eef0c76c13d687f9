import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingBuild } from './station';
import { openQueue, scanForAnswer, simplePicklists, startRealStation, type RealStation } from './real-station';

/*
 * The answer's flash, through the real station in Chromium: every new answer lights the panel's
 * ring and puts it out again, without remounting the panel and without an animation running (an
 * animation keeps the frame clock busy and holds up the paint of the next scan's answer).
 */

const whyNot = missingBuild();
if (whyNot) console.warn(`[e2e] skipping the answer flash test: ${whyNot}`);

let real: RealStation;

describe.skipIf(whyNot !== null)('the answer flash', () => {
  beforeAll(async () => {
    real = await startRealStation();
  }, 90_000);

  afterAll(async () => {
    await real?.stop();
  });

  it('lights and clears the ring on every answer, on the same panel, with no animation running', async () => {
    const { page, errors } = await openQueue(real);
    const picklist = simplePicklists(real.demo)[0];
    if (!picklist) throw new Error('no simple picklist in the seed');
    await scanForAnswer(page, picklist.picklistid);
    await page.locator('section.pack').waitFor({ timeout: 15_000 });

    await scanForAnswer(page, 'FLASH-0001');
    // That answer's ring is out before the watch starts, so what follows is the next answer's alone.
    await expect.poll(() => page.evaluate<boolean>(`document.querySelector('[data-testid="scan-answer"]').hasAttribute('data-flash')`), { timeout: 15_000 }).toBe(false);
    // Watch the panel from here on: what its ring does, and whether anything animates meanwhile.
    await page.evaluate(`(() => {
      const panel = document.querySelector('[data-testid="scan-answer"]');
      panel.__isFirstPanel = true;
      window.__flash = [];
      new MutationObserver(() => {
        window.__flash.push({ isLit: panel.hasAttribute('data-flash'), animations: document.getAnimations().length });
      }).observe(panel, { attributes: true, attributeFilter: ['data-flash'] });
    })()`);
    const answer = await scanForAnswer(page, 'FLASH-0002');
    expect(answer.text).toContain('FLASH-0002');
    type Change = { isLit: boolean; animations: number };
    await expect.poll(() => page.evaluate<Change[]>('window.__flash').then((changes) => changes.map((c) => c.isLit)), { timeout: 15_000 }).toEqual([true, false]);
    const changes = await page.evaluate<Change[]>('window.__flash');
    expect(changes.map((c) => c.animations)).toEqual([0, 0]);
    expect(await page.evaluate<boolean>(`document.querySelector('[data-testid="scan-answer"]').__isFirstPanel === true`)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
