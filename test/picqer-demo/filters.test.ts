import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../electron/main/infra/clock';
import type { RawOrder, RawPicklist, RawProduct } from '../../electron/picqer-demo/types';
import { startApi, type Api } from './demo-client';

let api: Api;
const clock = createManualClock();
beforeAll(async () => {
  api = await startApi({ clock });
});
afterAll(() => api.backend.close());

const ids = (list: Array<{ idproduct: number }>) => list.map((p) => p.idproduct);

describe('product filters', () => {
  it('productcode finds exactly one product', async () => {
    const target = api.backend.state.products[17] as RawProduct;
    const r = await api.get<RawProduct[]>(`/api/v1/products?productcode=${encodeURIComponent(target.productcode)}`);
    expect(ids(r.body)).toEqual([target.idproduct]);
    expect((await api.get<RawProduct[]>('/api/v1/products?productcode=NOPE')).body).toEqual([]);
  });

  it('idproducts takes a comma-separated list', async () => {
    const [a, b, c] = api.backend.state.products.slice(3, 6) as [RawProduct, RawProduct, RawProduct];
    const r = await api.get<RawProduct[]>(`/api/v1/products?idproducts=${String(c.idproduct)},${String(a.idproduct)},${String(b.idproduct)},1`);
    expect(ids(r.body).sort()).toEqual([a.idproduct, b.idproduct, c.idproduct].sort());
    expect((await api.get('/api/v1/products?idproducts=1,x')).status).toBe(400);
  });

  it('search matches name, productcode and barcode', async () => {
    const target = api.backend.state.products.find((p) => p.barcode !== null) as RawProduct;
    const byBarcode = await api.get<RawProduct[]>(`/api/v1/products?search=${target.barcode ?? ''}`);
    expect(ids(byBarcode.body)).toContain(target.idproduct);
    const byName = await api.get<RawProduct[]>(`/api/v1/products?search=${encodeURIComponent(target.name.slice(0, 6).toUpperCase())}`);
    expect(byName.body.length).toBeGreaterThan(0);
    expect(byName.body.every((p) => p.name.toLowerCase().includes(target.name.slice(0, 6).toLowerCase()) || p.productcode.toLowerCase().includes(target.name.slice(0, 6).toLowerCase()))).toBe(true);
  });

  it('updated_after returns what changed, and updateProduct bumps updated', async () => {
    clock.advance(60_000);
    const target = api.backend.state.products[42] as RawProduct;
    const before = target.updated;
    api.backend.state.updateProduct(target.idproduct, { name: 'Fietsbel renamed' });
    expect(target.updated > before).toBe(true);
    const r = await api.get<RawProduct[]>(`/api/v1/products?updated_after=${encodeURIComponent(target.updated)}`);
    expect(ids(r.body)).toEqual([target.idproduct]);
    expect(r.body[0]?.name).toBe('Fietsbel renamed');
    expect((await api.get('/api/v1/products?updated_after=yesterday')).status).toBe(400);
  });
});

