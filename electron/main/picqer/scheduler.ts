import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../infra/clock';
import { createLogger } from '../infra/log';
import type { RequestPriority } from './types';

const log = createLogger('picqer:scheduler');

/** Clocks of Picqer and the station differ a little: a window is taken to end this much later. */
const windowSafetyMs = 250;

export interface SchedulerOptions {
  clock?: Clock;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Wait after a 429 that carries no Retry-After (Picqer's own PHP client waits 20 s). */
  defaultBackoffMs?: number;
  /** Upper bound for a Retry-After, so a wild header cannot park the station for hours. */
  maxBackoffMs?: number;
  /** How often one request is re-sent after a 429 before the caller gets RATE_LIMITED. */
  maxRateLimitRetries?: number;
  /** Length of Picqer's rate window; with X-RateLimit-Limit it gives the sustainable pace. */
  windowMs?: number;
  /** Slow down when fewer than this share of the window's requests remain (and at least `slowdownMin`). */
  slowdownFraction?: number;
  slowdownMin?: number;
  /** Longest pause between two sends while slowing down. */
  maxGapMs?: number;
}

export interface SchedulerStats {
  /** Requests handed to the network, retries included. */
  sent: number;
  completed: number;
  failed: number;
  rateLimited: number;
  retried: number;
  inFlight: number;
  maxInFlight: number;
  queued: { interactive: number; background: number };
  /** Clock time until which nothing is sent because of a 429, or null. */
  backoffUntil: number | null;
  /** Last X-RateLimit-Remaining / -Limit seen. */
  remaining: number | null;
  limit: number | null;
  /** Current pause between sends from the proactive slowdown, 0 when not slowing down. */
  gapMs: number;
  /** Clock time by which Picqer's current rate window has surely ended, when it could be told. */
  windowEndsBy: number | null;
}

/** Whatever the scheduler needs to see of a response: its status and rate headers. */
export interface ScheduledResponse {
  status: number;
  headers: { get(name: string): string | null };
}

export interface RequestScheduler {
  schedule<R extends ScheduledResponse>(priority: RequestPriority, send: () => Promise<R>, signal?: AbortSignal): Promise<R>;
  stats(): SchedulerStats;
}

interface Job {
  send: () => Promise<ScheduledResponse>;
  resolve: (value: ScheduledResponse) => void;
  reject: (reason: unknown) => void;
  priority: RequestPriority;
  attempts: number;
  signal?: AbortSignal;
  onAbort?: () => void;
}

function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return null;
}

