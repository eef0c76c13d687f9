import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawPicklist } from '../../../electron/main/demo/types';
import { startApi, type Api } from './demo-client';

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

  it('clear() removes every pending fault', async () => {
    const faults = api.backend.faults;
    faults.force429(3);
    faults.malformedJson(3);
    faults.resetAfterApply(3);
    faults.setErrorRate(1);
    faults.clear();
    expect(faults.pending).toEqual({ rateLimited: 0, resets: 0, malformed: 0 });
    expect((await api.get('/api/v1/tags')).status).toBe(200);
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
