import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain';
import { systemClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { listQueue } from '../../../electron/main/db/queries/picklists';
import { startDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../../electron/picqer-demo/server';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import { createPullSync, type PullSync } from '../../../electron/main/sync/pull';
import { tempDir } from '../db/temp-db';

/*
 * Issue 13: an optional reference list (picking containers, tags, ...) that a backend will not
 * serve never blocks packing; an essential list that fails names the page and keeps what came.
 * Against the real demo backend over HTTP.
 */

const openStatuses = ['new', 'paused', 'snoozed'];

describe('sync without an optional list', () => {
  let backend: DemoBackend;
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let sync: PullSync;
  let statuses: SyncStatus[];

  const start = async (options: DemoBackendOptions = {}) => {
    resetSharedSchedulers();
    backend = await startDemoBackend({ seed: 7, ...options });
    tmp = tempDir();
    db = openDatabase(tmp.file());
    statuses = [];
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    sync = createPullSync({ db, api, clock: systemClock, idwarehouse: idwarehouse(), onStatus: (s) => statuses.push(s), onQueueChanged: () => undefined });
  };
  const idwarehouse = () => backend.state.warehouses[0]?.idwarehouse ?? 0;
  const openIds = () =>
    backend.state.picklists
      .filter((p) => p.idwarehouse === idwarehouse() && openStatuses.includes(p.status))
      .map((p) => p.idpicklist)
      .sort();
  const queueIds = () =>
    listQueue(db, { idwarehouse: idwarehouse() })
      .map((q) => q.idpicklist)
      .sort();
  const requestsTo = (path: string) => backend.requests.filter((r) => r.path === `/api/v1${path}`).length;

  afterEach(async () => {
    await sync.stop();
    db.close();
    tmp.cleanup();
    await backend.close();
  });

  for (const status of [404, 401, 403] as const) {
    it(`finishes the bootstrap when picking containers answer ${status} (variant), names them, and asks again later`, async () => {
      await start({ variants: { noContainers: status } });
      const first = await sync.syncNow();
      expect(first.state).toBe('idle');
      expect(queueIds()).toEqual(openIds());
      expect(first.unavailable).toEqual([expect.objectContaining({ list: 'picking-containers', answer: expect.objectContaining({ httpStatus: status }) })]);

      const asked = requestsTo('/picking-containers');
      const second = await sync.syncNow();
      expect(requestsTo('/picking-containers')).toBeGreaterThan(asked);
      expect(second.state).toBe('idle');
      expect(second.unavailable?.map((u) => u.list)).toEqual(['picking-containers']);
    });

    it(`skips picking containers refused once with ${status} and clears the note when they answer again`, async () => {
      await start();
      backend.faults.refuse(1, /\/picking-containers$/, { status, errorCode: 20, message: 'Item not found' });
      const first = await sync.syncNow();
      expect(first.state).toBe('idle');
      expect(queueIds()).toEqual(openIds());
      expect(first.unavailable).toEqual([
        expect.objectContaining({ list: 'picking-containers', answer: expect.objectContaining({ httpStatus: status, picqerErrorCode: 20, picqerMessage: 'Item not found' }) }),
      ]);

      const second = await sync.syncNow();
      expect(second.state).toBe('idle');
      expect(second.unavailable).toBeUndefined();
    });
  }

  it('finishes the bootstrap when tags answer 500, and a later refresh reads them', async () => {
    await start();
    backend.faults.refuse(1, /\/tags$/, { status: 500, errorCode: 1, message: 'Internal error' });
    const first = await sync.syncNow();
    expect(first.state).toBe('idle');
    expect(queueIds()).toEqual(openIds());
    expect(first.unavailable).toEqual([expect.objectContaining({ list: 'tags', answer: expect.objectContaining({ code: 'BACKEND_ERROR', httpStatus: 500 }) })]);

    const second = await sync.syncNow();
    expect(second.unavailable).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM tags').get()).toEqual({ n: backend.state.tags.length });
  });

  it('finishes the bootstrap when the tags answer is broken', async () => {
    await start();
    backend.faults.malformedJson(1, /\/tags$/);
    const first = await sync.syncNow();
    expect(first.state).toBe('idle');
    expect(queueIds()).toEqual(openIds());
    expect(first.unavailable).toEqual([expect.objectContaining({ list: 'tags', answer: expect.objectContaining({ code: 'BAD_RESPONSE' }) })]);
  });

  it('names the products page that failed, keeps the pages before it, and continues there', async () => {
    await start({ products: 750 });
    let isArmed = false;
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    sync = createPullSync({
      db,
      api,
      clock: systemClock,
      idwarehouse: idwarehouse(),
      onStatus: (s) => {
        // Armed after page 6 is committed, so page 7 (offset 600) is the one refused.
        if (!isArmed && s.progress?.phase === 'products' && s.progress.done === 600) {
          isArmed = true;
          backend.faults.refuse(1, /\/products$/, { status: 500, errorCode: 1, message: 'Internal error' });
        }
      },
      onQueueChanged: () => undefined,
    });
    const first = await sync.syncNow();
    expect(first.state).toBe('error');
    expect(first.failure).toEqual({
      step: { list: 'products', offset: 600 },
      answer: { code: 'BACKEND_ERROR', httpStatus: 500, picqerErrorCode: 1, picqerMessage: 'Internal error' },
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM products').get()).toEqual({ n: 600 });

    const before = backend.requests.length;
    const second = await sync.syncNow();
    expect(second.state).toBe('idle');
    expect(second.failure).toBeUndefined();
    expect(backend.requests.slice(before).find((r) => r.path === '/api/v1/products')?.query.offset).toBe('600');
  });

  it('still reads a 401 on an essential list as a refused API key', async () => {
    await start();
    backend.faults.refuse(1, /\/products$/, { status: 401, errorCode: 1, message: 'Invalid API key' });
    const first = await sync.syncNow();
    expect(first.state).toBe('unauthorized');
    expect(first.failure?.step).toEqual({ list: 'products', offset: 0 });
  });
});
