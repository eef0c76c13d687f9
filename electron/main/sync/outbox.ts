import type { Database } from 'better-sqlite3';
import type { OutboxStatus } from '../../../shared/packing';
import { isAppError } from '../../../shared/errors';
import type { Clock } from '../clock';
import {
  dueHeadRows,
  labelsPendingSessions,
  markInFlightUnknown,
  markOutboxFailed,
  markOutboxInFlight,
  markOutboxRetry,
  nextOutboxAttemptAt,
  outboxCounts,
  setAsideOutboxRows,
  setPackSessionStatus,
  type OutboxRow,
} from '../db/queries/outbox';
import { createWorkerLoop } from '../worker-loop';
import { createLogger } from '../log';
import { isOutcomeUnknown, isTransient } from '../picqer/errors';
import type { PicqerActions, PicqerApi } from '../picqer/types';
import { defaultPackingSlipSettings, type PackingSlipSettings } from '../documents/parcel-slip';
import type { PrintService } from '../printing/print-service';
import { markDoneIn, ParcelAlert, runStep, StepFailure, type StepContext, type StepNotices } from './outbox-steps';
import type { OutboxPayloads } from './outbox-rows';

/*
 * The outbox worker: sends the rows the pack loop wrote, in order per picklist, and survives
 * the network, Picqer's load and restarts without sending a change twice.
 *
 * - A row is marked in_flight (committed) before its request leaves. A restart that finds one
 *   in_flight cannot know whether Picqer got it, so it becomes 'unknown'.
 * - An unknown outcome (timeout, connection reset after sending, 5xx on a change) makes the row
 *   'unknown'. Before it is sent again the step reads Picqer: the picklist's amount_picked for a
 *   pick, its shipments for a shipment. Picks and shipments are not idempotent in Picqer.
 * - Offline, rate limited, 5xx on a read: retried with backoff, for as long as it takes (the
 *   parcel waits in "labels pending"). A refusal retrying cannot fix fails the row with Picqer's
 *   reason; it never blocks another picklist.
 * - Picqer changed under the packer (the re-check before the shipment): the parcel stops with an
 *   alert and the rest of that picklist's rows are set aside, unsent.
 */

export interface OutboxWorkerDeps {
  db: Database;
  api: PicqerApi & PicqerActions;
  clock: Clock;
  printing: PrintService;
  /** The print journal: labels and packing slips are saved here before they are printed. */
  documentsDir: string;
  /** How the 'documents' step makes the packing slip; the local slip on A4 when absent. */
  packingSlip?: () => PackingSlipSettings;
  onStatus(status: OutboxStatus): void;
  onSessionUpdated(packSessionId: number): void;
  onHistoryChanged(idpicklist: number): void;
  onQueueChanged(idpicklists: number[]): void;
  retry?: { minMs: number; maxMs: number };
  /** How many rows (of different picklists) are sent at once. Default 4. */
  concurrency?: number;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Something was enqueued or the connection came back: look now. */
  kick(): void;
  status(): OutboxStatus;
  /** For tests: runs until nothing is due now. */
  drain(): Promise<void>;
}

/** Errors nobody needs to be asked about: wait and try again. */
function isRetryable(error: unknown): boolean {
  if (isTransient(error)) return true;
  // A rejected API key is fixed in Setup, not by dropping the parcel's changes.
  if (isAppError(error)) return error.code === 'UNAUTHENTICATED';
  // Not an AppError: the disk, a bug. Retried a few times, then failed (see maxOddAttempts).
  return true;
}

const maxOddAttempts = 8;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the packer sees when a step of the complete sequence fails for good. */
const failureSentence: Partial<Record<keyof OutboxPayloads, string>> = {
  pick: 'Picqer did not accept the picks',
  ship: 'Picqer did not make the shipment',
  documents: 'The label or packing slip could not be fetched',
};

function packSessionIdOf(row: OutboxRow): number | null {
  const payload: unknown = JSON.parse(row.payload_json);
  if (typeof payload !== 'object' || payload === null) return null;
  const id = (payload as { packSessionId?: unknown }).packSessionId;
  return typeof id === 'number' ? id : null;
}

