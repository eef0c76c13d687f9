import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingBuild } from './station';
import { openQueue, scanForAnswer, simplePicklists, startRealStation, unitCodes, type RealStation } from './real-station';

/*
 * The answer's flash, through the real station in Chromium: every new answer lights the panel's
 * ring and puts it out again, without remounting the panel and without an animation or transition
 * running anywhere on the pack screen (one keeps the frame clock busy and holds up the paint of the
 * next scan's answer: see renderer/src/components/answer-flash.ts).
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
    // Two units at least, so the counted scan below leaves the picklist open on the pack screen.
    const picklist = simplePicklists(real.demo).find((p) => unitCodes(real.demo, p).length >= 2);
    if (!picklist) throw new Error('no simple picklist of two units in the seed');
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

    // A counted unit moves the counter and its bar in the same frame, and starts nothing running either.
    const code = unitCodes(real.demo, picklist)[0] ?? '';
    await expect.poll(() => page.evaluate<boolean>(`document.querySelector('[data-testid="scan-answer"]').hasAttribute('data-flash')`), { timeout: 15_000 }).toBe(false);
    await page.evaluate('window.__flash = []');
    const counted = await scanForAnswer(page, code);
    expect(counted.tone).toBe('ok');
    await expect.poll(() => page.evaluate<Change[]>('window.__flash').then((list) => list.length), { timeout: 15_000 }).toBe(2);
    expect((await page.evaluate<Change[]>('window.__flash')).map((c) => c.animations)).toEqual([0, 0]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
