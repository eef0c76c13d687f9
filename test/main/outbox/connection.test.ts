import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import type { ExchangeEvent } from '../../../electron/main/picqer/client';
import { createConnectionWatch, tcpProbe, type Probe } from '../../../electron/main/sync/outbox-connection';

/*
 * The connection watch (issue 12 §4): offline shows within 5 seconds of the first request Picqer
 * does not answer, in every form of outage: refused, reset, a black hole that accepts and never
 * answers, a proxy's web page, DNS. Idle it costs little: a TCP connect now and then, no request.
 */

const flush = () => new Promise((resolve) => setImmediate(resolve));

function harness(probeAnswer: { isUp: boolean }) {
  const clock = createManualClock();
  const changes: Array<{ at: number; isOnline: boolean; reason: string | null }> = [];
  const probes: number[] = [];
  const rechecks: Array<{ at: number; signal: AbortSignal }> = [];
  const probe: Probe = () => {
    probes.push(clock.now());
    return Promise.resolve(probeAnswer.isUp);
  };
  const watch = createConnectionWatch({
    baseUrl: 'https://acme.picqer.com',
    clock,
    probe,
    recheck: (signal) => {
      rechecks.push({ at: clock.now(), signal });
      return new Promise(() => undefined);
    },
    onChange: (isOnline, reason) => changes.push({ at: clock.now(), isOnline, reason }),
  });
  /** Moves the clock in small steps, letting each probe settle, as real time would. */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 250) {
      clock.advance(250);
      await flush();
    }
  };
  let nextId = 1;
  const send = (isSlowAllowed = false): number => {
    const id = nextId++;
    watch.observe({ kind: 'sent', id, isSlowAllowed });
    return id;
  };
  const answer = (id: number, status = 200, contentType: string | null = 'application/json; charset=utf-8') =>
    watch.observe({ kind: 'answered', id, status, contentType });
  const event = (e: ExchangeEvent) => watch.observe(e);
  return { clock, changes, probes, rechecks, watch, run, send, answer, event };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('connection watch', () => {
  it('a request without an answer makes it offline within 5 s, though the host accepts connections (a black hole)', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    await h.run(3_000);
    const sentAt = h.clock.now();
    h.send();
    await h.run(6_000);
    expect(h.changes).toHaveLength(1);
    expect(h.changes[0]).toMatchObject({ isOnline: false, reason: expect.stringMatching(/not answer/i) });
    expect((h.changes[0]?.at ?? Infinity) - sentAt).toBeLessThanOrEqual(5_000);
    // The TCP connect that succeeds in a black hole does not bring it back: only an answer does.
    await h.run(30_000);
    expect(h.changes).toHaveLength(1);
    h.watch.stop();
  });

  it('while offline with the host accepting connections it asks with one real request now and then, and an answer brings it back', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    h.send();
    await h.run(5_000);
    expect(h.watch.isOnline()).toBe(false);
    await h.run(60_000);
    // Rechecks are few (backing off), one at a time, each given up after a few seconds.
    expect(h.rechecks.length).toBeGreaterThanOrEqual(2);
    expect(h.rechecks.length).toBeLessThanOrEqual(8);
    expect(h.rechecks.slice(0, -1).every((r) => r.signal.aborted)).toBe(true);
    const id = h.send();
    h.answer(id);
    expect(h.watch.isOnline()).toBe(true);
    expect(h.changes.at(-1)).toMatchObject({ isOnline: true, reason: null });
    h.watch.stop();
  });

  it('a slow shipment (a request allowed to take long) is not an outage', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    const id = h.send(true);
    await h.run(20_000);
    expect(h.changes).toEqual([]);
    h.answer(id);
    h.watch.stop();
  });

  it('a request slower than the others is not an outage when Picqer answered something since it was sent', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    h.send();
    await h.run(1_000);
    h.answer(h.send());
    await h.run(10_000);
    expect(h.changes).toEqual([]);
    // But requests sent after that answer that go unanswered are.
    h.send();
    await h.run(5_000);
    expect(h.watch.isOnline()).toBe(false);
    h.watch.stop();
  });

  it("a proxy's web page instead of Picqer's answer is offline at once, and stays so while the host accepts connections", async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    h.answer(h.send(), 502, 'text/html');
    expect(h.watch.isOnline()).toBe(false);
    expect(h.watch.reason()).toMatch(/proxy|gateway/i);
    expect(h.watch.reason()).toContain('502');
    await h.run(20_000);
    expect(h.watch.isOnline()).toBe(false);
    // A login page with status 200 is not Picqer either.
    h.answer(h.send(), 200, 'text/html; charset=UTF-8');
    expect(h.watch.isOnline()).toBe(false);
    // Picqer's own error, in JSON, is Picqer answering.
    h.answer(h.send(), 503, 'application/json');
    expect(h.watch.isOnline()).toBe(true);
    h.watch.stop();
  });

  it('a connection that cannot be made (refused, DNS) is offline at once; the TCP probe brings it back without a request', async () => {
    const network = { isUp: false };
    const h = harness(network);
    h.watch.start();
    h.event({ kind: 'failed', id: h.send(), reason: 'Cannot reach Picqer (ENOTFOUND)', hasConnected: false });
    expect(h.watch.isOnline()).toBe(false);
    expect(h.watch.reason()).toBe('Cannot reach Picqer (ENOTFOUND)');
    await h.run(10_000);
    expect(h.watch.isOnline()).toBe(false);
    network.isUp = true;
    await h.run(3_000);
    expect(h.watch.isOnline()).toBe(true);
    expect(h.rechecks).toEqual([]);
    h.watch.stop();
  });

  it('a connection reset after connecting is offline at once and needs an answer to come back', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    h.event({ kind: 'failed', id: h.send(), reason: 'Cannot reach Picqer (ECONNRESET)', hasConnected: true });
    expect(h.watch.isOnline()).toBe(false);
    await h.run(10_000);
    expect(h.watch.isOnline()).toBe(false);
    expect(h.rechecks.length).toBeGreaterThanOrEqual(1);
    h.watch.stop();
  });

  it('a request given up by its caller says nothing about the connection', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    h.event({ kind: 'abandoned', id: h.send() });
    await h.run(10_000);
    expect(h.changes).toEqual([]);
    h.watch.stop();
  });

  it('an idle, online station probes rarely, and still notices a lost host', async () => {
    const network = { isUp: true };
    const h = harness(network);
    h.watch.start();
    await h.run(10 * 60_000);
    expect(h.changes).toEqual([]);
    // Backing off to one TCP connect every 30 s: 51 stations make under 2 a second, not 25.
    expect(h.probes.length).toBeLessThanOrEqual(25);
    network.isUp = false;
    await h.run(31_000);
    expect(h.watch.isOnline()).toBe(false);
    h.watch.stop();
  });

  it('does not probe while requests keep telling it Picqer answers', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    for (let i = 0; i < 20; i++) {
      h.answer(h.send());
      await h.run(1_000);
    }
    expect(h.probes).toEqual([]);
    h.watch.stop();
  });

  it('the TCP probe tells a listening port from a closed one', async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(await tcpProbe('127.0.0.1', port, 1_000)).toBe(true);
    server.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await tcpProbe('127.0.0.1', port, 1_000)).toBe(false);
  });
});
