import type { Page } from 'playwright-core';

/*
 * Keys as the station's users make them. Playwright's keyboard sends each key after the page
 * handled the one before, so on a loaded machine a "burst" can have gaps wider than the wedge's
 * key gap and arrive as two scans. A scanner burst is therefore dispatched inside the page, in one
 * synchronous loop, as a scanner's keys come. A person types slowly, and never right after a scan:
 * the wedge takes digits within a moment of a scan for the tail of a cut scan, never a quantity.
 */

/** How long a person takes to read an answer before typing a number. */
export const readingPauseMs = 400;
/** Between a person's keys: slower than any scanner. */
export const personKeyGapMs = 150;

/**
 * The wedge takes the same code again within its double-read window (60 ms) for one read of a
 * scanner that fired twice. A person scanning two units of one product is never that fast, so a
 * burst of the code just sent waits until the window is over, as a person's second scan would.
 */
const sameCodePauseMs = 150;
const lastBurst = new WeakMap<Page, { code: string; at: number }>();

/** A scanner burst: every key of `code` at once, then the Enter suffix. Goes to the page, not a text field. */
export async function scannerBurst(page: Page, code: string): Promise<void> {
  const last = lastBurst.get(page);
  if (last?.code === code) {
    const wait = sameCodePauseMs - (Date.now() - last.at);
    if (wait > 0) await page.waitForTimeout(wait);
  }
  // A string, not a function: the tests compile without the DOM's types. Each key is stamped as
  // the operating system stamps a scanner's key, at most 2 ms after the one before (and never
  // later than now), so the page's handling of one key on a loaded machine does not stretch the
  // gap to the next.
  await page.evaluate(`(() => {
    let stamp = null;
    const press = (key) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      stamp = stamp === null ? performance.now() : Math.min(performance.now(), stamp + 2);
      Object.defineProperty(event, 'timeStamp', { value: stamp });
      window.dispatchEvent(event);
    };
    for (const ch of ${JSON.stringify(code)}) press(ch);
    press('Enter');
  })()`);
  lastBurst.set(page, { code, at: Date.now() });
}

/** A person typing a number (the multiplier) after reading the last answer. */
export async function typeAsPerson(page: Page, text: string): Promise<void> {
  await page.waitForTimeout(readingPauseMs);
  for (const key of text) {
    await page.keyboard.press(key);
    await page.waitForTimeout(personKeyGapMs);
  }
}
