import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/main/infra/clock';
import { createPicqerClient, type PicqerClient } from '../../../electron/main/picqer/client';
import { createConnectionWatch, type ConnectionWatch } from '../../../electron/main/sync/outbox-connection';

/*
 * Issue 12 §4 against real sockets on loopback: the real Picqer client and the connection watch
 * the runtime builds from it, facing the outages a warehouse meets. Real time is needed (the
 * sockets are real), so margins are generous and the assertions are on the order of events.
 */

type Mode = 'hold' | 'proxy' | 'picqer';

/** A host that answers like Picqer, like a proxy with a 502 page, or accepts and never answers. */
async function startFakeHost(initial: Mode) {
  let mode: Mode = initial;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      while (head.includes('\r\n\r\n')) {
        head = head.slice(head.indexOf('\r\n\r\n') + 4);
        if (mode === 'hold') continue;
        const [status, type, body] =
          mode === 'proxy'
            ? ['502 Bad Gateway', 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>']
            : ['200 OK', 'application/json', JSON.stringify({ iduser: 1, username: 'api', firstname: 'A', lastname: 'P', emailaddress: 'a@example.com', active: true })];
        socket.write(`HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next: Mode) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Change = { at: number; isOnline: boolean; reason: string | null };

function watchedStation(baseUrl: string): { api: PicqerClient; watch: ConnectionWatch; changes: Change[]; stop(): void } {
  const api = createPicqerClient({ baseUrl, apiKey: `k-${Math.random()}`, userAgent: 'test' });
  const changes: Change[] = [];
  const watch = createConnectionWatch({
    baseUrl: api.baseUrl,
    clock: systemClock,
    recheck: (signal) => api.getMe({ priority: 'background', signal }),
    onChange: (isOnline, reason) => changes.push({ at: Date.now(), isOnline, reason }),
  });
  const unsubscribe = api.onExchange(watch.observe);
  watch.start();
  return {
    api,
    watch,
    changes,
    stop() {
      unsubscribe();
      watch.stop();
    },
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('noticing an outage with real sockets', () => {
  it('a host that accepts and never answers is offline within 5 s of the request, which keeps waiting; an answer brings it back', async () => {
    const host = await startFakeHost('picqer');
    cleanups.push(host.close);
    const s = watchedStation(host.url);
    cleanups.push(s.stop);
    await s.api.getMe();
    expect(s.watch.isOnline()).toBe(true);

    host.setMode('hold');
    const sentAt = Date.now();
    let isSettled = false;
    const pending = s.api.getMe().then(
      () => undefined,
      () => undefined,
    );
    void pending.finally(() => (isSettled = true));
    await expect.poll(() => s.watch.isOnline(), { timeout: 8_000, message: 'offline' }).toBe(false);
    const offline = s.changes.find((c) => !c.isOnline);
    expect((offline?.at ?? Infinity) - sentAt).toBeLessThanOrEqual(5_000);
    expect(offline?.reason).toMatch(/not answer/i);
    // Noticing is not cancelling: the request keeps its own deadline.
    expect(isSettled).toBe(false);

    host.setMode('picqer');
    await expect.poll(() => s.watch.isOnline(), { timeout: 20_000, message: 'online again' }).toBe(true);
    expect(s.changes.map((c) => c.isOnline)).toEqual([false, true]);
  }, 40_000);

  it("a proxy's 502 web page is offline at the first answer; Picqer's answer brings it back", async () => {
    const host = await startFakeHost('proxy');
    cleanups.push(host.close);
    const s = watchedStation(host.url);
    cleanups.push(s.stop);
    await expect(s.api.getMe()).rejects.toThrow();
    expect(s.watch.isOnline()).toBe(false);
    expect(s.watch.reason()).toMatch(/502/);
    host.setMode('picqer');
    await expect.poll(() => s.watch.isOnline(), { timeout: 20_000, message: 'online again' }).toBe(true);
    expect(s.changes.map((c) => c.isOnline)).toEqual([false, true]);
  }, 30_000);

  it('a host name that does not resolve is offline at the first request', async () => {
    // `.invalid` never resolves (RFC 2606); nothing leaves this machine but a DNS question.
    const s = watchedStation('http://picqer.invalid');
    cleanups.push(s.stop);
    const sentAt = Date.now();
    await expect(s.api.getMe()).rejects.toThrow();
    await expect.poll(() => s.watch.isOnline(), { timeout: 8_000, message: 'offline' }).toBe(false);
    expect((s.changes[0]?.at ?? Infinity) - sentAt).toBeLessThanOrEqual(5_000);
    expect(s.watch.reason()).toMatch(/ENOTFOUND|EAI_AGAIN|reach/);
  }, 20_000);

  it('a refused connection is offline at the first request', async () => {
    const host = await startFakeHost('picqer');
    const url = host.url;
    await host.close();
    const s = watchedStation(url);
    cleanups.push(s.stop);
    await expect(s.api.getMe()).rejects.toThrow();
    expect(s.watch.isOnline()).toBe(false);
    expect(s.watch.reason()).toMatch(/ECONNREFUSED/);
  }, 20_000);
});
