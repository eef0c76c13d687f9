import { afterEach, describe, expect, it } from 'vitest';
import { createPicqerClient, type PicqerClient } from '../../../electron/main/picqer/client';
import { PicqerError } from '../../../electron/main/picqer/errors';
import { startDemoBackend } from '../../../electron/picqer-demo/server';
import type { DemoVariants } from '../../../electron/picqer-demo/variants';

/*
 * The client's picklist batches against the demo over real HTTP: the list (paginated like the
 * other lists, with Picqer's filters) and the detail, under both readings of the detail's
 * undocumented entries (demo variant bare-batch-entries), and an account without batches.
 */

type Demo = Awaited<ReturnType<typeof startDemoBackend>>;
const apiKey = 'batches-test-key';
const running: Demo[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.close()));
});

async function start(variants: Partial<DemoVariants> = {}): Promise<{ demo: Demo; client: PicqerClient }> {
  const demo = await startDemoBackend({ port: 0, seed: 'picqer-client-test', apiKey, variants });
  running.push(demo);
  return { demo, client: createPicqerClient({ baseUrl: demo.url, apiKey, appVersion: '0.1.0', projectUrl: 'https://packdesk.example' }) };
}

describe('picklist batches', () => {
  it('lists the open batches of a warehouse with the filters sent as Picqer names them', async () => {
    const { demo, client } = await start();
    const open = await client.listPicklistBatches({ idwarehouse: 1829, status: 'open' });
    expect(open.map((b) => [b.type, b.status, b.total_picklists])).toEqual([
      ['normal', 'open', 5],
      ['singles', 'open', 10],
    ]);
    expect(open[0]?.picklist_batchid).toMatch(/^\d+$/);
    expect(open[0]?.assigned_to?.iduser).toEqual(expect.any(Number));
    expect(await client.listPicklistBatches({ type: 'singles' })).toHaveLength(1);
    expect(await client.listPicklistBatches({ idwarehouse: 1830 })).toEqual([]);
    const sent = demo.requests.filter((r) => r.path === '/api/v1/picklists/batches');
    expect(sent[0]?.query).toMatchObject({ idwarehouse: '1829', status: 'open' });
  });

  it('pages through more than 100 batches 100 at a time', async () => {
    const { demo, client } = await start();
    const template = demo.state.picklistBatches[0];
    if (!template) throw new Error('the demo has no batch');
    for (let i = 0; i < 150; i++) demo.state.picklistBatches.push({ ...template, idpicklist_batch: 9000 + i, picklist_batchid: 9000 + i, idpicklists: [] });
    const all = await client.listPicklistBatches();
    expect(all).toHaveLength(152);
    expect(new Set(all.map((b) => b.idpicklist_batch)).size).toBe(152);
    expect(demo.requests.filter((r) => r.path.split('?')[0] === '/api/v1/picklists/batches')).toHaveLength(2);
  });

  it('reads a batch with its picklists in order and per product the picklists that want it, picks included', async () => {
    const { demo, client } = await start();
    const [normal] = await client.listPicklistBatches({ type: 'normal' });
    if (!normal) throw new Error('no normal batch');
    const first = demo.state.picklistBatches[0]?.idpicklists[0] as number;
    const line = demo.state.getPicklist(first).products[0];
    if (!line) throw new Error('no line');
    await client.pick(first, { idpicklist_product: line.idpicklist_product, amount: 1 });
    const detail = await client.getPicklistBatch(normal.idpicklist_batch);
    expect(detail.picklists.map((p) => p.idpicklist)).toEqual(demo.state.picklistBatches[0]?.idpicklists);
    expect(detail.picklists[0]).toMatchObject({ idpicklist: first, status: 'new', picklistid: demo.state.getPicklist(first).picklistid });
    const entry = detail.products.find((p) => p.idproduct === line.idproduct)?.picklists.find((e) => e.idpicklist === first);
    expect(entry).toMatchObject({ amount_picked: 1, amount_collected: 1 });
    expect(detail.products.every((p) => p.productcode !== '' && p.picklists.length > 0)).toBe(true);
  });

  it('reads a detail whose entries carry only ids and amounts, with the stated defaults', async () => {
    const { client } = await start({ bareBatchEntries: true });
    const [normal] = await client.listPicklistBatches({ type: 'normal' });
    const detail = await client.getPicklistBatch(normal?.idpicklist_batch ?? 0);
    expect(detail.picklists).toHaveLength(5);
    expect(detail.picklists[0]).toEqual({ idpicklist: expect.any(Number) as number, picklistid: '', reference: null, alias: null, status: null, total_products: null, delivery_name: null });
    expect(detail.products[0]?.picklists[0]).toEqual({ idpicklist: expect.any(Number) as number, amount: expect.any(Number) as number, amount_picked: 0, amount_collected: 0 });
    expect(detail.products[0]?.productcode).toBe('');
  });

  it('an account without batches answers 404, as a PicqerError the caller can tell apart', async () => {
    const { client } = await start({ noBatches: 404 });
    const error: unknown = await client.listPicklistBatches().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PicqerError);
    expect((error as PicqerError).httpStatus).toBe(404);
    await expect(client.getPicklistBatch(3301)).rejects.toBeInstanceOf(PicqerError);
  });
});
