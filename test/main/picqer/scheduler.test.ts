import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { createRequestScheduler, resetSharedSchedulers, type ScheduledResponse } from '../../../electron/main/picqer/scheduler';
import type { RequestPriority } from '../../../electron/main/picqer/types';
import { createFakeFetch, deferred, flush, json, type Deferred } from './fake-fetch';

function reply(status: number, headers: Record<string, string> = {}): ScheduledResponse {
  const h = new Headers(headers);
  return { status, headers: h };
}

/** Jobs whose answers the test hands out one by one. */
function harness(options: Parameters<typeof createRequestScheduler>[0] = {}) {
  const clock = createManualClock();
  const scheduler = createRequestScheduler({ clock, ...options });
  const started: Array<{ name: string; at: number; answer: Deferred<ScheduledResponse> }> = [];
  const results: Record<string, number | string> = {};
  function submit(name: string, priority: RequestPriority = 'background', signal?: AbortSignal) {
    return scheduler
      .schedule(
        priority,
        () => {
          const answer = deferred<ScheduledResponse>();
          started.push({ name, at: clock.now(), answer });
          return answer.promise;
        },
        signal,
      )
      .then(
        (r) => (results[name] = r.status),
        (e: unknown) => (results[name] = e instanceof Error ? e.message : String(e)),
      );
  }
  const names = () => started.map((s) => s.name);
  const answer = async (name: string, response: ScheduledResponse, nth = 0) => {
    const job = started.filter((s) => s.name === name)[nth];
    if (!job) throw new Error(`${name} not started`);
    job.answer.resolve(response);
    await flush();
  };
  return { clock, scheduler, started, results, submit, names, answer };
}

afterEach(() => resetSharedSchedulers());

describe('request scheduler', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    const h = harness({ concurrency: 4 });
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) void h.submit(name);
    await flush();
    expect(h.names()).toEqual(['a', 'b', 'c', 'd']);
    await h.answer('b', reply(200));
    expect(h.names()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.scheduler.stats()).toMatchObject({ inFlight: 4, maxInFlight: 4, queued: { interactive: 0, background: 1 } });
  });

  it('lets an interactive request jump ahead of queued background work', async () => {
    const h = harness({ concurrency: 1 });
    void h.submit('sync-1');
    void h.submit('sync-2');
    void h.submit('sync-3');
    void h.submit('packer', 'interactive');
    await flush();
    await h.answer('sync-1', reply(200));
    await h.answer('packer', reply(200));
    await h.answer('sync-2', reply(200));
    expect(h.names()).toEqual(['sync-1', 'packer', 'sync-2', 'sync-3']);
  });

  it('on 429 with Retry-After waits that long, sends nothing meanwhile, then retries', async () => {
    const h = harness({ concurrency: 4 });
    void h.submit('pick', 'interactive');
    await flush();
    await h.answer('pick', reply(429, { 'retry-after': '3' }));
    void h.submit('other', 'interactive');
    void h.submit('sync');
    await flush();
    expect(h.names()).toEqual(['pick']);
    expect(h.scheduler.stats()).toMatchObject({ rateLimited: 1, retried: 1, backoffUntil: h.clock.now() + 3000 });

    h.clock.advance(2999);
    await flush();
    expect(h.names()).toEqual(['pick']);

    h.clock.advance(1);
    await flush();
    // The 429'd request goes first, then the rest in priority order.
    expect(h.names()).toEqual(['pick', 'pick', 'other', 'sync']);
    await h.answer('pick', reply(200), 1);
    expect(h.results.pick).toBe(200);
    expect(h.scheduler.stats()).toMatchObject({ sent: 4, rateLimited: 1, backoffUntil: null });
  });

  it('on 429 without Retry-After waits the default (20 s)', async () => {
    const h = harness();
    void h.submit('a');
    await flush();
    await h.answer('a', reply(429));
    h.clock.advance(19_999);
    await flush();
    expect(h.names()).toEqual(['a']);
    h.clock.advance(1);
    await flush();
    expect(h.names()).toEqual(['a', 'a']);
  });

  it('takes the default backoff from its options and an HTTP date as Retry-After', async () => {
    const h = harness({ defaultBackoffMs: 5_000 });
    void h.submit('a');
    await flush();
    await h.answer('a', reply(429));
    expect(h.scheduler.stats().backoffUntil).toBe(h.clock.now() + 5_000);
    h.clock.advance(5_000);
    await flush();
    await h.answer('a', reply(429, { 'retry-after': new Date(h.clock.now() + 8_000).toUTCString() }), 1);
    expect(h.scheduler.stats().backoffUntil).toBe(h.clock.now() + 8_000);
  });

  it('gives up after maxRateLimitRetries and hands back the 429', async () => {
    const h = harness({ maxRateLimitRetries: 2, defaultBackoffMs: 1_000 });
    void h.submit('a');
    await flush();
    for (let attempt = 0; attempt < 3; attempt++) {
      await h.answer('a', reply(429), attempt);
      h.clock.advance(1_000);
      await flush();
    }
    expect(h.results.a).toBe(429);
    expect(h.scheduler.stats()).toMatchObject({ sent: 3, rateLimited: 3, retried: 2 });
  });

  it('slows down when few requests remain in the window', async () => {
    // Limit 100 a minute: the sustainable pace is 600 ms; at 5 left of a threshold of 10, 1200 ms.
    const h = harness({ concurrency: 4 });
    void h.submit('a');
    await flush();
    await h.answer('a', reply(200, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '5' }));
    expect(h.scheduler.stats().gapMs).toBe(1200);
    void h.submit('b');
    void h.submit('c');
    await flush();
    expect(h.names()).toEqual(['a']);
    h.clock.advance(1200);
    await flush();
    expect(h.names()).toEqual(['a', 'b']);
    h.clock.advance(600);
    await flush();
    expect(h.names()).toEqual(['a', 'b']);
    h.clock.advance(600);
    await flush();
    expect(h.names()).toEqual(['a', 'b', 'c']);
  });

  it('runs at full speed while plenty remain', async () => {
    const h = harness({ concurrency: 2 });
    void h.submit('a');
    await flush();
    await h.answer('a', reply(200, { 'x-ratelimit-limit': '500', 'x-ratelimit-remaining': '420' }));
    void h.submit('b');
    void h.submit('c');
    await flush();
    expect(h.names()).toEqual(['a', 'b', 'c']);
    expect(h.scheduler.stats()).toMatchObject({ gapMs: 0, remaining: 420, limit: 500 });
  });

  it('drops a queued request whose caller gave up', async () => {
    const h = harness({ concurrency: 1 });
    void h.submit('a');
    const controller = new AbortController();
    void h.submit('b', 'background', controller.signal);
    void h.submit('c');
    await flush();
    controller.abort(new Error('packer left'));
    await flush();
    expect(h.results.b).toBe('packer left');
    await h.answer('a', reply(200));
    expect(h.names()).toEqual(['a', 'c']);
  });

  it('passes a failed send to its caller and carries on', async () => {
    const h = harness({ concurrency: 1 });
    void h.submit('a');
    void h.submit('b');
    await flush();
    h.started[0]?.answer.reject(new Error('boom'));
    await flush();
    expect(h.results.a).toBe('boom');
    expect(h.names()).toEqual(['a', 'b']);
  });
});

