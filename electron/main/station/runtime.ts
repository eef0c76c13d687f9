import { reason } from '../../../shared/reasons';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Language, Person, SyncStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { DocumentType, PrinterInfo } from '../../../shared/printing';
import type { Clock } from '../infra/clock';
import type { StationConfig } from '../config/station-config';
import { renderCommandSheet } from '../documents/command-sheet';
import { packingSlipSettingsFrom } from '../documents/parcel-slip';
import type { EventBus } from '../transport/events';
import { cancelShipment, documentPdf, listParcels, localDay, reprint } from '../history/history';
import { createPackService, type PackService } from '../packing/service';
import type { PicqerClient } from '../picqer/client';
import { createPrintService, type PrintService } from '../printing/print-service';
import { createOutboxWorker, type OutboxWorker } from '../sync/outbox';
import { createConnectionWatch } from '../sync/outbox-connection';
import { createPullSync, type PullSync } from '../sync/pull';

/*
 * Everything that runs for one backend and one warehouse: pull sync, the pack session, the outbox
 * and the print queue. The station builds one when it is configured and a new one when Setup
 * changes the backend or the warehouse; nothing here outlives its database connection.
 */

export interface RuntimeDeps {
  db: Database;
  api: PicqerClient;
  clock: Clock;
  events: EventBus;
  dataDir: string;
  idwarehouse: number;
  /** The config in force; read each time it is needed, so Settings' changes apply without a restart. */
  config(): StationConfig;
  stationName(): string;
  packer(): Person | null;
  language(): Language;
}

export interface Runtime {
  sync: PullSync;
  pack: PackService;
  outbox: OutboxWorker;
  printing: PrintService;
  isOnline(): boolean;
  history: {
    list(): ReturnType<typeof listParcels>;
    cancel(idpicklist: number, reason: string): Promise<ReturnType<typeof listParcels>>;
    reprint(idpicklist: number, document: 'label' | 'packing_slip'): ReturnType<typeof listParcels>;
    document(idpicklist: number, document: 'label' | 'packing_slip'): ReturnType<typeof documentPdf>;
  };
  commandSheet(): Promise<{ filename: string; pdfBase64: string }>;
  printers: {
    list(): Promise<PrinterInfo[]>;
    test(documentType: DocumentType): Promise<number>;
    retry(id: number): true;
  };
  start(): void;
  stop(): Promise<void>;
}