describe('picklist filters', () => {
  const all = () => api.backend.state.picklists;

  it('status, idwarehouse, picklistid, sinceid and assigned_to_iduser each narrow the list', async () => {
    const newOnes = await api.get<RawPicklist[]>('/api/v1/picklists?status=new');
    expect(newOnes.body.length).toBe(all().filter((p) => p.status === 'new').length);
    expect(newOnes.body.every((p) => p.status === 'new' && Array.isArray(p.products) && p.products.length > 0)).toBe(true);
    const second = api.backend.state.warehouses[1]?.idwarehouse ?? 0;
    const inSecond = await api.get<RawPicklist[]>(`/api/v1/picklists?idwarehouse=${String(second)}`);
    expect(inSecond.body.length).toBeGreaterThan(0);
    expect(inSecond.body.every((p) => p.idwarehouse === second)).toBe(true);
    const one = all()[10] as RawPicklist;
    const byNumber = await api.get<RawPicklist[]>(`/api/v1/picklists?picklistid=${one.picklistid}`);
    expect(byNumber.body.map((p) => p.idpicklist)).toEqual([one.idpicklist]);
    const since = await api.get<RawPicklist[]>(`/api/v1/picklists?sinceid=${String(one.idpicklist)}`);
    expect(since.body.every((p) => p.idpicklist > one.idpicklist)).toBe(true);
    expect(since.body.length).toBe(all().filter((p) => p.idpicklist > one.idpicklist).length);
    const assigned = all().find((p) => p.assigned_to_iduser !== null) as RawPicklist;
    const mine = await api.get<RawPicklist[]>(`/api/v1/picklists?assigned_to_iduser=${String(assigned.assigned_to_iduser)}`);
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.every((p) => p.assigned_to_iduser === assigned.assigned_to_iduser)).toBe(true);
    const combined = await api.get<RawPicklist[]>(`/api/v1/picklists?status=new&idwarehouse=${String(second)}`);
    expect(combined.body.every((p) => p.status === 'new' && p.idwarehouse === second)).toBe(true);
  });

  it('a new order shows up through sinceid', async () => {
    const last = Math.max(...all().map((p) => p.idpicklist));
    const product = api.backend.state.products[1] as RawProduct;
    const created = api.backend.state.addPicklist({ lines: [{ idproduct: product.idproduct, amount: 2 }], tags: ['Spoed'] });
    const r = await api.get<RawPicklist[]>(`/api/v1/picklists?sinceid=${String(last)}`);
    expect(r.body.map((p) => p.idpicklist)).toEqual([created.idpicklist]);
    expect(r.body[0]?.products[0]?.amount).toBe(2);
    expect(r.body[0]?.tags.map((t) => t.title)).toEqual(['Spoed']);
  });
});

describe('order filters', () => {
  const orders = () => api.backend.state.orders;

  it('reference, orderid, status, idwarehouse, sinceid and search', async () => {
    const one = orders()[0] as RawOrder;
    expect((await api.get<RawOrder[]>(`/api/v1/orders?reference=${encodeURIComponent(one.reference)}`)).body.map((o) => o.idorder)).toEqual([one.idorder]);
    expect((await api.get<RawOrder[]>(`/api/v1/orders?orderid=${one.orderid}`)).body.map((o) => o.idorder)).toEqual([one.idorder]);
    const bare = one.reference.split(' / ')[1] ?? '';
    expect((await api.get<RawOrder[]>(`/api/v1/orders?search=${bare.toLowerCase()}`)).body.map((o) => o.idorder)).toEqual([one.idorder]);
    const processing = await api.get<RawOrder[]>('/api/v1/orders?status=processing');
    expect(processing.body.length).toBeGreaterThan(50);
    expect(processing.body.every((o) => o.status === 'processing')).toBe(true);
    const second = api.backend.state.warehouses[1]?.idwarehouse ?? 0;
    const inSecond = await api.get<RawOrder[]>(`/api/v1/orders?idwarehouse=${String(second)}`);
    expect(inSecond.body.length).toBeGreaterThan(0);
    expect(inSecond.body.every((o) => o.warehouses.includes(second))).toBe(true);
    const since = await api.get<RawOrder[]>(`/api/v1/orders?sinceid=${String(one.idorder)}`);
    expect(since.body.every((o) => o.idorder > one.idorder)).toBe(true);
    const tagged = orders().find((o) => Object.keys(o.tags).length > 0) as RawOrder;
    const single = await api.get<RawOrder>(`/api/v1/orders/${String(tagged.idorder)}`);
    expect(Array.isArray(single.body.tags)).toBe(false);
    expect(Object.values(single.body.tags)[0]?.title).toBe(Object.keys(single.body.tags)[0]);
  });
});

describe('picking containers', () => {
  it('lists all containers, or the ones of one picklist, unpaginated', async () => {
    const all = await api.get<Array<{ idpicklist: number | null }>>('/api/v1/picking-containers');
    expect(all.body.length).toBe(api.backend.state.pickingContainers.length);
    const linked = all.body.find((c) => c.idpicklist !== null);
    const one = await api.get<Array<{ idpicklist: number | null }>>(`/api/v1/picking-containers?idpicklist=${String(linked?.idpicklist)}`);
    expect(one.body.length).toBeGreaterThan(0);
    expect(one.body.every((c) => c.idpicklist === linked?.idpicklist)).toBe(true);
  });
});
