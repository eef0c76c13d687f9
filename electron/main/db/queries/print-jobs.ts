import type { Database } from 'better-sqlite3';
import { moveSql, type Move } from '../lifecycle';
import { bool, statement } from '../statements';

export type PrintJobKind = 'label' | 'packing_slip' | 'product_label' | 'test' | 'command_sheet';
export type PrintJobStatus = 'queued' | 'printing' | 'done' | 'failed';

export interface PrintJobRow {
  id: number;
  kind: PrintJobKind;
  idpicklist: number | null;
  shipmentId: number | null;
  printer: string;
  format: 'pdf' | 'zpl';
  status: PrintJobStatus;
  attempts: number;
  lastError: string | null;
  documentPath: string | null;
  target: string | null;
  nextAttemptAt: string | null;
  isReprint: boolean;
  printedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A print job as SQLite returns it. */
interface PrintJobRecord {
  id: number;
  kind: PrintJobKind;
  idpicklist: number | null;
  shipment_id: number | null;
  printer: string;
  format: 'pdf' | 'zpl';
  status: PrintJobStatus;
  attempts: number;
  last_error: string | null;
  document_path: string | null;
  target: string | null;
  next_attempt_at: string | null;
  is_reprint: number;
  printed_at: string | null;
  created_at: string;
  updated_at: string;
}

function toPrintJobRow(r: PrintJobRecord): PrintJobRow {
  return {
    id: r.id,
    kind: r.kind,
    idpicklist: r.idpicklist,
    shipmentId: r.shipment_id,
    printer: r.printer,
    format: r.format,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    documentPath: r.document_path,
    target: r.target,
    nextAttemptAt: r.next_attempt_at,
    isReprint: r.is_reprint === 1,
    printedAt: r.printed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewPrintJob {
  kind: PrintJobKind;
  idpicklist: number | null;
  shipmentId: number | null;
  printer: string;
  format: 'pdf' | 'zpl';
  documentPath: string;
  isReprint: boolean;
  /** Set when the job cannot print at all (no printer for its kind): it is failed from the start, and shown. */
  failure: string | null;
}

export function insertPrintJob(db: Database, job: NewPrintJob, now: string): number {
  const result = statement(
    db,
    `INSERT INTO print_jobs (kind, idpicklist, shipment_id, printer, format, status, attempts, last_error, document_path,
       is_reprint, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  ).run(
    job.kind,
    job.idpicklist,
    job.shipmentId,
    job.printer,
    job.format,
    job.failure === null ? 'queued' : 'failed',
    job.failure,
    job.documentPath,
    bool(job.isReprint),
    now,
    now,
  );
  return Number(result.lastInsertRowid);
}

export function getPrintJob(db: Database, id: number): PrintJobRow | null {
  const row = statement(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id) as PrintJobRecord | undefined;
  return row ? toPrintJobRow(row) : null;
}

export function duePrintJobs(db: Database, now: string): PrintJobRow[] {
  return (statement(db, "SELECT * FROM print_jobs WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id").all(
    now,
  ) as PrintJobRecord[]).map(toPrintJobRow);
}

export function printingJobs(db: Database): PrintJobRow[] {
  return (statement(db, "SELECT * FROM print_jobs WHERE status = 'printing' ORDER BY id").all() as PrintJobRecord[]).map(toPrintJobRow);
}

export function nextPrintAttemptAt(db: Database): string | null {
  const row = statement(db, "SELECT MIN(next_attempt_at) AS at FROM print_jobs WHERE status = 'queued' AND next_attempt_at IS NOT NULL").get() as {
    at: string | null;
  };
  return row.at;
}

/**
 * Every way a print job changes status, written once: where it may leave from, where it goes, and
 * what it writes. queued -> printing -> done, or back to queued (a retry after a backoff), or
 * failed (shown; a person retries it). movePrintJob is the one function that makes a move.
 */
const printJobMoves = {
  /** Claimed, with where it is going, before a byte is sent (see print-service.ts). */
  claim: { from: ['queued'], to: 'printing', set: { target: '@target', attempts: 'attempts + 1' } },
  done: { from: 'any', to: 'done', set: { last_error: 'NULL', printed_at: '@now' } },
  requeue: { from: 'any', to: 'queued', set: { target: 'NULL', next_attempt_at: '@nextAttemptAt', last_error: '@error' } },
  fail: { from: 'any', to: 'failed', set: { last_error: '@error', next_attempt_at: 'NULL' } },
  /** The packer asked to try a failed job again: attempts start over so backoff does too. */
  retry: { from: ['failed'], to: 'queued', set: { attempts: '0', target: 'NULL', next_attempt_at: 'NULL', last_error: 'NULL' } },
} as const satisfies Record<string, Move<PrintJobStatus, 'target' | 'attempts' | 'last_error' | 'printed_at' | 'next_attempt_at'>>;

export type PrintJobMove = keyof typeof printJobMoves;

/** Makes one move on a job (when it is in a status the move may leave from); true when it moved. */
export function movePrintJob(
  db: Database,
  id: number,
  move: PrintJobMove,
  now: string,
  values: { target?: string; error?: string | null; nextAttemptAt?: string | null } = {},
): boolean {
  return (
    statement(db, moveSql('print_jobs', printJobMoves[move], 'id = @id')).run({
      id,
      now,
      target: values.target ?? null,
      error: values.error ?? null,
      nextAttemptAt: values.nextAttemptAt ?? null,
    }).changes === 1
  );
}

/** Claims a queued job and records where it is going, before a byte is sent (see print-service.ts). */
export function claimPrintJob(db: Database, id: number, target: string, now: string): boolean {
  return movePrintJob(db, id, 'claim', now, { target });
}

export function markPrintJobDone(db: Database, id: number, now: string): void {
  movePrintJob(db, id, 'done', now);
}

export function requeuePrintJob(db: Database, id: number, nextAttemptAt: string | null, error: string | null, now: string): void {
  movePrintJob(db, id, 'requeue', now, { nextAttemptAt, error });
}

export function markPrintJobFailed(db: Database, id: number, error: string, now: string): void {
  movePrintJob(db, id, 'fail', now, { error });
}

/** Jobs of a cancelled shipment that have not printed yet: the label is void now. */
export function failQueuedJobsOfShipment(db: Database, shipmentId: number, reason: string, now: string): number[] {
  const rows = statement(db, "SELECT id FROM print_jobs WHERE shipment_id = ? AND status = 'queued'").all(shipmentId) as Array<{ id: number }>;
  for (const row of rows) markPrintJobFailed(db, row.id, reason, now);
  return rows.map((r) => r.id);
}

export function printJobsOfShipments(db: Database, shipmentIds: number[]): PrintJobRow[] {
  return (statement(db, 'SELECT * FROM print_jobs WHERE shipment_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(
    JSON.stringify(shipmentIds),
  ) as PrintJobRecord[]).map(toPrintJobRow);
}

/** The newest job of a kind for a shipment: where its document sits in the journal. */
export function latestPrintJobOf(db: Database, shipmentId: number, kind: PrintJobKind): PrintJobRow | null {
  const row = statement(db, 'SELECT * FROM print_jobs WHERE shipment_id = ? AND kind = ? ORDER BY id DESC LIMIT 1').get(shipmentId, kind) as
    | PrintJobRecord
    | undefined;
  return row ? toPrintJobRow(row) : null;
}

/**
 * Puts a failed job back in the queue for an explicit retry (the packer asked): attempts start
 * over so backoff does too. Only a failed job: one that is queued or printing is already on its way.
 */
export function retryPrintJob(db: Database, id: number, now: string): boolean {
  return movePrintJob(db, id, 'retry', now);
}

/** The early packing slip queued for a parcel still waiting for its shipment, if there is one. */
export function printJobForDocument(db: Database, documentPath: string): { id: number; shipmentId: number | null } | null {
  const row = statement(db, 'SELECT id, shipment_id FROM print_jobs WHERE document_path = ? ORDER BY id LIMIT 1').get(documentPath) as
    | { id: number; shipment_id: number | null }
    | undefined;
  return row ? { id: row.id, shipmentId: row.shipment_id } : null;
}

/** Files an early packing slip under the parcel's shipment once it exists, so History shows and reprints it. */
export function attachPrintJobToShipment(db: Database, printJobId: number, shipmentId: number, now: string): void {
  statement(db, 'UPDATE print_jobs SET shipment_id = ?, updated_at = ? WHERE id = ? AND shipment_id IS NULL').run(shipmentId, now, printJobId);
}
