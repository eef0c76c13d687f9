import { afterEach, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import { basicAuth } from '../../picqer-demo/demo-client';

/*
 * Issue 13, strictness: the demo must accept every request Picqer's official PHP client sends for
 * the calls the station makes, byte for byte as that client sends them, and refuse what Picqer
 * documents as an error, with Picqer's error body. The PHP client (picqer/picqer-php,
 * src/Client.php, commit 0807360) sends `Content-Type: application/json` and
 * `Accept: application/json` on every call, Basic auth `key:password`, and json_encode($params) as
 * the body of every POST, PUT and DELETE: `null` where it passes no parameters (closePicklist,
 * pickallPicklist, unassignPicklist, cancelPicklist) and `[]` for an empty array.
 */

type ErrorBody = { error: unknown; error_code: unknown; error_message: unknown };

let demo: DemoBackend | null = null;
afterEach(async () => {
  await demo?.close();
  demo = null;
});

const phpHeaders = {
  Authorization: `Basic ${Buffer.from('test-key:X').toString('base64')}`,
  'User-Agent': 'Packdesk strictness test (tests@example.com) picqer-php/0.23',
  'Content-Type': 'application/json',
  Accept: 'application/json',
};

async function send(method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  if (!demo) throw new Error('no demo');
  const response = await fetch(`${demo.url}/api/v1${path}`, { method, headers: phpHeaders, body });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

function expectPicqerError(answer: { status: number; json: unknown }, status: number, code: number): void {
  expect(answer.status).toBe(status);
  const body = answer.json as ErrorBody;
  expect(body.error).toBe(true);
  expect(body.error_code).toBe(code);
  expect(typeof body.error_message).toBe('string');
}

function openPicklist(d: DemoBackend): RawPicklist {
  const picklist = d.state.picklists.find((p) => p.status === 'new' && p.idorder !== null && p.products.every((l) => !l.has_parts && l.partof_idpicklist_product === null));
  if (!picklist) throw new Error('no open picklist in the seed');
  return picklist;
}

describe('the demo accepts what the PHP client sends', () => {
  it('answers every read the station makes, with the PHP client headers', async () => {
    demo = await startDemoBackend({ port: 0, seed: 7 });
    const picklist = openPicklist(demo);
    for (const path of [
      '/users/me',
      '/users',
      '/warehouses',
      '/shippingproviders',
      '/packagings',
      '/tags',
      '/templates',
      '/products',
      '/picklists?status=new',
      `/picklists/${picklist.idpicklist}`,
      `/picklists/${picklist.idpicklist}/comments`,
      `/picklists/${picklist.idpicklist}/shippingmethods`,
      `/picklists/${picklist.idpicklist}/shipments`,
      `/picklists/${picklist.idpicklist}/packinglistpdf`,
      '/orders',
      `/orders/${picklist.idorder ?? 0}`,
      '/picking-containers',
    ]) {
      expect((await send('GET', path)).status, path).toBe(200);
    }
  });

  it('takes close, pickall and unassign with a `null` body, with no body, and with `[]`', async () => {
    demo = await startDemoBackend({ port: 0, seed: 7 });
    const picklists = demo.state.picklists.filter((p) => p.status === 'new' && p.products.every((l) => !l.has_parts && l.partof_idpicklist_product === null)).slice(0, 3);
    for (const [index, body] of ['null', undefined, '[]'].entries()) {
      const picklist = picklists[index];
      if (!picklist) throw new Error('too few open picklists');
      const label = `body ${String(body)}`;
      expect((await send('POST', `/picklists/${picklist.idpicklist}/unassign`, body)).status, label).toBe(200);
      expect((await send('POST', `/picklists/${picklist.idpicklist}/pickall`, body)).status, label).toBe(200);
      expect((await send('POST', `/picklists/${picklist.idpicklist}/close`, body)).status, label).toBe(200);
      expect(demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    }
  });

  it('takes the bodies the PHP client builds for pick, assign, snooze, comments, shipments and the order pause', async () => {
    demo = await startDemoBackend({ port: 0, seed: 7 });
    const picklist = openPicklist(demo);
    const line = picklist.products[0];
    const user = demo.state.users.find((u) => u.active);
    const id = picklist.idpicklist;
    // pickProductOnPicklist: ['product' => $product, 'amount' => $amount]
    expect((await send('POST', `/picklists/${id}/pick`, JSON.stringify({ product: line?.productcode, amount: 1 }))).status).toBe(200);
    // assignPicklistToUser: ['iduser' => $iduser]
    expect((await send('POST', `/picklists/${id}/assign`, JSON.stringify({ iduser: user?.iduser }))).status).toBe(200);
    // snoozePicklist: ['snooze_until' => ...], then unsnoozed by hand for the next calls
    expect((await send('POST', `/picklists/${id}/snooze`, JSON.stringify({ snooze_until: '2099-01-01 08:00:00' }))).status).toBe(200);
    demo.state.getPicklist(id).status = 'new';
    // addPicklistComment: the caller's params, ['body' => ...]
    expect((await send('POST', `/picklists/${id}/comments`, JSON.stringify({ body: 'Checked' }))).status).toBe(201);
    // createShipment: the caller's params, as Picqer's shipment docs name them
    const method = (demo.state.shippingMethods(id)[0] ?? { idshippingprovider_profile: 0 }).idshippingprovider_profile;
    expect((await send('POST', `/picklists/${id}/shipments`, JSON.stringify({ idshippingprovider_profile: method }))).status).toBe(201);
    // Orders API, "Pause order": POST /orders/{idorder}/pause {"reason": ...}
    const other = demo.state.picklists.find((p) => p.status === 'new' && p.idorder !== null && p.idpicklist !== id);
    const order = demo.state.getOrder(other?.idorder ?? 0);
    expect((await send('POST', `/orders/${order.idorder}/pause`, JSON.stringify({ reason: 'Address is wrong' }))).status).toBe(200);
    expect(demo.state.getPicklist(other?.idpicklist ?? 0).status).toBe('paused');
  });
});

describe('the demo refuses what Picqer documents as errors, in Picqer\'s error format', () => {
  it('answers each documented error with its status and error_code', async () => {
    demo = await startDemoBackend({ port: 0, seed: 7 });
    const picklist = openPicklist(demo);
    const id = picklist.idpicklist;
    const line = picklist.products[0];
    // picqer.com/en/api/response-codes
    expectPicqerError(await send('GET', '/picklists/1'), 404, 20);
    expectPicqerError(await send('POST', `/picklists/${id}/comments`, '{"body": '), 400, 22);
    expectPicqerError(await send('POST', `/picklists/${id}/pick`, JSON.stringify({ amount: 1 })), 400, 15);
    expectPicqerError(await send('POST', `/picklists/${id}/pick`, JSON.stringify({ product: line?.productcode, amount: 0 })), 400, 16);
    expectPicqerError(await send('POST', `/picklists/${id}/pick`, JSON.stringify({ product: 'NOT-ON-THIS-LIST', amount: 1 })), 400, 17);
    expectPicqerError(await send('POST', `/picklists/${id}/pick`, JSON.stringify({ product: line?.productcode, amount: (line?.amount ?? 0) + 1 })), 400, 18);
    expectPicqerError(await send('POST', `/orders/${picklist.idorder ?? 0}/pause`, 'null'), 400, 5);
    demo.state.cancelPicklist(id);
    expectPicqerError(await send('POST', `/picklists/${id}/shipments`, JSON.stringify({})), 400, 26);
    const bare = await fetch(`${demo.url}/api/v1/users`, { headers: { ...phpHeaders, Authorization: basicAuth('') } });
    expectPicqerError({ status: bare.status, json: await bare.json() }, 401, 1);
  });

  it('refuses a body that is JSON but no set of parameters', async () => {
    demo = await startDemoBackend({ port: 0, seed: 7 });
    const id = openPicklist(demo).idpicklist;
    expectPicqerError(await send('POST', `/picklists/${id}/comments`, '"Checked"'), 400, 5);
    expectPicqerError(await send('POST', `/picklists/${id}/comments`, '[1, 2]'), 400, 5);
  });
});