function parseCount(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * A queue in front of Picqer for one API key. Picqer counts requests per user and IP (normally
 * 500 a minute, shared by every station on the key), and a 429 means the request was not run,
 * so it is always safe to send again after the wait.
 */
export function createRequestScheduler(options: SchedulerOptions = {}): RequestScheduler {
  const clock = options.clock ?? systemClock;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const defaultBackoffMs = options.defaultBackoffMs ?? 20_000;
  const maxBackoffMs = options.maxBackoffMs ?? 120_000;
  const maxRetries = options.maxRateLimitRetries ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const slowdownFraction = options.slowdownFraction ?? 0.1;
  const slowdownMin = options.slowdownMin ?? 10;
  const maxGapMs = options.maxGapMs ?? 5_000;

  const queues: Record<RequestPriority, Job[]> = { interactive: [], background: [] };
  let inFlight = 0;
  let backoffUntil = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let remaining: number | null = null;
  let limit: number | null = null;
  /*
   * Several stations spend one budget and none of them sees the others' requests, only
   * X-RateLimit-Remaining falling. Two things are learned from it: by when the current window has
   * surely ended (it opened no later than the first answer counted in it), and how much of the
   * budget each of our answers stands for (a fall of 5 per answer of ours: about five stations at
   * work), so the budget left is spread over the time left instead of raced for, and a spent
   * window is waited out once instead of probed every 20 s.
   */
  let windowEndsBy: number | null = null;
  let isWindowEndClose = false;
  let drawPerAnswer = 1;
  /** The last X-RateLimit-Remaining seen, kept through a 429 (unlike `remaining`) to spot a new window. */
  let lastSeen: number | null = null;
  /** After a backoff whose end was a guess: one request alone finds out whether the window reopened. */
  let isProbing = false;
  let refusedInARow = 0;
  let wake: { at: number; cancel(): void } | null = null;
  const counters = { sent: 0, completed: 0, failed: 0, rateLimited: 0, retried: 0, maxInFlight: 0 };

  function gapMs(): number {
    if (remaining === null || limit === null || limit <= 0) return 0;
    const threshold = Math.max(slowdownMin, Math.ceil(limit * slowdownFraction));
    if (remaining > threshold) return 0;
    const pace = windowMs / limit;
    const gap = Math.min(maxGapMs, Math.round((pace * threshold) / Math.max(remaining, 1)));
    const end = windowEndsBy;
    if (end === null || !isWindowEndClose || end <= clock.now()) return gap;
    // Our share of what is left, spread until the window ends; the next send is never held past
    // that end, when a fresh window is there to take it.
    const spread = Math.round(((end - clock.now()) * drawPerAnswer) / Math.max(remaining, 1));
    return Math.min(end - lastSentAt, Math.max(gap, spread));
  }

  function nextJob(): Job | undefined {
    return queues.interactive.shift() ?? queues.background.shift();
  }

  function hasWaiting(): boolean {
    return queues.interactive.length > 0 || queues.background.length > 0;
  }

  function sleepUntil(at: number): void {
    if (wake && wake.at <= at) return;
    wake?.cancel();
    const handle = clock.setTimeout(() => {
      wake = null;
      pump();
    }, at - clock.now());
    wake = { at, cancel: handle.cancel };
  }

  function pump(): void {
    while (inFlight < (isProbing ? 1 : concurrency) && hasWaiting()) {
      const now = clock.now();
      // The gap is judged from the newest rate headers, so it applies to the send after them.
      const gate = Math.max(backoffUntil, lastSentAt + gapMs());
      if (now < gate) {
        sleepUntil(gate);
        return;
      }
      const job = nextJob();
      if (job) start(job, now);
    }
  }

  function readRateHeaders(response: ScheduledResponse): void {
    const seenLimit = parseCount(response.headers.get('x-ratelimit-limit'));
    const seenRemaining = parseCount(response.headers.get('x-ratelimit-remaining'));
    if (seenLimit !== null && limit !== null && seenLimit !== limit) {
      // Picqer changed the limit under load: what was learned of its windows no longer holds.
      windowEndsBy = null;
      isWindowEndClose = false;
      lastSeen = null;
      drawPerAnswer = 1;
    }
    if (seenLimit !== null) limit = seenLimit;
    // A refused request was not counted: it says the window is spent, not when it began.
    if (seenRemaining === null || response.status === 429) return;
    const now = clock.now();
    if (limit !== null && limit > 0) {
      // The window this answer was counted in opened no later than now. Answers overtake each
      // other by at most what is in flight, far less than half a window, so a jump back up that
      // large is a new window; so is any answer after the window we knew must have ended.
      const isKnownWindowOver = windowEndsBy === null || windowEndsBy <= now;
      const isJump = lastSeen !== null && seenRemaining - lastSeen > limit / 2;
      if (isKnownWindowOver || isJump) {
        windowEndsBy = now + windowMs;
        // Only a window seen (nearly) from its start has an end close to that bound; an older
        // one may end any moment, and spreading the rest over a whole minute would idle the station.
        isWindowEndClose = isJump || seenRemaining >= limit * 0.9;
      } else if (lastSeen !== null && seenRemaining <= lastSeen) {
        drawPerAnswer = Math.max(1, 0.7 * drawPerAnswer + 0.3 * (lastSeen - seenRemaining));
      }
    }
    lastSeen = seenRemaining;
    remaining = seenRemaining;
  }

  /** How long until the window has surely ended (and a little more), at least `atLeastMs`. */
  function waitForWindow(now: number, atLeastMs: number): number {
    const untilEnd = windowEndsBy !== null && windowEndsBy > now ? windowEndsBy - now + windowSafetyMs : 0;
    return Math.min(maxBackoffMs, Math.max(atLeastMs, untilEnd));
  }

  function start(job: Job, now: number): void {
    inFlight++;
    counters.sent++;
    counters.maxInFlight = Math.max(counters.maxInFlight, inFlight);
    lastSentAt = now;
    job.send().then(
      (response) => {
        inFlight--;
        readRateHeaders(response);
        if (response.status === 429) {
          counters.rateLimited++;
          const now = clock.now();
          const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
          refusedInARow++;
          // Without a Retry-After: the end of a window seen from its start is waited for; an older
          // window's end is only a bound up to a minute off, so the default wait comes first and
          // only a second refusal in a row waits for that bound.
          const knowsEnd = windowEndsBy !== null && windowEndsBy > now && (isWindowEndClose || refusedInARow > 1);
          const waitMs =
            retryAfter !== null ? Math.min(maxBackoffMs, retryAfter) : knowsEnd ? waitForWindow(now, windowSafetyMs) : Math.min(maxBackoffMs, defaultBackoffMs);
          backoffUntil = Math.max(backoffUntil, now + waitMs);
          // Without Picqer saying when, the first request after the wait goes alone: if the window
          // is still spent, one 429 costs less than a whole burst of them.
          isProbing = retryAfter === null;
          // The window is spent; what it holds after the wait is unknown until the next answer.
          remaining = null;
          lastSeen = 0;
          if (job.attempts < maxRetries && !job.signal?.aborted) {
            job.attempts++;
            counters.retried++;
            log.info('rate limited by Picqer, waiting', { waitMs, attempt: job.attempts });
            queues[job.priority].unshift(job);
            pump();
            return;
          }
        }
        if (response.status !== 429) {
          isProbing = false;
          refusedInARow = 0;
          if (remaining === 0) {
            // This answer used the last request of the window: the next would surely be refused.
            const now = clock.now();
            const knowsEnd = windowEndsBy !== null && windowEndsBy > now;
            backoffUntil = Math.max(backoffUntil, now + waitForWindow(now, knowsEnd ? 0 : defaultBackoffMs));
            isProbing = !knowsEnd;
            remaining = null;
          }
        }
        counters.completed++;
        finish(job);
        job.resolve(response);
        pump();
      },
      (error: unknown) => {
        inFlight--;
        counters.failed++;
        finish(job);
        job.reject(error);
        pump();
      },
    );
  }

  function finish(job: Job): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
  }

  return {
    schedule<R extends ScheduledResponse>(priority: RequestPriority, send: () => Promise<R>, signal?: AbortSignal): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const job: Job = {
          send,
          resolve: (value) => resolve(value as R),
          reject,
          priority,
          attempts: 0,
          signal,
        };
        if (signal) {
          job.onAbort = () => {
            const queue = queues[job.priority];
            const index = queue.indexOf(job);
            // Only a job still waiting is dropped; one in flight is ended by the transport.
            if (index >= 0) {
              queue.splice(index, 1);
              finish(job);
              reject(signal.reason);
            }
          };
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queues[priority].push(job);
        pump();
      });
    },
    stats(): SchedulerStats {
      return {
        ...counters,
        inFlight,
        queued: { interactive: queues.interactive.length, background: queues.background.length },
        backoffUntil: backoffUntil > clock.now() ? backoffUntil : null,
        remaining,
        limit,
        gapMs: gapMs(),
        windowEndsBy,
      };
    },
  };
}

const registry = new Map<string, RequestScheduler>();

function registryKey(baseUrl: string, apiKey: string): string {
  // Hashed so the key never sits in a map that someone might dump while debugging.
  return `${baseUrl}\n${createHash('sha256').update(apiKey).digest('hex')}`;
}

/**
 * The one scheduler for this base URL and key. Every client made for the same key shares it,
 * because Picqer's budget is per key, not per client. Options count only on first use.
 */
export function sharedScheduler(baseUrl: string, apiKey: string, options?: SchedulerOptions): RequestScheduler {
  const key = registryKey(baseUrl, apiKey);
  let scheduler = registry.get(key);
  if (!scheduler) {
    scheduler = createRequestScheduler(options);
    registry.set(key, scheduler);
  }
  return scheduler;
}

/** For tests: forget every shared scheduler. */
export function resetSharedSchedulers(): void {
  registry.clear();
}
