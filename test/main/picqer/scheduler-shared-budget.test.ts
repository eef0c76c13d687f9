import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createRequestScheduler, type ScheduledResponse } from '../../../electron/main/picqer/scheduler';
import { deferred, flush, type Deferred } from './fake-fetch';

/*
 * Several stations on one API key, each with its own scheduler, share Picqer's per-minute budget
 * (issue 6). Regressions found by the chaos suite's five-station run: a scheduler used to burst
 * into a window it knew was spent (a 429 per request in flight, every 20 s until the window rolled
 * over), and to spend a 429 to learn what "X-RateLimit-Remaining: 0" had already said.
 */

function reply(status: number, headers: Record<string, string> = {}): ScheduledResponse {
  return { status, headers: new Headers(headers) };
}

const rate = (limit: number, remaining: number) => ({ 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining) });

function harness() {
  const clock = createManualClock();
  const scheduler = createRequestScheduler({ clock, concurrency: 4 });
  const started: Array<{ name: string; at: number; answer: Deferred<ScheduledResponse> }> = [];
  const submit = (name: string) =>
    void scheduler.schedule('interactive', () => {
      const answer = deferred<ScheduledResponse>();
      started.push({ name, at: clock.now(), answer });
      return answer.promise;
    });
  const answer = async (name: string, response: ScheduledResponse) => {
    const job = started.filter((s) => s.name === name).at(-1);
    if (!job) throw new Error(`${name} not started`);
    job.answer.resolve(response);
    await flush();
  };
  const names = () => started.map((s) => s.name);
  const wait = async (ms: number) => {
    clock.advance(ms);
    await flush();
  };
  return { clock, scheduler, started, submit, answer, names, wait };
}

describe('request scheduler sharing one budget with other stations', () => {
  it('waits out a window an answer said is spent, without a 429, until it has surely ended', async () => {
    const h = harness();
    const start = h.clock.now();
    h.submit('a');
    await flush();
    await h.answer('a', reply(200, rate(100, 99)));
    await h.wait(5_000);
    h.submit('b');
    await flush();
    // The other stations spent the rest meanwhile.
    await h.answer('b', reply(200, rate(100, 0)));
    h.submit('c');
    h.submit('d');
    await h.wait(54_000);
    expect(h.names()).toEqual(['a', 'b']);
    // The window opened no later than a's answer: it has surely ended a minute after that.
    await h.wait(1_300);
    expect(h.names()).toEqual(['a', 'b', 'c', 'd']);
    expect(h.started.at(-1)?.at ?? 0).toBeGreaterThanOrEqual(start + 60_000);
    expect(h.scheduler.stats().rateLimited).toBe(0);
  });

  it('after a 429 whose end it had to guess, sends one request alone before the rest', async () => {
    const h = harness();
    h.submit('a');
    await flush();
    await h.answer('a', reply(429));
    h.submit('b');
    h.submit('c');
    await h.wait(20_000);
    expect(h.names()).toEqual(['a', 'a']);
    await h.answer('a', reply(429));
    await h.wait(20_000);
    expect(h.names()).toEqual(['a', 'a', 'a']);
    await h.answer('a', reply(200, rate(50, 49)));
    expect(h.names()).toEqual(['a', 'a', 'a', 'b', 'c']);
  });

  it('spreads the last requests of a window it saw open over the time left, by its share of the draw', async () => {
    const h = harness();
    h.submit('a');
    await flush();
    await h.answer('a', reply(200, rate(100, 99)));
    // Each answer of ours shows the budget four lower: three other stations are at work.
    let remaining = 99;
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']) {
      h.submit(name);
      await flush();
      remaining -= 4;
      await h.answer(name, reply(200, rate(100, remaining)));
    }
    await h.wait(10_000);
    h.submit('l');
    await flush();
    await h.answer('l', reply(200, rate(100, 8)));
    const after = h.clock.now();
    h.submit('m');
    await flush();
    // 8 left, about 50 s to go, a quarter of the draw ours: about one request in 25 s, not one
    // in the 1.2 s the budget alone would allow.
    const gap = h.scheduler.stats().gapMs;
    expect(gap).toBeGreaterThan(15_000);
    expect(gap).toBeLessThanOrEqual(60_000 - (after - (h.started[0]?.at ?? 0)));
    await h.wait(10_000);
    expect(h.names().at(-1)).toBe('l');
    await h.wait(gap);
    expect(h.names().at(-1)).toBe('m');
  });

  it('forgets what it knew of the windows when Picqer changes the limit', async () => {
    const h = harness();
    h.submit('a');
    await flush();
    await h.answer('a', reply(200, rate(500, 499)));
    expect(h.scheduler.stats().windowEndsBy).toBe(h.clock.now() + 60_000);
    await h.wait(30_000);
    h.submit('b');
    await flush();
    await h.answer('b', reply(200, rate(60, 59)));
    expect(h.scheduler.stats().windowEndsBy).toBe(h.clock.now() + 60_000);
  });
});
