import { words } from '../helpers/answer-words';
import type { PackSession } from '../../shared/packing';
import { createManualClock } from '../../electron/main/infra/clock';
import { openDatabase } from '../../electron/main/db/connection';
import { upsertPicklists } from '../../electron/main/db/queries/picklists';
import { upsertProducts } from '../../electron/main/db/queries/products';
import { replaceUsers } from '../../electron/main/db/queries/users';
import { replaceWarehouses } from '../../electron/main/db/queries/warehouses';
import { createPackService } from '../../electron/main/packing/service';
import { createScanRouter } from '../../electron/main/packing/scan-router';
import type { PicqerProduct } from '../../electron/main/picqer/types';
import { line, picklist, product, user, warehouse } from '../main/db/factories';
import { ean13 } from '../main/packing/harness';
import { tempDir } from '../main/db/temp-db';

/*
 * The core's time to answer a product scan: scan.submit from the code to the persisted outcome and
 * the session the screen gets, on a real SQLite file (WAL) with a full catalogue. The picklist has
 * enough units that every timed scan counts; the scans cycle over its lines.
 */

export interface ScanCoreResult {
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

export async function benchScanCore(options: { products: number; scans: number }): Promise<ScanCoreResult> {
  const tmp = tempDir();
  const db = openDatabase(tmp.file());
  try {
    const clock = createManualClock();
    const now = new Date(clock.now()).toISOString();
    replaceWarehouses(db, [warehouse({ idwarehouse: 1 })], now);
    replaceUsers(db, [user({ iduser: 10 })], now);
    const catalogue: PicqerProduct[] = [];
    for (let i = 0; i < options.products; i++) {
      catalogue.push(product({ idproduct: 100_000 + i, barcode: ean13(`87${String(i).padStart(10, '0')}`), weight: 100 + (i % 900) }));
    }
    upsertProducts(db, catalogue, now);

    const lineCount = 20;
    const warmup = 50;
    const perLine = Math.ceil((options.scans + warmup) / lineCount) + 1;
    const picked = Array.from({ length: lineCount }, (_, i) => catalogue[Math.floor((i * catalogue.length) / lineCount)]).filter(
      (p): p is PicqerProduct => p !== undefined,
    );
    upsertPicklists(
      db,
      [
        picklist({
          idpicklist: 1,
          products: picked.map((p, i) => line({ idpicklist_product: 10 + i, idproduct: p.idproduct, productcode: p.productcode, name: p.name, amount: perLine })),
        }),
      ],
      now,
    );

    let shown: PackSession | null = null;
    const service = createPackService({
      db,
      api: {
        getOrder: () => Promise.reject(new Error('offline')),
        getShippingMethods: () => Promise.resolve([]),
        listComments: () => Promise.resolve([]),
      },
      clock,
      stationName: () => 'Bench',
      packer: () => ({ iduser: 10, name: 'Bench' }),
      idwarehouse: () => 1,
      settings: () => ({ autoComplete: false, problemAction: 'unassign', snoozeHours: 24, orderFields: null, weightTolerance: null }),
      isOnline: () => false,
      refreshPicklist: () => Promise.resolve(),
      onSessionChanged: ({ session }) => {
        shown = session;
      },
      onQueueChanged: () => undefined,
      kickOutbox: () => undefined,
      language: () => 'en',
    });
    const router = createScanRouter({ db: () => db, pack: () => service, clock, stationName: () => 'Bench', packer: () => ({ iduser: 10, name: 'Bench' }) });
    const opened = await service.open(1);
    if (opened.kind !== 'opened') throw new Error(`bench picklist did not open: ${words(opened) ?? opened.kind}`);

    const codes = picked.map((p) => p.barcode ?? p.productcode);
    for (let i = 0; i < warmup; i++) await router.submit({ code: codes[i % codes.length] ?? '', source: 'wedge' });
    service.undo();

    const times: number[] = [];
    for (let i = 0; i < options.scans; i++) {
      const code = codes[i % codes.length] ?? '';
      const start = process.hrtime.bigint();
      const answer = await router.submit({ code, source: 'wedge' });
      const end = process.hrtime.bigint();
      if (answer.kind !== 'product' || answer.outcome === 'too_many') throw new Error(`bench scan ${i} was not counted: ${answer.outcome ?? answer.kind}`);
      times.push(Number(end - start) / 1e6);
    }
    if (!shown) throw new Error('the screen never got a session');
    times.sort((a, b) => a - b);
    return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
  } finally {
    db.close();
    tmp.cleanup();
  }
}