export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { db, clock } = deps;
  const log = createLogger('outbox');
  const retry = deps.retry ?? { minMs: 2_000, maxMs: 5 * 60_000 };
  const concurrency = deps.concurrency ?? 4;
  const iso = (ms = clock.now()) => new Date(ms).toISOString();
  const active = new Set<number | null>();
  let isRecovered = false;
  let lastError: string | null = null;
  let lastStatusJson = '';

  const status = (): OutboxStatus => {
    const counts = outboxCounts(db);
    return { pending: counts.pending, failed: counts.failed, labelsPending: labelsPendingSessions(db), lastError };
  };

  const publishStatus = () => {
    const next = status();
    const json = JSON.stringify(next);
    if (json === lastStatusJson) return;
    lastStatusJson = json;
    deps.onStatus(next);
  };

  const recover = () => {
    // Whatever was in flight when the station stopped may have reached Picqer: settle it first.
    const count = markInFlightUnknown(db, iso());
    if (count > 0) log.info('rows in flight at start are unknown now', { count });
    isRecovered = true;
  };

  const publish = (notices: StepNotices) => {
    for (const id of notices.sessions) deps.onSessionUpdated(id);
    for (const id of notices.history) deps.onHistoryChanged(id);
    if (notices.queue.size > 0) deps.onQueueChanged([...notices.queue]);
  };

  /** Stops the parcel: session alert, this row failed, the picklist's later rows set aside. */
  const stopParcel = (row: OutboxRow, sentence: string, notices: StepNotices) => {
    const packSessionId = packSessionIdOf(row);
    db.transaction(() => {
      markOutboxFailed(db, row.id, sentence, iso());
      if (row.idpicklist !== null) setAsideOutboxRows(db, row.idpicklist, row.id, `Not sent: ${sentence}`, iso());
      if (packSessionId !== null) setPackSessionStatus(db, packSessionId, 'alert', iso(), sentence);
    })();
    if (packSessionId !== null) notices.sessions.add(packSessionId);
    if (row.idpicklist !== null) {
      notices.history.add(row.idpicklist);
      notices.queue.add(row.idpicklist);
    }
  };

  const send = async (row: OutboxRow) => {
    const notices: StepNotices = { sessions: new Set(), history: new Set(), queue: new Set() };
    // An unknown row, or one tried before, may already be in Picqer: the step reads first.
    const isRetry = row.status === 'unknown' || row.attempts > 0;
    if (!markOutboxInFlight(db, row.id, iso())) return;
    const attempts = row.attempts + 1;
    const ctx: StepContext = {
      db,
      api: deps.api,
      clock,
      printing: deps.printing,
      documentsDir: deps.documentsDir,
      packingSlip: deps.packingSlip?.() ?? defaultPackingSlipSettings,
      row,
      idpicklist: row.idpicklist ?? 0,
      isRetry,
      notices,
      iso: () => iso(),
      complete: (change) => markDoneIn(db, row, clock, change),
    };
    try {
      await runStep(ctx);
      lastError = null;
    } catch (error) {
      const message = messageOf(error);
      const backoff = iso(clock.now() + Math.min(retry.maxMs, retry.minMs * 2 ** Math.min(attempts - 1, 20)));
      if (error instanceof ParcelAlert) {
        stopParcel(row, message, notices);
      } else if (isOutcomeUnknown(error)) {
        markOutboxRetry(db, row.id, 'unknown', backoff, message, iso());
      } else if (!(error instanceof StepFailure) && isRetryable(error) && (isAppError(error) || attempts < maxOddAttempts)) {
        // A row that was unknown stays unknown until a step has settled it against Picqer.
        markOutboxRetry(db, row.id, row.status === 'unknown' ? 'unknown' : 'pending', backoff, message, iso());
      } else {
        const sentence = failureSentence[row.kind];
        if (sentence) stopParcel(row, `${sentence}: ${message}`, notices);
        else markOutboxFailed(db, row.id, message, iso());
      }
      lastError = message;
      log.warn('outbox row not sent', { id: row.id, kind: row.kind, idpicklist: row.idpicklist, attempts, error: message });
    }
    publish(notices);
  };

  const pass = async () => {
    if (!isRecovered) recover();
    for (;;) {
      const heads = dueHeadRows(db, iso()).filter((row) => !active.has(row.idpicklist));
      if (heads.length === 0) break;
      // Different picklists go side by side (a slow label fetch does not hold up the next
      // parcel); within a picklist, one row at a time.
      const batch = heads.slice(0, concurrency);
      for (const row of batch) active.add(row.idpicklist);
      await Promise.all(
        batch.map(async (row) => {
          try {
            await send(row);
          } finally {
            active.delete(row.idpicklist);
          }
        }),
      );
      publishStatus();
    }
    publishStatus();
  };

  const loop = createWorkerLoop({
    clock,
    pass,
    nextAttemptAt: () => nextOutboxAttemptAt(db),
    onError(error) {
      lastError = messageOf(error);
      log.error('outbox pass failed', { error: lastError });
    },
  });

  const worker: OutboxWorker = {
    start: loop.start,
    stop: loop.stop,
    kick: loop.kick,
    status,
    drain: loop.drain,
  };
  return worker;
}
