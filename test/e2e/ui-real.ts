import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { readingPauseMs } from './keys';
import { answerSeq } from './real-station';
import { repoRoot } from './station';

/*
 * What the UI tests on the real station share: where screenshots go, the pack screen's counter, a
 * person typing, and the sync and answer states read the way a packer reads them off the screen.
 */

export const shots = join(repoRoot, 'test-results');
mkdirSync(shots, { recursive: true });

/** Long enough for a station on a loaded 2-core CI machine, which also syncs in the background. */
export const pollTimeout = 60_000;

export const progressText = (page: Page) => page.getByTestId('pack-progress').locator('.progress__numbers').textContent();

/**
 * A person typing: slow enough that the wedge detector never takes it for a scanner, and not right
 * behind a scan (digits then are taken for the tail of a cut scan, never a quantity).
 */
export async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.waitForTimeout(readingPauseMs);
  await page.keyboard.type(text, { delay: 90 });
}

/** The sync state the status bar shows (idle, syncing, offline, error, unauthorized). */
export const syncState = (page: Page) =>
  page.locator('.sync').evaluate((el) => /sync--(\w+)/.exec(el.className)?.[1] ?? 'unknown');

/** Sync now, as a shift lead presses it, and the state it ends in. */
export async function syncNowUntil(page: Page, state: string): Promise<void> {
  const button = page.getByRole('button', { name: /^(Sync now|Nu synchroniseren)$/ });
  await expect.poll(() => button.isEnabled(), { timeout: pollTimeout }).toBe(true);
  await button.click();
  await expect.poll(() => syncState(page), { timeout: pollTimeout }).toBe(state);
}

/** The answer on screen now. */
export async function answerNow(page: Page): Promise<{ tone: string | null; text: string }> {
  const answer = page.getByTestId('scan-answer');
  return { tone: await answer.getAttribute('data-tone'), text: (await answer.textContent()) ?? '' };
}

/** Waits for the answer that `act` (a scan, a click) brings. */
export async function answered(page: Page, act: () => Promise<void>): Promise<{ tone: string | null; text: string }> {
  const before = await answerSeq(page);
  await act();
  await expect.poll(() => answerSeq(page), { timeout: 15_000 }).toBeGreaterThan(before);
  return answerNow(page);
}

/** Back on the queue with nothing open: a picklist an earlier test left open is put back. */
export async function backToQueue(page: Page): Promise<void> {
  await page.locator('tbody tr, section.pack').first().waitFor({ timeout: pollTimeout });
  if ((await page.locator('section.pack').count()) > 0) {
    await page.getByRole('button', { name: /^(Leave|Verlaten)$/ }).click();
    await page.locator('section.pack').waitFor({ state: 'detached', timeout: 15_000 });
  }
  const queueTab = page.getByRole('navigation').getByRole('button', { name: /^(Queue|Wachtrij)$/ });
  if ((await queueTab.count()) > 0) await queueTab.click();
  await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
}

/**
 * A scanner burst into the focused text field, as the browser would take it: each key's keydown
 * goes to the field (and bubbles to the wedge); a key nobody prevented lands in the field, as typed
 * text does. All in one synchronous loop in the page, so no test-harness gap splits the burst.
 */
export async function scannerBurstIntoField(page: Page, code: string): Promise<void> {
  // Each key is stamped as the operating system stamps a scanner's key, at most 2 ms after the one
  // before (and never later than now): the page's handling of one key (the field's input event,
  // its re-render) must not stretch the gap to the next, which a loaded machine otherwise does.
  await page.evaluate(`(() => {
    const field = document.activeElement;
    if (!(field instanceof HTMLInputElement)) throw new Error('no text field has focus');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    let stamp = null;
    for (const key of [...${JSON.stringify(code)}, 'Enter']) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      stamp = stamp === null ? performance.now() : Math.min(performance.now(), stamp + 2);
      Object.defineProperty(event, 'timeStamp', { value: stamp });
      const isKept = field.dispatchEvent(event);
      if (isKept && key.length === 1) {
        setValue.call(field, field.value + key);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  })()`);
}
