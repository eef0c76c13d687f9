import { isEventName, type CommandName, type EventName, type EventPayload } from '../../../shared/contract';
import { parseCommandReply, parseEventMessage, type CommandRequest } from '../../../shared/envelope';
import type { ApiClient, ConnectionState } from './client';
import { ApiError, unwrapResult } from './client';

export const tokenHeader = 'X-Packdesk-Token';
export const tokenStorageKey = 'packdesk.token';

/** What the client needs from a WebSocket, so tests can hand in a fake. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}

export interface SocketLike {
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

export interface WebClientEnv {
  location: { href: string };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
  /** Only to ask why a handshake failed; commands all go over the socket. */
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  openSocket: (url: string, handlers: SocketHandlers) => SocketLike;
  /** The token the station put in the page it served (a tab opened on the bare address, let in by its cookie). */
  pageToken?: () => string | null;
  /** The station answers but refuses this page's token (its access was rotated): the browser reloads. */
  onAccessRefused?: () => void;
  /** Delays before each reconnect attempt, in ms; the last one repeats. */
  backoffMs?: readonly number[];
  /** How long a command made while the socket is down waits for it to come back before it fails as OFFLINE. */
  offlineWaitMs?: number;
}

const defaultBackoffMs = [500, 1000, 2000, 4000, 8000] as const;
/** Longer than the first few reconnect attempts: a station restarting (an update) is back within it. */
const defaultOfflineWaitMs = 10_000;

/**
 * Commands whose answer is given up on after a while, so one that never comes cannot stall what
 * waits behind it: the scan, which holds up the next scan. Others wait as long as main takes (a
 * completion or a connect may wait on Picqer for a long time); the socket closing ends them all.
 */
const answerTimeoutMs: Partial<Record<CommandName, number>> = { 'scan.submit': 15_000 };

/**
 * Takes the token from `?token=` once, keeps it in sessionStorage so a reload still works, and
 * removes it from the address bar so it does not end up in history or screenshots. Without one
 * in the address, the token the station wrote into the page wins over the kept copy: after the
 * access was rotated, only the page's is still good.
 */
export function takeToken(env: Pick<WebClientEnv, 'location' | 'storage' | 'history' | 'pageToken'>): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(tokenStorageKey, fromUrl);
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  const fromPage = env.pageToken?.() ?? null;
  if (fromPage) {
    env.storage.setItem(tokenStorageKey, fromPage);
    return fromPage;
  }
  return env.storage.getItem(tokenStorageKey);
}

type Listener = (payload: unknown, revision: number) => void;

