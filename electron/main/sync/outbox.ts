import { reason, type Reason, type ReasonCode } from '../../../shared/reasons';
import { alertToStore, englishOf, storedAlert } from '../packing/reasons';
import type { Database } from 'better-sqlite3';
import type { OutboxProblems } from '../../../shared/contract';
import type { OutboxStatus } from '../../../shared/packing';
import type { PicqerAnswer } from '../../../shared/domain';
import { AppError, isAppError } from '../../../shared/errors';
import type { Clock } from '../infra/clock';
import {
  discardRows,
  dueHeadRows,
  heldBackPrefix,
  makeWaitingRowsDue,
  markInFlightUnknown,
  markOutboxFailed,
  markOutboxInFlight,
  markOutboxRetry,
  nextOutboxAttemptAt,
  outboxCounts,
  requeueRows,
  setAsideGroup,
  setAsideGroups,
  setAsideOutboxRows,
  type OutboxRow,
  type SetAsideGroup,
  answerOfRow,
  type OutboxKind,
  type OutboxPayloads,
} from '../db/queries/outbox';
import { shipmentOfSession } from '../db/queries/shipments';
import { picklistidOf } from '../db/queries/picklists';
import { writeFileAtomic } from '../documents/journal';
import { createWorkerLoop } from '../infra/worker-loop';
import { createLogger } from '../infra/log';
import { answerOf, isOutcomeUnknown, isTransient } from '../picqer/errors';
import type { PicqerActions, PicqerApi } from '../picqer/types';
import { defaultPackingSlipSettings, renderParcelSlip, type PackingSlipSettings } from '../documents/parcel-slip';
import type { PrintService } from '../printing/print-service';
import { createPicklistReadings, earlySlipPath, markDoneIn, ParcelAlert, runStep, StepFailure, type StepContext, type StepNotices } from './outbox-steps';
import {
  labelledAfterWaiting,
  labelsPendingSessions,
  packSessionAlert,
  packSessionStatus,
  parcelsWithoutShipment,
  setPackSessionStatus,
} from '../db/queries/pack-sessions';
import { printJobForDocument } from '../db/queries/print-jobs';
import { packSessionBoxes } from '../db/queries/pack-session-boxes';

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
 * - Set-aside rows wait for a person: retry sends them (and what they held back) again, discard
 *   settles them unsent. Either way the scans stay with the pack session.
 * - A parcel that has to wait for Picqer gets its packing slip printed at once (it is made from
 *   the cache), so the box can be closed; the label follows when the shipment exists.
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
  /** The station's view of the connection to Picqer; without it every row is simply tried. */
  isOnline?: () => boolean;
  /** The set-aside rows or the parcels that got their labels after waiting changed. */
  onProblems?: (problems: OutboxProblems) => void;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Something was enqueued or the connection came back: look now. */
  kick(): void;
  status(): OutboxStatus;
  /** For tests: runs until nothing is due now. */
  drain(): Promise<void>;
  /** The connection is back: everything waiting is sent now, not at the end of its backoff. */
  resume(): void;
  problems(): OutboxProblems;
  /** Sends a set-aside row and the rows it held back again. */
  retry(id: number): OutboxProblems;
  /** Settles a set-aside row and the rows it held back unsent; `who` is kept with the reason. */
  discard(id: number, who: string | null): OutboxProblems;
}

const maxOddAttempts = 8;

/** How many attempts an error is worth: waiting ones for as long as it takes, odd ones a few. */
function attemptsWorth(error: unknown): number {
  if (isTransient(error)) return Number.POSITIVE_INFINITY;
  if (isAppError(error)) {
    // A rejected API key is fixed in Setup, not by dropping the parcel's changes.
    if (error.code === 'UNAUTHENTICATED') return Number.POSITIVE_INFINITY;
    // An answer that could not be read (a proxy's page, a body cut off) usually reads fine later.
    if (error.code === 'BAD_RESPONSE') return maxOddAttempts;
    return 0;
  }
  // Not an AppError: the disk, a bug. Retried a few times, then failed.
  return maxOddAttempts;
}

