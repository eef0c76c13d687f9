import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createWebClient, tokenStorageKey, type SocketHandlers, type SocketLike, type WebClientEnv } from '../../renderer/src/api/web-client';

interface SentRequest {
  id: number;
  name: string;
  input?: unknown;
}

/** A socket the test plays main on: what the client sent, and a way to answer it or push events. */
class FakeSocket implements SocketLike {
  isClosed = false;
  readonly sent: SentRequest[] = [];
  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}
  open() {
    this.handlers.onOpen();
  }
  /** main -> page */
  deliver(data: unknown) {
    this.handlers.onMessage(typeof data === 'string' ? data : JSON.stringify(data));
  }
  reply(id: number | undefined, result: unknown) {
    this.deliver({ id, result });
  }
  /** page -> main */
  send(data: string) {
    this.sent.push(JSON.parse(data) as SentRequest);
  }
  drop() {
    this.handlers.onClose();
  }
  close() {
    this.isClosed = true;
  }
}

interface Request {
  url: string;
  init: RequestInit;
}

function setup(href = 'http://127.0.0.1:4312/?token=tok_abcdefghijklmnop&lang=nl#top', stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const requests: Request[] = [];
  const sockets: FakeSocket[] = [];
  const replaced: string[] = [];
  let respond: (req: Request) => Response | Promise<Response> = () => new Response('{}', { status: 426 });
  const env: WebClientEnv = {
    location: { href },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    history: { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) },
    fetch: async (url, init) => {
      const req = { url, init };
      requests.push(req);
      return respond(req);
    },
    openSocket: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    backoffMs: [100, 200, 400],
    offlineWaitMs: 1000,
  };
  return {
    env,
    storage,
    requests,
    sockets,
    replaced,
    respondWith(fn: typeof respond) {
      respond = fn;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('browser-mode client', () => {
  it('takes the token from the URL once, keeps it for a reload and removes it from the address bar', () => {
    const t = setup();
    createWebClient(t.env).close();
    expect(t.storage.get(tokenStorageKey)).toBe('tok_abcdefghijklmnop');
    expect(t.replaced).toEqual(['/?lang=nl#top']);

    const reload = setup('http://127.0.0.1:4312/?lang=nl', { [tokenStorageKey]: 'tok_abcdefghijklmnop' });
    const client = createWebClient(reload.env);
    expect(reload.replaced).toEqual([]);
    expect(reload.sockets[0]?.url).toBe('ws://127.0.0.1:4312/api/events?token=tok_abcdefghijklmnop');
    client.close();
  });

  it('uses the token the station put in the page when the tab was opened on the bare address', () => {
    const fresh = setup('http://127.0.0.1:4312/');
    fresh.env.pageToken = () => 'tok_fromthepage0123456';
    const client = createWebClient(fresh.env);
    expect(fresh.sockets[0]?.url).toContain('token=tok_fromthepage0123456');
    client.close();

    // After a rotation the page carries the new token; the copy kept for a reload is stale.
    const rotated = setup('http://127.0.0.1:4312/', { [tokenStorageKey]: 'tok_oldoldoldoldold' });
    rotated.env.pageToken = () => 'tok_newnewnewnewnew';
    const again = createWebClient(rotated.env);
    expect(rotated.sockets[0]?.url).toContain('token=tok_newnewnewnewnew');
    again.close();
  });

  it('sends every command over the socket as {id, name, input} and returns the value of {id, result}; nothing over HTTP', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    const socket = t.sockets[0];
    socket?.open();
    const list = client.invoke('queue.list', { search: 'acme' });
    const scan = client.invoke('scan.submit', { code: 'ABC-1', source: 'wedge' });
    const settings = client.invoke('settings.get', {});
    expect(socket?.sent).toEqual([
      { id: 1, name: 'queue.list', input: { search: 'acme' } },
      { id: 2, name: 'scan.submit', input: { code: 'ABC-1', source: 'wedge' } },
      { id: 3, name: 'settings.get', input: {} },
    ]);
    socket?.reply(1, { ok: true, value: [{ idpicklist: 1 }] });
    socket?.reply(2, { ok: true, value: { kind: 'not_found' } });
    socket?.reply(3, { ok: true, value: { language: 'nl' } });
    await expect(list).resolves.toEqual([{ idpicklist: 1 }]);
    await expect(scan).resolves.toEqual({ kind: 'not_found' });
    await expect(settings).resolves.toEqual({ language: 'nl' });
    expect(t.requests).toEqual([]);
    client.close();
  });

  it('matches replies that come out of order by their id, with events in between', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    const socket = t.sockets[0];
    socket?.open();
    const changed: unknown[] = [];
    client.on('session.changed', (payload) => changed.push(payload));
    const first = client.invoke('queue.list', {});
    const second = client.invoke('history.list', {});
    const third = client.invoke('scan.submit', { code: 'X', source: 'wedge' });
    const [a, b, c] = socket?.sent.map((r) => r.id) ?? [];
    socket?.reply(c, { ok: false, error: { code: 'PICKLIST_BLOCKED', message: 'paused' } });
    socket?.deliver({ event: 'session.changed', payload: null });
    socket?.reply(a, { ok: true, value: ['first'] });
    // A reply to nothing asked (or asked twice) is ignored, never taken for another request's.
    socket?.reply(a, { ok: true, value: ['again'] });
    socket?.reply(99, { ok: true, value: ['stray'] });
    socket?.reply(b, { ok: true, value: ['second'] });
    await expect(third).rejects.toMatchObject({ code: 'PICKLIST_BLOCKED', message: 'paused', isTransport: false });
    await expect(first).resolves.toEqual(['first']);
    await expect(second).resolves.toEqual(['second']);
    expect(changed).toEqual([null]);
    client.close();
  });

  it('throws the code and message of an {ok:false} result, and a transport error for a result that is not one', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    const socket = t.sockets[0];
    socket?.open();
    const answers: Array<[unknown, object]> = [
      [{ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing token' } }, { code: 'UNAUTHENTICATED', message: 'Missing token', isTransport: false }],
      [{ ok: false, error: { code: 'NOPE', message: 'x' } }, { code: 'INTERNAL', isTransport: false }],
      [{ hello: 1 }, { code: 'INTERNAL', isTransport: true }],
      ['<html>502</html>', { code: 'INTERNAL', isTransport: true }],
    ];
    for (const [result, expected] of answers) {
      const call = client.invoke('app.state', {});
      socket?.reply(socket.sent.at(-1)?.id, result);
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject(expected);
    }
    client.close();
  });

  it('delivers contract events only', () => {
    const t = setup();
    const client = createWebClient(t.env);
    const changed: unknown[] = [];
    const off = client.on('queue.changed', (payload) => changed.push(payload));
    const socket = t.sockets[0];
    socket?.open();
    expect(client.connectionState()).toBe('open');
    socket?.deliver({ event: 'queue.changed', payload: { idpicklists: [5] } });
    socket?.deliver({ event: 'sync.status', payload: {} });
    socket?.deliver({ event: 'toString', payload: {} });
    socket?.deliver('not json');
    expect(changed).toEqual([{ idpicklists: [5] }]);

    off();
    socket?.deliver({ event: 'queue.changed', payload: { idpicklists: [6] } });
    expect(changed).toHaveLength(1);
    client.close();
  });

  it('a request made while the socket is down waits for the reconnect, is sent once on it, and takes its reply there', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    // Made before the first socket opened.
    const early = client.invoke('app.state', {});
    expect(t.sockets[0]?.sent).toEqual([]);
    t.sockets[0]?.open();
    expect(t.sockets[0]?.sent).toEqual([{ id: 1, name: 'app.state', input: {} }]);
    t.sockets[0]?.reply(1, { ok: true, value: 'state' });
    await expect(early).resolves.toBe('state');

    t.sockets[0]?.drop();
    const scan = client.invoke('scan.submit', { code: 'A', source: 'wedge' });
    const list = client.invoke('queue.list', {});
    await vi.advanceTimersByTimeAsync(100);
    // The first reconnect fails too: still waiting, nothing sent anywhere.
    t.sockets[1]?.drop();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.sockets).toHaveLength(3);
    t.sockets[2]?.open();
    expect(t.sockets.map((s) => s.sent.length)).toEqual([1, 0, 2]);
    expect(t.sockets[2]?.sent).toEqual([
      { id: 2, name: 'scan.submit', input: { code: 'A', source: 'wedge' } },
      { id: 3, name: 'queue.list', input: {} },
    ]);
    t.sockets[2]?.reply(3, { ok: true, value: [] });
    t.sockets[2]?.reply(2, { ok: true, value: { kind: 'counted' } });
    await expect(scan).resolves.toEqual({ kind: 'counted' });
    await expect(list).resolves.toEqual([]);
    // Long after, nothing is sent again.
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.sockets.reduce((n, s) => n + s.sent.length, 0)).toBe(3);
    client.close();
  });

  it('a request made while the socket is down fails as OFFLINE after the bounded wait, never having been sent', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.sockets[0]?.open();
    t.sockets[0]?.drop();
    const scan = client.invoke('scan.submit', { code: 'A', source: 'wedge' });
    const outcome = expect(scan).rejects.toMatchObject({ code: 'OFFLINE', isTransport: true });
    await vi.advanceTimersByTimeAsync(999);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    // The station comes back afterwards: the scan that already failed is not sent late.
    const next = t.sockets.at(-1);
    next?.open();
    expect(t.sockets.flatMap((s) => s.sent)).toEqual([]);
    client.close();
  });

  it('a request sent when the connection drops before its answer fails as OFFLINE and is not sent again after the reconnect', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.sockets[0]?.open();
    const scan = client.invoke('scan.submit', { code: 'A', source: 'wedge' });
    expect(t.sockets[0]?.sent).toHaveLength(1);
    // Main may have counted it; only the answer is lost with the connection.
    t.sockets[0]?.drop();
    await expect(scan).rejects.toMatchObject({ code: 'OFFLINE', isTransport: true });
    await vi.advanceTimersByTimeAsync(100);
    t.sockets[1]?.open();
    // The old socket's late reply (were it to arrive) would match nothing either.
    t.sockets[1]?.reply(1, { ok: true, value: { kind: 'counted' } });
    expect(t.sockets[1]?.sent).toEqual([]);
    const next = client.invoke('scan.submit', { code: 'B', source: 'wedge' });
    expect(t.sockets[1]?.sent).toEqual([{ id: 2, name: 'scan.submit', input: { code: 'B', source: 'wedge' } }]);
    t.sockets[1]?.reply(2, { ok: true, value: { kind: 'counted' } });
    await expect(next).resolves.toEqual({ kind: 'counted' });
    client.close();
  });

  it('gives up on a scan whose answer never comes, so it cannot hold up the next; other commands wait for main', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.sockets[0]?.open();
    const scan = client.invoke('scan.submit', { code: 'A', source: 'wedge' });
    const complete = client.invoke('pack.complete', {});
    const outcome = expect(scan).rejects.toMatchObject({ code: 'OFFLINE', isTransport: true });
    await vi.advanceTimersByTimeAsync(15_000);
    await outcome;
    await vi.advanceTimersByTimeAsync(60_000);
    t.sockets[0]?.reply(2, { ok: true, value: { done: true } });
    await expect(complete).resolves.toEqual({ done: true });
    client.close();
  });

  it('reloads the page when the station refuses its token, instead of reconnecting for ever', async () => {
    const t = setup();
    let refused = 0;
    t.env.onAccessRefused = () => void (refused += 1);
    const client = createWebClient(t.env);
    t.sockets[0]?.open();
    t.sockets[0]?.drop();

    // The station is down: nothing answers, keep trying.
    t.respondWith(() => Promise.reject(new TypeError('Failed to fetch')));
    await vi.advanceTimersByTimeAsync(100);
    t.sockets[1]?.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toBe(0);
    expect(client.connectionState()).toBe('reconnecting');
    // It asked on the socket's own address, without running a command.
    expect(t.requests.map((r) => [r.init.method, r.url])).toEqual([['GET', 'http://127.0.0.1:4312/api/events']]);
    expect(new Headers(t.requests[0]?.init.headers).get('X-Packdesk-Token')).toBe('tok_abcdefghijklmnop');

    // Up, and taking the token (426: use a WebSocket): keep trying.
    t.respondWith(() => new Response('{}', { status: 426 }));
    await vi.advanceTimersByTimeAsync(200);
    t.sockets[2]?.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toBe(0);

    // It is back, with another secret (--rotate-token): the handshake fails and the station says why.
    t.respondWith(() => new Response(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong Packdesk token.' } }), { status: 401 }));
    await vi.advanceTimersByTimeAsync(400);
    t.sockets[3]?.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toBe(1);
    client.close();
  });

  it('reconnects with growing delays after a drop, reports it, and resets after success', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    const states: string[] = [];
    client.onConnectionState((s) => states.push(s));
    t.sockets[0]?.open();
    t.sockets[0]?.drop();
    expect(client.connectionState()).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(99);
    expect(t.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sockets).toHaveLength(2);
    t.sockets[1]?.drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(t.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sockets).toHaveLength(3);
    t.sockets[2]?.drop();
    await vi.advanceTimersByTimeAsync(400);
    t.sockets[3]?.drop();
    await vi.advanceTimersByTimeAsync(400);
    expect(t.sockets).toHaveLength(5);

    t.sockets[4]?.open();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    t.sockets[4]?.drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(t.sockets).toHaveLength(6);
    client.close();
  });

  it('stops reconnecting once closed, and fails what was open or waiting', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.sockets[0]?.open();
    const sent = client.invoke('queue.list', {});
    client.close();
    await expect(sent).rejects.toMatchObject({ code: 'OFFLINE', isTransport: true });
    await expect(client.invoke('queue.list', {})).rejects.toMatchObject({ code: 'OFFLINE', isTransport: true });
    expect(t.sockets[0]?.isClosed).toBe(true);
    t.sockets[0]?.drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('without any token it opens no socket and answers UNAUTHENTICATED at once', async () => {
    const t = setup('http://127.0.0.1:4312/');
    const client = createWebClient(t.env);
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED', isTransport: false });
    expect(t.sockets).toHaveLength(0);
    expect(t.requests).toEqual([]);
    client.close();
  });
});

describe('electron client', () => {
  it('unwraps the bridge Result and keeps the error code', async () => {
    const { createElectronClient } = await import('../../renderer/src/api/electron-client');
    const client = createElectronClient({
      invoke: async (name) =>
        name === 'app.state' ? { ok: false, error: { code: 'NOT_CONFIGURED', message: 'x' } } : { ok: true, value: [] },
      on: () => () => undefined,
    });
    await expect(client.invoke('queue.list', {})).resolves.toEqual([]);
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    expect(client.connectionState()).toBe('open');
  });
});
