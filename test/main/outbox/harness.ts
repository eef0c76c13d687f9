import { storedAlert } from '../../../electron/main/packing/reasons';
import { words } from '../../helpers/answer-words';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { OutboxProblems } from '../../../shared/contract';
import type { OutboxStatus, PrintJobEvent } from '../../../shared/packing';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { upsertPicklists } from '../../../electron/main/db/queries/picklists';
import { replaceUsers } from '../../../electron/main/db/queries/users';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import type { DemoVariants } from '../../../electron/picqer-demo/variants';
import { createPicqerClient, type PicqerClient } from '../../../electron/main/picqer/client';
import type { FetchLike } from '../../../electron/main/picqer/http';
import { defaultPackingSlipSettings, type PackingSlipSettings } from '../../../electron/main/documents/parcel-slip';
import { createPrintService, type PrintService } from '../../../electron/main/printing/print-service';
import { createOutboxWorker, type OutboxWorker } from '../../../electron/main/sync/outbox';
import { enqueueOutbox } from '../../../electron/main/db/queries/outbox';
import { upsertOrders } from '../../../electron/main/db/queries/orders';

/*
 * The outbox against the demo backend on loopback with the real client and real SQLite. The
 * demo, the worker and the print queue share one manual clock, so backoff and Picqer's
 * five-minute window move only when a test says so; HTTP timeouts run on real time.
 */

export const station = 'Pack 3';

export interface Harness {
  demo: DemoBackend;
  db: Database;
  dir: string;
  dbFile: string;
  printDir: string;
  documentsDir: string;
  clock: ReturnType<typeof createManualClock>;
  api: PicqerClient;
  printing: PrintService;
  worker: OutboxWorker;
  statuses: OutboxStatus[];
  /** Every set-aside list the worker published. */
  problems: OutboxProblems[];
  jobs: PrintJobEvent[];
  sessionsUpdated: number[];
  network: { isOffline: boolean };
  /** What the 'documents' step makes the slip with; a test may change it before it runs. */
  slip: PackingSlipSettings;
  packer: number;
  /** A fresh picklist in the demo (two normal products), cached locally. */
  newPicklist(amounts?: number[]): Promise<RawPicklist>;
  /** A pack session in 'completing' as the core's complete() leaves it. */
  openSession(picklist: RawPicklist): number;
  enqueue(picklist: RawPicklist, sessionId: number, kinds: Array<'pick' | 'ship' | 'documents' | 'close'>): void;
  /** Backoff passes: advance the clock and drain, a few times. */
  settle(rounds?: number): Promise<void>;
  newWorker(): OutboxWorker;
  printedFiles(): string[];
  close(): Promise<void>;
}