interface PendingRequest {
  request: CommandRequest;
  resolve(reply: { result: unknown; revision: number | null }): void;
  reject(error: ApiError): void;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * The station could not be reached, or stopped answering (never came back in time, the connection
 * dropped before the answer, no answer in time, the client closed): the renderer words every
 * transport failure itself from `isTransport` ("lost contact with the station"), so no sentence
 * travels with it, and no detail either: the packer's next step is the same in every case.
 */
function unreachable(): ApiError {
  return new ApiError('OFFLINE', '', true);
}

/*
 * Every command goes over the one socket as the envelope {id, name, input} (shared/envelope.ts),
 * answered {id, result}; replies are matched by id, in whatever order they come.
 *
 * At most once, never twice. A command made while the socket is down waits (`waiting`) for the
 * reconnect, at most `offlineWaitMs`, and is then sent once, or fails as OFFLINE without ever having
 * been sent. A command that was sent (`inFlight`) and whose socket closed before its answer came
 * fails as OFFLINE at once and is NOT sent again: main may have done it already (the scan counted,
 * the parcel shipped) and only the answer was lost; sending it on the new socket could count a
 * scan twice. What it did shows up in the state the page reads again after the reconnect (the
 * counter, the queue), so the packer sees whether to scan again.
 */
export function createWebClient(env: WebClientEnv): ApiClient {
  const token = takeToken(env);
  const origin = new URL(env.location.href);
  const backoff = env.backoffMs?.length ? env.backoffMs : defaultBackoffMs;
  const offlineWaitMs = env.offlineWaitMs ?? defaultOfflineWaitMs;
  const listeners = new Map<EventName, Set<Listener>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let isClosed = false;
  /** Made while the socket was down, not sent yet; in the order they were made. */
  const waiting = new Map<number, PendingRequest>();
  /** Sent on the current socket, not answered yet. */
  const inFlight = new Map<number, PendingRequest>();
  /** Per page load, not per socket: a reply can never be matched to a newer request. */
  let lastId = 0;

  function settle(pending: PendingRequest): void {
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = null;
  }

  function send(open: SocketLike, pending: PendingRequest): void {
    const { id, name } = pending.request;
    inFlight.set(id, pending);
    const timeoutMs = answerTimeoutMs[name as CommandName];
    if (timeoutMs !== undefined) {
      pending.timer = setTimeout(() => {
        inFlight.delete(id);
        pending.reject(unreachable());
      }, timeoutMs);
    }
    try {
      open.send(JSON.stringify(pending.request));
    } catch {
      // The socket refused it outright (not open after all): it left nothing behind, but it is not
      // retried either: the close that follows says the connection is gone.
      inFlight.delete(id);
      settle(pending);
      pending.reject(unreachable());
    }
  }

  /** The socket is (back) up: what waited goes out now, once, in the order it was made. */
  function sendWaiting(open: SocketLike): void {
    for (const [id, pending] of [...waiting]) {
      waiting.delete(id);
      settle(pending);
      send(open, pending);
    }
  }

  /** The socket went away with requests unanswered: whether main did them is unknown, so none is resent. */
  function failInFlight(): void {
    for (const [id, pending] of [...inFlight]) {
      inFlight.delete(id);
      settle(pending);
      pending.reject(unreachable());
    }
  }

  function request(name: CommandName, input: unknown): Promise<{ result: unknown; revision: number | null }> {
    lastId += 1;
    const id = lastId;
    return new Promise((resolve, reject) => {
      const pending: PendingRequest = { request: { id, name, input }, resolve, reject, timer: null };
      const open = socket;
      if (state === 'open' && open) {
        send(open, pending);
        return;
      }
      pending.timer = setTimeout(() => {
        waiting.delete(id);
        reject(unreachable());
      }, offlineWaitMs);
      waiting.set(id, pending);
    });
  }

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const cb of stateListeners) cb(next);
  }

  function dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const reply = parseCommandReply(message);
    if (reply) {
      const pending = inFlight.get(reply.id);
      if (!pending) return;
      inFlight.delete(reply.id);
      settle(pending);
      pending.resolve({ result: reply.result, revision: reply.revision });
      return;
    }
    const event = parseEventMessage(message);
    if (!event || !isEventName(event.event)) return;
    for (const cb of listeners.get(event.event) ?? []) cb(event.payload, event.revision ?? 0);
  }

  function scheduleReconnect(): void {
    if (isClosed || retryTimer) return;
    const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  /**
   * A WebSocket handshake that fails says nothing about why. Ask once over HTTP, on the socket's
   * own address and without running any command: a station that is down does not answer (keep
   * trying), one that takes the token answers 426 (use a WebSocket), one that refuses it 401 and
   * will never take this page back, so reconnecting for ever would only leave the packer looking
   * at "reconnecting".
   */
  function checkAccess(): void {
    const headers: Record<string, string> = {};
    if (token) headers[tokenHeader] = token;
    env
      .fetch(new URL('/api/events', origin).toString(), { method: 'GET', headers, credentials: 'same-origin', cache: 'no-store' })
      .then((response) => {
        if (response.status === 401 && !isClosed) env.onAccessRefused?.();
      })
      .catch(() => undefined);
  }

  function connect(): void {
    if (isClosed || !token) return;
    const wsUrl = new URL('/api/events', origin);
    wsUrl.protocol = origin.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.searchParams.set('token', token);
    // Handlers of a socket that has been replaced or closed must not touch the state any more.
    let current: SocketLike | null = null;
    let hasOpened = false;
    const isCurrent = () => current !== null && socket === current;
    try {
      current = env.openSocket(wsUrl.toString(), {
        onOpen() {
          if (!isCurrent() || !current) return;
          hasOpened = true;
          attempt = 0;
          // Before the state listeners run: what waited was asked for before what they will ask.
          sendWaiting(current);
          setState('open');
        },
        onMessage(data) {
          if (isCurrent()) dispatch(data);
        },
        onClose() {
          if (!isCurrent()) return;
          socket = null;
          failInFlight();
          setState('reconnecting');
          if (!hasOpened) checkAccess();
          scheduleReconnect();
        },
      });
    } catch {
      setState('reconnecting');
      scheduleReconnect();
      return;
    }
    socket = current;
  }

  connect();

  return {
    mode: 'web',
    async invoke(name, input) {
      // Without a token the station would refuse the socket for ever: say so at once, as it would.
      if (!token) throw new ApiError('UNAUTHENTICATED', '', false);
      if (isClosed) throw unreachable();
      return unwrapResult((await request(name, input)).result);
    },
    async read(name, input) {
      if (!token) throw new ApiError('UNAUTHENTICATED', '', false);
      if (isClosed) throw unreachable();
      const reply = await request(name, input);
      return { value: unwrapResult(reply.result), revision: reply.revision ?? 0 };
    },
    on<E extends EventName>(name: E, cb: (payload: EventPayload<E>, revision: number) => void) {
      const listener = cb as Listener;
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener);
      return () => {
        listeners.get(name)?.delete(listener);
      };
    },
    connectionState: () => state,
    onConnectionState(cb) {
      stateListeners.add(cb);
      return () => {
        stateListeners.delete(cb);
      };
    },
    close() {
      isClosed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const open = socket;
      socket = null;
      failInFlight();
      for (const [id, pending] of [...waiting]) {
        waiting.delete(id);
        settle(pending);
        pending.reject(unreachable());
      }
      open?.close(1000, 'closing');
    },
  };
}

/** Browser mode's client, wired to the real window. */
export function createBrowserWebClient(): ApiClient {
  return createWebClient({
    location: window.location,
    storage: window.sessionStorage,
    history: window.history,
    fetch: (input, init) => window.fetch(input, init),
    // The reload is answered by the station: the page again (the cookie holds the new access) or
    // its "needs its link" page in words.
    onAccessRefused: () => window.location.reload(),
    pageToken: () => document.querySelector('meta[name="packdesk-token"]')?.getAttribute('content') ?? null,
    openSocket(url, handlers) {
      const ws = new WebSocket(url);
      ws.onopen = () => handlers.onOpen();
      ws.onmessage = (event) => handlers.onMessage(event.data);
      ws.onclose = () => handlers.onClose();
      return ws;
    },
  });
}