const parcelKinds: ReadonlySet<OutboxKind> = new Set(['pick', 'ship', 'documents', 'close']);

/** How long a parcel that got its labels after waiting stays in the list the packer sees. */
const labelledForMs = 4 * 60 * 60_000;
const labelledShown = 20;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What stops the parcel when a step of the complete sequence fails for good; Picqer's answer goes beside it. */
const failureReason: Partial<Record<keyof OutboxPayloads, ReasonCode>> = {
  pick: 'parcel.pickRefused',
  ship: 'parcel.shipRefused',
  documents: 'parcel.documentsFailed',
};

function packSessionIdOf(row: OutboxRow): number | null {
  const payload: unknown = JSON.parse(row.payloadJson);
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
  let lastAnswer: PicqerAnswer | null = null;
  let lastStatusJson = '';
  let lastProblemsJson = '';
  /** Parcels whose early slip could not be made (not cached, a logo missing): not tried every pass. */
  const slipsNotMade = new Set<number>();

  const status = (): OutboxStatus => {
    const counts = outboxCounts(db);
    return { pending: counts.pending, failed: counts.failed, labelsPending: labelsPendingSessions(db), lastError, lastAnswer };
  };

  const publishStatus = () => {
    const next = status();
    const json = JSON.stringify(next);
    if (json === lastStatusJson) return;
    lastStatusJson = json;
    deps.onStatus(next);
  };

  /** Why a set-aside parcel cannot be sent again now, or null when it can. */
  const retryRefusal = (group: SetAsideGroup): Reason | null => {
    const packSessionId = packSessionIdOf(group.row);
    if (!parcelKinds.has(group.row.kind) || packSessionId === null) return null;
    const status = packSessionStatus(db, packSessionId);
    const picklistid = picklistidOf(db, group.row.idpicklist) ?? String(group.row.idpicklist);
    if (status === 'open') return reason('outbox.packedAgain', { picklistid });
    if (status === 'abandoned') return reason('outbox.shipmentCancelled', { picklistid });
    return null;
  };

  /** Why the parcel of a set-aside row stopped, as its session's alert says it (the screen words it). */
  const whyStopped = (row: OutboxRow): Reason | null => {
    const packSessionId = packSessionIdOf(row);
    if (packSessionId === null) return null;
    const why = storedAlert(packSessionAlert(db, packSessionId));
    return why?.code === 'parcel.stopped' ? null : why;
  };

  const problems = (): OutboxProblems => ({
    problems: setAsideGroups(db).map((group) => ({
      id: group.row.id,
      idpicklist: group.row.idpicklist,
      picklistid: picklistidOf(db, group.row.idpicklist),
      kind: group.row.kind,
      reason: group.row.lastError ?? 'Picqer refused this change.',
      why: whyStopped(group.row),
      answer: answerOfRow(group.row),
      at: group.row.updatedAt,
      heldBack: group.heldBack.length,
      canRetry: retryRefusal(group) === null,
    })),
    labelled: labelledAfterWaiting(db, iso(clock.now() - labelledForMs), labelledShown),
  });

  const publishProblems = () => {
    if (!deps.onProblems) return;
    const next = problems();
    const json = JSON.stringify(next);
    if (json === lastProblemsJson) return;
    lastProblemsJson = json;
    deps.onProblems(next);
  };

  /**
   * A parcel that waits for Picqer (offline, or its changes already had to be sent again) gets its
   * packing slip now, made from the cache, once, so the box can be closed. The 'documents' step
   * later finds the job by its file and prints no second slip.
   */
  const printWaitingSlips = async (): Promise<void> => {
    const settings = deps.packingSlip?.() ?? defaultPackingSlipSettings;
    if (settings.source !== 'local') return;
    const isOffline = deps.isOnline?.() === false;
    for (const parcel of parcelsWithoutShipment(db)) {
      if ((!isOffline && !parcel.hasRetried) || slipsNotMade.has(parcel.packSessionId)) continue;
      // A parcel of several boxes gets a slip per box, each saying which box it goes in.
      const boxCount = 1 + packSessionBoxes(db, parcel.packSessionId).length;
      try {
        for (let box = 1; box <= boxCount; box++) {
          const path = earlySlipPath(deps.documentsDir, parcel.packSessionId, box);
          if (printJobForDocument(db, path)) continue;
          const slip = await renderParcelSlip(db, parcel.idpicklist, settings, new Date(clock.now()), boxCount > 1 ? { box, of: boxCount } : undefined);
          if (!slip) {
            slipsNotMade.add(parcel.packSessionId);
            break;
          }
          writeFileAtomic(path, slip);
          const isQueued = db.transaction(() => {
            if (printJobForDocument(db, path)) return false;
            deps.printing.queue({ kind: 'packing_slip', idpicklist: parcel.idpicklist, shipmentId: null, documentPath: path, format: 'pdf' });
            return true;
          })();
          if (isQueued) {
            log.info('packing slip printed while the parcel waits for Picqer', { ...parcel, box });
            deps.printing.kick();
          }
        }
      } catch (error) {
        slipsNotMade.add(parcel.packSessionId);
        log.warn('early packing slip not made; it prints with the label', { ...parcel, error: messageOf(error) });
      }
    }
  };

  const recover = () => {
    // Whatever was in flight when the station stopped may have reached Picqer: settle it first.
    const count = markInFlightUnknown(db, iso());
    if (count > 0) log.info('rows in flight at start are unknown now', { count });
    isRecovered = true;
  };

  const readings = createPicklistReadings(clock);

  const publish = (notices: StepNotices) => {
    for (const id of notices.sessions) deps.onSessionUpdated(id);
    for (const id of notices.history) deps.onHistoryChanged(id);
    if (notices.queue.size > 0) deps.onQueueChanged([...notices.queue]);
  };

  /** Stops the parcel: session alert, this row failed, the picklist's later rows set aside. */
  const stopParcel = (row: OutboxRow, why: Reason, detail: string | null, notices: StepNotices, answer: PicqerAnswer | null = null) => {
    const packSessionId = packSessionIdOf(row);
    // The log and the outbox keep it in English with the error's own words; the screen words the reason.
    const sentence = detail ? `${englishOf(why)} ${detail}` : englishOf(why);
    db.transaction(() => {
      markOutboxFailed(db, row.id, sentence, iso(), answer);
      if (row.idpicklist !== null) setAsideOutboxRows(db, row.idpicklist, row.id, `${heldBackPrefix}${sentence}`, iso());
      if (packSessionId !== null) setPackSessionStatus(db, packSessionId, 'alert', { now: iso(), alert: alertToStore(why) });
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
      readings,
      notices,
      iso: () => iso(),
      complete: (change) => markDoneIn(db, row, clock, change),
    };
    try {
      await runStep(ctx);
      lastError = null;
      lastAnswer = null;
    } catch (error) {
      const message = messageOf(error);
      // Picqer's own answer, kept as data for the screen to word: on the error, or behind our sentence.
      const answer = answerOf(error instanceof Error && error.cause !== undefined ? error.cause : error);
      const backoff = iso(clock.now() + Math.min(retry.maxMs, retry.minMs * 2 ** Math.min(attempts - 1, 20)));
      if (error instanceof ParcelAlert) {
        stopParcel(row, error.reason, null, notices, answer);
      } else if (isOutcomeUnknown(error)) {
        markOutboxRetry(db, row.id, 'unknown', backoff, message, iso(), answer);
      } else if (!(error instanceof StepFailure) && attempts < attemptsWorth(error)) {
        // A row that was unknown stays unknown until a step has settled it against Picqer.
        markOutboxRetry(db, row.id, row.status === 'unknown' ? 'unknown' : 'pending', backoff, message, iso(), answer);
      } else {
        const code = failureReason[row.kind];
        if (code) stopParcel(row, reason(code, { picklistid: picklistidOf(db, row.idpicklist) ?? String(row.idpicklist) }), message, notices, answer);
        else markOutboxFailed(db, row.id, message, iso(), answer);
      }
      lastError = message;
      lastAnswer = answer;
      log.warn('outbox row not sent', { id: row.id, kind: row.kind, idpicklist: row.idpicklist, attempts, error: message });
    }
    publish(notices);
  };

  /** Set while a pass waits on its rows: a kick starts what was handed over since, without waiting for them. */
  let wake: (() => void) | null = null;

  const pass = async () => {
    if (!isRecovered) recover();
    await printWaitingSlips();
    // Different picklists go side by side, each row started as soon as a place is free or it is
    // handed over (a kick wakes the pass), not when every row started with it is done: a slow
    // label fetch or shipment does not hold up the next parcel, which in a singles batch comes
    // every few seconds. Within a picklist, one row at a time.
    const sending = new Set<Promise<void>>();
    for (;;) {
      const heads = dueHeadRows(db, iso()).filter((row) => !active.has(row.idpicklist));
      for (const row of heads.slice(0, Math.max(0, concurrency - sending.size))) {
        active.add(row.idpicklist);
        const one: Promise<void> = send(row).finally(() => {
          active.delete(row.idpicklist);
          sending.delete(one);
        });
        sending.add(one);
      }
      if (sending.size === 0) break;
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      await Promise.race([...sending, woken]);
      wake = null;
      publishStatus();
      publishProblems();
    }
    readings.clear();
    await printWaitingSlips();
    publishStatus();
    publishProblems();
  };

  const loop = createWorkerLoop({
    clock,
    pass,
    nextAttemptAt: () => nextOutboxAttemptAt(db),
    onError(error) {
      lastError = messageOf(error);
      lastAnswer = null;
      log.error('outbox pass failed', { error: lastError });
    },
  });

  const requireGroup = (id: number): SetAsideGroup => {
    const group = setAsideGroup(db, id);
    if (!group) throw new AppError('NOT_FOUND', reason('outbox.noLongerSetAside'));
    return group;
  };

  const kick = () => {
    wake?.();
    loop.kick();
  };

  const worker: OutboxWorker = {
    start: loop.start,
    stop: loop.stop,
    kick,
    status,
    drain: loop.drain,
    resume() {
      const count = makeWaitingRowsDue(db, iso());
      if (count > 0) log.info('connection back: waiting rows are due now', { count });
      kick();
    },
    problems,
    retry(id) {
      const group = requireGroup(id);
      const refusal = retryRefusal(group);
      if (refusal) throw new AppError('CONFLICT', refusal);
      const packSessionId = packSessionIdOf(group.row);
      db.transaction(() => {
        requeueRows(db, [group.row.id, ...group.heldBack.map((r) => r.id)], iso());
        // The parcel is on its way again: its session waits for the outbox, as after complete.
        if (packSessionId !== null && packSessionStatus(db, packSessionId) === 'alert') {
          setPackSessionStatus(db, packSessionId, shipmentOfSession(db, packSessionId) ? 'labels_pending' : 'completing', { now: iso() });
        }
      })();
      log.info('set-aside rows sent again', { id, kind: group.row.kind, idpicklist: group.row.idpicklist, heldBack: group.heldBack.length });
      if (packSessionId !== null) deps.onSessionUpdated(packSessionId);
      if (group.row.idpicklist !== null) deps.onQueueChanged([group.row.idpicklist]);
      publishStatus();
      publishProblems();
      kick();
      return problems();
    },
    discard(id, who) {
      const group = requireGroup(id);
      const reason = `${who ? `by ${who}` : 'at the station'} (${group.row.lastError ?? 'set aside'})`;
      db.transaction(() => discardRows(db, [group.row.id, ...group.heldBack.map((r) => r.id)], reason, iso()))();
      log.info('set-aside rows discarded', { id, kind: group.row.kind, idpicklist: group.row.idpicklist, heldBack: group.heldBack.length });
      if (group.row.idpicklist !== null) deps.onHistoryChanged(group.row.idpicklist);
      publishStatus();
      publishProblems();
      return problems();
    },
  };
  return worker;
}
