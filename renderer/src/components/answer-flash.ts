import { useLayoutEffect, useRef, type RefObject } from 'react';

/** How long a new answer's ring stays lit: long enough to catch the eye, short of a packer's next scan. */
export const answerFlashMs = 180;

/** The attribute the ring is drawn from (styles.css); React never manages it, so no render clears it. */
export const answerFlashAttribute = 'data-flash';

/**
 * Lights the answer panel's ring for a moment whenever a new answer comes (`seq` changes),
 * switched on and off in two style changes rather than animated. A CSS animation (the 160 ms
 * scale-in this replaced, restarted by remounting the panel per answer) keeps the page's frame
 * clock running for its whole length: a scan that lands during it waits for the next vsync
 * instead of being painted at once, which put back-to-back scans 60 ms apart at p95 20 ms in
 * `npm run bench` against 9 ms with no animation. The panel stays mounted (no remount per
 * answer), and an answer that comes while the ring is lit keeps it lit for another full moment.
 */
export function useAnswerFlash<E extends HTMLElement>(seq: number): RefObject<E | null> {
  const ref = useRef<E | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.setAttribute(answerFlashAttribute, '');
    const timer = setTimeout(() => element.removeAttribute(answerFlashAttribute), answerFlashMs);
    return () => clearTimeout(timer);
  }, [seq]);
  return ref;
}
