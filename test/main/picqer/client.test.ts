import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createManualClock } from '../../../electron/main/infra/clock';
import { setLogSink, type LogSink } from '../../../electron/main/infra/log';
import { createPicqerClient, formatPicqerDate, type PicqerClientOptions } from '../../../electron/main/picqer/client';
import { isOutcomeUnknown, PicqerError } from '../../../electron/main/picqer/errors';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import type { Page } from '../../../electron/main/picqer/types';
import { createFakeFetch, flush, hangUntilAborted, json, networkError, type Responder } from './fake-fetch';

const apiKey = 'secret-api-key-123';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/picqer/${name}`, import.meta.url), 'utf8'));
}

function setup(responder: Responder, extra: Partial<PicqerClientOptions> = {}) {
  const clock = createManualClock();
  const fetch = createFakeFetch(responder);
  const client = createPicqerClient({ baseUrl: 'http://picqer.test', apiKey, appVersion: '0.1.0', projectUrl: 'https://packdesk.example', clock, fetch, ...extra });
  return { clock, fetch, client };
}

async function failure(promise: Promise<unknown>): Promise<PicqerError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PicqerError)) throw new Error(`expected a PicqerError, got ${String(error)}`);
  return error;
}

function rows(count: number, start = 1): unknown[] {
  return Array.from({ length: count }, (_, i) => ({ idproduct: start + i, productcode: `P${start + i}`, name: `Product ${start + i}` }));
}

afterEach(() => resetSharedSchedulers());

describe('requests', () => {
  it('sends Basic auth with an empty password, the User-Agent and JSON headers to /api/v1', async () => {
    const { fetch, client } = setup(() => json([]));
    await client.listWarehouses();
    const call = fetch.calls[0];
    expect(call?.url.toString()).toBe('http://picqer.test/api/v1/warehouses');
    expect(call?.headers.authorization).toBe(`Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`);
    expect(call?.headers['user-agent']).toBe('Packdesk/0.1.0 (https://packdesk.example)');
    expect(call?.headers.accept).toBe('application/json');
    expect(call?.headers['content-type']).toBe('application/json');
  });

  it('builds the base URL from a subdomain and tolerates /api/v1 in a given URL', () => {
    const make = (o: Partial<PicqerClientOptions>) => createPicqerClient({ apiKey, userAgent: 'Packdesk/1 (x)', ...o }).baseUrl;
    expect(make({ subdomain: 'Acme' })).toBe('https://acme.picqer.com');
    expect(make({ baseUrl: 'http://127.0.0.1:8080/' })).toBe('http://127.0.0.1:8080');
    expect(make({ baseUrl: 'http://127.0.0.1:8080/api/v1/' })).toBe('http://127.0.0.1:8080');
    expect(() => make({ subdomain: 'acme.picqer.com/evil' })).toThrow(AppError);
    expect(() => createPicqerClient({ apiKey, subdomain: 'acme' })).toThrow(/User-Agent/);
  });

  it('never writes the API key to the log', async () => {
    const lines: string[] = [];
    const sink: LogSink = (line) => lines.push(JSON.stringify(line));
    setLogSink(sink, 'debug');
    try {
      const { client } = setup((call) => (call.url.pathname.endsWith('/users/me') ? json({ error: true, error_code: 20, error_message: 'nope' }, 404) : json({ error: true }, 401)));
      await failure(client.getMe());
      await failure(client.pick(1, { idpicklist_product: 2, amount: 1 }));
    } finally {
      setLogSink((line) => process.stderr.write(`${line.message}\n`), 'warn');
    }
    expect(lines.length).toBeGreaterThan(0);
    const base64Key = Buffer.from(`${apiKey}:`).toString('base64');
    for (const line of lines) {
      expect(line).not.toContain(apiKey);
      expect(line).not.toContain(base64Key);
    }
  });

  it('falls back from /users/me to /me', async () => {
    const { fetch, client } = setup((call) =>
      call.url.pathname === '/api/v1/me' ? json({ iduser: 20, username: 'api', first_name: 'API', last_name: 'User' }) : json({ error: true, error_code: 20, error_message: 'Not found' }, 404),
    );
    await expect(client.getMe()).resolves.toMatchObject({ iduser: 20, firstname: 'API', lastname: 'User' });
    expect(fetch.calls.map((c) => c.url.pathname)).toEqual(['/api/v1/users/me', '/api/v1/me']);
  });
});

describe('errors', () => {
  const cases: Array<[number, string]> = [
    [400, 'VALIDATION'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [500, 'BACKEND_ERROR'],
    [503, 'BACKEND_ERROR'],
  ];
  it.each(cases)('maps HTTP %i to %s with the status and Picqer error code in details', async (status, code) => {
    const { client } = setup(() => json({ error: true, error_code: 20, error_message: 'Item not found' }, status));
    const error = await failure(client.getPicklist(5));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ httpStatus: status, picqerErrorCode: 20, outcomeUnknown: false, method: 'GET', path: '/picklists/5' });
    expect(error.message).toContain('Item not found');
  });

  it('calls a refused pick a conflict and keeps the error code', async () => {
    const { client } = setup(() => json({ error: true, error_code: 18, error_message: 'Amount to pick is too high' }, 400));
    const error = await failure(client.pick(1, { idpicklist_product: 2, amount: 9 }));
    expect(error).toMatchObject({ code: 'CONFLICT', picqerErrorCode: 18, outcomeUnknown: false });
  });

  it('maps an HTML error page by its status', async () => {
    const { client } = setup(() => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await failure(client.getPicklist(1));
    expect(error).toMatchObject({ code: 'BACKEND_ERROR', httpStatus: 502, picqerErrorCode: null });
  });

  it('calls a 5xx on a change an unknown outcome', async () => {
    const { client } = setup(() => new Response('oops', { status: 500 }));
    const error = await failure(client.createShipment(1, { idshippingprovider_profile: 2 }));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(isOutcomeUnknown(error)).toBe(true);
  });

  it('answers BAD_RESPONSE for an HTML page with status 200', async () => {
    const { client } = setup(() => new Response('<!doctype html><title>Login</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = await failure(client.listWarehouses());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('text/html');
  });

  it('answers BAD_RESPONSE for malformed JSON', async () => {
    const { client } = setup(() => new Response('[{"idwarehouse": 1,', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect((await failure(client.listWarehouses())).code).toBe('BAD_RESPONSE');
  });

  it('answers BAD_RESPONSE for JSON of the wrong shape', async () => {
    const { client } = setup(() => json({ idpicklist: 'not a number' }));
    const error = await failure(client.getPicklist(1));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('idpicklist');
    const list = setup(() => json({ not: 'a list' }));
    expect((await failure(list.client.listUsers())).code).toBe('BAD_RESPONSE');
  });

  it('answers BAD_RESPONSE for 10 MB of junk', async () => {
    const junk = Buffer.alloc(10 * 1024 * 1024, 'x');
    const { client } = setup(() => new Response(junk, { status: 200, headers: { 'content-type': 'application/json' } }));
    expect((await failure(client.listWarehouses())).code).toBe('BAD_RESPONSE');
  });

  it('refuses a body over the size cap while it streams, without reading it all', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const { client } = setup(() => new Response(endless, { status: 200 }));
    const error = await failure(client.listWarehouses());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('8 MB');
    expect(pulled).toBeLessThan(12);
  });

  it('refuses a declared Content-Length over the cap at once', async () => {
    const { client } = setup(() => new Response('[]', { status: 200, headers: { 'content-length': String(50 * 1024 * 1024) } }), { maxResponseBytes: 1024 });
    expect((await failure(client.listWarehouses())).code).toBe('BAD_RESPONSE');
  });

  it('times out a read after 30 s as OFFLINE', async () => {
    const { client, clock } = setup(hangUntilAborted);
    const pending = failure(client.getPicklist(1));
    await flush();
    clock.advance(30_000);
    const error = await pending;
    expect(error).toMatchObject({ code: 'OFFLINE', httpStatus: null, outcomeUnknown: false });
  });

  it('gives shipment creation 60 s and then calls its outcome unknown', async () => {
    const { client, clock } = setup(hangUntilAborted);
    let settled = false;
    const pending = failure(client.createShipment(1, { idshippingprovider_profile: 2 })).finally(() => (settled = true));
    await flush();
    clock.advance(30_000);
    await flush();
    expect(settled).toBe(false);
    clock.advance(30_000);
    const error = await pending;
    expect(error.code).toBe('OFFLINE');
    expect(isOutcomeUnknown(error)).toBe(true);
  });

  it('calls a connection reset during a pick an unknown outcome', async () => {
    const { client } = setup(() => Promise.reject(networkError('ECONNRESET')));
    const error = await failure(client.pick(1, { idpicklist_product: 2, amount: 1 }));
    expect(error).toMatchObject({ code: 'OFFLINE', outcomeUnknown: true });
    expect(error.details).toMatchObject({ outcomeUnknown: true, method: 'POST' });
  });

  it('knows a refused connection never reached Picqer', async () => {
    const { client } = setup(() => Promise.reject(networkError('ECONNREFUSED')));
    const error = await failure(client.pick(1, { idpicklist_product: 2, amount: 1 }));
    expect(error).toMatchObject({ code: 'OFFLINE', outcomeUnknown: false });
  });

  it('calls a body cut off after a 2xx to a change an unknown outcome', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"idshipment": 1'));
        controller.error(networkError('ECONNRESET'));
      },
    });
    const { client } = setup(() => new Response(broken, { status: 200 }));
    const error = await failure(client.createShipment(1, { idshippingprovider_profile: 2 }));
    expect(error).toMatchObject({ code: 'OFFLINE', httpStatus: 200, outcomeUnknown: true });
  });

  it('hands the caller its own abort reason', async () => {
    const { client } = setup(hangUntilAborted);
    const controller = new AbortController();
    const pending = client.getPicklist(1, { signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    controller.abort(new Error('scan cancelled'));
    expect(await pending).toMatchObject({ message: 'scan cancelled' });
  });
});

describe('pagination', () => {
  function pagedProducts(total: number) {
    return setup((call) => {
      const offset = Number(call.url.searchParams.get('offset') ?? 0);
      return json(rows(Math.max(0, Math.min(100, total - offset)), offset + 1));
    });
  }

  async function all<T>(pages: AsyncIterable<Page<T>>): Promise<Array<Page<T>>> {
    const out: Array<Page<T>> = [];
    for await (const page of pages) out.push(page);
    return out;
  }

  it('walks 100 at a time and stops at the first short page', async () => {
    const { client, fetch } = pagedProducts(250);
    const pages = await all(client.productPages({ search: 'mug' }));
    expect(pages.map((p) => [p.offset, p.items.length, p.isLast])).toEqual([
      [0, 100, false],
      [100, 100, false],
      [200, 50, true],
    ]);
    expect(fetch.calls.map((c) => c.url.search)).toEqual(['?search=mug', '?search=mug&offset=100', '?search=mug&offset=200']);
  });

  it('asks once more for an empty page when the total is a multiple of 100', async () => {
    const { client, fetch } = pagedProducts(200);
    const pages = await all(client.productPages());
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 0]);
    expect(fetch.calls).toHaveLength(3);
  });

  it('resumes from an offset', async () => {
    const { client, fetch } = pagedProducts(250);
    const pages = await all(client.productPages({}, { offset: 200 }));
    expect(pages.map((p) => p.items[0]?.idproduct)).toEqual([201]);
    expect(fetch.calls).toHaveLength(1);
  });

  it('stops when an endpoint ignores offset and sends the same page again', async () => {
    const { client, fetch } = setup(() => json(rows(100)));
    const products = await all(client.productPages());
    expect(products).toHaveLength(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it('collects every page for the list methods and skips bad records', async () => {
    const { client } = setup((call) => {
      const offset = Number(call.url.searchParams.get('offset') ?? 0);
      const users = Array.from({ length: offset === 0 ? 100 : 3 }, (_, i) => ({ iduser: offset + i + 1, username: `u${offset + i}` }));
      if (offset === 0) users[5] = { iduser: 6 } as { iduser: number; username: string };
      return json(offset === 0 ? [...users.slice(0, 5), 'junk', ...users.slice(6)] : users);
    });
    const users = await client.listUsers();
    expect(users).toHaveLength(102);
  });

  it('sends picklist and order filters as query parameters', async () => {
    const { client, fetch } = setup(() => json([]));
    await all(client.picklistPages({ status: 'new', idwarehouse: 1829, sinceid: 40 }));
    await all(client.productPages({ idproducts: [1, 2, 3], updated_after: '2026-03-01 00:00:00' }));
    await client.listOrders({ reference: 'ITQRFWVHT' });
    expect(fetch.calls.map((c) => c.url.pathname + c.url.search)).toEqual([
      '/api/v1/picklists?status=new&idwarehouse=1829&sinceid=40',
      '/api/v1/products?idproducts=1%2C2%2C3&updated_after=2026-03-01+00%3A00%3A00',
      '/api/v1/orders?reference=ITQRFWVHT',
    ]);
  });
});

describe('actions', () => {
  it('posts assign, pick, pickall, close, pause, resume, snooze and unassign to their paths', async () => {
    const { client, fetch } = setup(() => json(fixture('picklist-tags-array.json')));
    expect((await client.assign(9001, 24))?.idpicklist).toBe(9001);
    await client.pick(9001, { idpicklist_product: 88123401, amount: 2 });
    await client.pickAll(9001);
    await client.pause(9001, 'Damaged item');
    await client.resume(9001);
    await client.snooze(9001, '2026-03-03 08:00:00');
    await client.snooze(9001, new Date(Date.UTC(2026, 2, 3, 7, 0, 0)));
    await client.unassign(9001);
    await client.close(9001);
    expect(fetch.calls.map((c) => [c.method, c.url.pathname.replace('/api/v1/picklists/9001', ''), c.body])).toEqual([
      ['POST', '/assign', { iduser: 24 }],
      ['POST', '/pick', { idpicklist_product: 88123401, amount: 2 }],
      ['POST', '/pickall', undefined],
      ['POST', '/pause', { reason: 'Damaged item' }],
      ['POST', '/resume', undefined],
      ['POST', '/snooze', { snooze_until: '2026-03-03 08:00:00' }],
      ['POST', '/snooze', { snooze_until: '2026-03-03 08:00:00' }],
      ['POST', '/unassign', undefined],
      ['POST', '/close', undefined],
    ]);
  });

  it('answers null when an action does not send a picklist back', async () => {
    const { client } = setup(() => new Response(null, { status: 204 }));
    await expect(client.close(1)).resolves.toBeNull();
  });

  it('picks lines in order and stops at the first failure', async () => {
    const { client, fetch } = setup((call) => {
      const body = call.body as { idpicklist_product: number };
      return body.idpicklist_product === 2 ? json({ error: true, error_code: 18, error_message: 'Amount too high' }, 400) : json(fixture('picklist-tags-array.json'));
    });
    const lines = [1, 2, 3].map((id) => ({ idpicklist_product: id, amount: 1 }));
    const result = await client.pickLines(9001, lines);
    expect(result.picked).toEqual([lines[0]]);
    expect(result.failed?.line).toEqual(lines[1]);
    expect(result.failed?.error).toMatchObject({ code: 'CONFLICT', picqerErrorCode: 18 });
    expect(result.notAttempted).toEqual([lines[2]]);
    expect(result.picklist?.idpicklist).toBe(9001);
    expect(fetch.calls).toHaveLength(2);
  });

  it('comments on picklists and orders', async () => {
    const { client, fetch } = setup(() => json({ idcomment: 5, body: 'Box damaged', created_at: '2026-03-02 10:00:00' }, 201));
    await expect(client.addComment('picklists', 9001, 'Box damaged')).resolves.toEqual({ idcomment: 5, body: 'Box damaged', created_at: '2026-03-02 10:00:00' });
    await client.addComment('orders', 4401, 'Call the customer');
    expect(fetch.calls.map((c) => [c.url.pathname, c.body])).toEqual([
      ['/api/v1/picklists/9001/comments', { body: 'Box damaged' }],
      ['/api/v1/orders/4401/comments', { body: 'Call the customer' }],
    ]);
  });

  it('reads shipping methods with the default marked', async () => {
    const { client } = setup(() => json(fixture('shipping-methods.json')));
    const methods = await client.getShippingMethods(9001);
    expect(methods.find((m) => m.selected)?.idshippingprovider_profile).toBe(1365);
  });

  it('creates a shipment with the profile under both names and ?return=shipment', async () => {
    const { client, fetch } = setup(() => json(fixture('shipment-toplevel.json'), 201));
    const shipment = await client.createShipment(9001, { idshippingprovider_profile: 1365, weight: 900, idpackaging: 3 });
    const call = fetch.calls[0];
    expect(call?.url.pathname + call?.url.search).toBe('/api/v1/picklists/9001/shipments?return=shipment');
    expect(call?.body).toEqual({ idshippingprovider_profile: 1365, idshippingprofile: 1365, weight: 900, idpackaging: 3 });
    expect(shipment.parcels[0]?.documents.map((d) => d.format)).toEqual(['pdf', 'zpl']);
  });

  it('takes the newest shipment when Picqer answers with a list', async () => {
    const { client } = setup(() => json([fixture('shipment-parcels.json'), fixture('shipment-toplevel.json')], 201));
    expect((await client.createShipment(9001, { idshippingprovider_profile: 1365 })).idshipment).toBe(31002);
  });

  it('calls an unreadable answer to a shipment an unknown outcome', async () => {
    const { client } = setup(() => json({ ok: true }, 201));
    const error = await failure(client.createShipment(9001, { idshippingprovider_profile: 1365 }));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(isOutcomeUnknown(error)).toBe(true);
  });

  it('lists and cancels shipments', async () => {
    const { client, fetch } = setup((call) => (call.method === 'DELETE' ? new Response(null, { status: 204 }) : json([fixture('shipment-parcels.json')])));
    expect((await client.listShipments(9001)).map((s) => s.idshipment)).toEqual([31001]);
    await client.cancelShipment(9001, 31001);
    expect(fetch.calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual(['GET /api/v1/picklists/9001/shipments', 'DELETE /api/v1/picklists/9001/shipments/31001']);
  });

  const pdf = Buffer.from('%PDF-1.4\n%fake\n');

  it('reads the packing list as JSON with base64 or as raw PDF', async () => {
    const asJson = setup(() => json({ pdf: pdf.toString('base64'), filename: 'packinglist.pdf' }));
    expect(await asJson.client.getPackingListPdf(9001)).toEqual(pdf);
    const asRaw = setup(() => new Response(pdf, { status: 200, headers: { 'content-type': 'application/pdf' } }));
    expect(await asRaw.client.getPackingListPdf(9001)).toEqual(pdf);
    const wrapped = setup(() => json({ data: { pdf: pdf.toString('base64') } }));
    expect(await wrapped.client.getPackingListPdf(9001)).toEqual(pdf);
    expect(asRaw.fetch.calls[0]?.url.pathname).toBe('/api/v1/picklists/9001/packinglistpdf');
  });

  it('refuses a packing list that is no PDF', async () => {
    const { client } = setup(() => json({ pdf: Buffer.from('hello').toString('base64') }));
    expect((await failure(client.getPackingListPdf(9001))).code).toBe('BAD_RESPONSE');
  });

  it('downloads a label without the API key and outside the scheduler', async () => {
    const { client, fetch } = setup(() => new Response('^XA^XZ', { status: 200, headers: { 'content-type': 'text/plain' } }));
    const doc = await client.downloadDocument('https://files.example/labels/31001.zpl');
    expect(doc.body.toString()).toBe('^XA^XZ');
    expect(fetch.calls[0]?.headers.authorization).toBeUndefined();
    expect(fetch.calls[0]?.headers['user-agent']).toContain('Packdesk/');
    expect(client.schedulerStats().sent).toBe(0);
    await expect(client.downloadDocument('file:///etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('lists picking containers in one request', async () => {
    const { client, fetch } = setup(() => json([{ idpicking_container: 1, idpicklist: 9001, name: 'BAK-01' }, { bad: true }]));
    expect(await client.listPickingContainers({ idpicklist: 9001 })).toEqual([{ idpicking_container: 1, idpicklist: 9001, name: 'BAK-01', barcode: null }]);
    expect(fetch.calls.map((c) => c.url.search)).toEqual(['?idpicklist=9001']);
  });
});

describe('formatPicqerDate', () => {
  it('writes Picqer dates in the account time zone', () => {
    expect(formatPicqerDate(new Date(Date.UTC(2026, 6, 1, 22, 5, 9)), 'Europe/Amsterdam')).toBe('2026-07-02 00:05:09');
    expect(formatPicqerDate(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)), 'UTC')).toBe('2026-01-01 00:00:00');
  });
});
