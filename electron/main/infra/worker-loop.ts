import type { Clock } from './clock';

/**
 * The loop behind the outbox and the print queue: one pass at a time over whatever is due; a kick
 * during a pass runs one more pass after it (so nothing enqueued meanwhile waits for the timer);
 * after the last pass a timer is set for the next row that is due later.
 */
export interface WorkerLoop {
  start(): void;
  stop(): Promise<void>;
  kick(): void;
  /** For tests: runs passes until nothing is due now. */
  drain(): Promise<void>;
}

export interface WorkerLoopOptions {
  clock: Clock;
  /** Handles everything due now. */
  pass(): Promise<void>;
  /** When the next waiting item is due (ISO 8601), or null when nothing waits. */
  nextAttemptAt(): string | null;
  /** A pass that threw: the loop carries on at the next kick or timer. */
  onError(error: unknown): void;
}

export function createWorkerLoop(options: WorkerLoopOptions): WorkerLoop {
  const { clock } = options;
  let isStarted = false;
  let timer: { cancel(): void } | null = null;
  let running: Promise<void> | null = null;
  let isAgain = false;

  const schedule = () => {
    timer?.cancel();
    timer = null;
    if (!isStarted) return;
    const next = options.nextAttemptAt();
    if (next === null) return;
    timer = clock.setTimeout(() => loop.kick(), Math.max(0, Date.parse(next) - clock.now()));
  };

  const run = (): Promise<void> => {
    if (running) {
      isAgain = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          isAgain = false;
          await options.pass();
        } while (isAgain);
      } catch (error) {
        options.onError(error);
      } finally {
        running = null;
        schedule();
      }
    })();
    return running;
  };

  const loop: WorkerLoop = {
    start() {
      if (isStarted) return;
      isStarted = true;
      void run();
    },
    async stop() {
      isStarted = false;
      timer?.cancel();
      timer = null;
      if (running) await running;
    },
    kick() {
      if (isStarted) void run();
    },
    async drain() {
      await run();
      while (running) await running;
    },
  };
  return loop;
}
