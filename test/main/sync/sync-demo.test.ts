import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain';
import { systemClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { findProductsByCode } from '../../../electron/main/db/queries/products';
import { findPicklistsByScan, listQueue } from '../../../electron/main/db/queries/picklists';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { createPullSync } from '../../../electron/main/sync/pull';
import { tempDir } from '../db/temp-db';

/** Requests a listing of n records costs: one per 100, and one more that comes back short. */
const pagesFor = (n: number) => Math.floor(n / 100) + 1;
const openStatuses = ['new', 'paused', 'snoozed'];

describe('pull sync against the demo backend', () => {
  let backend: DemoBackend;
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;

  beforeEach(async () => {
    backend = await startDemoBackend({ seed: 7 });
    tmp = tempDir();
    db = openDatabase(tmp.file());
  });

  afterEach(async () => {
    db.close();
    tmp.cleanup();
    await backend.close();
  });

  it('bootstraps the first seeded warehouse into SQLite in the page lower bound plus the fixed requests', async () => {
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    const statuses: SyncStatus[] = [];
    const idwarehouse = backend.state.warehouses[0]?.idwarehouse ?? 0;
    const sync = createPullSync({ db, api, clock: systemClock, idwarehouse, onStatus: (s) => statuses.push(s), onQueueChanged: () => undefined });

    const status = await sync.syncNow();
    await sync.stop();
    expect(status).toMatchObject({ state: 'idle', message: null });

    const { state } = backend;
    const open = state.picklists.filter((p) => p.idwarehouse === idwarehouse && openStatuses.includes(p.status));
    expect(open.length).toBeGreaterThan(0);

    const queue = listQueue(db, { idwarehouse });
    expect(queue.map((q) => q.idpicklist).sort()).toEqual(open.map((p) => p.idpicklist).sort());
    for (const p of open) {
      const row = queue.find((q) => q.idpicklist === p.idpicklist);
      expect(row?.customer, p.picklistid).toBe(p.deliveryname);
      expect(row?.reference ?? null).toBe(p.reference ?? null);
      expect(row?.status).toBe(p.status);
      expect(row?.tags.map((t) => t.title)).toEqual(p.tags.map((t) => t.title));
      if (p.idorder !== null) expect(row?.orderid, p.picklistid).toBe(state.findOrder(p.idorder)?.orderid);
    }
    const withShopRef = open.find((p) => p.reference?.includes('/'));
    if (withShopRef?.reference) {
      const bare = withShopRef.reference.split('/').pop()?.trim() ?? '';
      expect(findPicklistsByScan(db, bare).map((m) => m.idpicklist)).toContain(withShopRef.idpicklist);
    }
    const scanned = state.products.find((p) => p.barcode);
    if (scanned?.barcode) expect(findProductsByCode(db, scanned.barcode).map((p) => p.idproduct)).toContain(scanned.idproduct);

    const processing = state.orders.filter((o) => o.status === 'processing' && o.warehouses.includes(idwarehouse));
    const processingIds = new Set(processing.map((o) => o.idorder));
    const ordersById = new Set(open.flatMap((p) => (p.idorder !== null && !processingIds.has(p.idorder) ? [p.idorder] : [])));
    const pages =
      pagesFor(state.products.length) +
      openStatuses.reduce((sum, s) => sum + pagesFor(open.filter((p) => p.status === s).length), 0) +
      pagesFor(processing.length);
    const fixed = 8; // warehouses, users, shipping providers, packagings, tags, templates, picking containers, open batches
    // Each open batch's detail (its picklists and products), read once.
    const batches = state.listPicklistBatches({ idwarehouse, status: 'open' }).length;
    console.log(
      `demo bootstrap: ${backend.requests.length} requests = ${pages} pages (${state.products.length} products, ` +
        `${open.length} open picklists, ${processing.length} processing orders) + ${fixed} lists + ${ordersById.size} orders by id + ${batches} batch details`,
    );
    expect(backend.requests.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(backend.requests.length).toBe(pages + fixed + ordersById.size + batches);
  });

  it('follows a new order and a remotely closed picklist on the next sync', async () => {
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    const { state } = backend;
    const idwarehouse = state.warehouses[0]?.idwarehouse ?? 0;
    const changes: number[][] = [];
    const sync = createPullSync({ db, api, clock: systemClock, idwarehouse, onStatus: () => undefined, onQueueChanged: (ids) => changes.push(ids) });
    await sync.syncNow();

    const product = state.products.find((p) => p.type === 'normal' && p.active);
    const closing = state.picklists.find((p) => p.idwarehouse === idwarehouse && p.status === 'new');
    if (!product || !closing) throw new Error('seed has no normal product or new picklist');
    const added = state.addPicklist({ lines: [{ idproduct: product.idproduct, amount: 2 }], reference: 'PS #999 / NEWREF', deliveryname: 'Nieuwe Klant' });
    state.closePicklist(closing.idpicklist);
    changes.length = 0;
    const before = backend.requests.length;

    expect((await sync.syncNow()).state).toBe('idle');
    await sync.stop();

    const queue = listQueue(db, { idwarehouse });
    expect(queue.find((q) => q.idpicklist === added.idpicklist)).toMatchObject({ customer: 'Nieuwe Klant', webshop: 'PrestaShop', units: 2 });
    expect(queue.some((q) => q.idpicklist === closing.idpicklist)).toBe(false);
    expect(changes.flat()).toEqual(expect.arrayContaining([added.idpicklist, closing.idpicklist]));
    expect(findPicklistsByScan(db, 'NEWREF').map((m) => m.idpicklist)).toEqual([added.idpicklist]);
    console.log(`demo sync now after bootstrap: ${backend.requests.length - before} requests`);
  });
});
