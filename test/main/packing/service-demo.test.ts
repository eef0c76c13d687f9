import { words } from '../../helpers/answer-words';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import { createPackService, type PackService } from '../../../electron/main/packing/service';
import { createScanRouter, type ScanRouter } from '../../../electron/main/packing/scan-router';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { createPullSync, type PullSync } from '../../../electron/main/sync/pull';
import { tempDir } from '../db/temp-db';
import { outboxRows } from './harness';

/* The pack session over the real client, real sync and the demo backend's seeded data. */
describe('pack session against the demo backend', () => {
  let backend: DemoBackend;
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let sync: PullSync;
  let service: PackService;
  let router: ScanRouter;
  let idwarehouse: number;

  beforeEach(async () => {
    backend = await startDemoBackend({ seed: 7 });
    tmp = tempDir();
    db = openDatabase(tmp.file());
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    idwarehouse = backend.state.warehouses[0]?.idwarehouse ?? 0;
    sync = createPullSync({ db, api, clock: systemClock, idwarehouse, onStatus: () => undefined, onQueueChanged: () => undefined });
    await sync.syncNow();
    const packer = backend.state.users.find((u) => u.active) ?? backend.state.users[0];
    const packerOf = () => (packer ? { iduser: packer.iduser, name: packer.username } : null);
    service = createPackService({
      db,
      api,
      clock: systemClock,
      stationName: () => 'Demo 1',
      packer: packerOf,
      idwarehouse: () => idwarehouse,
      settings: () => ({ autoComplete: true, problemAction: 'pause', snoozeHours: 24, orderFields: null, weightTolerance: null }),
      isOnline: () => true,
      refreshPicklist: (id) => sync.refreshPicklist(id),
      onSessionChanged: () => undefined,
      language: () => 'en',
      onQueueChanged: () => undefined,
      kickOutbox: () => undefined,
    });
    router = createScanRouter({ db: () => db, pack: () => service, clock: systemClock, stationName: () => 'Demo 1', packer: packerOf });
  });

  afterEach(async () => {
    await sync.stop();
    db.close();
    tmp.cleanup();
    await backend.close();
  });

  it('refuses the paused demo picklist with its reason', async () => {
    const paused = backend.state.picklists.find((p) => p.idwarehouse === idwarehouse && p.status === 'paused');
    if (!paused) throw new Error('the demo seed has a paused picklist');
    const answer = await router.submit({ code: paused.picklistid, source: 'wedge' });
    expect(answer.kind).toBe('blocked');
    expect(words(answer)).toContain(paused.paused_reason ?? 'paused');
  });

  it('opens a picklist by its bare reference, verifies it by scans and queues the completion', async () => {
    const target = backend.state.picklists.find(
      (p) => p.idwarehouse === idwarehouse && p.status === 'new' && p.assigned_to_iduser === null && p.reference?.includes('/') && p.products.every((l) => !l.has_parts && l.partof_idpicklist_product === null),
    );
    if (!target?.reference) throw new Error('the demo seed has a prefixed reference');
    const bare = target.reference.split('/').pop()?.trim() ?? '';
    const opened = await router.submit({ code: bare, source: 'wedge' });
    expect(opened).toMatchObject({ kind: 'opened', picklistid: target.picklistid });
    expect(service.current()).toMatchObject({ idpicklist: target.idpicklist, isOnline: true });
    expect(service.current()?.shipping.idshippingprovider_profile).not.toBeNull();

    for (const line of service.current()?.lines ?? []) {
      const product = db.prepare('SELECT barcode FROM products WHERE idproduct = ?').get(line.idproduct) as { barcode: string | null };
      if (!product.barcode) {
        service.confirmLine({ idpicklist_product: line.idpicklist_product, amount: line.amount, reason: 'no barcode in the demo' });
        continue;
      }
      const answer = await router.submit({ code: product.barcode, source: 'wedge', multiplier: line.amount });
      if (answer.outcome === 'ambiguous') service.choose(line.idproduct);
      else expect(answer.outcome).toMatch(/line_complete|all_verified/);
    }
    expect(service.current()).toBeNull();
    expect(outboxRows(db, target.idpicklist).map((r) => r.kind)).toEqual(['assign', 'pick', 'ship', 'documents', 'close']);
  });
});
