import { connect } from 'node:net';
import type { Clock } from '../clock';
import { createLogger } from '../log';
import { isPicqerError } from '../picqer/errors';

/*
 * Whether Picqer can be reached, noticed within seconds (issue 6): the packer sees "Offline" and
 * the outbox sends what waited as soon as the connection is back, not at the end of a backoff
 * that grew while it was gone.
 *
 * Two sources. Every request the station makes tells: an HTTP answer of any status means Picqer
 * was reached, a connection failure means it was not. Between requests (an idle station polls
 * once a minute) a TCP connect to Picqer's host every couple of seconds tells the same, and costs
 * nothing from the request budget all stations on the key share: no HTTP request is made.
 */

export interface ConnectionWatch {
  isOnline(): boolean;
  /** Why the connection is considered gone, in plain words; null while online. */
  reason(): string | null;
  /** What a request showed: Picqer answered (true), or could not be reached (false). */
  report(isReachable: boolean, reason?: string | null): void;
  start(): void;
  stop(): void;
}

/** Resolves true when a TCP connection could be opened within the timeout. */
export type Probe = (host: string, port: number, timeoutMs: number) => Promise<boolean>;

export interface ConnectionWatchOptions {
  /** Picqer's base URL (or the demo's): the host and port the probe connects to. */
  baseUrl: string;
  clock: Clock;
  onChange(isOnline: boolean, reason: string | null): void;
  /** How long without any sign from Picqer before the probe looks. Default 2 s. */
  intervalMs?: number;
  /** How long a probe may take. Default 2 s: with the interval, a loss shows within 5 s. */
  timeoutMs?: number;
  probe?: Probe;
}

export const tcpProbe: Probe = (host, port, timeoutMs) =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (isReachable: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(isReachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

function target(baseUrl: string): { host: string; port: number } {
  const url = new URL(baseUrl);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

export function createConnectionWatch(options: ConnectionWatchOptions): ConnectionWatch {
  const { clock } = options;
  const log = createLogger('connection');
  const intervalMs = options.intervalMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const probe = options.probe ?? tcpProbe;
  const { host, port } = target(options.baseUrl);
  let isOnline = true;
  let reason: string | null = null;
  let lastSignAt = clock.now();
  /** A request that failed to connect outweighs a probe that began before it answered. */
  let lastFailureAt = Number.NEGATIVE_INFINITY;
  let timer: { cancel(): void } | null = null;
  let isStarted = false;
  let isProbing = false;

  const set = (next: boolean, why: string | null) => {
    if (next === isOnline) {
      if (!next) reason = why ?? reason;
      return;
    }
    isOnline = next;
    reason = next ? null : (why ?? 'Picqer cannot be reached.');
    log.info(next ? 'Picqer reachable again' : 'Picqer unreachable', { reason });
    options.onChange(isOnline, reason);
  };

  const schedule = () => {
    timer?.cancel();
    timer = null;
    if (!isStarted) return;
    timer = clock.setTimeout(() => void look(), Math.max(0, lastSignAt + intervalMs - clock.now()));
  };

  const look = async () => {
    timer = null;
    if (!isStarted || isProbing) return;
    // Requests spoke recently: nothing to ask.
    if (clock.now() - lastSignAt < intervalMs) {
      schedule();
      return;
    }
    isProbing = true;
    const startedAt = clock.now();
    try {
      const isReachable = await probe(host, port, timeoutMs);
      if (!isStarted) return;
      lastSignAt = clock.now();
      if (!isReachable) set(false, `Cannot reach ${host}: no connection.`);
      else if (lastFailureAt < startedAt) set(true, null);
    } finally {
      isProbing = false;
      schedule();
    }
  };

  return {
    isOnline: () => isOnline,
    reason: () => reason,
    report(isReachable, why = null) {
      lastSignAt = clock.now();
      if (!isReachable) lastFailureAt = clock.now();
      set(isReachable, why);
    },
    start() {
      if (isStarted) return;
      isStarted = true;
      schedule();
    },
    stop() {
      isStarted = false;
      timer?.cancel();
      timer = null;
    },
  };
}

/**
 * The same client, watched: every promise one of its methods returns reports to the connection
 * watch when it settles. Lists read page by page are not watched; the probe covers them. Methods
 * named in `unwatched` talk to other hosts (labels come from carriers) and say nothing of Picqer.
 */
export function watchedApi<T extends object>(api: T, watch: Pick<ConnectionWatch, 'report'>, unwatched: readonly string[] = ['downloadDocument']): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(api, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || (typeof key === 'string' && unwatched.includes(key))) return value;
      const known = wrapped.get(key);
      if (known) return known;
      const method = value as (...args: unknown[]) => unknown;
      const watchedMethod = (...args: unknown[]): unknown => {
        const result = method.apply(target, args);
        if (result instanceof Promise) {
          result.then(
            () => watch.report(true),
            (error: unknown) => {
              if (isPicqerError(error) && error.code === 'OFFLINE') watch.report(false, error.message);
              else if (isPicqerError(error) && error.httpStatus !== null) watch.report(true);
            },
          );
        }
        return result;
      };
      wrapped.set(key, watchedMethod);
      return watchedMethod;
    },
  });
}
