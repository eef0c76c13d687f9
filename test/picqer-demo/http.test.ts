import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../electron/main/infra/clock';
import { basicAuth, startApi, type Api } from './demo-client';

type ErrorBody = { error: boolean; error_code: number; error_message: string };

let api: Api | null = null;
afterEach(async () => {
  await api?.backend.close();
  api = null;
});

describe('demo backend transport', () => {
  it('listens on loopback and hands out a base url without a trailing slash', async () => {
    api = await startApi();
    expect(api.backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.backend.port).toBeGreaterThan(0);
  });

  it('refuses a missing or wrong API key with 401 and Picqer error body', async () => {
    api = await startApi({ apiKey: 'right-key' });
    const ua = { 'User-Agent': 'Tests/1.0 (t@example.com)' };
    const none = await api.raw('/api/v1/users/me', { headers: ua });
    expect(none.status).toBe(401);
    const body = (await none.json()) as ErrorBody;
    expect(body.error).toBe(true);
    expect(typeof body.error_code).toBe('number');
    expect(body.error_message).toMatch(/API key/);
    const wrong = await api.raw('/api/v1/users/me', { headers: { ...ua, Authorization: basicAuth('wrong-key') } });
    expect(wrong.status).toBe(401);
    const right = await api.raw('/api/v1/users/me', { headers: { ...ua, Authorization: `Basic ${Buffer.from('right-key:anything').toString('base64')}` } });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { iduser: number }).iduser).toBe(api.backend.state.apiUserId);
  });

  it('accepts any non-empty key when none is configured, never an empty one', async () => {
    api = await startApi();
    const ua = { 'User-Agent': 'Tests/1.0' };
    expect((await api.raw('/api/v1/tags', { headers: { ...ua, Authorization: basicAuth('whatever') } })).status).toBe(200);
    expect((await api.raw('/api/v1/tags', { headers: { ...ua, Authorization: basicAuth('') } })).status).toBe(401);
  });

  it('answers 400 with an error body when the User-Agent header is missing', async () => {
    api = await startApi();
    const response = await api.raw('/api/v1/users/me', { headers: { Authorization: basicAuth('k'), 'User-Agent': '' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error_message).toMatch(/User-Agent/);
  });

  it('answers 400 with error_code 22 for a body that is not JSON', async () => {
    api = await startApi();
    const id = api.backend.state.picklists[0]?.idpicklist;
    const response = await api.post<ErrorBody>(`/api/v1/picklists/${String(id)}/comments`, '{"body": ');
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe(22);
  });

  it('answers 404 for unknown objects and unknown endpoints', async () => {
    api = await startApi();
    expect((await api.get<ErrorBody>('/api/v1/picklists/1')).status).toBe(404);
    expect((await api.get<ErrorBody>('/api/v1/products/1')).body.error).toBe(true);
    expect((await api.get('/api/v1/orders/1')).status).toBe(404);
    expect((await api.get('/api/v1/nothing-here')).status).toBe(404);
  });

  it('pages lists by 100 with offset, the last page shorter', async () => {
    api = await startApi({ products: 250 });
    const first = await api.get<Array<{ idproduct: number }>>('/api/v1/products');
    const second = await api.get<Array<{ idproduct: number }>>('/api/v1/products?offset=100');
    const third = await api.get<Array<{ idproduct: number }>>('/api/v1/products?offset=200');
    expect(Array.isArray(first.body)).toBe(true);
    expect(first.body).toHaveLength(100);
    expect(second.body).toHaveLength(100);
    expect(third.body).toHaveLength(50);
    expect(second.body[0]?.idproduct).toBe((first.body[99]?.idproduct ?? 0) + 1);
    const all = new Set([...first.body, ...second.body, ...third.body].map((p) => p.idproduct));
    expect(all.size).toBe(250);
    expect((await api.get('/api/v1/products?offset=300')).body).toEqual([]);
    expect((await api.get('/api/v1/products?offset=abc')).status).toBe(400);
  });

  it('serves the reference data a station bootstraps from', async () => {
    api = await startApi();
    const warehouses = await api.get<Array<{ idwarehouse: number; name: string }>>('/api/v1/warehouses');
    expect(warehouses.body).toHaveLength(2);
    const users = await api.get<Array<{ iduser: number }>>('/api/v1/users');
    expect(users.body.length).toBeGreaterThan(3);
    const providers = await api.get<Array<{ profiles: Array<{ standard: boolean }> }>>('/api/v1/shippingproviders');
    expect(providers.body.flatMap((p) => p.profiles).filter((p) => p.standard)).toHaveLength(1);
    const packagings = await api.get<Array<{ barcode: string | null; active: boolean }>>('/api/v1/packagings');
    expect(packagings.body.every((p) => p.active)).toBe(true);
    expect(packagings.body.some((p) => p.barcode)).toBe(true);
    const tags = await api.get<Array<{ idtag: number; title: string; color: string; inherit: boolean; textColor: string }>>('/api/v1/tags');
    expect(Object.keys(tags.body[0] ?? {}).sort()).toEqual(['color', 'idtag', 'inherit', 'textColor', 'title']);
    expect((await api.get<unknown[]>('/api/v1/templates')).body.length).toBeGreaterThan(0);
  });

  it('serves product images without auth', async () => {
    api = await startApi();
    const product = api.backend.state.products.find((p) => p.images.length > 0);
    const response = await fetch(product?.images[0] ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});

describe('rate limit', () => {
  it('counts down X-RateLimit-Remaining and answers 429 (code 28) without executing the request', async () => {
    const clock = createManualClock();
    api = await startApi({ rateLimitPerMinute: 3, clock });
    const picklist = api.backend.state.picklists.find((p) => p.status === 'new' && !p.products.some((l) => l.has_parts));
    const line = picklist?.products[0];
    if (!picklist || !line) throw new Error('seed has no simple open picklist');
    const seen: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const r = await api.get('/api/v1/tags');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      seen.push(r.headers.get('x-ratelimit-remaining'));
    }
    expect(seen).toEqual(['2', '1', '0']);
    const refused = await api.post<ErrorBody>(`/api/v1/picklists/${String(picklist.idpicklist)}/pick`, { idpicklist_product: line.idpicklist_product, amount: 1 });
    expect(refused.status).toBe(429);
    expect(refused.body.error_code).toBe(28);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(line.amount_picked).toBe(0);
    clock.advance(60_000);
    const again = await api.get('/api/v1/tags');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('defaults to 500 per minute', async () => {
    api = await startApi();
    const r = await api.get('/api/v1/tags');
    expect(r.headers.get('x-ratelimit-limit')).toBe('500');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('499');
  });
});

describe('large warehouse', () => {
  it('serves 50,000 products and 5,000 picklists without slowing down per page', async () => {
    const started = performance.now();
    api = await startApi({ products: 50_000, picklists: 5_000, rateLimitPerMinute: 100_000 });
    expect(performance.now() - started).toBeLessThan(5000);
    const pages = performance.now();
    let count = 0;
    for (let offset = 0; ; offset += 100) {
      const page = await api.get<unknown[]>(`/api/v1/picklists?status=new&idwarehouse=1829&offset=${String(offset)}`);
      count += page.body.length;
      if (page.body.length < 100) break;
    }
    expect(count).toBe(api.backend.state.picklists.filter((p) => p.status === 'new' && p.idwarehouse === 1829).length);
    const last = api.backend.state.products.at(-1);
    const byCode = await api.get<Array<{ idproduct: number }>>(`/api/v1/products?productcode=${last?.productcode ?? ''}`);
    expect(byCode.body[0]?.idproduct).toBe(last?.idproduct);
    expect(performance.now() - pages).toBeLessThan(10_000);
  });
});

describe('missing User-Agent', () => {
  it('is refused when the header is absent altogether', async () => {
    api = await startApi();
    const { request } = await import('node:http');
    const target = new URL(`${api.backend.url}/api/v1/tags`);
    const status = await new Promise<number>((resolveStatus, reject) => {
      const req = request(target, { headers: { Authorization: basicAuth('k') } }, (res) => {
        res.resume();
        resolveStatus(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});
