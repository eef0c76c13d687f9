import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed, defaultPicklistCount } from '../../electron/picqer-demo/seed';
import type { PicklistBatchDetailView, PicklistBatchView } from '../../electron/picqer-demo/state';
import { startApi, type Api } from './demo-client';

/*
 * Picklist batches in the demo, in the shape picqer.com/en/api/picklist-batches documents: the
 * seed's two open batches in warehouse 1829, the list's filters, and a detail whose per-product
 * amounts follow the picks made on the picklists.
 */

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.backend.close());

const batches = () => api.get<PicklistBatchView[]>('/api/v1/picklists/batches');

describe('seeded batches', () => {
  it('adds batch ids to existing new picklists without changing how many picklists there are', () => {
    const seed = generateSeed({ seed: 'tests', baseUrl: 'http://demo.test' });
    expect(seed.picklists).toHaveLength(defaultPicklistCount);
    const batched = seed.picklists.filter((p) => p.idpicklist_batch !== null);
    expect(batched).toHaveLength(15);
    expect(batched.every((p) => p.status === 'new' && p.idwarehouse === 1829)).toBe(true);
  });

  it('lists one normal batch of 5 multi-line picklists and one singles batch of 10 one-unit picklists', async () => {
    const r = await batches();
    expect(r.status).toBe(200);
    expect(r.body.map((b) => [b.type, b.status, b.idwarehouse, b.total_picklists])).toEqual([
      ['normal', 'open', 1829, 5],
      ['singles', 'open', 1829, 10],
    ]);
    const singles = await api.get<PicklistBatchDetailView>(`/api/v1/picklists/batches/${String(r.body[1]?.idpicklist_batch)}`);
    expect(singles.body.products.flatMap((p) => p.picklists.map((e) => e.amount)).every((a) => a === 1)).toBe(true);
    expect(singles.body.total_products).toBe(10);
    const normal = await api.get<PicklistBatchDetailView>(`/api/v1/picklists/batches/${String(r.body[0]?.idpicklist_batch)}`);
    for (const entry of normal.body.picklists) expect(api.backend.state.getPicklist(entry.idpicklist).products.length).toBeGreaterThanOrEqual(2);
  });

  it('filters by warehouse, type, status and assigned user', async () => {
    const [normal] = (await batches()).body as [PicklistBatchView];
    const ids = async (query: string) => (await api.get<PicklistBatchView[]>(`/api/v1/picklists/batches?${query}`)).body.map((b) => b.type);
    expect(await ids('idwarehouse=1830')).toEqual([]);
    expect(await ids('idwarehouse=1829&type=singles')).toEqual(['singles']);
    expect(await ids('status=completed')).toEqual([]);
    expect(await ids('status=open')).toEqual(['normal', 'singles']);
    expect(await ids(`assigned_to_iduser=${String(normal.assigned_to?.iduser)}`)).toContain('normal');
    expect((await api.get('/api/v1/picklists/batches?idwarehouse=x')).status).toBe(400);
  });

  it('answers 404 for a batch that does not exist', async () => {
    expect((await api.get('/api/v1/picklists/batches/1')).status).toBe(404);
  });
});

describe('batch detail', () => {
  it('lists the picklists in batch order and, per product, the picklists that want it', async () => {
    const [normal] = (await batches()).body as [PicklistBatchView];
    const detail = (await api.get<PicklistBatchDetailView>(`/api/v1/picklists/batches/${String(normal.idpicklist_batch)}`)).body;
    const members = api.backend.state.picklists.filter((p) => p.idpicklist_batch === normal.idpicklist_batch);
    expect(detail.picklists.map((p) => p.idpicklist)).toEqual(members.map((p) => p.idpicklist).reverse());
    expect(detail.picklists[0]).toMatchObject({ picklistid: expect.any(String) as string, status: 'new' });
    const wanted = detail.products.reduce((sum, p) => sum + p.picklists.reduce((s, e) => s + e.amount, 0), 0);
    expect(wanted).toBe(members.reduce((sum, p) => sum + p.totalproducts, 0));
    expect(detail.total_products).toBe(wanted);
  });

  it('counts a pick made on a picklist as picked in the batch, and completes the batch when its picklists close', async () => {
    const singles = (await batches()).body[1] as PicklistBatchView;
    const path = `/api/v1/picklists/batches/${String(singles.idpicklist_batch)}`;
    const before = (await api.get<PicklistBatchDetailView>(path)).body;
    const first = before.picklists[0]?.idpicklist as number;
    const line = api.backend.state.getPicklist(first).products[0];
    expect((await api.post(`/api/v1/picklists/${String(first)}/pick`, { idpicklist_product: line?.idpicklist_product, amount: 1 })).status).toBe(200);
    const after = (await api.get<PicklistBatchDetailView>(path)).body;
    const entry = after.products.flatMap((p) => p.picklists).find((e) => e.idpicklist === first);
    expect(entry).toMatchObject({ amount: 1, amount_picked: 1, amount_collected: 1 });
    expect(after.products.flatMap((p) => p.picklists).filter((e) => e.amount_picked > 0)).toHaveLength(1);

    for (const picklist of after.picklists) api.backend.state.cancelPicklist(picklist.idpicklist);
    const done = (await api.get<PicklistBatchDetailView>(path)).body;
    expect(done.status).toBe('completed');
    expect(done.completed_at).not.toBeNull();
    expect((await api.get<PicklistBatchView[]>('/api/v1/picklists/batches?status=open')).body.map((b) => b.type)).toEqual(['normal']);
  });
});

describe('variants', () => {
  it('no-batches answers 404 (or the status asked) for the list and the detail', async () => {
    const none = await startApi({ variants: { noBatches: 404 } });
    try {
      expect((await none.get('/api/v1/picklists/batches')).status).toBe(404);
      expect((await none.get('/api/v1/picklists/batches/3301')).status).toBe(404);
    } finally {
      await none.backend.close();
    }
    const refused = await startApi({ variants: { noBatches: 403 } });
    try {
      expect((await refused.get('/api/v1/picklists/batches')).status).toBe(403);
    } finally {
      await refused.backend.close();
    }
  });

  it('bare-batch-entries sends only ids and amounts inside the detail', async () => {
    const bare = await startApi({ variants: { bareBatchEntries: true } });
    try {
      const [normal] = (await bare.get<PicklistBatchView[]>('/api/v1/picklists/batches')).body as [PicklistBatchView];
      const detail = (await bare.get<{ picklists: object[]; products: Array<{ picklists: object[] }> }>(`/api/v1/picklists/batches/${String(normal.idpicklist_batch)}`)).body;
      expect(Object.keys(detail.picklists[0] ?? {})).toEqual(['idpicklist']);
      expect(Object.keys(detail.products[0]?.picklists[0] ?? {}).sort()).toEqual(['amount', 'idpicklist']);
    } finally {
      await bare.backend.close();
    }
  });
});
