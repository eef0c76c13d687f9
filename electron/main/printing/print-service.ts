import { reason } from '../../../shared/reasons';
import { alertToStore, storedError } from '../packing/reasons';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { CupsQueue, DocumentType, PrinterHealth, PrinterInfo } from '../../../shared/printing';
import type { Database } from 'better-sqlite3';
import type { PrintJobEvent } from '../../../shared/packing';
import type { Clock } from '../infra/clock';
import type { PrinterConfig, StationConfig } from '../config/station-config';
import {
  claimPrintJob,
  duePrintJobs,
  getPrintJob,
  insertPrintJob,
  markPrintJobDone,
  markPrintJobFailed,
  nextPrintAttemptAt,
  printingJobs,
  requeuePrintJob,
  retryPrintJob,
  type PrintJobKind,
  type PrintJobRow,
} from '../db/queries/print-jobs';
import { picklistidOf } from '../db/queries/picklists';
import { createLogger } from '../infra/log';
import { createWorkerLoop } from '../infra/worker-loop';
import { createCupsPrinter, discoverCupsQueues } from './cups-printer';
import { createFolderPrinter } from './folder-printer';
import { healthOf as healthSaying, PrinterError, type PrinterPort } from './printer-port';
import { createRawTcpPrinter } from './raw-tcp-printer';
import { driverRefusal, refusingPort } from './driver-choice';
import { createWindowsPrinter, discoverWindowsPrinters } from './windows-printer';
import { testPagePdf, testPageZpl } from './test-page';
import { renderProductLabel, type ProductLabelInput } from '../documents/product-label';
import { writeFileAtomic } from '../documents/journal';
import { firstPageSize, fitsLabelStock, labelPageOf } from '../documents/label-pdf';

/*
 * The print queue: queued -> printing -> done | failed, one job at a time in id order (a label
 * before its packing slip), retried with backoff while the printer is away.
 *
 * Printed once, across restarts: a job is claimed ('printing', with the target it is going to)
 * in a committed write *before* a byte goes to the printer, and marked 'done' after. A restart
 * that finds a job still 'printing' therefore knows it may have been sent, and asks the port:
 * - delivered (the folder holds the file): done, never sent again;
 * - not delivered (no file; the temp file is never renamed into place half-written): queued
 *   again, which cannot make a second copy;
 * - cannot tell (CUPS, raw TCP): failed with a sentence saying so, shown in History where the
 *   packer reprints it if the label is missing. A second label is worse than asking.
 * Marking 'done' first and printing after would instead drop a job on a crash, silently.
 */

export interface PrintServiceDeps {
  db: Database;
  printers: StationConfig['printers'];
  clock: Clock;
  onJob(event: PrintJobEvent): void;
  retry?: { minMs: number; maxMs: number };
  /** Attempts before a printer that keeps refusing marks the job failed. Default 6. */
  maxAttempts?: number;
  /** The driver for a printer config; tests hand in their own. */
  portFor?(config: PrinterConfig): PrinterPort;
  /** Where test pages are written before they are queued like any other document. */
  testPageDir?: string;
  /** Where product labels are written before they are queued. */
  productLabelDir?: string;
  /** Printed on test pages. */
  stationName?(): string;
  /** How long Settings waits for one printer's health before showing it as unknown. */
  healthTimeoutMs?: number;
  /** Finding the printers on this machine (CUPS, or Windows's list); tests hand in their own. */
  discover?(): Promise<CupsQueue[]>;
}

export interface QueuePrintJob {
  kind: PrintJobKind;
  idpicklist: number | null;
  shipmentId: number | null;
  documentPath: string;
  format: 'pdf' | 'zpl';
  /** An explicit reprint from History (the normal path prints each document once). */
  isReprint?: boolean;
}

