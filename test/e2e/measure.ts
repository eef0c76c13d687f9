import type { Page } from 'playwright-core';

/*
 * Measurements of the screen as a packer sees it, taken by the page itself: whether an element is
 * there to read (inside the window and inside every ancestor that clips it), whether the page
 * scrolls, and where text breaks. Shared by the e2e tests that look at a screen's layout.
 */

export interface Shown {
  found: boolean;
  shown: boolean;
  why: string;
}

/** The check, run in the page, of one element: its own rectangle against the window and each clipping ancestor. */
const measureWhole = `(el, isAcrossOnly) => {
  const r = el.getBoundingClientRect();
  const span = (a, b) => Math.round(a) + '..' + Math.round(b);
  const label = (el.textContent || '').trim().slice(0, 40);
  if (r.left < -0.5 || r.right > window.innerWidth + 0.5) return { found: true, shown: false, why: label + ': outside the window across: ' + span(r.left, r.right) };
  if (!isAcrossOnly && (r.top < -0.5 || r.bottom > window.innerHeight + 0.5)) return { found: true, shown: false, why: label + ': outside the window: ' + span(r.top, r.bottom) };
  for (let a = el.parentElement; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    const c = a.getBoundingClientRect();
    const name = a.tagName.toLowerCase() + '.' + String(a.className).split(' ')[0];
    if (style.overflowX !== 'visible' && (r.left < c.left - 0.5 || r.right > c.right + 0.5)) return { found: true, shown: false, why: label + ': clipped across by ' + name + ': ' + span(r.left, r.right) + ' in ' + span(c.left, c.right) };
    if (!isAcrossOnly && style.overflowY !== 'visible' && (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5)) return { found: true, shown: false, why: label + ': clipped by ' + name + ': ' + span(r.top, r.bottom) + ' in ' + span(c.top, c.bottom) };
  }
  return { found: true, shown: true, why: '' };
}`;

/**
 * Whether the (first) element is wholly inside the window and inside every ancestor that clips
 * it: there to read without scrolling anything. With `axis: 'x'` only across (a table's last
 * column), so a row below the fold still counts as fitting.
 */
export function shownWhole(page: Page, selector: string, options: { axis?: 'both' | 'x' } = {}): Promise<Shown> {
  return page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return { found: false, shown: false, why: 'missing' };
    return (${measureWhole})(el, ${JSON.stringify(options.axis === 'x')});
  })()`);
}

/** For every element matching the selector, why it is not shown whole (see shownWhole); empty when each is, null when none matches. */
export function notShownWhole(page: Page, selector: string, options: { axis?: 'both' | 'x' } = {}): Promise<string[] | null> {
  return page.evaluate(`(() => {
    const all = [...document.querySelectorAll(${JSON.stringify(selector)})];
    if (all.length === 0) return null;
    return all.map((el) => (${measureWhole})(el, ${JSON.stringify(options.axis === 'x')})).filter((m) => !m.shown).map((m) => m.why);
  })()`);
}

/** How far the page itself scrolls, beyond the window: zero in both directions on a screen that fits. */
export function pageOverflow(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const el = document.scrollingElement;
    return { x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight };
  })()`);
}

/** How far an element's content reaches past its own box, across and down (0 when it fits). */
export function overflowOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) throw new Error('missing: ' + ${JSON.stringify(selector)});
    return { x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight };
  })()`);
}

/**
 * Words that a line break cuts in two inside the elements matching the selector, as "Inpak|ker".
 * A break after a space, a hyphen or a slash is where text may break; any other break between two
 * letters of a word is one a reader stumbles on.
 */
export function wordsBrokenIn(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const broken = [];
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const chars = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          chars.push({ ch: node.data[i], top: rect ? rect.top : null, height: rect ? rect.height : 0 });
        }
      }
      const text = chars.map((c) => c.ch).join('');
      for (let i = 1; i < chars.length; i++) {
        const prev = chars[i - 1];
        const cur = chars[i];
        if (prev.top === null || cur.top === null) continue;
        const isNewLine = cur.top > prev.top + Math.max(prev.height, cur.height) / 2;
        if (!isNewLine || /\\s/.test(prev.ch) || /\\s/.test(cur.ch) || /[-/\\u00ad]/.test(prev.ch)) continue;
        const start = text.lastIndexOf(' ', i - 1) + 1;
        const endAt = text.indexOf(' ', i);
        const end = endAt < 0 ? text.length : endAt;
        broken.push(text.slice(start, i) + '|' + text.slice(i, end));
      }
    }
    return broken;
  })()`);
}
