import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { getPicklistBatch, listOpenPicklistBatches } from '../../../electron/main/db/queries/picklist-batches';
import { listQueue } from '../../../electron/main/db/queries/picklists';
import { startDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../../electron/picqer-demo/server';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import { createPullSync, type PullSync } from '../../../electron/main/sync/pull';
import { tempDir } from '../db/temp-db';

/*
 * Issue 17: sync pulls the station warehouse's open picklist batches with the open set, against
 * the real demo over HTTP; a backend without batches (404) never stops sync.
 */

describe('sync of picklist batches', () => {
  let backend: DemoBackend;
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let sync: PullSync;

  const start = async (options: DemoBackendOptions = {}) => {
    resetSharedSchedulers();
    backend = await startDemoBackend({ seed: 7, ...options });
    tmp = tempDir();
    db = openDatabase(tmp.file());
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    sync = createPullSync({ db, api, clock: systemClock, idwarehouse: 1829, onStatus: () => undefined, onQueueChanged: () => undefined });
  };
  const detailRequests = () => backend.requests.filter((r) => /^\/api\/v1\/picklists\/batches\/\d+$/.test(r.path)).length;
  const openIds = () =>
    backend.state.picklists
      .filter((p) => p.idwarehouse === 1829 && ['new', 'paused', 'snoozed'].includes(p.status))
      .map((p) => p.idpicklist)
      .sort();
  const queueIds = () =>
    listQueue(db, { idwarehouse: 1829 })
      .map((q) => q.idpicklist)
      .sort();

  afterEach(async () => {
    await sync.stop();
    db.close();
    tmp.cleanup();
    await backend.close();
  });

  it('caches the open batches with their picklists in slot order, and reads a detail again only when the batch changed', async () => {
    await start();
    await sync.syncNow();
    const status = await sync.syncNow();
    expect(status.state).toBe('idle');
    expect(status.unavailable).toBeUndefined();
    const demoBatches = backend.state.picklistBatches;
    expect(listOpenPicklistBatches(db, 1829).map((b) => [b.idpicklistBatch, b.type])).toEqual(demoBatches.map((b) => [b.idpicklist_batch, b.type]));
    for (const batch of demoBatches) {
      const cached = getPicklistBatch(db, batch.idpicklist_batch);
      expect(cached?.picklists.map((p) => [p.slot, p.idpicklist])).toEqual(batch.idpicklists.map((id, i) => [i + 1, id]));
      const marked = db.prepare('SELECT idpicklist FROM picklists WHERE idpicklist_batch = ? ORDER BY idpicklist').all(batch.idpicklist_batch) as Array<{ idpicklist: number }>;
      expect(marked.map((r) => r.idpicklist)).toEqual([...batch.idpicklists].sort((a, b) => a - b));
    }

    const detailsBefore = detailRequests();
    await sync.syncNow();
    expect(detailRequests()).toBe(detailsBefore);

    // The singles batch is done in Picqer: it leaves the open list and the station forgets it.
    const singles = demoBatches.find((b) => b.type === 'singles');
    if (!singles) throw new Error('the demo has no singles batch');
    for (const id of singles.idpicklists) backend.state.cancelPicklist(id);
    await sync.syncNow();
    expect(getPicklistBatch(db, singles.idpicklist_batch)).toBeNull();
    expect(listOpenPicklistBatches(db, 1829).map((b) => b.type)).toEqual(['normal']);
  });

  for (const status of [404, 403] as const) {
    it(`goes on without batches when Picqer answers ${status} for them, notes it, and still fills the queue`, async () => {
      await start({ variants: { noBatches: status } });
      await sync.syncNow();
      const second = await sync.syncNow();
      expect(second.state).toBe('idle');
      expect(queueIds()).toEqual(openIds());
      expect(second.unavailable).toEqual([expect.objectContaining({ list: 'picklist-batches', answer: expect.objectContaining({ httpStatus: status }) })]);
      expect(listOpenPicklistBatches(db, 1829)).toEqual([]);
      const third = await sync.syncNow();
      expect(third.state).toBe('idle');
    });
  }

  it('reads detail entries that carry only ids and amounts (variant bare-batch-entries)', async () => {
    await start({ variants: { bareBatchEntries: true } });
    await sync.syncNow();
    await sync.syncNow();
    const normal = backend.state.picklistBatches.find((b) => b.type === 'normal');
    const cached = getPicklistBatch(db, normal?.idpicklist_batch ?? 0);
    expect(cached?.picklists.map((p) => p.idpicklist)).toEqual(normal?.idpicklists);
    expect(cached?.picklists[0]).toMatchObject({ slot: 1, picklistid: null, status: null });
    expect(cached?.products.length).toBeGreaterThan(0);
  });
});
