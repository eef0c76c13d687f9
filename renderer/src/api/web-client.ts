import { isEventName, socketCommands, type CommandName, type EventName, type EventPayload } from '../../../shared/contract';
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
  /** Absent: every command goes over HTTP. */
  send?(data: string): void;
}

export interface WebClientEnv {
  location: { href: string };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  openSocket: (url: string, handlers: SocketHandlers) => SocketLike;
  /** The token the station put in the page it served (a tab opened on the bare address, let in by its cookie). */
  pageToken?: () => string | null;
  /** The station answers but refuses this page's token (its access was rotated): the browser reloads. */
  onAccessRefused?: () => void;
  /** Delays before each reconnect attempt, in ms; the last one repeats. */
  backoffMs?: readonly number[];
}

const defaultBackoffMs = [500, 1000, 2000, 4000, 8000] as const;

/** A socket answer later than this is given up on, so one lost message cannot stall the scans after it. */
const socketCallTimeoutMs = 15_000;

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

type Listener = (payload: unknown) => void;

interface PendingCall {
  resolve(body: unknown): void;
  reject(error: ApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWebClient(env: WebClientEnv): ApiClient {
  const token = takeToken(env);
  const origin = new URL(env.location.href);
  const backoff = env.backoffMs?.length ? env.backoffMs : defaultBackoffMs;
  const listeners = new Map<EventName, Set<Listener>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let isClosed = false;
  const pendingCalls = new Map<number, PendingCall>();
  let lastCallId = 0;

  /** The socket went away with calls unanswered: whether main did them is unknown, as with a failed fetch. */
  function failPendingCalls(why: string): void {
    for (const [id, call] of pendingCalls) {
      pendingCalls.delete(id);
      clearTimeout(call.timer);
      call.reject(new ApiError('INTERNAL', `The station did not answer: ${why}`, true));
    }
  }

  function callOverSocket(open: SocketLike, name: CommandName, input: unknown): Promise<unknown> {
    lastCallId += 1;
    const id = lastCallId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pendingCalls.delete(id);
        reject(new ApiError('INTERNAL', 'The station did not answer in time.', true));
      }, socketCallTimeoutMs);
      pendingCalls.set(id, { resolve, reject, timer });
      open.send?.(JSON.stringify({ call: id, command: name, input }));
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
    const { event, payload, reply, result } = message as { event?: unknown; payload?: unknown; reply?: unknown; result?: unknown };
    if (typeof reply === 'number') {
      const call = pendingCalls.get(reply);
      if (!call) return;
      pendingCalls.delete(reply);
      clearTimeout(call.timer);
      call.resolve(result);
      return;
    }
    if (!isEventName(event)) return;
    for (const cb of listeners.get(event) ?? []) cb(payload);
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
   * A WebSocket handshake that fails says nothing about why. Ask once over HTTP: a station that is
   * down does not answer (keep trying), one that refuses the token will never take this page
   * back, so reconnecting for ever would only leave the packer looking at "reconnecting".
   */
  function checkAccess(): void {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers[tokenHeader] = token;
    env
      .fetch(new URL('/api/app.state', origin).toString(), { method: 'POST', headers, body: '{}', credentials: 'same-origin', cache: 'no-store' })
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
          if (!isCurrent()) return;
          hasOpened = true;
          attempt = 0;
          setState('open');
        },
        onMessage(data) {
          if (isCurrent()) dispatch(data);
        },
        onClose() {
          if (!isCurrent()) return;
          socket = null;
          failPendingCalls('the connection closed.');
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
      const open = socket;
      if (socketCommands.has(name) && state === 'open' && open?.send) {
        return unwrapResult(await callOverSocket(open, name, input));
      }
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token) headers[tokenHeader] = token;
      let response: Response;
      try {
        response = await env.fetch(new URL(`/api/${encodeURIComponent(name)}`, origin).toString(), {
          method: 'POST',
          headers,
          body: JSON.stringify(input),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new ApiError('INTERNAL', `The station did not answer: ${detail}`, true);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError('INTERNAL', `The station answered HTTP ${response.status} without a result.`, true);
      }
      return unwrapResult(body);
    },
    on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void) {
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
      failPendingCalls('the client was closed.');
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
