import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { findProductsByCode } from '../../../electron/main/db/queries/products';
import { listQueue } from '../../../electron/main/db/queries/picklists';
import { readSyncState } from '../../../electron/main/db/queries/sync-state';
import { setLogSink, type LogLevel } from '../../../electron/main/infra/log';
import { createPullSync, defaultIntervals, type PullSync } from '../../../electron/main/sync/pull';
import { keys } from '../../../electron/main/sync/pull-steps';
import { line, order, picklist, product, tag, user, warehouse } from '../db/factories';
import { tempDir } from '../db/temp-db';
import { FakePicqer, offline, unauthenticated } from './fake-api';

/** Lets the fake's promises and the sync's awaits run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

function seed(fake: FakePicqer, counts: { products: number; picklists: number }): void {
  fake.warehouses = [warehouse({ idwarehouse: 1 }), warehouse({ idwarehouse: 2, name: 'Other' })];
  fake.users = [user({ iduser: 10 })];
  fake.shippingProviders = [
    { idshippingprovider: 1, name: 'PostNL', provider: 'postnl', active: true, profiles: [{ idshippingprovider_profile: 5, name: 'Std', standard: true, active: true }] },
  ];
  fake.packagings = [{ idpackaging: 1, name: 'Box S', barcode: 'BOX-S', length: 20, width: 15, height: 10, use_in_auto_advice: false, active: true }];
  fake.tags = [tag({ idtag: 1 })];
  fake.templates = [{ idtemplate: 1, name: 'Default', default: true }];
  fake.containers = [{ idpicking_container: 1, name: 'BIN-1', barcode: null, idpicklist: 5001 }];
  fake.products = Array.from({ length: counts.products }, (_, i) =>
    product({ idproduct: i + 1, barcode: String(4000000000000 + i), updated: `2026-11-01 10:${String(i % 60).padStart(2, '0')}:00` }),
  );
  fake.picklists = Array.from({ length: counts.picklists }, (_, i) =>
    picklist({
      idpicklist: 5001 + i,
      idorder: 7001 + i,
      reference: `PS #${i + 1} / REF${i + 1}`,
      tags: i === 0 ? [tag({ idtag: 1 })] : [],
      products: [line({ idpicklist_product: 50010 + i * 10, idproduct: 1, amount: 2 })],
    }),
  );
  fake.orders = fake.picklists.map((p) => order({ idorder: p.idorder ?? 0, reference: p.reference }));
}

describe('pull sync', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let fake: FakePicqer;
  let clock: ReturnType<typeof createManualClock>;
  let statuses: SyncStatus[];
  let queueChanges: number[][];
  let logs: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }>;
  let sync: PullSync | null;

  const make = (database = db) => {
    sync = createPullSync({
      db: database,
      api: fake,
      clock,
      idwarehouse: 1,
      onStatus: (s) => statuses.push(s),
      onQueueChanged: (ids) => queueChanges.push(ids),
    });
    return sync;
  };

  /** Moves the clock forward in steps, letting every pass that falls due run to completion. */
  const runFor = async (ms: number, step = 5_000) => {
    for (let done = 0; done < ms; done += step) {
      clock.advance(Math.min(step, ms - done));
      await settle();
    }
  };

  /** Fires the timer start() set for the first pass (the manual clock only moves when told). */
  const kick = async () => {
    clock.advance(0);
    await settle();
  };

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.file());
    fake = new FakePicqer();
    clock = createManualClock();
    statuses = [];
    queueChanges = [];
    logs = [];
    sync = null;
    setLogSink((l) => logs.push({ level: l.level, message: l.message, fields: l.fields }), 'warn');
  });

  afterEach(async () => {
    await sync?.stop();
    db.close();
    tmp.cleanup();
  });

  it('bootstraps everything in the fixed requests plus one per 100-item page', async () => {
    seed(fake, { products: 250, picklists: 120 });
    fake.picklists.push(picklist({ idpicklist: 6001, idorder: 8001, status: 'paused', paused_reason: 'Stock' }));
    fake.orders.push(order({ idorder: 8001, status: 'paused' }));
    fake.picklists.push(picklist({ idpicklist: 6002, idwarehouse: 2 }));

    const status = await make().syncNow();

    expect(status.state).toBe('idle');
    expect(status.lastSyncedAt).toBe(new Date(clock.now()).toISOString());
    // 7 lists + products 3 pages + picklists new 2 / paused 1 / snoozed 1 + orders 2 pages + 1 paused order by id
    expect(fake.count('productPages')).toBe(3);
    expect(fake.count('picklistPages')).toBe(4);
    expect(fake.count('orderPages')).toBe(2);
    expect(fake.count('getOrder')).toBe(1);
    expect(fake.count()).toBe(7 + 3 + 4 + 2 + 1);

    const queue = listQueue(db, { idwarehouse: 1 });
    expect(queue).toHaveLength(121);
    expect(queue[0]).toMatchObject({ idpicklist: 5001, reference: 'PS #1 / REF1', webshop: 'PrestaShop', lineCount: 1, units: 2 });
    expect(queue[0]?.tags.map((t) => t.title)).toEqual(['Fragile']);
    expect(queue.find((q) => q.idpicklist === 6001)).toMatchObject({ status: 'paused', orderid: 'O2026-8001' });
    expect(findProductsByCode(db, '4000000000249').map((p) => p.idproduct)).toEqual([250]);
    expect(queueChanges.flat()).toContain(5001);
    expect(statuses.some((s) => s.state === 'syncing' && s.progress?.phase === 'products')).toBe(true);
    expect(readSyncState(db, keys.picklistCursor(1))).toBe(6001);
    expect(readSyncState(db, keys.productCursor)).toBe('2026-11-01 10:59:00');
  });

  it('resumes an interrupted bootstrap at the page it had not committed, after a restart', async () => {
    seed(fake, { products: 450, picklists: 3 });
    fake.fail('productPages', offline(), { when: (offset) => offset === 300 });

    const first = await make().syncNow();
    expect(first.state).toBe('offline');
    expect(fake.offsets('productPages')).toEqual([0, 100, 200, 300]);
    await sync?.stop();
    db.close();

    // A restart: a new connection and a new sync on the same file.
    db = openDatabase(tmp.file());
    fake.calls.length = 0;
    const second = await make().syncNow();
    expect(second.state).toBe('idle');
    expect(fake.count('listWarehouses')).toBe(0);
    expect(fake.offsets('productPages')).toEqual([300, 400]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM products').get()).toEqual({ n: 450 });
    expect(listQueue(db, { idwarehouse: 1 })).toHaveLength(3);
  });

  it('retries with growing backoff while offline, then goes idle', async () => {
    seed(fake, { products: 1, picklists: 1 });
    fake.fail('listWarehouses', offline(), { times: 3 });
    make().start();
    await kick();
    expect(sync?.status().state).toBe('offline');
    await runFor(4_000, 1_000);
    expect(fake.count('listWarehouses')).toBe(1);
    await runFor(1_000, 1_000); // first retry after 5 s
    expect(fake.count('listWarehouses')).toBe(2);
    await runFor(10_000, 1_000); // then 10 s
    expect(fake.count('listWarehouses')).toBe(3);
    await runFor(20_000, 1_000); // then 20 s, which succeeds
    expect(sync?.status().state).toBe('idle');
    expect(listQueue(db, { idwarehouse: 1 })).toHaveLength(1);
  });

  it('stops polling on a refused API key until asked again', async () => {
    seed(fake, { products: 1, picklists: 1 });
    // A 401 on an optional list may be a feature the account lacks; on products it is the key.
    fake.fail('productPages', unauthenticated());
    make().start();
    await kick();
    expect(sync?.status()).toMatchObject({ state: 'unauthorized', message: 'Picqer refused the API key', failure: { step: { list: 'products', offset: 0 } } });
    const asked = fake.count();
    await runFor(30 * 60_000, 60_000);
    expect(fake.count()).toBe(asked);
    const status = await sync?.syncNow();
    expect(status?.state).toBe('idle');
    expect(listQueue(db, { idwarehouse: 1 })).toHaveLength(1);
  });

  it('reports a backend error with its reason and retries', async () => {
    seed(fake, { products: 1, picklists: 1 });
    fake.fail('listUsers', new Error('socket hang up'));
    make().start();
    await kick();
    expect(sync?.status()).toMatchObject({ state: 'error', message: 'socket hang up' });
    await runFor(5_000, 1_000);
    expect(sync?.status().state).toBe('idle');
  });

  it('logs and skips a record the client set aside, and syncs the rest', async () => {
    seed(fake, { products: 3, picklists: 3 });
    fake.rejectedIds.add(5002);
    fake.rejectedIds.add(2);
    const status = await make().syncNow();
    expect(status).toMatchObject({ state: 'idle', skipped: 2 });
    expect(listQueue(db, { idwarehouse: 1 }).map((q) => q.idpicklist)).toEqual([5001, 5003]);
    expect(findProductsByCode(db, 'SKU-1')).toHaveLength(1);
    expect(findProductsByCode(db, 'SKU-2')).toHaveLength(0);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.fields?.id)).toEqual(expect.arrayContaining([2, 5002]));
  });

  it('stretches the open-set refresh of a large open set to one request per 2 idle minutes', async () => {
    seed(fake, { products: 5, picklists: 1_200 });
    make().start();
    await kick();
    expect(sync?.status().state).toBe('idle');
    fake.calls.length = 0;
    await runFor(120 * 60_000, 10_000);
    const openSetPages = fake.calls.filter((c) => c.method === 'picklistPages' && c.filter && 'status' in c.filter).length;
    // Costed at 12 pages of new picklists + 1 paused + 1 snoozed + the picking containers + the
    // open batches = 16 requests, so every 32 minutes instead of 15: 3 refreshes in 2 h, not 8.
    // Each reads 13 pages of new picklists (the 12th is full, so one more says it was the last),
    // 1 paused, 1 snoozed.
    expect(openSetPages).toBe(3 * 15);
    expect(fake.count() / 120).toBeLessThanOrEqual(2);
  });

  describe('after the bootstrap', () => {
    beforeEach(async () => {
      seed(fake, { products: 5, picklists: 3 });
      make().start();
      await kick();
      expect(sync?.status().state).toBe('idle');
      fake.calls.length = 0;
      queueChanges.length = 0;
    });

    it('picks up a new picklist via sinceid, with its order', async () => {
      fake.picklists.push(picklist({ idpicklist: 5100, idorder: 7100, deliveryname: 'Nieuwe Klant' }));
      fake.orders.push(order({ idorder: 7100, orderid: 'O-NEW' }));
      await runFor(defaultIntervals.picklistsMs);
      expect(fake.calls.find((c) => c.method === 'picklistPages')?.filter).toEqual({ idwarehouse: 1, sinceid: 5003 });
      expect(listQueue(db, { idwarehouse: 1, search: 'nieuwe' })).toMatchObject([{ idpicklist: 5100, orderid: 'O-NEW' }]);
      expect(queueChanges.flat()).toContain(5100);
      expect(fake.count('getOrder')).toBe(1);
    });

    it('drops a picklist closed in Picqer from the queue on the open-set refresh, and shows a pause', async () => {
      const [closed, paused] = fake.picklists;
      if (!closed || !paused) throw new Error('seed');
      closed.status = 'closed';
      paused.status = 'paused';
      paused.paused_reason = 'Damaged';
      await runFor(defaultIntervals.picklistsMs);
      expect(listQueue(db, { idwarehouse: 1 })).toHaveLength(3);
      await runFor(defaultIntervals.openSetMs);
      const queue = listQueue(db, { idwarehouse: 1 });
      expect(queue.map((q) => q.idpicklist)).toEqual([5002, 5003]);
      expect(queue.find((q) => q.idpicklist === 5002)).toMatchObject({ status: 'paused', pausedReason: 'Damaged' });
      expect(queueChanges.flat()).toEqual(expect.arrayContaining([5001, 5002]));
    });

    it('re-reads instead of dropping a vanished picklist this station is packing', async () => {
      const [packing] = fake.picklists;
      if (!packing) throw new Error('seed');
      packing.status = 'closed';
      db.prepare("INSERT INTO pack_sessions (idpicklist, status, started_at, updated_at) VALUES (5001, 'open', 't', 't')").run();
      await sync?.syncNow();
      expect(fake.count('getPicklist')).toBe(1);
      expect(db.prepare('SELECT status FROM picklists WHERE idpicklist = 5001').get()).toEqual({ status: 'closed' });
    });

    it('re-indexes a product whose barcode changed, via updated_after', async () => {
      const changed = fake.products[0];
      if (!changed) throw new Error('seed');
      changed.barcode = '96385074';
      changed.updated = '2026-11-02 08:00:00';
      await runFor(defaultIntervals.productsMs);
      const call = fake.calls.find((c) => c.method === 'productPages');
      expect(call?.filter).toEqual({ updated_after: '2026-11-01 10:04:00' });
      expect(findProductsByCode(db, '4000000000000')).toEqual([]);
      expect(findProductsByCode(db, '0096385074'.slice(2)).map((p) => p.idproduct)).toEqual([1]);
      expect(readSyncState(db, keys.productCursor)).toBe('2026-11-02 08:00:00');
    });

    it('stays within 2 requests per idle minute', async () => {
      await runFor(120 * 60_000, 10_000);
      const perMinute = fake.count() / 120;
      // Per 2 h: 120 sinceid polls, 24 product polls, 8 open-set refreshes x 4, 2 reference refreshes x 6.
      expect(fake.count()).toBe(120 + 24 + 8 * 4 + 2 * 6);
      expect(perMinute).toBeLessThanOrEqual(2);
      expect(fake.count('picklistPages')).toBeGreaterThanOrEqual(120);
      expect(sync?.status().state).toBe('idle');
    });

    it('refreshes one picklist on demand and tells the queue', async () => {
      const target = fake.picklists[1];
      if (!target) throw new Error('seed');
      target.urgent = true;
      await sync?.refreshPicklist(5002);
      expect(fake.count()).toBe(1);
      expect(listQueue(db, { idwarehouse: 1 })[0]?.idpicklist).toBe(5002);
      expect(queueChanges).toEqual([[5002]]);
    });

    it('continues after a restart without bootstrapping again', async () => {
      await sync?.stop();
      sync = null;
      fake.calls.length = 0;
      const again = make();
      again.start();
      await kick();
      expect(fake.count('listWarehouses')).toBe(0);
      expect(again.status().lastSyncedAt).not.toBeNull();
    });
  });
});
