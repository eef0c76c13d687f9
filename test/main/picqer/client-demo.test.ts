import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type Clock } from '../../../electron/main/infra/clock';
import { startDemoBackend } from '../../../electron/picqer-demo/server';
import { createPicqerClient, defaultShippingMethod, type PicqerClient, type PicqerClientOptions } from '../../../electron/main/picqer/client';
import { isOutcomeUnknown, PicqerError } from '../../../electron/main/picqer/errors';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import type { Page, PicqerPicklist } from '../../../electron/main/picqer/types';

type Demo = Awaited<ReturnType<typeof startDemoBackend>>;
type DemoOptions = NonNullable<Parameters<typeof startDemoBackend>[0]>;

const apiKey = 'demo-test-key';
const running: Demo[] = [];

async function start(options: DemoOptions = {}): Promise<Demo> {
  const demo = await startDemoBackend({ port: 0, seed: 'picqer-client-test', apiKey, ...options });
  running.push(demo);
  return demo;
}

function clientFor(demo: Demo, extra: Partial<PicqerClientOptions> = {}): PicqerClient {
  return createPicqerClient({ baseUrl: demo.url, apiKey, appVersion: '0.1.0', projectUrl: 'https://packdesk.example', ...extra });
}

async function all<T>(pages: AsyncIterable<Page<T>>): Promise<{ items: T[]; rejected: number; pages: number }> {
  const out = { items: [] as T[], rejected: 0, pages: 0 };
  for await (const page of pages) {
    out.items.push(...page.items);
    out.rejected += page.rejected.length;
    out.pages++;
  }
  return out;
}

function apiRequests(demo: Demo, prefix: string) {
  return demo.requests.filter((r) => r.path.split('?')[0] === `/api/v1${prefix}`);
}

/** Moves a shared manual clock on while real HTTP runs, until the work is done. */
async function drive<T>(clock: Clock & { advance(ms: number): void }, work: Promise<T>, stepMs = 1000, maxSteps = 1000): Promise<T> {
  let isDone = false;
  work.then(
    () => (isDone = true),
    () => (isDone = true),
  );
  for (let step = 0; step < maxSteps && !isDone; step++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (!isDone) clock.advance(stepMs);
  }
  return work;
}

async function openPicklist(client: PicqerClient): Promise<PicqerPicklist> {
  for await (const page of client.picklistPages({ status: 'new' })) {
    const found = page.items.find((p) => p.products.length > 0 && p.products.every((l) => l.amount_picked === 0 && !l.has_parts && l.partof_idpicklist_product === null));
    if (found) return found;
  }
  throw new Error('no open picklist in the demo');
}

afterEach(async () => {
  resetSharedSchedulers();
  await Promise.all(running.splice(0).map((demo) => demo.close()));
});