export async function startHarness(options: { variants?: Partial<DemoVariants> } = {}): Promise<Harness> {
  const clock = createManualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const demo = await startDemoBackend({ seed: 'outbox', clock, ...(options.variants ? { variants: options.variants } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-outbox-'));
  const dbFile = join(dir, 'cache.sqlite');
  const db = openDatabase(dbFile);
  const printDir = join(dir, 'printer');
  const documentsDir = join(dir, 'journal');
  const network = { isOffline: false };
  const slip: PackingSlipSettings = { ...defaultPackingSlipSettings, company: { name: 'Acme Fietsen BV', address: ['Kanaalweg 1', '3526 KL Utrecht'] } };
  const offlineFetch: FetchLike = (url, init) => {
    if (network.isOffline) return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    return fetch(url, init);
  };
  const api = createPicqerClient({ baseUrl: demo.url, apiKey: 'k', userAgent: 'test', fetch: offlineFetch, timeoutMs: 10_000 });
  replaceUsers(db, await api.listUsers(), new Date(clock.now()).toISOString());
  const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId)?.iduser ?? demo.state.apiUserId;
  const statuses: OutboxStatus[] = [];
  const problems: OutboxProblems[] = [];
  const jobs: PrintJobEvent[] = [];
  const sessionsUpdated: number[] = [];
  const printing = createPrintService({
    db,
    printers: { label: { driver: 'folder', path: printDir }, packingSlip: { driver: 'folder', path: printDir } },
    clock,
    onJob: (job) => jobs.push(job),
    retry: { minMs: 100, maxMs: 1000 },
  });
  const newWorker = () =>
    createOutboxWorker({
      db,
      api,
      clock,
      printing,
      documentsDir,
      packingSlip: () => slip,
      onStatus: (s) => statuses.push(s),
      onSessionUpdated: (id) => sessionsUpdated.push(id),
      onHistoryChanged: () => undefined,
      onQueueChanged: () => undefined,
      retry: { minMs: 100, maxMs: 1000 },
      isOnline: () => !network.isOffline,
      onProblems: (view) => problems.push(view),
    });
  const worker = newWorker();
  const iso = () => new Date(clock.now()).toISOString();

  const harness: Harness = {
    demo,
    db,
    dir,
    dbFile,
    printDir,
    documentsDir,
    clock,
    api,
    printing,
    worker,
    statuses,
    problems,
    jobs,
    sessionsUpdated,
    network,
    slip,
    packer,
    async newPicklist(amounts = [2, 1]) {
      const products = demo.state.products.filter((p) => p.active && p.type === 'normal').slice(0, amounts.length);
      const picklist = demo.state.addPicklist({ lines: products.map((p, i) => ({ idproduct: p.idproduct, amount: amounts[i] ?? 1 })) });
      const fresh = await api.getPicklist(picklist.idpicklist);
      upsertPicklists(db, [fresh], iso());
      if (fresh.idorder !== null) upsertOrders(db, [await api.getOrder(fresh.idorder)], iso());
      // A copy: what the packer verified, which a test may then change under them in the demo.
      return structuredClone(picklist);
    },
    openSession(picklist) {
      const now = iso();
      const result = db
        .prepare("INSERT INTO pack_sessions (idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (?, ?, ?, 'completing', ?, ?)")
        .run(picklist.idpicklist, packer, station, now, now);
      return Number(result.lastInsertRowid);
    },
    enqueue(picklist, sessionId, kinds) {
      const lines = picklist.products.map((l) => ({ idpicklist_product: l.idpicklist_product, amount: l.amount }));
      const now = iso();
      db.transaction(() => {
        for (const kind of kinds) {
          if (kind === 'pick') enqueueOutbox(db, { idpicklist: picklist.idpicklist, kind, payload: { packSessionId: sessionId, lines } }, now);
          if (kind === 'ship')
            enqueueOutbox(
              db,
              { idpicklist: picklist.idpicklist, kind, payload: { packSessionId: sessionId, idshippingprovider_profile: null, idpackaging: null, weight: 900, lines, iduser: packer } },
              now,
            );
          if (kind === 'documents') enqueueOutbox(db, { idpicklist: picklist.idpicklist, kind, payload: { packSessionId: sessionId } }, now);
          if (kind === 'close') enqueueOutbox(db, { idpicklist: picklist.idpicklist, kind, payload: { packSessionId: sessionId } }, now);
        }
      })();
    },
    async settle(rounds = 6) {
      for (let i = 0; i < rounds; i++) {
        await harness.worker.drain();
        await printing.drain();
        clock.advance(2_000);
      }
      await harness.worker.drain();
      await printing.drain();
    },
    newWorker,
    printedFiles() {
      try {
        return readdirSync(printDir).filter((f) => !f.startsWith('.')).sort();
      } catch {
        return [];
      }
    },
    async close() {
      await harness.worker.stop();
      await printing.stop();
      db.close();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

export function outboxRows(db: Database, idpicklist: number): Array<{ id: number; kind: string; status: string; last_error: string | null }> {
  return db.prepare('SELECT id, kind, status, last_error FROM outbox WHERE idpicklist = ? ORDER BY id').all(idpicklist) as Array<{
    id: number;
    kind: string;
    status: string;
    last_error: string | null;
  }>;
}

/** A session's status, and its alert as the screen says it in English. */
export function sessionOf(db: Database, id: number): { status: string; alert: string | null } {
  const row = db.prepare('SELECT status, alert FROM pack_sessions WHERE id = ?').get(id) as { status: string; alert: string | null };
  return { status: row.status, alert: words({ reason: storedAlert(row.alert) }) };
}

export function localShipments(db: Database, idpicklist: number): Array<{ idshipment: number; status: string }> {
  return db.prepare('SELECT idshipment, status FROM shipments WHERE idpicklist = ?').all(idpicklist) as Array<{ idshipment: number; status: string }>;
}