export interface PrintService {
  /** Adds a job inside the caller's transaction; the event goes out on the next kick, after the commit. */
  queue(job: QueuePrintJob): number;
  /** The format labels should be fetched in: ZPL for a ZPL label printer, PDF otherwise. */
  labelFormat(): 'pdf' | 'zpl';
  start(): void;
  stop(): Promise<void>;
  kick(): void;
  /** For tests: prints everything due now, then returns. */
  drain(): Promise<void>;
  /** The printer of each document type, with its health where the driver can tell. */
  printers(): Promise<PrinterInfo[]>;
  /** Sends a failed job again (the packer asked). Throws NOT_FOUND / CONFLICT otherwise. */
  retry(id: number): void;
  /** Queues a test page for a document type's printer through the normal queue; returns the job id. */
  testPrint(documentType: DocumentType): Promise<number>;
  /** The printers on this machine: CUPS queues, or on Windows the printers Windows lists. */
  discover(): Promise<CupsQueue[]>;
  /** Points the document types at other printers (Settings); queued jobs go to the new ones. */
  setPrinters(printers: StationConfig['printers']): void;
  /** Renders a product's label (copies on one job) for the product-label printer and queues it; returns the job id. */
  printProductLabel(product: ProductLabelInput, copies: number): Promise<number>;
}

const documentTypeOrder: DocumentType[] = ['packingSlip', 'label', 'productLabel'];

export function defaultPortFor(config: PrinterConfig, platform: NodeJS.Platform = process.platform): PrinterPort {
  const refusal = driverRefusal(config.driver, platform);
  if (refusal) return refusingPort(config, refusal);
  switch (config.driver) {
    case 'folder':
      return createFolderPrinter(config.path);
    case 'raw-tcp':
      return createRawTcpPrinter({ host: config.host, port: config.port, format: config.format });
    case 'cups':
      return createCupsPrinter({ queue: config.queue, media: config.media });
    case 'windows':
      return createWindowsPrinter({ printer: config.printer });
  }
}

/** The printers this system has: CUPS's queues, or on Windows (no CUPS) the printers Windows lists. */
export function defaultDiscover(platform: NodeJS.Platform = process.platform): Promise<CupsQueue[]> {
  return platform === 'win32' ? discoverWindowsPrinters() : discoverCupsQueues();
}

