import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/main/transport/events';
import { setLogSink } from '../../../electron/main/infra/log';
import { loadAccessSecret } from '../../../electron/main/transport/web/access-secret';
import { startWebServer, type WebServer } from '../../../electron/main/transport/web/server';
import { useCleanups } from '../station-helpers';
import { ask } from './http';

/*
 * Browser mode across a restart of the station: the browser that had access keeps it (until the
 * access is rotated), and a person who types an address never sees raw JSON.
 */

const cleanups = useCleanups();
const logLines: string[] = [];
let root: string;
let staticDir: string;

beforeAll(async () => {
  setLogSink((line) => logLines.push(`${line.message} ${JSON.stringify(line.fields ?? {})}`), 'debug');
  root = await mkdtemp(path.join(tmpdir(), 'packdesk-restart-'));
  staticDir = path.join(root, 'renderer');
  await mkdir(staticDir, { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>Packdesk</title></head><body></body></html>');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function serve(token: string, port = 0): Promise<WebServer> {
  const server = await startWebServer({ dispatch: async () => ({ ok: true, value: [] }), events: createEventBus(), staticDir, token, port });
  cleanups.push(() => server.close());
  return server;
}

/** Node's global agent keeps sockets alive; a socket to the station before its restart is dead. */
const fresh = { connection: 'close' };

/** The cookie a browser keeps from opening the printed address. */
async function cookieFrom(server: WebServer): Promise<string> {
  const page = await ask(server.port, { path: `/?token=${server.token}`, headers: { ...fresh, host: `127.0.0.1:${server.port}` } });
  expect(page.status).toBe(200);
  const setCookie = page.headers['set-cookie']?.[0] ?? '';
  const pair = setCookie.split(';')[0] ?? '';
  expect(pair).toMatch(/^packdesk_token=/);
  return pair;
}

const pageWithCookie = (server: WebServer, cookie: string) =>
  ask(server.port, { path: '/', headers: { ...fresh, host: `127.0.0.1:${server.port}`, cookie, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', accept: 'text/html' } });

describe('browser-mode access across a restart', () => {
  it('keeps one random secret per data dir, readable by this user only, and never logs it', () => {
    const dataDir = mkdtempSync(path.join(root, 'data-'));
    const first = loadAccessSecret(dataDir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadAccessSecret(dataDir)).toBe(first);
    const other = loadAccessSecret(mkdtempSync(path.join(root, 'data-')));
    expect(other).not.toBe(first);
    const file = path.join(dataDir, 'web-access.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(logLines.join('\n')).not.toContain(first);
  });

  it('accepts the same browser after the station restarts on the same data dir', async () => {
    const dataDir = mkdtempSync(path.join(root, 'data-'));
    const before = await serve(loadAccessSecret(dataDir));
    const cookie = await cookieFrom(before);
    const port = before.port;
    await before.close();

    const after = await serve(loadAccessSecret(dataDir), port);
    const page = await pageWithCookie(after, cookie);
    expect(page.status).toBe(200);
    // A tab opened on the bare address (the old one closed) still gets what its scripts need.
    expect(page.text).toContain(`<meta name="packdesk-token" content="${after.token}">`);
  });

  it('refuses the old cookie and the old token once the access is rotated', async () => {
    const dataDir = mkdtempSync(path.join(root, 'data-'));
    const before = await serve(loadAccessSecret(dataDir));
    const cookie = await cookieFrom(before);
    const oldToken = before.token;
    const port = before.port;
    await before.close();

    const rotated = loadAccessSecret(dataDir, { rotate: true });
    expect(rotated).not.toBe(oldToken);
    expect(statSync(path.join(dataDir, 'web-access.secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dataDir, 'web-access.secret'), 'utf8')).not.toContain(oldToken);
    const after = await serve(rotated, port);
    expect((await pageWithCookie(after, cookie)).status).toBe(401);
    const command = await ask(after.port, {
      method: 'POST',
      path: '/api/queue.list',
      headers: { ...fresh, host: `127.0.0.1:${after.port}`, 'x-packdesk-token': oldToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(command.status).toBe(401);
  });

  it('makes a new secret when the file holds something unusable', () => {
    const dataDir = mkdtempSync(path.join(root, 'data-'));
    writeFileSync(path.join(dataDir, 'web-access.secret'), 'short', { mode: 0o644 });
    const secret = loadAccessSecret(dataDir);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path.join(dataDir, 'web-access.secret')).mode & 0o777).toBe(0o600);
  });
});

describe('browser mode never shows a person raw JSON', () => {
  const navigate = (server: WebServer, pathname: string, extra: Record<string, string> = {}) =>
    ask(server.port, {
      path: pathname,
      headers: { host: `127.0.0.1:${server.port}`, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none', ...extra },
    });

  it('answers the page without its link with a small page that says what to do', async () => {
    const server = await serve('restart-test-token-0123456789abcdef');
    const answer = await navigate(server, '/');
    expect(answer.status).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('Packdesk');
    expect(answer.text).toMatch(/address the station printed/i);
    expect(answer.text).not.toContain('"ok"');
    expect(answer.text).not.toContain(server.token);
  });

  it('answers an API address typed in the address bar with a page, not JSON', async () => {
    const server = await serve('restart-test-token-0123456789abcdef');
    const cookie = await cookieFrom(server);
    for (const pathname of ['/api/queue.list', '/api/events', '/api', '/no-such-file.js']) {
      const answer = await navigate(server, pathname, { cookie });
      expect(answer.headers['content-type'], pathname).toMatch(/^text\/html/);
      expect(answer.text, pathname).not.toContain('"ok"');
      expect(answer.text, pathname).toContain('href="/"');
    }
  });

  it('still answers the page script (fetch) in JSON', async () => {
    const server = await serve('restart-test-token-0123456789abcdef');
    const answer = await ask(server.port, {
      method: 'POST',
      path: '/api/queue.list',
      headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', accept: '*/*', 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
