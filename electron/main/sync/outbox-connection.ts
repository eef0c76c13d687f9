import { connect } from 'node:net';
import type { Clock } from '../infra/clock';
import { createLogger } from '../infra/log';
import type { ExchangeEvent } from '../picqer/client';
import { isHtmlAnswer } from '../picqer/errors';

/*
 * Whether Picqer can be reached, noticed within seconds (issues 6 and 12): the packer sees
 * "Offline" and the outbox sends what waited as soon as the connection is back, not at the end of
 * a backoff that grew while it was gone.
 *
 * The evidence is the requests the station makes anyway, watched on the wire (the client's
 * exchange events): a status line from Picqer means it was reached; a refused, reset or
 * unresolvable connection means it was not; so does a web page where Picqer's JSON belongs (a
 * proxy's 502, a login page); and so does a request that has had no status line for `stallMs`
 * while nothing else was answered since it was sent: a host that accepts connections and never
 * answers (a black hole) looks like that and like nothing else. Noticing is not cancelling: the
 * request keeps its own deadline. A request allowed a longer deadline (creating a shipment, where
 * the carrier may take 15 s or more) is not counted as stalled; the reads around it are.
 *
 * A TCP connect to Picqer's host costs nothing from the request budget all stations on a key
 * share, but it only tells whether a connection can be made. So it is used sparingly: idle and
 * online, after 2 s of silence and then less and less often (down to every 30 s, so 51 idle
 * stations make under two connects a second); offline, every 2 s. When the outage was a refused
 * or unresolvable connection, a connect that succeeds ends it. When a connection could be made
 * all along (black hole, reset, proxy page), only an answer from Picqer ends it: `recheck` sends
 * one real request, one at a time, given up after a few seconds, and rarer the longer the outage
 * lasts. It reaches Picqer, and so costs from the budget, only when the outage is over.
 */

