/** Time as a port, so sync intervals, backoff and timestamps are controlled in tests. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A clock that only moves when told to. */
export function createManualClock(start = Date.UTC(2026, 10, 2, 9, 0, 0)): Clock & { advance(ms: number): void } {
  let current = start;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  return {
    now: () => current,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.push({ at: current + ms, fn, id });
      return { cancel: () => (timers = timers.filter((t) => t.id !== id)) };
    },
    advance(ms) {
      const target = current + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t.id !== due.id);
        current = due.at;
        due.fn();
      }
      current = target;
    },
  };
}
