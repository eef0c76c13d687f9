import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createWebClient, tokenStorageKey, type SocketHandlers, type SocketLike, type WebClientEnv } from '../../renderer/src/api/web-client';

class FakeSocket implements SocketLike {
  isClosed = false;
  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}
  open() {
    this.handlers.onOpen();
  }
  send(data: unknown) {
    this.handlers.onMessage(typeof data === 'string' ? data : JSON.stringify(data));
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
  let respond: (req: Request) => Response | Promise<Response> = () =>
    new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 });
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
    void client.invoke('app.state', {});
    expect(new Headers(reload.requests[0]?.init.headers).get('X-Packdesk-Token')).toBe('tok_abcdefghijklmnop');
    client.close();
  });

  it('uses the token the station put in the page when the tab was opened on the bare address', () => {
    const fresh = setup('http://127.0.0.1:4312/');
    fresh.env.pageToken = () => 'tok_fromthepage0123456';
    const client = createWebClient(fresh.env);
    void client.invoke('app.state', {});
    expect(new Headers(fresh.requests[0]?.init.headers).get('X-Packdesk-Token')).toBe('tok_fromthepage0123456');
    expect(fresh.sockets[0]?.url).toContain('token=tok_fromthepage0123456');
    client.close();

    // After a rotation the page carries the new token; the copy kept for a reload is stale.
    const rotated = setup('http://127.0.0.1:4312/', { [tokenStorageKey]: 'tok_oldoldoldoldold' });
    rotated.env.pageToken = () => 'tok_newnewnewnewnew';
    const again = createWebClient(rotated.env);
    void again.invoke('app.state', {});
    expect(new Headers(rotated.requests[0]?.init.headers).get('X-Packdesk-Token')).toBe('tok_newnewnewnewnew');
    again.close();
  });

  it('POSTs /api/<command> with the JSON input and the token header, and returns the value', async () => {
    const t = setup();
    t.respondWith(() => new Response(JSON.stringify({ ok: true, value: [{ idpicklist: 1 }] }), { status: 200 }));
    const client = createWebClient(t.env);
    const value = await client.invoke('queue.list', { search: 'acme' });
    expect(value).toEqual([{ idpicklist: 1 }]);
    const [req] = t.requests;
    expect(req?.url).toBe('http://127.0.0.1:4312/api/queue.list');
    expect(req?.init.method).toBe('POST');
    expect(req?.init.body).toBe('{"search":"acme"}');
    const headers = new Headers(req?.init.headers);
    expect(headers.get('X-Packdesk-Token')).toBe('tok_abcdefghijklmnop');
    expect(headers.get('Content-Type')).toBe('application/json');
    client.close();
  });

  it('throws the code and message of an {ok:false} answer, also on 401', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.respondWith(() => new Response(JSON.stringify({ ok: false, error: { code: 'PICKLIST_BLOCKED', message: 'paused' } })));
    await expect(client.invoke('queue.list', {})).rejects.toMatchObject({ code: 'PICKLIST_BLOCKED', message: 'paused', isTransport: false });

    t.respondWith(
      () => new Response(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing token' } }), { status: 401 }),
    );
    const error = await client.invoke('app.state', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Missing token' });
    client.close();
  });

  it('turns an unreachable station or a body that is not a Result into a transport error', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.respondWith(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ code: 'INTERNAL', isTransport: true });
    t.respondWith(() => new Response('<html>502</html>', { status: 502 }));
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ isTransport: true });
    t.respondWith(() => new Response(JSON.stringify({ hello: 1 })));
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ isTransport: true });
    t.respondWith(() => new Response(JSON.stringify({ ok: false, error: { code: 'NOPE', message: 'x' } })));
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ code: 'INTERNAL', isTransport: false });
    client.close();
  });

  it('opens the event socket on the same host with the token and delivers contract events only', () => {
    const t = setup();
    const client = createWebClient(t.env);
    expect(t.sockets).toHaveLength(1);
    expect(t.sockets[0]?.url).toBe('ws://127.0.0.1:4312/api/events?token=tok_abcdefghijklmnop');

    const changed: unknown[] = [];
    const off = client.on('queue.changed', (payload) => changed.push(payload));
    const socket = t.sockets[0];
    socket?.open();
    expect(client.connectionState()).toBe('open');
    socket?.send({ event: 'queue.changed', payload: { idpicklists: [5] } });
    socket?.send({ event: 'sync.status', payload: {} });
    socket?.send({ event: 'toString', payload: {} });
    socket?.send('not json');
    expect(changed).toEqual([{ idpicklists: [5] }]);

    off();
    socket?.send({ event: 'queue.changed', payload: { idpicklists: [6] } });
    expect(changed).toHaveLength(1);
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

    // It is back, with another secret (--rotate-token): the handshake fails and the station says why.
    t.respondWith(() => new Response(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong Packdesk token.' } }), { status: 401 }));
    await vi.advanceTimersByTimeAsync(200);
    t.sockets[2]?.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(refused).toBe(1);
    client.close();
  });

  it('sends a scan over the open event socket and takes its answer from there; everything else goes over HTTP', async () => {
    const t = setup();
    const sent: string[] = [];
    let handlers: SocketHandlers | null = null;
    t.env.openSocket = (_url, h) => {
      handlers = h;
      return { close: () => undefined, send: (data) => void sent.push(data) };
    };
    const client = createWebClient(t.env);
    const input = { code: 'ABC-1', source: 'wedge' as const };

    // Before the socket is open a scan still goes out, over HTTP.
    t.respondWith(() => new Response(JSON.stringify({ ok: true, value: { kind: 'not_found', code: 'ABC-1' } }), { status: 200 }));
    await client.invoke('scan.submit', input);
    expect(t.requests.map((r) => r.url)).toEqual(['http://127.0.0.1:4312/api/scan.submit']);

    const open = handlers as SocketHandlers | null;
    open?.onOpen();
    const answer = client.invoke('scan.submit', input);
    expect(sent).toHaveLength(1);
    const call = JSON.parse(sent[0] ?? '{}') as { call: number; command: string; input: unknown };
    expect(call).toMatchObject({ command: 'scan.submit', input });
    // An event in between is still an event; the reply resolves the call.
    const changed: unknown[] = [];
    client.on('session.changed', (payload) => changed.push(payload));
    open?.onMessage(JSON.stringify({ event: 'session.changed', payload: null }));
    open?.onMessage(JSON.stringify({ reply: call.call, result: { ok: true, value: { kind: 'product', code: 'ABC-1' } } }));
    await expect(answer).resolves.toEqual({ kind: 'product', code: 'ABC-1' });
    expect(changed).toEqual([null]);

    const refused = client.invoke('scan.submit', input);
    const second = JSON.parse(sent[1] ?? '{}') as { call: number };
    open?.onMessage(JSON.stringify({ reply: second.call, result: { ok: false, error: { code: 'PICKLIST_BLOCKED', message: 'paused' } } }));
    await expect(refused).rejects.toMatchObject({ code: 'PICKLIST_BLOCKED', isTransport: false });

    await client.invoke('queue.list', {});
    expect(t.requests).toHaveLength(2);
    expect(sent).toHaveLength(2);
    client.close();
  });

  it('a scan on the socket fails as a transport error when the socket drops or never answers', async () => {
    const t = setup();
    let handlers: SocketHandlers | null = null;
    t.env.openSocket = (_url, h) => {
      handlers = h;
      return { close: () => undefined, send: () => undefined };
    };
    const client = createWebClient(t.env);
    const open = () => (handlers as SocketHandlers | null)?.onOpen();
    open();
    const dropped = client.invoke('scan.submit', { code: 'ABC-1', source: 'wedge' });
    (handlers as SocketHandlers | null)?.onClose();
    await expect(dropped).rejects.toMatchObject({ code: 'INTERNAL', isTransport: true });

    await vi.advanceTimersByTimeAsync(100);
    open();
    const silent = client.invoke('scan.submit', { code: 'ABC-2', source: 'wedge' });
    const outcome = expect(silent).rejects.toMatchObject({ code: 'INTERNAL', isTransport: true });
    await vi.advanceTimersByTimeAsync(15_000);
    await outcome;
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

  it('stops reconnecting once closed', async () => {
    const t = setup();
    const client = createWebClient(t.env);
    t.sockets[0]?.open();
    client.close();
    expect(t.sockets[0]?.isClosed).toBe(true);
    t.sockets[0]?.drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('without any token it asks anyway (the answer says what to do) and opens no socket', async () => {
    const t = setup('http://127.0.0.1:4312/');
    t.respondWith(
      () => new Response(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing' } }), { status: 401 }),
    );
    const client = createWebClient(t.env);
    await expect(client.invoke('app.state', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(new Headers(t.requests[0]?.init.headers).has('X-Packdesk-Token')).toBe(false);
    expect(t.sockets).toHaveLength(0);
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