function printerConfigFor(printers: StationConfig['printers'], kind: PrintJobKind): PrinterConfig | undefined {
  switch (kind) {
    case 'label':
      return printers?.label;
    case 'product_label':
      return printers?.productLabel;
    default:
      return printers?.packingSlip;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const { db, clock } = deps;
  const log = createLogger('printing');
  const retry = deps.retry ?? { minMs: 5_000, maxMs: 5 * 60_000 };
  const maxAttempts = deps.maxAttempts ?? 6;
  const iso = (ms = clock.now()) => new Date(ms).toISOString();
  let printers = deps.printers;
  const ports = new Map<PrintJobKind, PrinterPort | null>();
  const announced: number[] = [];
  let isRecovered = false;
  let productLabelCount = 0;

  const portOf = (kind: PrintJobKind): PrinterPort | null => {
    if (!ports.has(kind)) {
      const config = printerConfigFor(printers, kind);
      ports.set(kind, config ? (deps.portFor ?? defaultPortFor)(config) : null);
    }
    return ports.get(kind) ?? null;
  };

  const kindOfDocumentType: Record<DocumentType, PrintJobKind> = { packingSlip: 'packing_slip', label: 'label', productLabel: 'product_label' };

  /*
   * A test page goes to the printer it was queued for, which print_jobs.printer names; the other
   * kinds go to their document type's printer. Matching by description keeps the table unchanged.
   */
  const portOfJob = (job: PrintJobRow): PrinterPort | null => {
    if (job.kind !== 'test') return portOf(job.kind);
    for (const type of documentTypeOrder) {
      const port = portOf(kindOfDocumentType[type]);
      if (port && port.description === job.printer) return port;
    }
    return null;
  };

  const configOf = (type: DocumentType): PrinterConfig | undefined => printers?.[type];

  /** What a document type's printer takes: ZPL only from a raw-tcp or Windows printer set to ZPL. */
  const formatOf = (type: DocumentType): 'pdf' | 'zpl' => {
    const config = configOf(type);
    return type !== 'packingSlip' && (config?.driver === 'raw-tcp' || config?.driver === 'windows') ? config.format : 'pdf';
  };

  const healthOf = async (port: PrinterPort): Promise<PrinterHealth> => {
    const timeoutMs = deps.healthTimeoutMs ?? 6_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<PrinterHealth>((resolve) => {
      timer = setTimeout(() => resolve(healthSaying('unknown', reason('printer.noAnswerInTime'))), timeoutMs);
    });
    try {
      return await Promise.race([port.health(), late]);
    } catch (error) {
      return { state: 'unknown', message: describe(error), reason: null };
    } finally {
      clearTimeout(timer);
    }
  };

  const emit = (id: number) => {
    const job = getPrintJob(db, id);
    if (!job) return; // queued in a transaction that rolled back
    const kind = job.kind;
    deps.onJob({ id: job.id, kind, idpicklist: job.idpicklist, picklistid: picklistidOf(db, job.idpicklist), status: job.status, ...storedError(job.lastError) });
  };

  const flushAnnounced = () => {
    for (const id of announced.splice(0)) emit(id);
  };

  const recover = async () => {
    for (const job of printingJobs(db)) {
      const port = portOfJob(job);
      const delivered = port && job.target ? await port.wasDelivered({ id: job.id, kind: job.kind, picklistid: picklistidOf(db, job.idpicklist), format: job.format, target: job.target }) : false;
      if (delivered === true) markPrintJobDone(db, job.id, iso());
      else if (delivered === false) requeuePrintJob(db, job.id, null, null, iso());
      else markPrintJobFailed(db, job.id, alertToStore(reason('print.stoppedWhilePrinting')), iso());
      emit(job.id);
    }
    isRecovered = true;
  };

  const printOne = async (job: PrintJobRow) => {
    const port = portOfJob(job);
    if (!port) {
      markPrintJobFailed(db, job.id, alertToStore(reason('print.noPrinterSet')), iso());
      emit(job.id);
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(job.documentPath ?? '');
    } catch {
      markPrintJobFailed(db, job.id, alertToStore(reason('print.documentMissing')), iso());
      emit(job.id);
      return;
    }
    const picklistid = picklistidOf(db, job.idpicklist);
    const target = port.plan({ id: job.id, kind: job.kind, picklistid, format: job.format }, clock.now());
    // Committed before the printer sees a byte: see the comment at the top.
    if (!claimPrintJob(db, job.id, target, iso())) return;
    emit(job.id);
    try {
      const pageSize = job.format === 'pdf' ? firstPageSize(body) : null;
      if (job.kind === 'label' && pageSize && !fitsLabelStock(labelPageOf(pageSize))) {
        log.warn('label page is not label stock; it prints scaled', { id: job.id, width: Math.round(pageSize.width), height: Math.round(pageSize.height) });
      }
      await port.print({ id: job.id, kind: job.kind, picklistid, format: job.format, body, target, pageSize });
      markPrintJobDone(db, job.id, iso());
    } catch (error) {
      const message = describe(error);
      const isPrinterError = error instanceof PrinterError;
      // A driver's reason is kept for the screen to word (a maybe-printed one says so itself); anything else as it was said.
      const stored = isPrinterError ? alertToStore(error.reason) : message;
      if ((isPrinterError && (error.isMaybeDelivered || error.isPermanent)) || job.attempts + 1 >= maxAttempts) {
        markPrintJobFailed(db, job.id, stored, iso());
      } else {
        const waitMs = Math.min(retry.maxMs, retry.minMs * 2 ** job.attempts);
        requeuePrintJob(db, job.id, iso(clock.now() + waitMs), stored, iso());
      }
      log.warn('print job not printed', { id: job.id, kind: job.kind, error: message });
    }
    emit(job.id);
  };

  const pass = async () => {
    if (!isRecovered) await recover();
    flushAnnounced();
    for (;;) {
      const due = duePrintJobs(db, iso());
      if (due.length === 0) break;
      for (const job of due) await printOne(job);
    }
  };

  const loop = createWorkerLoop({
    clock,
    pass,
    nextAttemptAt: () => nextPrintAttemptAt(db),
    onError: (error) => log.error('print queue failed', { error: describe(error) }),
  });

  const service: PrintService = {
    queue(job) {
      const port = portOf(job.kind);
      const id = insertPrintJob(
        db,
        {
          kind: job.kind,
          idpicklist: job.idpicklist,
          shipmentId: job.shipmentId,
          printer: port?.description ?? 'none',
          format: job.format,
          documentPath: job.documentPath,
          isReprint: job.isReprint ?? false,
          // Shown in History and on the pack screen, not swallowed: nobody would know the label never came.
          failure: port ? null : alertToStore(reason('print.noPrinterSet')),
        },
        iso(),
      );
      announced.push(id);
      return id;
    },
    labelFormat() {
      return formatOf('label');
    },
    start: loop.start,
    stop: loop.stop,
    kick: loop.kick,
    drain: loop.drain,
    async printers() {
      return Promise.all(
        documentTypeOrder.map(async (documentType): Promise<PrinterInfo> => {
          const config = configOf(documentType);
          const port = portOf(kindOfDocumentType[documentType]);
          if (!config || !port) return { documentType, driver: null, description: null, health: null, config: null, source: null };
          return { documentType, driver: config.driver, description: port.description, health: await healthOf(port), config, source: null };
        }),
      );
    },
    retry(id) {
      const job = getPrintJob(db, id);
      if (!job) throw new AppError('NOT_FOUND', reason('print.jobNotFound', { id }));
      if (!retryPrintJob(db, id, iso())) throw new AppError('CONFLICT', reason('print.jobNotFailed', { id }));
      emit(id);
      service.kick();
    },
    async testPrint(documentType) {
      const port = portOf(kindOfDocumentType[documentType]);
      if (!port) throw new AppError('NOT_CONFIGURED', reason('print.noPrinter', { document: documentType }));
      const format = formatOf(documentType);
      const stationName = deps.stationName?.() || 'Packdesk';
      const when = new Date(clock.now()).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
      const body = format === 'zpl' ? testPageZpl(stationName, when) : await testPagePdf(stationName, when);
      const dir = deps.testPageDir ?? join(tmpdir(), 'packdesk-test-pages');
      mkdirSync(dir, { recursive: true });
      const documentPath = join(dir, `test-${documentType}-${clock.now()}.${format}`);
      writeFileSync(documentPath, body);
      const id = insertPrintJob(
        db,
        { kind: 'test', idpicklist: null, shipmentId: null, printer: port.description, format, documentPath, isReprint: false, failure: null },
        iso(),
      );
      announced.push(id);
      service.kick();
      return id;
    },
    discover() {
      return (deps.discover ?? defaultDiscover)();
    },
    setPrinters(next) {
      printers = next;
      ports.clear();
      service.kick();
    },
    async printProductLabel(product, copies) {
      const port = portOf('product_label');
      if (!port) throw new AppError('NOT_CONFIGURED', reason('print.noProductLabelPrinter'));
      const format = formatOf('productLabel');
      const body = await renderProductLabel(product, { format, copies });
      const dir = deps.productLabelDir ?? join(tmpdir(), 'packdesk-product-labels');
      // Named by time and a counter, never by the product's name or code: those come from Picqer.
      const documentPath = join(dir, `product-label-${clock.now()}-${++productLabelCount}.${format}`);
      writeFileAtomic(documentPath, body);
      const id = service.queue({ kind: 'product_label', idpicklist: null, shipmentId: null, documentPath, format });
      service.kick();
      return id;
    },
  };
  return service;
}