describe('scheduler per API key', () => {
  it('is shared by every client for the same base URL and key, not across keys', async () => {
    const clock = createManualClock();
    const fetch = createFakeFetch(() => json([]));
    const make = (apiKey: string) => createPicqerClient({ baseUrl: 'http://picqer.test', apiKey, userAgent: 'Packdesk/test (t)', clock, fetch });
    const first = make('key-1');
    const second = make('key-1');
    const other = make('key-2');
    await first.listWarehouses();
    await second.listWarehouses();
    await other.listWarehouses();
    expect(first.schedulerStats().sent).toBe(2);
    expect(second.schedulerStats().sent).toBe(2);
    expect(other.schedulerStats().sent).toBe(1);
  });

  it('retries a 429 through the client and the caller only sees the answer', async () => {
    const clock = createManualClock();
    let count = 0;
    const fetch = createFakeFetch(() => (++count === 1 ? json({ error: true, error_code: 28, error_message: 'Rate limit exceeded' }, 429) : json([{ idwarehouse: 1, name: 'Main' }])));
    const client = createPicqerClient({ baseUrl: 'http://picqer.test', apiKey: 'k', userAgent: 'Packdesk/test (t)', clock, fetch });
    const pending = client.listWarehouses({ priority: 'interactive' });
    await flush();
    expect(fetch.calls).toHaveLength(1);
    clock.advance(20_000);
    await expect(pending).resolves.toEqual([{ idwarehouse: 1, name: 'Main', active: true }]);
    expect(fetch.calls).toHaveLength(2);
    expect(client.schedulerStats()).toMatchObject({ sent: 2, rateLimited: 1 });
  });

  it('answers RATE_LIMITED once the retries are used up', async () => {
    const clock = createManualClock();
    const fetch = createFakeFetch(() => json({ error: true, error_code: 28, error_message: 'Rate limit exceeded' }, 429, { 'retry-after': '1' }));
    const client = createPicqerClient({
      baseUrl: 'http://picqer.test',
      apiKey: 'k',
      userAgent: 'Packdesk/test (t)',
      clock,
      fetch,
      schedulerOptions: { maxRateLimitRetries: 1 },
    });
    const pending = client.getPicklist(1).catch((e: unknown) => e);
    await flush();
    clock.advance(1000);
    await flush();
    expect(await pending).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, picqerErrorCode: 28, outcomeUnknown: false });
  });
});