describe('Picqer client against the demo backend', () => {
  it('reads the signed-in user and the two warehouses', async () => {
    const client = clientFor(await start());
    const me = await client.getMe();
    expect(me.iduser).toBeGreaterThan(0);
    const warehouses = await client.listWarehouses();
    expect(warehouses).toHaveLength(2);
    expect(await client.listUsers()).not.toHaveLength(0);
    expect(await client.listShippingProviders()).not.toHaveLength(0);
    expect(await client.listPackagings()).not.toHaveLength(0);
    expect(await client.listTags()).not.toHaveLength(0);
    expect(await client.listTemplates()).not.toHaveLength(0);
  });

  it('pages through every product with one request per 100 and nothing rejected', async () => {
    const demo = await start();
    const client = clientFor(demo);
    const products = await all(client.productPages());
    expect(products.items.length).toBeGreaterThanOrEqual(300);
    expect(products.rejected).toBe(0);
    expect(new Set(products.items.map((p) => p.idproduct)).size).toBe(products.items.length);
    expect(apiRequests(demo, '/products')).toHaveLength(Math.floor(products.items.length / 100) + 1);
  });

  it('pages through the picklists and filters them', async () => {
    const demo = await start();
    const client = clientFor(demo);
    const picklists = await all(client.picklistPages());
    expect(picklists.rejected).toBe(0);
    expect(apiRequests(demo, '/picklists')).toHaveLength(Math.floor(picklists.items.length / 100) + 1);
    const open = picklists.items.filter((p) => p.status === 'new');
    expect(open.length).toBeGreaterThanOrEqual(60);

    const warehouse = open[0]?.idwarehouse ?? 0;
    const filtered = await all(client.picklistPages({ status: 'new', idwarehouse: warehouse }));
    expect(filtered.items.length).toBe(open.filter((p) => p.idwarehouse === warehouse).length);
    expect(filtered.items.every((p) => p.status === 'new' && p.idwarehouse === warehouse)).toBe(true);

    const target = open[0] as PicqerPicklist;
    const byNumber = await all(client.picklistPages({ picklistid: target.picklistid }));
    expect(byNumber.items.map((p) => p.idpicklist)).toEqual([target.idpicklist]);
    expect((await client.getPicklist(target.idpicklist)).picklistid).toBe(target.picklistid);

    const product = (await all(client.productPages())).items[0];
    const byCode = await all(client.productPages({ productcode: product?.productcode }));
    expect(byCode.items.map((p) => p.idproduct)).toEqual([product?.idproduct]);
  });

  it('reads the order behind a picklist', async () => {
    const client = clientFor(await start());
    const picklist = await openPicklist(client);
    const order = await client.getOrder(picklist.idorder ?? 0);
    expect(order.idorder).toBe(picklist.idorder);
    const orders = await all(client.orderPages({ status: 'processing' }));
    expect(orders.rejected).toBe(0);
    expect(orders.items.map((o) => o.idorder)).toContain(picklist.idorder);
  });

  it('answers UNAUTHENTICATED for a wrong key', async () => {
    const demo = await start();
    const client = createPicqerClient({ baseUrl: demo.url, apiKey: 'wrong', userAgent: 'Packdesk/0.1.0 (test)' });
    const error = await client.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PicqerError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', httpStatus: 401 });
  });

  it('reads picklist tags in both shapes alike', async () => {
    const asArray = clientFor(await start({ picklistTagShape: 'array' }));
    const asObject = clientFor(await start({ picklistTagShape: 'object' }));
    const a = (await all(asArray.picklistPages())).items;
    const b = (await all(asObject.picklistPages())).items;
    expect(a.some((p) => p.tags.length > 0)).toBe(true);
    const tagsOf = (list: PicqerPicklist[]) => list.map((p) => [p.idpicklist, [...p.tags].sort((x, y) => x.idtag - y.idtag)]);
    expect(tagsOf(b)).toEqual(tagsOf(a));
  });

  for (const labelShape of ['both', 'parcels', 'toplevel'] as const) {
    it(`creates a shipment and downloads its label (${labelShape})`, async () => {
      const client = clientFor(await start({ labelShape }));
      const picklist = await openPicklist(client);
      await client.assign(picklist.idpicklist, (await client.getMe()).iduser);
      const result = await client.pickLines(
        picklist.idpicklist,
        picklist.products.map((l) => ({ idpicklist_product: l.idpicklist_product, amount: l.amount - l.amount_picked })),
      );
      expect(result.failed).toBeNull();
      const method = defaultShippingMethod(await client.getShippingMethods(picklist.idpicklist));
      expect(method).not.toBeNull();
      const shipment = await client.createShipment(picklist.idpicklist, { idshippingprovider_profile: method?.idshippingprovider_profile ?? 0, weight: 1200 });
      expect(shipment.idshipment).toBeGreaterThan(0);
      const label = shipment.parcels.flatMap((p) => p.documents).find((d) => d.type === 'label');
      expect(label).toBeDefined();
      const doc = await client.downloadDocument(label?.url ?? '');
      expect(doc.body.length).toBeGreaterThan(0);
      expect((await client.listShipments(picklist.idpicklist)).map((s) => s.idshipment)).toContain(shipment.idshipment);
    });
  }

  for (const packinglistPdf of ['json', 'raw'] as const) {
    it(`reads the packing list PDF (${packinglistPdf})`, async () => {
      const client = clientFor(await start({ packinglistPdf }));
      const picklist = await openPicklist(client);
      const pdf = await client.getPackingListPdf(picklist.idpicklist);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  }

  it('closes, comments, pauses and resumes', async () => {
    const client = clientFor(await start());
    const picklist = await openPicklist(client);
    const comment = await client.addComment('picklists', picklist.idpicklist, 'Doos beschadigd');
    expect(comment?.body ?? 'Doos beschadigd').toBe('Doos beschadigd');
    await client.pause(picklist.idpicklist, 'Item damaged');
    expect((await client.getPicklist(picklist.idpicklist)).status).toBe('paused');
    await client.resume(picklist.idpicklist);
    expect((await client.getPicklist(picklist.idpicklist)).status).toBe('new');
    await client.pickAll(picklist.idpicklist);
    await client.close(picklist.idpicklist);
    expect((await client.getPicklist(picklist.idpicklist)).status).toBe('closed');
  });

  it('recovers from 429s under a low rate limit', async () => {
    const clock = createManualClock();
    const demo = await start({ rateLimitPerMinute: 5, clock });
    // The clock jumps ahead while requests are on the wire; keep the deadline out of the way.
    const client = clientFor(demo, { clock, timeoutMs: 3_600_000 });
    const work = Promise.all(Array.from({ length: 8 }, () => client.listWarehouses({ priority: 'interactive' })));
    const results = await drive(clock, work);
    expect(results.every((r) => r.length === 2)).toBe(true);
    const stats = client.schedulerStats();
    expect(stats.limit).toBe(5);
    expect(stats.completed).toBe(8);
    // Remaining 0 on an answer means the next request would be refused: the scheduler waits for
    // the window instead of spending a 429 to learn it.
    expect(stats.rateLimited).toBeLessThanOrEqual(1);
    const refused = demo.requests.filter((r) => r.status === 429);
    expect(refused).toHaveLength(stats.rateLimited);
    // The demo sends no Retry-After: after each 429 the client is silent for the default 20 s.
    for (const r of refused) {
      expect(demo.requests.filter((other) => other.at > r.at && other.at < r.at + 20_000)).toEqual([]);
    }
  });

  it('retries a forced 429 after the backoff', async () => {
    const clock = createManualClock();
    const demo = await start({ clock });
    demo.faults.force429(1);
    const client = clientFor(demo, { clock, timeoutMs: 3_600_000 });
    const warehouses = await drive(clock, client.listWarehouses());
    expect(warehouses).toHaveLength(2);
    expect(client.schedulerStats()).toMatchObject({ rateLimited: 1, sent: 2 });
  });

  it('reports a pick whose connection was reset after it was applied as an unknown outcome', async () => {
    const demo = await start();
    const client = clientFor(demo);
    const picklist = await openPicklist(client);
    const line = picklist.products[0];
    demo.faults.resetAfterApply(1);
    const error = await client.pick(picklist.idpicklist, { idpicklist_product: line?.idpicklist_product ?? 0, amount: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OFFLINE' });
    expect(isOutcomeUnknown(error)).toBe(true);
    const after = await client.getPicklist(picklist.idpicklist);
    expect(after.products.find((l) => l.idpicklist_product === line?.idpicklist_product)?.amount_picked).toBe(1);
  });

  it('calls a cut-off answer to a read BAD_RESPONSE or OFFLINE, never a crash', async () => {
    const demo = await start();
    const client = clientFor(demo);
    demo.faults.malformedJson(1);
    const error = await client.listWarehouses().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PicqerError);
    expect(['BAD_RESPONSE', 'OFFLINE']).toContain((error as PicqerError).code);
    expect(await client.listWarehouses()).toHaveLength(2);
  });
});
