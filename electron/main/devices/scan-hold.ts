import type { Clock } from '../infra/clock';

/*
 * Scans from scanners main reads itself (HID, serial) while the packer's screen has a dialog open
 * (issue 12): not acted on behind it, not dropped, but held in order and handled the moment the
 * dialog closes, as the renderer does with wedge scans. The renderer says when a dialog opens and
 * closes (scan.hold); a hold the renderer never lifts (the tab closed) lapses after a while, so a
 * scanner cannot be silenced for good.
 */

export interface ScanHold {
  set(isHeld: boolean): void;
  readonly isHeld: boolean;
  /** Runs `handle` after every scan before it, and once no dialog holds scans. */
  pass(handle: () => Promise<void>): Promise<void>;
}

export const defaultMaxHoldMs = 120_000;

export function createScanHold(clock: Clock, maxHoldMs = defaultMaxHoldMs): ScanHold {
  let isHeld = false;
  let lapse: { cancel(): void } | null = null;
  let waiting: Array<() => void> = [];
  // Device scans are handled one at a time, in the order they were read.
  let tail: Promise<void> = Promise.resolve();

  const release = () => {
    isHeld = false;
    lapse?.cancel();
    lapse = null;
    const ready = waiting;
    waiting = [];
    for (const go of ready) go();
  };

  return {
    set(next) {
      if (!next) return release();
      isHeld = true;
      lapse?.cancel();
      lapse = clock.setTimeout(release, maxHoldMs);
    },
    get isHeld() {
      return isHeld;
    },
    pass(handle) {
      const run = tail.then(async () => {
        if (isHeld) await new Promise<void>((resolve) => waiting.push(resolve));
        await handle();
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
