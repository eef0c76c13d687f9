import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawOrder, RawPicklist } from '../../electron/picqer-demo/types';
import { startApi, type Api } from './demo-client';

type ErrorBody = { error: boolean; error_code: number; error_message: string };

let api: Api;
beforeEach(async () => {
  api = await startApi();
});
afterEach(() => api.backend.close());

const processingOrder = (): RawOrder => {
  const order = api.backend.state.orders.find((o) => o.status === 'processing' && o.picklists.length > 0);
  if (!order) throw new Error('no processing order');
  return order;
};
const picklistOf = (order: RawOrder): RawPicklist => api.backend.state.getPicklist(order.picklists[0]?.idpicklist ?? 0);

describe('order actions', () => {
  it('processes a concept order into a new picklist', async () => {
    const concept = api.backend.state.orders.find((o) => o.status === 'concept') as RawOrder;
    const r = await api.post<RawOrder>(`/api/v1/orders/${String(concept.idorder)}/process`);
    expect(r.body.status).toBe('processing');
    expect(r.body.picklists).toHaveLength(1);
    const picklist = picklistOf(concept);
    expect(picklist.status).toBe('new');
    expect(picklist.reference).toBe(concept.reference);
    expect(picklist.products.map((l) => l.idorder_product)).toEqual(concept.products.map((l) => l.idorder_product));
    expect((await api.post<ErrorBody>(`/api/v1/orders/${String(concept.idorder)}/process`)).body.error_code).toBe(21);
  });

  it('pausing an order pauses its picklists; resuming resumes them', async () => {
    const order = processingOrder();
    const paused = await api.post<RawOrder>(`/api/v1/orders/${String(order.idorder)}/pause`, { reason: 'Adres klopt niet' });
    expect(paused.body.status).toBe('paused');
    expect(picklistOf(order).status).toBe('paused');
    expect(picklistOf(order).paused_reason).toBe('Adres klopt niet');
    const resumed = await api.post<RawOrder>(`/api/v1/orders/${String(order.idorder)}/resume`);
    expect(resumed.body.status).toBe('processing');
    expect(picklistOf(order).status).toBe('new');
  });

  it('cancels a processing order only with force=true, cancelling its picklists', async () => {
    const order = processingOrder();
    const refused = await api.del<ErrorBody>(`/api/v1/orders/${String(order.idorder)}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe(21);
    expect(picklistOf(order).status).toBe('new');
    const forced = await api.del<RawOrder>(`/api/v1/orders/${String(order.idorder)}?force=true`);
    expect(forced.body.status).toBe('cancelled');
    expect(picklistOf(order).status).toBe('cancelled');
    expect((await api.get<RawPicklist>(`/api/v1/picklists/${String(picklistOf(order).idpicklist)}`)).body.status).toBe('cancelled');
  });

  it('state.cancelOrder and state.addOrder act like a user in Picqer', async () => {
    const order = processingOrder();
    api.backend.state.cancelOrder(order.idorder, { force: true });
    expect((await api.get<RawOrder>(`/api/v1/orders/${String(order.idorder)}`)).body.status).toBe('cancelled');
    const product = api.backend.state.products[0];
    const { order: created, picklist } = api.backend.state.addOrder({ lines: [{ idproduct: product?.idproduct ?? 0, amount: 3 }], language: 'en', reference: 'BE #9999 / ABCDEFGHI' });
    expect(picklist?.reference).toBe('BE #9999 / ABCDEFGHI');
    expect(picklist?.totalproducts).toBe(3);
    const found = await api.get<RawOrder[]>('/api/v1/orders?reference=BE%20%239999%20%2F%20ABCDEFGHI');
    expect(found.body.map((o) => o.idorder)).toEqual([created.idorder]);
    expect(found.body[0]?.language).toBe('en');
  });
});
