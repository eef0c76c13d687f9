import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { defaultHeaders, startApi, type Api } from './demo-client';

let api: Api;
beforeEach(async () => {
  api = await startApi();
});
afterEach(() => api.backend.close());

const openPicklist = (): RawPicklist => api.backend.state.picklists.find((p) => p.status === 'new' && !p.products.some((l) => l.has_parts)) as RawPicklist;

describe('fault injection', () => {
  it('adds latency to API requests', async () => {
    api.backend.faults.setLatency(120);
    const started = performance.now();
    await api.get('/api/v1/tags');
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    api.backend.faults.clear();
    expect(api.backend.faults.latencyMs).toBe(0);
  });

  it('answers a fraction of requests 500 without executing them', async () => {
    const picklist = openPicklist();
    const line = picklist.products[0];
    api.backend.faults.setErrorRate(1);
    const r = await api.post<{ error_code: number }>(`/api/v1/picklists/${String(picklist.idpicklist)}/pick`, { idpicklist_product: line?.idpicklist_product, amount: 1 });
    expect(r.status).toBe(500);
    expect(line?.amount_picked).toBe(0);
    api.backend.faults.setErrorRate(0.5);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await api.get('/api/v1/tags')).status);
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('forces 429 for the next N requests, then recovers', async () => {
    api.backend.faults.force429(2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.get<{ error_code: number }>('/api/v1/tags')).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('resets the connection after applying a mutation', async () => {
    const picklist = openPicklist();
    const line = picklist.products[0];
    api.backend.faults.resetAfterApply(1);
    await expect(api.post(`/api/v1/picklists/${String(picklist.idpicklist)}/pick`, { idpicklist_product: line?.idpicklist_product, amount: 1 })).rejects.toThrow();
    expect(line?.amount_picked).toBe(1);
    expect(api.backend.requests.at(-1)?.status).toBe(0);
    const reads = await api.get<RawPicklist>(`/api/v1/picklists/${String(picklist.idpicklist)}`);
    expect(reads.status).toBe(200);
    expect(reads.body.totalpicked).toBe(1);
    expect(api.backend.faults.pending.resets).toBe(0);
  });

  it('resets only mutating requests', async () => {
    api.backend.faults.resetAfterApply(1);
    expect((await api.get('/api/v1/tags')).status).toBe(200);
    expect(api.backend.faults.pending.resets).toBe(1);
  });

  it('sends malformed JSON for the next N responses', async () => {
    api.backend.faults.malformedJson(1);
    const bad = await api.get('/api/v1/tags');
    expect(bad.status).toBe(200);
    expect(() => JSON.parse(bad.text) as unknown).toThrow();
    const good = await api.get('/api/v1/tags');
    expect(() => JSON.parse(good.text) as unknown).not.toThrow();
  });

  it("answers with a gateway's HTML page without executing the request", async () => {
    const picklist = openPicklist();
    const line = picklist.products[0];
    api.backend.faults.htmlPage(1, 502);
    const r = await api.post(`/api/v1/picklists/${String(picklist.idpicklist)}/pick`, { idpicklist_product: line?.idpicklist_product, amount: 1 });
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toMatch(/^<!DOCTYPE html>/);
    expect(line?.amount_picked).toBe(0);
    api.backend.faults.htmlPage(1, 200);
    const portal = await api.get('/api/v1/tags');
    expect(portal.status).toBe(200);
    expect(portal.text).toContain('log in');
    expect((await api.get('/api/v1/tags')).headers.get('content-type')).toMatch(/json/);
    expect(api.backend.faults.injected.htmlPage).toBe(2);
  });

  it('streams a huge but valid JSON body, without a Content-Length', async () => {
    api.backend.faults.hugeBody(1, 3 * 1024 * 1024);
    const response = await api.raw('/api/v1/tags', { headers: defaultHeaders() });
    expect(response.headers.get('content-length')).toBeNull();
    const text = await response.text();
    expect(text.length).toBeGreaterThan(2.9 * 1024 * 1024);
    expect(text.length).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(Array.isArray(JSON.parse(text))).toBe(true);
    expect((await api.get<unknown[]>('/api/v1/tags')).text.length).toBeLessThan(100_000);
  });

  it('answers 500 after a change was saved', async () => {
    const picklist = openPicklist();
    const line = picklist.products[0];
    api.backend.faults.errorAfterApply(1);
    expect((await api.get('/api/v1/tags')).status).toBe(200);
    const r = await api.post(`/api/v1/picklists/${String(picklist.idpicklist)}/pick`, { idpicklist_product: line?.idpicklist_product, amount: 1 });
    expect(r.status).toBe(500);
    expect(line?.amount_picked).toBe(1);
    expect(api.backend.faults.injected.errorAfterApply).toBe(1);
  });

  it('aims a reset at the requests whose path matches', async () => {
    const picklist = openPicklist();
    const line = picklist.products[0];
    api.backend.faults.resetAfterApply(1, /\/comments$/);
    const pick = await api.post(`/api/v1/picklists/${String(picklist.idpicklist)}/pick`, { idpicklist_product: line?.idpicklist_product, amount: 1 });
    expect(pick.status).toBe(200);
    await expect(api.post(`/api/v1/picklists/${String(picklist.idpicklist)}/comments`, { body: 'Hello' })).rejects.toThrow();
    expect(api.backend.state.listComments(picklist.idpicklist).map((c) => c.body)).toContain('Hello');
    expect(api.backend.faults.pending.resets).toBe(0);
  });

  it('goes off the network and comes back on the same port with its data', async () => {
    const picklist = openPicklist();
    await api.backend.setReachable(false);
    const error: unknown = await api.get('/api/v1/tags').catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    picklist.status = 'paused';
    await api.backend.setReachable(true);
    const back = await api.get<RawPicklist>(`/api/v1/picklists/${String(picklist.idpicklist)}`);
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('paused');
  });

  it('lowers the rate limit on request', async () => {
    api.backend.setRateLimit(2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.get('/api/v1/tags')).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await api.get('/api/v1/tags')).headers.get('x-ratelimit-limit')).toBe('2');
  });

  it('clear() removes every pending fault', async () => {
    const faults = api.backend.faults;
    faults.force429(3);
    faults.malformedJson(3);
    faults.resetAfterApply(3);
    faults.htmlPage(2);
    faults.hugeBody(2);
    faults.errorAfterApply(2);
    faults.refuse(2, /\/close$/);
    faults.setErrorRate(1);
    faults.clear();
    expect(faults.pending).toEqual({ rateLimited: 0, resets: 0, malformed: 0, htmlPages: 0, hugeBodies: 0, errorsAfterApply: 0, refusals: 0 });
    expect((await api.get('/api/v1/tags')).status).toBe(200);
  });

  it('refuses the matching calls with Picqer\'s error body, without carrying them out', async () => {
    const faults = api.backend.faults;
    const picklist = openPicklist();
    faults.refuse(1, /\/close$/, { status: 400, errorCode: 21, message: 'Picklist cannot be closed', method: 'POST' });
    const refused = await api.post<{ error_code: number; error_message: string }>(`/api/v1/picklists/${String(picklist.idpicklist)}/close`, {});
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error_code: 21, error_message: 'Picklist cannot be closed' });
    expect(api.backend.state.getPicklist(picklist.idpicklist).status).toBe('new');
    expect(faults.injected.refused).toBe(1);
    expect(faults.pending.refusals).toBe(0);
  });

  it('logs every request with method, path, query and status', async () => {
    await api.get('/api/v1/picklists?status=new&offset=100');
    await api.raw('/api/v1/tags', { headers: { 'User-Agent': 't' } });
    expect(api.backend.requests.map((r) => [r.method, r.path, r.query, r.status])).toEqual([
      ['GET', '/api/v1/picklists', { status: 'new', offset: '100' }, 200],
      ['GET', '/api/v1/tags', {}, 401],
    ]);
  });
});
