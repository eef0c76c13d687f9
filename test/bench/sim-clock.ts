import type { Clock } from '../../electron/main/infra/clock';

/*
 * Simulated time for the rate-limit benchmarks. At Picqer's 500 requests a minute the initial
 * sync of a large warehouse spends most of its wall time waiting for the next rate window; a
 * benchmark that waits for real would take minutes. This clock runs at real speed while anything
 * is in flight (HTTP exchanges, which the caller wraps with `track`) and, as soon as the process
 * has nothing to do but wait for a timer, jumps straight to that timer. So computation and the
 * network cost their real time, and waiting costs nothing: the simulated wall time is what the
 * sync would take against the real rate limit, measured rather than estimated.
 *
 * The demo backend's rate window must see the same time. It may live in another process, so
 * every jump is announced through `onWarp` (and awaited) before the timer fires; that side then
 * uses `createOffsetClock` with the announced offset.
 */

interface Timer {
  due: number;
  fn: () => void;
  handle: NodeJS.Timeout;
}

export interface WarpClock extends Clock {
  /** Counts `work` as in flight: no jump happens until it settles. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Milliseconds skipped so far. */
  skippedMs(): number;
}

export function createWarpClock(onWarp: (offsetMs: number) => Promise<void> = () => Promise.resolve()): WarpClock {
  let offset = 0;
  let inFlight = 0;
  let isChecking = false;
  let isWarping = false;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const now = () => Date.now() + offset;

  const fire = (id: number) => {
    const timer = timers.get(id);
    if (!timer) return;
    clearTimeout(timer.handle);
    timers.delete(id);
    timer.fn();
    scheduleCheck();
  };

  const arm = (id: number, timer: Timer) => {
    clearTimeout(timer.handle);
    timer.handle = setTimeout(() => fire(id), Math.max(0, timer.due - now()));
  };

  // Two turns of the event loop with nothing in flight: every promise continuation has run, so
  // whatever is still pending waits only on a timer.
  const scheduleCheck = () => {
    if (isChecking) return;
    isChecking = true;
    setImmediate(() =>
      setImmediate(() => {
        isChecking = false;
        void check();
      }),
    );
  };

  const check = async () => {
    if (inFlight > 0 || isWarping || timers.size === 0) return;
    let earliest: [number, Timer] | null = null;
    for (const entry of timers) if (!earliest || entry[1].due < earliest[1].due) earliest = entry;
    if (!earliest || earliest[1].due <= now()) return;
    isWarping = true;
    offset += earliest[1].due - now();
    try {
      await onWarp(offset);
    } finally {
      isWarping = false;
    }
    // Later timers keep their simulated due time; their real timers move up with the jump.
    for (const [id, timer] of timers) arm(id, timer);
    fire(earliest[0]);
  };

  return {
    now,
    setTimeout(fn, ms) {
      const id = nextId++;
      const timer: Timer = { due: now() + ms, fn, handle: setTimeout(() => undefined, 0) };
      timers.set(id, timer);
      arm(id, timer);
      scheduleCheck();
      return {
        cancel: () => {
          const t = timers.get(id);
          if (t) clearTimeout(t.handle);
          timers.delete(id);
        },
      };
    },
    track(work) {
      inFlight++;
      return work.finally(() => {
        inFlight--;
        scheduleCheck();
      });
    },
    skippedMs: () => offset,
  };
}

/** The other side of a warp clock: real time plus the offset it announced. */
export function createOffsetClock(): Clock & { setOffset(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimeout(fn, ms) {
      const handle = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(handle) };
    },
    setOffset(ms) {
      offset = ms;
    },
  };
}

/** A manual clock that also says when its next timer is due, so a bench can step from timer to timer. */
export function createSteppingClock(start = Date.UTC(2026, 10, 2, 9, 0, 0)): Clock & { advanceTo(at: number): void; nextDue(): number | null } {
  let current = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => current,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: current + Math.max(0, ms), fn });
      return { cancel: () => void timers.delete(id) };
    },
    nextDue() {
      let at: number | null = null;
      for (const t of timers.values()) if (at === null || t.at < at) at = t.at;
      return at;
    },
    advanceTo(target) {
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | null = null;
        for (const entry of timers) if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        timers.delete(due[0]);
        current = Math.max(current, due[1].at);
        due[1].fn();
      }
      current = Math.max(current, target);
    },
  };
}
