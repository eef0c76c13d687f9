import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/clock';
import { PicqerError } from '../../../electron/main/picqer/errors';
import { createConnectionWatch, tcpProbe, watchedApi, type Probe } from '../../../electron/main/sync/outbox-connection';

/*
 * The connection watch: a lost connection shows within 5 seconds even on an idle station, from a
 * TCP probe that costs nothing of the request budget; requests that go out tell it sooner.
 */

const flush = () => new Promise((resolve) => setImmediate(resolve));

function harness(probeAnswer: { isUp: boolean }) {
  const clock = createManualClock();
  const changes: Array<{ at: number; isOnline: boolean; reason: string | null }> = [];
  const probes: number[] = [];
  const probe: Probe = () => {
    probes.push(clock.now());
    return Promise.resolve(probeAnswer.isUp);
  };
  const watch = createConnectionWatch({
    baseUrl: 'https://acme.picqer.com',
    clock,
    probe,
    onChange: (isOnline, reason) => changes.push({ at: clock.now(), isOnline, reason }),
  });
  /** Moves the clock in small steps, letting each probe settle, as real time would. */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 250) {
      clock.advance(250);
      await flush();
    }
  };
  return { clock, changes, probes, watch, run };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('connection watch', () => {
  it('notices a lost connection within 5 seconds while nothing else is sent', async () => {
    const network = { isUp: true };
    const h = harness(network);
    h.watch.start();
    await h.run(10_000);
    expect(h.changes).toEqual([]);
    const lostAt = h.clock.now();
    network.isUp = false;
    await h.run(6_000);
    expect(h.changes).toHaveLength(1);
    expect(h.changes[0]).toMatchObject({ isOnline: false, reason: expect.stringContaining('acme.picqer.com') });
    expect((h.changes[0]?.at ?? Infinity) - lostAt).toBeLessThanOrEqual(5_000);
    network.isUp = true;
    await h.run(3_000);
    expect(h.changes.at(-1)).toMatchObject({ isOnline: true, reason: null });
    h.watch.stop();
  });

  it('does not probe while requests keep telling it Picqer answers', async () => {
    const h = harness({ isUp: true });
    h.watch.start();
    for (let i = 0; i < 20; i++) {
      h.watch.report(true);
      await h.run(1_000);
    }
    expect(h.probes).toEqual([]);
    h.watch.stop();
  });

  it('a request that cannot connect makes it offline at once; the probe brings it back', async () => {
    const network = { isUp: true };
    const h = harness(network);
    h.watch.start();
    network.isUp = false;
    h.watch.report(false, 'Cannot reach Picqer (ECONNREFUSED)');
    expect(h.watch.isOnline()).toBe(false);
    expect(h.watch.reason()).toBe('Cannot reach Picqer (ECONNREFUSED)');
    network.isUp = true;
    await h.run(3_000);
    expect(h.watch.isOnline()).toBe(true);
    h.watch.stop();
  });

  it('reports what the watched client learns: an HTTP answer is online, a failed connection is not', async () => {
    const reports: Array<[boolean, string | null | undefined]> = [];
    const offline = new PicqerError('OFFLINE', 'Cannot reach Picqer (ECONNREFUSED)', { httpStatus: null, picqerErrorCode: null, outcomeUnknown: false, method: 'GET', path: '/x' });
    const refused = new PicqerError('VALIDATION', 'Picqer refused the request', { httpStatus: 400, picqerErrorCode: 24, outcomeUnknown: false, method: 'POST', path: '/x' });
    const api = {
      baseUrl: 'https://acme.picqer.com',
      ok: () => Promise.resolve(1),
      down: () => Promise.reject(offline),
      no: () => Promise.reject(refused),
      downloadDocument: () => Promise.reject(offline),
    };
    const watched = watchedApi(api, { report: (isReachable, reason) => reports.push([isReachable, reason]) });
    expect(watched.baseUrl).toBe('https://acme.picqer.com');
    await watched.ok();
    await watched.down().catch(() => undefined);
    await watched.no().catch(() => undefined);
    await watched.downloadDocument().catch(() => undefined);
    await flush();
    expect(reports).toEqual([
      [true, undefined],
      [false, 'Cannot reach Picqer (ECONNREFUSED)'],
      [true, undefined],
    ]);
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
