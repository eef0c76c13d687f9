import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { createLogger } from '../log';
import type { RequestPriority } from './types';

const log = createLogger('picqer:scheduler');

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
  let wake: { at: number; cancel(): void } | null = null;
  const counters = { sent: 0, completed: 0, failed: 0, rateLimited: 0, retried: 0, maxInFlight: 0 };

  function gapMs(): number {
    if (remaining === null || limit === null || limit <= 0) return 0;
    const threshold = Math.max(slowdownMin, Math.ceil(limit * slowdownFraction));
    if (remaining > threshold) return 0;
    const pace = windowMs / limit;
    return Math.min(maxGapMs, Math.round((pace * threshold) / Math.max(remaining, 1)));
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
    while (inFlight < concurrency && hasWaiting()) {
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
    if (seenLimit !== null) limit = seenLimit;
    if (seenRemaining !== null) remaining = seenRemaining;
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
          const waitMs = Math.min(maxBackoffMs, parseRetryAfter(response.headers.get('retry-after'), clock.now()) ?? defaultBackoffMs);
          backoffUntil = Math.max(backoffUntil, clock.now() + waitMs);
          // The window is spent; what it holds after the wait is unknown until the next answer.
          remaining = null;
          if (job.attempts < maxRetries && !job.signal?.aborted) {
            job.attempts++;
            counters.retried++;
            log.info('rate limited by Picqer, waiting', { waitMs, attempt: job.attempts });
            queues[job.priority].unshift(job);
            pump();
            return;
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
