import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import { presentPicklist } from '../../../electron/picqer-demo/present';
import {
  commentSchema,
  orderSchema,
  packagingSchema,
  parseWith,
  pickingContainerSchema,
  picklistSchema,
  productSchema,
  shipmentSchema,
  shippingMethodSchema,
  shippingProviderSchema,
  tagSchema,
  templateSchema,
  userSchema,
  warehouseSchema,
} from '../../../electron/main/picqer/schemas';
import type { PicqerOrder } from '../../../electron/main/picqer/types';
import { documentedAnswers, documentedOrder, documentedPicklist } from '../../fixtures/picqer/documented';

/*
 * Issue 13: the station reads every answer as Picqer documents it (test/fixtures/picqer/
 * documented.ts, each entry citing its page), and the demo sends at least the documented fields.
 */

const schemaFor: Record<string, z.ZodType> = {
  'GET /users/me': userSchema,
  'GET /users': userSchema,
  'GET /warehouses': warehouseSchema,
  'GET /shippingproviders': shippingProviderSchema,
  'GET /packagings': packagingSchema,
  'GET /tags': tagSchema,
  'GET /templates': templateSchema,
  'GET /products': productSchema,
  'GET /picklists': picklistSchema,
  'GET /picklists/{id}': picklistSchema,
  'POST /picklists/{id}/pick': picklistSchema,
  'GET /orders': orderSchema,
  'GET /orders/{id}': orderSchema,
  'POST /orders/{id}/pause': orderSchema,
  'GET /picklists/{id}/shippingmethods': shippingMethodSchema,
  'POST /picklists/{id}/shipments': shipmentSchema,
  'GET /picklists/{id}/shipments': shipmentSchema,
  'GET /picklists/{id}/comments': commentSchema,
  'GET /picking-containers': pickingContainerSchema,
};

describe('documented Picqer answers', () => {
  for (const answer of documentedAnswers) {
    it(`reads ${answer.endpoint} as ${answer.source} shows it`, () => {
      const schema = schemaFor[answer.endpoint];
      if (!schema) throw new Error(`no schema named for ${answer.endpoint}`);
      const records = Array.isArray(answer.body) ? answer.body : [answer.body];
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        const result = parseWith(schema, record);
        expect(result.ok ? 'ok' : result.reason).toBe('ok');
      }
    });
  }

  it('keeps the order contact names under the spelling Picqer documents for orders', () => {
    const result = parseWith(orderSchema, documentedOrder);
    if (!result.ok) throw new Error(result.reason);
    const order = result.value as Omit<PicqerOrder, 'raw'>;
    expect(order.deliverycontact).toBe('Jos Triepels');
    expect(order.invoicecontact).toBe('Crediteurenadministratie');
  });

  it("still reads the picklist's spelling on an order, and prefers the documented one", () => {
    const { deliverycontactname: _d, invoicecontactname: _i, ...rest } = documentedOrder;
    const old = parseWith(orderSchema, { ...rest, deliverycontact: 'Jos Triepels', invoicecontact: 'Finance' });
    if (!old.ok) throw new Error(old.reason);
    expect((old.value as Omit<PicqerOrder, 'raw'>).deliverycontact).toBe('Jos Triepels');
    expect((old.value as Omit<PicqerOrder, 'raw'>).invoicecontact).toBe('Finance');
    const both = parseWith(orderSchema, { ...documentedOrder, deliverycontact: 'Someone else' });
    if (!both.ok) throw new Error(both.reason);
    expect((both.value as Omit<PicqerOrder, 'raw'>).deliverycontact).toBe('Jos Triepels');
  });
});

describe('the demo sends what Picqer documents', () => {
  let demo: DemoBackend;
  beforeAll(async () => {
    demo = await startDemoBackend({ port: 0, seed: 7 });
  });
  afterAll(async () => {
    await demo.close();
  });

  const missingKeys = (documented: object, sent: object) => Object.keys(documented).filter((key) => !(key in sent));

  it('sends every documented order field, contact names spelled as for orders', () => {
    const order = demo.state.orders.find((o) => o.picklists.length > 0);
    if (!order) throw new Error('no order in the seed');
    expect(missingKeys(documentedOrder, order)).toEqual([]);
    expect(order).not.toHaveProperty('deliverycontact');
    expect(order).not.toHaveProperty('invoicecontact');
    const company = demo.state.orders.find((o) => o.deliverycontactname !== null);
    expect(company?.deliverycontactname).toEqual(expect.any(String));
  });

  it('sends every documented picklist field', () => {
    const picklist = demo.state.picklists[0];
    if (!picklist) throw new Error('no picklist in the seed');
    expect(missingKeys(documentedPicklist, presentPicklist(picklist, 'array'))).toEqual([]);
  });
});
