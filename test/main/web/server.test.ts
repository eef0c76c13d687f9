import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Result } from '../../../shared/errors';
import type { Dispatch } from '../../../electron/main/transport/dispatch';
import { createEventBus, type EventBus } from '../../../electron/main/transport/events';
import { setLogSink } from '../../../electron/main/infra/log';
import { startWebServer, type WebServer } from '../../../electron/main/transport/web/server';
import { ask } from './http';

const token = 'test-token-0123456789abcdefghijklmnop';
const secret = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

let root: string;
let staticDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  // Every log line of this file is kept (not printed) so the last test can read them all.
  setLogSink((line) => logLines.push(`${line.message} ${JSON.stringify(line.fields ?? {})}`), 'debug');
  root = await mkdtemp(path.join(tmpdir(), 'packdesk-web-'));
  staticDir = path.join(root, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Packdesk</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("packdesk");');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(staticDir, '.env'), secret);
  await writeFile(path.join(root, 'secret.txt'), secret);
  await symlink(path.join(root, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Harness {
  server: WebServer;
  events: EventBus;
  calls: Array<{ name: unknown; input: unknown }>;
  host: string;
  origin: string;
}

let h: Harness;

/** A dispatcher that answers like the real one would, from a table, and records what reached it. */
function fakeDispatch(calls: Harness['calls'], events: EventBus = createEventBus()): Dispatch {
  return async (name, input) => {
    calls.push({ name, input });
    if (name === 'scan.submit') {
      // Like main: the session changes (an event) before the answer is returned.
      events.emit('session.changed', { revision: 1, session: null, batch: null });
      return { ok: true, value: { kind: 'not_found', echo: input } };
    }
    if (name === 'queue.list') return { ok: true, value: [{ idpicklist: 7, echo: input }] };
    if (name === 'setup.save') return { ok: false, error: { code: 'VALIDATION', message: 'stationName: Too small' } };
    return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command: ${String(name)}` } };
  };
}

beforeEach(async () => {
  const calls: Harness['calls'] = [];
  const events = createEventBus();
  const server = await startWebServer({ dispatch: fakeDispatch(calls, events), events, staticDir, token });
  h = { server, events, calls, host: `127.0.0.1:${server.port}`, origin: server.origin };
});

afterEach(async () => {
  await h.server.close();
});

const authed = (extra: Record<string, string> = {}): Record<string, string> => ({
  host: h.host,
  'x-packdesk-token': token,
  'content-type': 'application/json',
  ...extra,
});

function post(command: string, body: string | Buffer, headers: Record<string, string> = authed()) {
  return ask(h.server.port, { method: 'POST', path: `/api/${command}`, headers, body });
}

function expectFailure(body: unknown, code: string): void {
  const result = body as Result<unknown>;
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(typeof result.error.message).toBe('string');
  }
}

type SocketOutcome = { ws: WebSocket; status?: undefined } | { ws?: undefined; status: number };

function openSocket(query: string, options: { origin?: string; headers?: Record<string, string> } = {}): Promise<SocketOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.server.port}/api/events${query}`, { origin: options.origin, headers: options.headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as unknown)));
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('browser-mode server: where it listens', () => {
  it('hands out a 127.0.0.1 address with the token, and a random token when none is given', async () => {
    expect(h.server.url).toBe(`http://127.0.0.1:${h.server.port}/?token=${token}`);
    expect(h.server.origin).toBe(`http://127.0.0.1:${h.server.port}`);
    const other = await startWebServer({ dispatch: fakeDispatch([]), events: createEventBus(), staticDir });
    try {
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.token).not.toBe(token);
      expect(other.port).not.toBe(h.server.port);
    } finally {
      await other.close();
    }
  });

  it('is reachable on 127.0.0.1 and on no other interface', async () => {
    expect(await canConnect('127.0.0.1', h.server.port)).toBe(true);
    expect(await canConnect('::1', h.server.port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal)
      .map((entry) => entry?.address ?? '');
    for (const address of external) expect(await canConnect(address, h.server.port)).toBe(false);
  });

  it('refuses a token that is too short to be a secret', async () => {
    await expect(startWebServer({ dispatch: fakeDispatch([]), events: createEventBus(), staticDir, token: 'short' })).rejects.toThrow(/token/);
  });
});

describe('browser-mode server: commands', () => {
  it('round-trips a command: POST /api/<name> with the token header answers the Result with 200', async () => {
    const answer = await post('queue.list', JSON.stringify({ search: 'ITQ' }));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.json()).toEqual({ ok: true, value: [{ idpicklist: 7, echo: { search: 'ITQ' } }] });
    expect(h.calls).toEqual([{ name: 'queue.list', input: { search: 'ITQ' } }]);
  });

  it('passes the dispatcher\'s own failures through unchanged, with 200', async () => {
    const validation = await post('setup.save', JSON.stringify({ stationName: '' }));
    expect(validation.status).toBe(200);
    expect(validation.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'stationName: Too small' } });

    const unknown = await post('pack.nothing', '{}');
    expect(unknown.status).toBe(200);
    expectFailure(unknown.json(), 'UNKNOWN_COMMAND');
  });

  it('hands an empty body to the dispatcher as no input', async () => {
    const answer = await post('queue.list', '');
    expect(answer.status).toBe(200);
    expect(h.calls).toEqual([{ name: 'queue.list', input: undefined }]);
  });

  it('answers 400 VALIDATION for a body that is not JSON, without dispatching', async () => {
    const answer = await post('queue.list', '{"search":');
    expect(answer.status).toBe(400);
    expectFailure(answer.json(), 'VALIDATION');
    expect(h.calls).toEqual([]);
  });

  it('answers 413 past the body limit, without dispatching', async () => {
    const big = JSON.stringify({ search: 'x'.repeat(1024 * 1024 + 10) });
    const answer = await post('queue.list', big);
    expect(answer.status).toBe(413);
    expectFailure(answer.json(), 'VALIDATION');
    expect(h.calls).toEqual([]);
  });

  it('answers 405 for anything but POST on a command, and 404 for paths that are not one', async () => {
    const get = await ask(h.server.port, { path: '/api/queue.list', headers: authed() });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    for (const pathname of ['/api/', '/api/queue.list/extra', '/nothing-here.js']) {
      const answer = await ask(h.server.port, { method: pathname.startsWith('/api') ? 'POST' : 'GET', path: pathname, headers: authed() });
      expect(answer.status, pathname).toBe(404);
    }
    expect(h.calls).toEqual([]);
  });

  it('sends the security headers on API answers and never caches them', async () => {
    const answer = await post('queue.list', '{}');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('browser-mode server: refusals', () => {
  it('answers 401 UNAUTHENTICATED without a token, on /api and on static files', async () => {
    const api = await post('queue.list', '{}', { host: h.host, 'content-type': 'application/json' });
    expect(api.status).toBe(401);
    expectFailure(api.json(), 'UNAUTHENTICATED');
    for (const pathname of ['/', '/index.html', '/assets/app.js']) {
      const page = await ask(h.server.port, { path: pathname, headers: { host: h.host } });
      expect(page.status, pathname).toBe(401);
      expectFailure(page.json(), 'UNAUTHENTICATED');
      expect(page.text).not.toContain('packdesk");');
    }
    expect(h.calls).toEqual([]);
  });

  it('answers 401 for a wrong token in the header, the query or the cookie', async () => {
    const wrong = token.slice(0, -1) + 'X';
    const header = await post('queue.list', '{}', authed({ 'x-packdesk-token': wrong }));
    expect(header.status).toBe(401);
    const prefix = await post('queue.list', '{}', authed({ 'x-packdesk-token': token.slice(0, 20) }));
    expect(prefix.status).toBe(401);
    const query = await ask(h.server.port, { path: `/?token=${wrong}`, headers: { host: h.host } });
    expect(query.status).toBe(401);
    expect(query.headers['set-cookie']).toBeUndefined();
    const cookie = await ask(h.server.port, { path: '/assets/app.js', headers: { host: h.host, cookie: `packdesk_token=${wrong}` } });
    expect(cookie.status).toBe(401);
    expect(h.calls).toEqual([]);
  });

  it('answers 403 FORBIDDEN for a Host that is not ours, even with the right token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${h.server.port}`, `127.0.0.1:${h.server.port + 1}`, '127.0.0.1', `0.0.0.0:${h.server.port}`]) {
      const api = await post('queue.list', '{}', authed({ host }));
      expect(api.status, host).toBe(403);
      expectFailure(api.json(), 'FORBIDDEN');
      const page = await ask(h.server.port, { path: `/?token=${token}`, headers: { host } });
      expect(page.status, host).toBe(403);
    }
    expect(h.calls).toEqual([]);
    const localhost = await post('queue.list', '{}', authed({ host: `localhost:${h.server.port}` }));
    expect(localhost.status).toBe(200);
  });

  it('answers 403 for a POST from another origin, including another port on 127.0.0.1', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${h.server.port + 1}`, 'null', `https://127.0.0.1:${h.server.port}`]) {
      const answer = await post('queue.list', '{}', authed({ origin }));
      expect(answer.status, origin).toBe(403);
      expectFailure(answer.json(), 'FORBIDDEN');
    }
    expect(h.calls).toEqual([]);
    const ours = await post('queue.list', '{}', authed({ origin: h.origin }));
    expect(ours.status).toBe(200);
    const localhost = await post('queue.list', '{}', authed({ origin: `http://localhost:${h.server.port}` }));
    expect(localhost.status).toBe(200);
  });

  it('sends no CORS headers, not to a preflight and not to a request that asks for them', async () => {
    const preflight = await ask(h.server.port, {
      method: 'OPTIONS',
      path: '/api/queue.list',
      headers: { host: h.host, origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-packdesk-token' },
    });
    expect(preflight.status).not.toBe(200);
    expect(preflight.status).not.toBe(204);
    const ours = await post('queue.list', '{}', authed({ origin: h.origin }));
    const page = await ask(h.server.port, { path: `/?token=${token}`, headers: { host: h.host, origin: 'http://evil.example' } });
    for (const answer of [preflight, ours, page]) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(h.calls).toEqual([{ name: 'queue.list', input: {} }]);
  });

  it('refuses directory traversal, encoded or not, dot-files and symlinks out of the renderer', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/link.txt',
      '/.env',
      '/index.html%00.js',
      `/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
      '/assets',
    ];
    for (const attempt of attempts) {
      const answer = await ask(h.server.port, { path: `${attempt}${attempt.includes('?') ? '&' : '?'}token=${token}`, headers: { host: h.host } });
      expect(answer.status, attempt).toBe(404);
      expect(answer.text, attempt).not.toContain(secret);
      expect(answer.text, attempt).not.toContain('root:');
    }
  });
});

describe('browser-mode server: the page and its cookie', () => {
  it('serves index.html with the right type and a CSP, and sets an HttpOnly SameSite=Strict cookie for ?token=', async () => {
    const page = await ask(h.server.port, { path: `/?token=${token}`, headers: { host: h.host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<title>Packdesk</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${h.server.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const setCookie = page.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^packdesk_token=${token};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
  });

  it('lets the page\'s own assets (and a reload without ?token=) through on that cookie', async () => {
    const page = await ask(h.server.port, { path: `/?token=${token}`, headers: { host: h.host } });
    const cookie = (page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const script = await ask(h.server.port, { path: '/assets/app.js', headers: { host: h.host, cookie, 'sec-fetch-site': 'same-origin' } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toBe('console.log("packdesk");');
    const style = await ask(h.server.port, { path: '/assets/app.css', headers: { host: h.host, cookie: `other=1; ${cookie}` } });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const reload = await ask(h.server.port, { path: '/', headers: { host: h.host, cookie, 'sec-fetch-site': 'none' } });
    expect(reload.status).toBe(200);
    expect(reload.headers['set-cookie']).toBeUndefined();
    const head = await ask(h.server.port, { method: 'HEAD', path: '/assets/app.js', headers: { host: h.host, cookie } });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('does not accept the cookie for commands, or from a page on another 127.0.0.1 port', async () => {
    const cookie = `packdesk_token=${token}`;
    const api = await post('queue.list', '{}', { host: h.host, cookie, 'content-type': 'application/json' });
    expect(api.status).toBe(401);
    expect(h.calls).toEqual([]);
    const sameSite = await ask(h.server.port, { path: '/assets/app.js', headers: { host: h.host, cookie, 'sec-fetch-site': 'same-site' } });
    expect(sameSite.status).toBe(403);
  });

  it('does not serve static files to other methods', async () => {
    const answer = await ask(h.server.port, { method: 'POST', path: `/index.html?token=${token}`, headers: { host: h.host } });
    expect(answer.status).toBe(405);
  });
});

describe('browser-mode server: the event WebSocket', () => {
  it('delivers every EventBus emit as {event, payload}', async () => {
    const opened = await openSocket(`?token=${token}`, { origin: h.origin });
    const ws = opened.ws;
    if (!ws) throw new Error(`socket refused with ${opened.status}`);
    try {
      const first = nextMessage(ws);
      h.events.emit('queue.changed', { idpicklists: [11, 12] });
      expect(await first).toEqual({ event: 'queue.changed', payload: { idpicklists: [11, 12] }, revision: expect.any(Number) });
      const second = nextMessage(ws);
      h.events.emit('sync.status', { state: 'offline', progress: null, lastSyncedAt: null, message: 'No connection' });
      expect(await second).toEqual({ event: 'sync.status', payload: { state: 'offline', progress: null, lastSyncedAt: null, message: 'No connection' }, revision: expect.any(Number) });
    } finally {
      ws.terminate();
    }
  });

  it('answers a scan sent over the socket, after the events it caused, in the order main emitted them', async () => {
    const opened = await openSocket(`?token=${token}`, { origin: h.origin });
    const ws = opened.ws;
    if (!ws) throw new Error(`socket refused with ${opened.status}`);
    try {
      const messages: unknown[] = [];
      const two = new Promise<void>((resolve) =>
        ws.on('message', (data: Buffer) => {
          messages.push(JSON.parse(data.toString('utf8')));
          if (messages.length === 2) resolve();
        }),
      );
      ws.send(JSON.stringify({ id: 7, name: 'scan.submit', input: { code: 'ABC-1', source: 'wedge' } }));
      await two;
      expect(messages).toEqual([
        { event: 'session.changed', payload: { revision: 1, session: null, batch: null }, revision: expect.any(Number) },
        { id: 7, result: { ok: true, value: { kind: 'not_found', echo: { code: 'ABC-1', source: 'wedge' } } }, revision: expect.any(Number) },
      ]);
    } finally {
      ws.terminate();
    }
  });

  it('answers every command over the socket in the envelope {id, result}, failures of main included', async () => {
    const opened = await openSocket(`?token=${token}`, { origin: h.origin });
    const ws = opened.ws;
    if (!ws) throw new Error(`socket refused with ${opened.status}`);
    try {
      const replies = new Map<number, unknown>();
      const three = new Promise<void>((resolve) =>
        ws.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
          if (typeof message.id === 'number') replies.set(message.id, message.result);
          if (replies.size === 3) resolve();
        }),
      );
      ws.send(JSON.stringify({ id: 8, name: 'queue.list', input: { search: 'ITQ' } }));
      ws.send(JSON.stringify({ id: 9, name: 'setup.save', input: { stationName: '' } }));
      ws.send(JSON.stringify({ id: 10, name: 'pack.nothing' }));
      await three;
      expect(replies.get(8)).toEqual({ ok: true, value: [{ idpicklist: 7, echo: { search: 'ITQ' } }] });
      expect(replies.get(9)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'stationName: Too small' } });
      expectFailure(replies.get(10), 'UNKNOWN_COMMAND');
      expect(h.calls.map((c) => c.name)).toEqual(['queue.list', 'setup.save', 'pack.nothing']);
    } finally {
      ws.terminate();
    }
  });

  it('answers a bad envelope that has an id with VALIDATION, without reaching main, and stays open', async () => {
    const opened = await openSocket(`?token=${token}`, { origin: h.origin });
    const ws = opened.ws;
    if (!ws) throw new Error(`socket refused with ${opened.status}`);
    try {
      for (const envelope of [
        { id: 11, name: 42, input: {} },
        { id: 12, name: 'queue.list', input: {}, call: 1 },
        { id: 13, command: 'queue.list', input: {} },
      ]) {
        const answer = nextMessage(ws);
        ws.send(JSON.stringify(envelope));
        const reply = (await answer) as { id: number; result: unknown };
        expect(reply.id).toBe(envelope.id);
        expectFailure(reply.result, 'VALIDATION');
      }
      expect(ws.readyState).toBe(WebSocket.OPEN);
      expect(h.calls).toEqual([]);
    } finally {
      ws.terminate();
    }
  });

  it('closes the socket (1008) on a message it cannot answer: not JSON, no usable id, binary', async () => {
    const junk: Array<string | Buffer> = [
      'not json',
      JSON.stringify({ name: 'queue.list', input: {} }),
      JSON.stringify({ id: 'x', name: 'scan.submit', input: {} }),
      JSON.stringify({ id: -1, name: 'queue.list' }),
      JSON.stringify({ id: 1.5, name: 'queue.list' }),
      JSON.stringify([1, 'queue.list', {}]),
      Buffer.from(JSON.stringify({ id: 14, name: 'queue.list', input: {} })),
    ];
    for (const message of junk) {
      const opened = await openSocket(`?token=${token}`, { origin: h.origin });
      const ws = opened.ws;
      if (!ws) throw new Error(`socket refused with ${opened.status}`);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(message, { binary: Buffer.isBuffer(message) });
      expect(await closed, String(message)).toBe(1008);
    }
    expect(h.calls).toEqual([]);
  });

  it('runs a command whose socket closes before its answer once, loses only the answer, and answers the next socket', async () => {
    const calls: unknown[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const isRunning = new Promise<void>((resolve) => (entered = resolve));
    const slow = await startWebServer({
      dispatch: async (name, input) => {
        calls.push({ name, input });
        if (calls.length === 1) {
          entered();
          await gate;
        }
        return { ok: true, value: calls.length };
      },
      events: createEventBus(),
      staticDir,
      token,
    });
    const connect = () => new WebSocket(`ws://127.0.0.1:${slow.port}/api/events?token=${token}`, { origin: slow.origin });
    try {
      const first = connect();
      await new Promise((resolve) => first.once('open', resolve));
      first.send(JSON.stringify({ id: 1, name: 'scan.submit', input: { code: 'A', source: 'wedge' } }));
      await isRunning;
      const closed = new Promise((resolve) => first.once('close', resolve));
      first.terminate();
      await closed;
      release();
      const second = connect();
      await new Promise((resolve) => second.once('open', resolve));
      const answer = nextMessage(second);
      second.send(JSON.stringify({ id: 2, name: 'queue.list', input: {} }));
      expect(await answer).toEqual({ id: 2, result: { ok: true, value: 2 }, revision: expect.any(Number) });
      second.terminate();
      expect(calls).toEqual([
        { name: 'scan.submit', input: { code: 'A', source: 'wedge' } },
        { name: 'queue.list', input: {} },
      ]);
    } finally {
      await slow.close();
    }
  });

  it('still delivers the event a command over HTTP caused', async () => {
    const opened = await openSocket(`?token=${token}`, { origin: h.origin });
    const ws = opened.ws;
    if (!ws) throw new Error(`socket refused with ${opened.status}`);
    try {
      const event = nextMessage(ws);
      const answer = await post('scan.submit', JSON.stringify({ code: 'ABC-2', source: 'wedge' }));
      expect(answer.status).toBe(200);
      expect(await event).toEqual({ event: 'session.changed', payload: { revision: 1, session: null, batch: null }, revision: expect.any(Number) });
    } finally {
      ws.terminate();
    }
  });

  it('accepts the token header from a non-browser client without an Origin', async () => {
    const opened = await openSocket('', { headers: { 'x-packdesk-token': token } });
    expect(opened.ws).toBeDefined();
    opened.ws?.terminate();
  });

  it('refuses the handshake without a token, with a wrong one, or with only the cookie (401)', async () => {
    expect((await openSocket('')).status).toBe(401);
    expect((await openSocket('?token=nope-nope-nope-nope')).status).toBe(401);
    expect((await openSocket('', { headers: { cookie: `packdesk_token=${token}` } })).status).toBe(401);
  });

  it('refuses the handshake from another origin or with a foreign Host (403)', async () => {
    expect((await openSocket(`?token=${token}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket(`?token=${token}`, { origin: `http://127.0.0.1:${h.server.port + 1}` })).status).toBe(403);
    expect((await openSocket(`?token=${token}`, { headers: { host: `evil.example:${h.server.port}` } })).status).toBe(403);
  });

  it('answers an upgrade on any other path with 404, and a plain GET of the stream with 426', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.server.port}/api/queue.list?token=${token}`);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(-1));
    });
    ws.terminate();
    expect(status).toBe(404);
    const plain = await ask(h.server.port, { path: `/api/events?token=${token}`, headers: { host: h.host } });
    expect(plain.status).toBe(426);
  });

  it('closes its sockets and stops listening on close()', async () => {
    const opened = await openSocket(`?token=${token}`);
    const ws = opened.ws;
    if (!ws) throw new Error('socket refused');
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await h.server.close();
    await closed;
    expect(await canConnect('127.0.0.1', h.server.port)).toBe(false);
    expect(() => h.events.emit('queue.changed', { idpicklists: [] })).not.toThrow();
  });
});

describe('browser-mode server: its log', () => {
  it('logged the refusals above without ever writing the token', () => {
    expect(logLines.some((line) => line.includes('another origin'))).toBe(true);
    for (const line of logLines) expect(line).not.toContain(token);
  });
});
