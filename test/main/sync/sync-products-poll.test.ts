import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import { findProductsByCode } from '../../../electron/main/db/queries/products';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import { createPullSync, type PullSync } from '../../../electron/main/sync/pull';
import { trackGlobalFetch, type FetchTracker } from '../../bench/fetch-tracker';
import { createSteppingClock } from '../../bench/sim-clock';
import { tempDir } from '../db/temp-db';

/*
 * Issue 13: a backend that ignores `updated_after` on /products answers the whole catalogue to
 * every 5-minute poll. The station must notice and keep an idle hour cheap (the bench's idle
 * budget is 2 requests a minute), while still picking up changed products.
 */

const products = 450;
const catalogPages = Math.floor(products / 100) + 1;

describe('product polling against a backend that ignores updated_after', () => {
  let backend: DemoBackend;
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let sync: PullSync;
  let fetches: FetchTracker;

  afterEach(async () => {
    await sync.stop();
    fetches.restore();
    db.close();
    tmp.cleanup();
    await backend.close();
  });

  it('walks the catalogue at most once in an idle hour and stays under 2 requests a minute', async () => {
    resetSharedSchedulers();
    const clock = createSteppingClock();
    fetches = trackGlobalFetch();
    backend = await startDemoBackend({ seed: 7, products, variants: { ignoresUpdatedAfter: true } });
    tmp = tempDir();
    db = openDatabase(tmp.file());
    const idwarehouse = backend.state.warehouses[0]?.idwarehouse ?? 0;
    const api = createPicqerClient({ apiKey: 'demo-key', baseUrl: backend.url, userAgent: 'Packdesk-test/0 (test@example.com)' });
    sync = createPullSync({ db, api, clock, idwarehouse, onStatus: () => undefined, onQueueChanged: () => undefined });
    expect((await sync.syncNow()).state).toBe('idle');

    // A product renamed in Picqer after the bootstrap must still arrive.
    const changed = backend.state.products.find((p) => p.active && p.barcode);
    if (!changed?.barcode) throw new Error('seed has no product with a barcode');
    changed.name = 'Renamed while idle';
    changed.updated = '2099-01-01 00:00:00';

    sync.start();
    const idleFrom = backend.requests.length;
    const idleEnd = clock.now() + 3_600_000;
    for (;;) {
      await fetches.quiet();
      const next = clock.nextDue();
      if (next === null || next > idleEnd) break;
      clock.advanceTo(next);
    }
    await fetches.quiet();
    const idle = backend.requests.slice(idleFrom).filter((r) => r.path.startsWith('/api/v1/'));
    const productRequests = idle.filter((r) => r.path === '/api/v1/products').length;
    console.log(`ignores-updated-after: ${idle.length} requests in an idle hour (${(idle.length / 60).toFixed(2)}/min), ${productRequests} for products`);
    expect(productRequests).toBeLessThanOrEqual(catalogPages);
    expect(idle.length / 60).toBeLessThanOrEqual(2);
    expect(findProductsByCode(db, changed.barcode).find((p) => p.idproduct === changed.idproduct)?.name).toBe('Renamed while idle');
  });
});
