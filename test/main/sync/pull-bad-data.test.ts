import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain';
import { systemClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { findProductsByCode } from '../../../electron/main/db/queries/products';
import { listQueue } from '../../../electron/main/db/queries/picklists';
import { getUser } from '../../../electron/main/db/queries/users';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import { setLogSink, type LogLevel } from '../../../electron/main/infra/log';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import { createPullSync, type PullSync } from '../../../electron/main/sync/pull';
import { readSkipped } from '../../../electron/main/sync/pull-steps';
import { tempDir } from '../db/temp-db';
import { startBadBackend, type BadBackend, type SeenRequest } from '../picqer/bad-backend';

/*
 * Pull sync against the demo backend through a proxy that spoils some of its answers: records of
 * the wrong shape are set aside with their id and reason, counted in the sync status, and every
 * other record still syncs; an answer that cannot be read at all fails the pass with a sentence
 * and the next pass carries on. Real HTTP, real client, real SQLite.
 */

type Record_ = Record<string, unknown>;

describe('pull sync with bad data from the backend', () => {
  let demo: DemoBackend;
  let proxy: BadBackend;
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let sync: PullSync | null;
  let statuses: SyncStatus[];
  let logs: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }>;
  /** Set by a test: which answers the proxy spoils. */
  let spoil: { records: boolean; once: Map<string, () => { status: number; headers: Record<string, string>; body: string }> };
  const spoiled = { picklists: [] as number[], product: null as null | { idproduct: number; barcode: string }, user: null as null | number };

  const isFirstPage = (request: SeenRequest) => !request.query.has('offset');

  beforeEach(async () => {
    demo = await startDemoBackend({ seed: 7 });
    spoil = { records: true, once: new Map() };
    spoiled.picklists = [];
    spoiled.product = null;
    spoiled.user = null;
    proxy = await startBadBackend({
      upstream: demo.url,
      answer: (request) => {
        const once = spoil.once.get(request.path);
        if (!once) return undefined;
        spoil.once.delete(request.path);
        return once();
      },
      rewrite: (request, json) => {
        if (!spoil.records || !Array.isArray(json)) return undefined;
        const records = json as Record_[];
        if (request.path === '/api/v1/picklists' && request.query.get('status') === 'new' && isFirstPage(request)) {
          const [first, second] = records;
          if (!first || !second) return undefined;
          first.status = 'archived';
          second.idwarehouse = 'Amsterdam';
          spoiled.picklists = [Number(first.idpicklist), Number(second.idpicklist)];
          return records;
        }
        if (request.path === '/api/v1/products' && isFirstPage(request) && !request.query.has('updated_after')) {
          const first = records[0];
          if (!first) return undefined;
          spoiled.product = { idproduct: Number(first.idproduct), barcode: String(first.barcode) };
          delete first.productcode;
          return records;
        }
        if (request.path === '/api/v1/users') {
          const first = records[0];
          if (!first) return undefined;
          spoiled.user = Number(first.iduser);
          first.iduser = 'x';
          return records;
        }
        return undefined;
      },
    });
    tmp = tempDir();
    db = openDatabase(tmp.file());
    sync = null;
    statuses = [];
    logs = [];
    setLogSink((line) => logs.push({ level: line.level, message: line.message, fields: line.fields }), 'warn');
  });

  afterEach(async () => {
    await sync?.stop();
    db.close();
    tmp.cleanup();
    await proxy.close();
    await demo.close();
    resetSharedSchedulers();
  });

  const make = (): PullSync => {
    const api = createPicqerClient({ apiKey: 'pull-bad-data-key', baseUrl: proxy.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    const idwarehouse = demo.state.warehouses[0]?.idwarehouse ?? 0;
    sync = createPullSync({ db, api, clock: systemClock, idwarehouse, onStatus: (s) => statuses.push(s), onQueueChanged: () => undefined });
    return sync;
  };
  const idwarehouse = () => demo.state.warehouses[0]?.idwarehouse ?? 0;
  const openPicklists = () => demo.state.picklists.filter((p) => p.idwarehouse === idwarehouse() && ['new', 'paused', 'snoozed'].includes(p.status));

  it('sets bad records aside, counts them in the status, logs each with its id and reason, and syncs the rest', async () => {
    const status = await make().syncNow();

    expect(status).toMatchObject({ state: 'idle', message: null, skipped: 4 });
    expect(spoiled.picklists).toHaveLength(2);
    const queue = listQueue(db, { idwarehouse: idwarehouse() }).map((q) => q.idpicklist);
    const expected = openPicklists().map((p) => p.idpicklist).filter((id) => !spoiled.picklists.includes(id));
    expect(queue.sort()).toEqual(expected.sort());
    expect(findProductsByCode(db, spoiled.product?.barcode ?? '')).toEqual([]);
    expect(getUser(db, spoiled.user ?? 0)).toBeNull();

    const skipped = readSkipped(db, idwarehouse());
    expect(skipped.map((s) => [s.kind, s.id]).sort()).toEqual(
      [['picklist', spoiled.picklists[0]], ['picklist', spoiled.picklists[1]], ['product', spoiled.product?.idproduct], ['user', null]].sort(),
    );
    expect(skipped.find((s) => s.id === spoiled.picklists[0])?.reason).toMatch(/^status: .*\(got "archived"\)$/);
    expect(skipped.find((s) => s.id === spoiled.picklists[1])?.reason).toBe('idwarehouse: Invalid input (got "Amsterdam")');
    expect(skipped.find((s) => s.kind === 'product')?.reason).toMatch(/^productcode: .*\(got missing\)$/);

    const warned = logs.filter((l) => l.level === 'warn');
    for (const id of [...spoiled.picklists, spoiled.product?.idproduct]) {
      expect(warned.some((l) => l.fields?.id === id && typeof l.fields?.reason === 'string')).toBe(true);
    }
    expect(warned.some((l) => l.fields?.path === '/users' && String(l.fields?.reason).startsWith('iduser'))).toBe(true);
  });

  it('drops a record from the count once it reads fine again', async () => {
    await make().syncNow();
    spoil.records = false;

    const after = await sync?.syncNow();
    // The open-set refresh and the reference lists read the picklists and the user again. The
    // product comes back when it changes in Picqer (sync asks for changed products), or sooner if
    // it happens to be newer than every product read fine.
    expect(after?.state).toBe('idle');
    expect(readSkipped(db, idwarehouse()).filter((s) => s.kind !== 'product')).toEqual([]);
    const queue = listQueue(db, { idwarehouse: idwarehouse() }).map((q) => q.idpicklist);
    for (const id of spoiled.picklists) expect(queue).toContain(id);
    expect(getUser(db, spoiled.user ?? 0)).not.toBeNull();

    demo.state.updateProduct(spoiled.product?.idproduct ?? 0, { name: 'Fixed in Picqer' });
    const fixed = await sync?.syncNow();
    expect(fixed?.state).toBe('idle');
    expect(fixed?.skipped).toBeUndefined();
    expect(findProductsByCode(db, spoiled.product?.barcode ?? '').map((p) => p.idproduct)).toEqual([spoiled.product?.idproduct]);
  });

  it('keeps the count across a restart of the station', async () => {
    await make().syncNow();
    await sync?.stop();
    expect(make().status()).toMatchObject({ state: 'idle', skipped: 4 });
  });

  it('goes on without an optional list it cannot read, names it, and reads it on the next pass', async () => {
    spoil.records = false;
    spoil.once.set('/api/v1/tags', () => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '[{"idtag": 1, "title": "Fra' }));
    spoil.once.set('/api/v1/templates', () => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
    }));

    const first = await make().syncNow();
    expect(first).toMatchObject({ state: 'idle', message: null });
    expect(first.unavailable).toEqual([
      expect.objectContaining({ list: 'tags', answer: { code: 'BAD_RESPONSE', httpStatus: 200, picqerErrorCode: null, picqerMessage: null } }),
      expect.objectContaining({ list: 'templates', answer: { code: 'BACKEND_ERROR', httpStatus: 502, picqerErrorCode: null, picqerMessage: null } }),
    ]);
    expect(listQueue(db, { idwarehouse: idwarehouse() })).toHaveLength(openPicklists().length);
    const second = await sync?.syncNow();
    expect(second).toMatchObject({ state: 'idle', message: null });
    expect(second?.unavailable).toBeUndefined();
    expect(second?.skipped).toBeUndefined();
    // The bootstrap read the warehouses once; the refresh that read tags and templates again, twice.
    expect(proxy.requests.filter((r) => r.path === '/api/v1/warehouses')).toHaveLength(2);
  });
});