export interface ConnectionWatch {
  isOnline(): boolean;
  /** Why the connection is considered gone, in plain words; null while online. */
  reason(): string | null;
  /** What the client saw of one request; pass it to `PicqerClient.onExchange`. */
  observe(event: ExchangeEvent): void;
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
  /** One real, cheap request to Picqer; its exchange events must reach `observe`. */
  recheck?: (signal: AbortSignal) => Promise<unknown>;
  /** A request with no status line for this long, and no other answer since it was sent, is an outage. Default 4 s. */
  stallMs?: number;
  /** Online and idle: the first TCP probe after this much silence; the gap doubles up to `idleMaxMs`. Default 2 s. */
  idleMinMs?: number;
  idleMaxMs?: number;
  /** Offline: a TCP probe this often. Default 2 s. */
  offlineIntervalMs?: number;
  /** How long a probe may take. Default 2 s. */
  timeoutMs?: number;
  /** A recheck is given up after this long; the first waits `recheckMinGapMs`, doubling to `recheckMaxGapMs`. */
  recheckTimeoutMs?: number;
  recheckMinGapMs?: number;
  recheckMaxGapMs?: number;
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

interface InFlight {
  sentAt: number;
  isSlowAllowed: boolean;
  /** Already counted as an outage: it does not make the station offline a second time. */
  isReported: boolean;
}

export function createConnectionWatch(options: ConnectionWatchOptions): ConnectionWatch {
  const { clock } = options;
  const log = createLogger('connection');
  const stallMs = options.stallMs ?? 4_000;
  const idleMinMs = options.idleMinMs ?? 2_000;
  const idleMaxMs = options.idleMaxMs ?? 30_000;
  const offlineIntervalMs = options.offlineIntervalMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const recheckTimeoutMs = options.recheckTimeoutMs ?? 5_000;
  const recheckMinGapMs = options.recheckMinGapMs ?? 5_000;
  const recheckMaxGapMs = options.recheckMaxGapMs ?? 30_000;
  const probe = options.probe ?? tcpProbe;
  const { host, port } = target(options.baseUrl);

  let isOnline = true;
  let reason: string | null = null;
  /** Offline on evidence a TCP connect cannot refute: only an answer from Picqer ends it. */
  let needsAnswer = false;
  let offlineSince = Number.NEGATIVE_INFINITY;
  const inFlight = new Map<number, InFlight>();
  let lastAnswerAt = Number.NEGATIVE_INFINITY;
  /** Last time a request went out or a probe connected: the idle probe counts from here. */
  let lastSignAt = clock.now();
  let idleGapMs = idleMinMs;
  let lastProbeAt = Number.NEGATIVE_INFINITY;
  let isProbing = false;
  let isRechecking = false;
  let nextRecheckAt = Number.NEGATIVE_INFINITY;
  let recheckGapMs = recheckMinGapMs;
  let timer: { cancel(): void } | null = null;
  let isStarted = false;

  const goOffline = (why: string, isAnswerNeeded: boolean) => {
    needsAnswer = needsAnswer || isAnswerNeeded;
    reason = why;
    if (!isOnline) return;
    isOnline = false;
    offlineSince = clock.now();
    log.info('Picqer unreachable', { reason });
    options.onChange(false, reason);
  };

  const goOnline = () => {
    idleGapMs = idleMinMs;
    recheckGapMs = recheckMinGapMs;
    nextRecheckAt = Number.NEGATIVE_INFINITY;
    if (isOnline) return;
    isOnline = true;
    reason = null;
    needsAnswer = false;
    log.info('Picqer reachable again');
    options.onChange(true, null);
  };

  /** When the oldest counted request that nothing has answered since becomes an outage. */
  const stallDeadline = (): number => {
    let deadline = Number.POSITIVE_INFINITY;
    for (const request of inFlight.values()) {
      if (request.isSlowAllowed || request.isReported || request.sentAt < lastAnswerAt) continue;
      deadline = Math.min(deadline, request.sentAt + stallMs);
    }
    return deadline;
  };

  const probeDueAt = (): number => {
    if (!isOnline) return lastProbeAt + offlineIntervalMs;
    // Requests under way tell more than a connect; the stall deadline covers them.
    if (inFlight.size > 0) return Number.POSITIVE_INFINITY;
    return lastSignAt + idleGapMs;
  };

  const schedule = () => {
    timer?.cancel();
    timer = null;
    if (!isStarted) return;
    const at = Math.min(stallDeadline(), isProbing ? Number.POSITIVE_INFINITY : probeDueAt());
    if (at === Number.POSITIVE_INFINITY) return;
    timer = clock.setTimeout(look, Math.max(0, at - clock.now()));
  };

  const recheck = () => {
    const ask = options.recheck;
    if (!ask || isRechecking || clock.now() < nextRecheckAt) return;
    isRechecking = true;
    nextRecheckAt = clock.now() + recheckGapMs;
    recheckGapMs = Math.min(recheckGapMs * 2, recheckMaxGapMs);
    const controller = new AbortController();
    const over = () => {
      giveUp.cancel();
      isRechecking = false;
    };
    const giveUp = clock.setTimeout(() => {
      controller.abort(new Error('recheck given up'));
      over();
    }, recheckTimeoutMs);
    // Its answer, or its failure, reaches `observe` through the client like any request's.
    ask(controller.signal).then(over, over);
  };

  const runProbe = async () => {
    isProbing = true;
    const startedAt = clock.now();
    lastProbeAt = startedAt;
    try {
      const isReachable = await probe(host, port, timeoutMs);
      if (!isStarted) return;
      if (!isReachable) {
        goOffline(`Cannot reach ${host}: no connection.`, false);
      } else if (isOnline) {
        lastSignAt = clock.now();
        idleGapMs = Math.min(idleGapMs * 2, idleMaxMs);
      } else if (!needsAnswer) {
        // Only if the outage began before this probe did: a later failure outweighs it.
        if (offlineSince < startedAt) goOnline();
      } else {
        recheck();
      }
    } finally {
      isProbing = false;
      schedule();
    }
  };

  const look = () => {
    timer = null;
    if (!isStarted) return;
    const now = clock.now();
    if (stallDeadline() <= now) {
      for (const request of inFlight.values()) if (!request.isSlowAllowed && request.sentAt >= lastAnswerAt && request.sentAt + stallMs <= now) request.isReported = true;
      goOffline(`Picqer does not answer: a request has waited ${Math.round(stallMs / 1000)} s without a reply.`, true);
    }
    if (!isProbing && probeDueAt() <= now) {
      void runProbe();
      return;
    }
    schedule();
  };

  return {
    isOnline: () => isOnline,
    reason: () => reason,
    observe(event) {
      const now = clock.now();
      if (event.kind === 'sent') {
        inFlight.set(event.id, { sentAt: now, isSlowAllowed: event.isSlowAllowed, isReported: false });
        lastSignAt = now;
        idleGapMs = idleMinMs;
      } else {
        inFlight.delete(event.id);
        if (event.kind === 'answered') {
          if (isHtmlAnswer(event.contentType, Buffer.alloc(0))) {
            // Something between the station and Picqer answered in its place.
            goOffline(`A proxy or gateway answered instead of Picqer (HTTP ${event.status}, a web page): Picqer cannot be reached from here.`, true);
          } else {
            lastAnswerAt = now;
            goOnline();
          }
        } else if (event.kind === 'failed') {
          goOffline(event.reason, event.hasConnected);
        }
      }
      schedule();
    },
    start() {
      if (isStarted) return;
      isStarted = true;
      lastSignAt = clock.now();
      schedule();
    },
    stop() {
      isStarted = false;
      timer?.cancel();
      timer = null;
    },
  };
}
