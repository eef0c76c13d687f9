import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { PrintJobEvent } from '../../../shared/packing';
import type { Clock } from '../clock';
import type { PrinterConfig, StationConfig } from '../config';
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
  type PrintJobKind,
  type PrintJobRow,
} from '../db/queries/print-jobs';
import { statement } from '../db/statements';
import { createLogger } from '../log';
import { createCupsPrinter } from './cups-printer';
import { createFolderPrinter } from './folder-printer';
import { PrinterError, type PrinterPort } from './printer-port';
import { createRawTcpPrinter } from './raw-tcp-printer';

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
}

const printerNames: Record<PrintJobKind, string> = {
  label: 'labels',
  packing_slip: 'packing slips',
  product_label: 'product labels',
  test: 'test pages',
  command_sheet: 'the command sheet',
};

export function defaultPortFor(config: PrinterConfig): PrinterPort {
  switch (config.driver) {
    case 'folder':
      return createFolderPrinter(config.path);
    case 'raw-tcp':
      return createRawTcpPrinter({ host: config.host, port: config.port });
    case 'cups':
      return createCupsPrinter({ queue: config.queue, media: config.media });
  }
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
  const ports = new Map<PrintJobKind, PrinterPort | null>();
  const announced: number[] = [];
  let isStarted = false;
  let isRecovered = false;
  let timer: { cancel(): void } | null = null;
  let running: Promise<void> | null = null;
  let isAgain = false;

  const portOf = (kind: PrintJobKind): PrinterPort | null => {
    if (!ports.has(kind)) {
      const config = printerConfigFor(deps.printers, kind);
      ports.set(kind, config ? (deps.portFor ?? defaultPortFor)(config) : null);
    }
    return ports.get(kind) ?? null;
  };

  const emit = (id: number) => {
    const job = getPrintJob(db, id);
    if (!job) return; // queued in a transaction that rolled back
    const kind = job.kind;
    deps.onJob({ id: job.id, kind, idpicklist: job.idpicklist, status: job.status, error: job.last_error });
  };

  const flushAnnounced = () => {
    for (const id of announced.splice(0)) emit(id);
  };

  const picklistidOf = (job: PrintJobRow): string | null => {
    if (job.shipment_id !== null) {
      const row = statement(db, 'SELECT picklistid FROM shipments WHERE id = ?').get(job.shipment_id) as { picklistid: string | null } | undefined;
      if (row?.picklistid) return row.picklistid;
    }
    if (job.idpicklist === null) return null;
    const row = statement(db, 'SELECT picklistid FROM picklists WHERE idpicklist = ?').get(job.idpicklist) as { picklistid: string } | undefined;
    return row?.picklistid ?? null;
  };

  const recover = async () => {
    for (const job of printingJobs(db)) {
      const port = portOf(job.kind);
      const delivered = port && job.target ? await port.wasDelivered({ id: job.id, kind: job.kind, picklistid: picklistidOf(job), format: job.format, target: job.target }) : false;
      if (delivered === true) markPrintJobDone(db, job.id, iso());
      else if (delivered === false) requeuePrintJob(db, job.id, null, null, iso());
      else markPrintJobFailed(db, job.id, 'Packdesk stopped while this was printing: it may or may not have printed. Reprint it from History if it is missing.', iso());
      emit(job.id);
    }
    isRecovered = true;
  };

  const printOne = async (job: PrintJobRow) => {
    const port = portOf(job.kind);
    if (!port) {
      markPrintJobFailed(db, job.id, `No printer set for ${printerNames[job.kind]}`, iso());
      emit(job.id);
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(job.document_path ?? '');
    } catch {
      markPrintJobFailed(db, job.id, 'The document is missing from the print journal', iso());
      emit(job.id);
      return;
    }
    const picklistid = picklistidOf(job);
    const target = port.plan({ id: job.id, kind: job.kind, picklistid, format: job.format }, clock.now());
    // Committed before the printer sees a byte: see the comment at the top.
    if (!claimPrintJob(db, job.id, target, iso())) return;
    emit(job.id);
    try {
      await port.print({ id: job.id, kind: job.kind, picklistid, format: job.format, body, target });
      markPrintJobDone(db, job.id, iso());
    } catch (error) {
      const message = describe(error);
      const isPrinterError = error instanceof PrinterError;
      if (isPrinterError && error.isMaybeDelivered) {
        markPrintJobFailed(db, job.id, `${message}. It may have printed: reprint it from History if it did not.`, iso());
      } else if ((isPrinterError && error.isPermanent) || job.attempts + 1 >= maxAttempts) {
        markPrintJobFailed(db, job.id, message, iso());
      } else {
        const waitMs = Math.min(retry.maxMs, retry.minMs * 2 ** job.attempts);
        requeuePrintJob(db, job.id, iso(clock.now() + waitMs), message, iso());
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

  const schedule = () => {
    timer?.cancel();
    timer = null;
    if (!isStarted) return;
    const next = nextPrintAttemptAt(db);
    if (next === null) return;
    timer = clock.setTimeout(() => service.kick(), Math.max(0, Date.parse(next) - clock.now()));
  };

  const run = (): Promise<void> => {
    if (running) {
      isAgain = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          isAgain = false;
          await pass();
        } while (isAgain);
      } catch (error) {
        log.error('print queue failed', { error: describe(error) });
      } finally {
        running = null;
        schedule();
      }
    })();
    return running;
  };

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
          failure: port ? null : `No printer set for ${printerNames[job.kind]}`,
        },
        iso(),
      );
      announced.push(id);
      return id;
    },
    labelFormat() {
      const config = deps.printers?.label;
      return config?.driver === 'raw-tcp' ? config.format : 'pdf';
    },
    start() {
      if (isStarted) return;
      isStarted = true;
      void run();
    },
    async stop() {
      isStarted = false;
      timer?.cancel();
      timer = null;
      if (running) await running;
    },
    kick() {
      if (isStarted) void run();
    },
    async drain() {
      await run();
      if (running) await running;
    },
  };
  return service;
}