export function createRuntime(deps: RuntimeDeps): Runtime {
  const { db, clock, events } = deps;

  // Built first, referenced lazily: the services call each other through these closures.
  let outbox: OutboxWorker | null = null;
  let pack: PackService | null = null;

  // The station is offline when the connection watch says so (within seconds); pull sync's own
  // state says how current the cache is. Every request the client sends tells the watch.
  const syncStatus = (): SyncStatus => {
    const status = pull.status();
    return connection.isOnline() ? status : { ...status, state: 'offline', progress: null, message: connection.reason() };
  };
  const connection = createConnectionWatch({
    baseUrl: deps.api.baseUrl,
    clock,
    onChange: (isReachable) => {
      events.emit('sync.status', syncStatus());
      if (!isReachable) return;
      // The connection is back: whatever waited in the outbox goes now, not at its next backoff,
      // and the cache catches up with what changed in Picqer meanwhile.
      outbox?.resume();
      const state = pull.status().state;
      if (state === 'offline' || state === 'error') void pull.syncNow();
    },
    // The smallest read there is, sent only while offline with Picqer's host accepting connections.
    recheck: (signal) => deps.api.getMe({ priority: 'background', signal }),
  });
  const api = deps.api;
  let stopWatchingExchanges: (() => void) | null = null;
  const isOnline = () => connection.isOnline();

  const pull = createPullSync({
    db,
    api,
    clock,
    idwarehouse: deps.idwarehouse,
    onStatus: () => events.emit('sync.status', syncStatus()),
    onQueueChanged: (idpicklists) => {
      events.emit('queue.changed', { idpicklists });
      // A picklist of the open batch that Picqer paused or cancelled shows so on its slot now.
      pack?.picklistsChanged(idpicklists);
    },
  });
  const sync: PullSync = {
    ...pull,
    status: syncStatus,
    async syncNow() {
      await pull.syncNow();
      return syncStatus();
    },
  };

  const printing = createPrintService({
    db,
    printers: deps.config().printers,
    clock,
    onJob: (job) => events.emit('print.job', job),
    testPageDir: join(deps.dataDir, 'documents', 'test-pages'),
    productLabelDir: join(deps.dataDir, 'documents', 'product-labels'),
    stationName: deps.stationName,
  });

  const onSessionUpdated = (packSessionId: number) => {
    pack?.reload(packSessionId);
  };
  const onHistoryChanged = (idpicklist: number) => events.emit('history.changed', { idpicklist });
  const onQueueChanged = (idpicklists: number[]) => events.emit('queue.changed', { idpicklists });

  outbox = createOutboxWorker({
    db,
    api,
    clock,
    printing,
    documentsDir: join(deps.dataDir, 'documents'),
    packingSlip: () => packingSlipSettingsFrom(deps.config(), deps.language()),
    onStatus: (status) => events.emit('outbox.status', status),
    onSessionUpdated,
    onHistoryChanged,
    onQueueChanged,
    isOnline,
    onProblems: (problems) => events.emit('outbox.problems', problems),
  });

  pack = createPackService({
    db,
    api,
    clock,
    stationName: deps.stationName,
    packer: deps.packer,
    idwarehouse: () => deps.idwarehouse,
    settings: () => {
      const packing = deps.config().packing ?? {};
      return {
        autoComplete: packing.autoComplete ?? true,
        problemAction: packing.problemAction ?? 'pause',
        snoozeHours: packing.snoozeHours ?? 24,
        orderFields: packing.orderFields ?? null,
        weightTolerance: packing.weightTolerance ?? null,
        minShelfLifeDays: packing.minShelfLifeDays ?? 0,
        shelfLifeRules: packing.shelfLifeRules ?? [],
        serialTag: packing.serialTag ?? null,
      };
    },
    isOnline,
    refreshPicklist: (idpicklist, signal) => sync.refreshPicklist(idpicklist, signal),
    refreshBatch: (idpicklistBatch, options) => sync.refreshBatch(idpicklistBatch, options),
    onSessionChanged: ({ session, batch }, revision) => events.emit('session.changed', { revision, session, batch }),
    language: deps.language,
    onQueueChanged,
    kickOutbox: () => outbox?.kick(),
  });

  const today = () =>
    listParcels(db, {
      day: localDay(clock.now()),
      stationName: deps.stationName(),
      cutOffs: new Map((deps.config().shipping?.cutOffs ?? []).map((c) => [c.idshippingproviderProfile, c.time])),
    });
  const worker = outbox;
  const service = pack;

  return {
    sync,
    pack: service,
    outbox: worker,
    printing,
    isOnline,
    history: {
      list: today,
      async cancel(idpicklist, reason) {
        await cancelShipment({ db, api, clock, isOnline, packer: deps.packer, onHistoryChanged, onQueueChanged, onSessionUpdated }, idpicklist, reason);
        return today();
      },
      reprint(idpicklist, document) {
        reprint({ db, printing }, idpicklist, document);
        printing.kick();
        return today();
      },
      document: (idpicklist, document) => documentPdf(db, idpicklist, document),
    },
    async commandSheet() {
      const pdf = await renderCommandSheet(deps.language());
      return { filename: 'packdesk-command-barcodes.pdf', pdfBase64: pdf.toString('base64') };
    },
    printers: {
      list: () => printing.printers(),
      test: (documentType) => printing.testPrint(documentType),
      retry(id) {
        printing.retry(id);
        return true;
      },
    },
    start() {
      stopWatchingExchanges ??= deps.api.onExchange(connection.observe);
      connection.start();
      sync.start();
      printing.start();
      worker.start();
    },
    async stop() {
      stopWatchingExchanges?.();
      stopWatchingExchanges = null;
      connection.stop();
      // A re-read beside an open writes to the database when it settles: it goes before the close.
      await pack.settled();
      await worker.stop();
      await printing.stop();
      await sync.stop();
    },
  };
}

export function requireRuntime(runtime: Runtime | null): Runtime {
  if (!runtime) throw new AppError('NOT_CONFIGURED', reason('station.chooseWarehouseFirst'));
  return runtime;
}
