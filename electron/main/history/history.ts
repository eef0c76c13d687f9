import { reason } from '../../../shared/reasons';
import { storedError } from '../packing/reasons';
import { existsSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Person } from '../../../shared/domain';
import type { Parcel } from '../../../shared/packing';
import type { Clock } from '../infra/clock';
import { isShipUnfinished, setAsideSessionRows } from '../db/queries/outbox';
import { sessionsWithoutShipment, setPackSessionStatus } from '../db/queries/pack-sessions';
import { upsertPicklists } from '../db/queries/picklists';
import { failQueuedJobsOfShipment, printJobsOfShipments, type PrintJobRow } from '../db/queries/print-jobs';
import { getUser } from '../db/queries/users';
import { currentShipmentOfPicklist, markShipmentCancelled, shipmentsCreatedBetween, shipmentsOfSession, type ShipmentHistoryRow, type ShipmentRow } from '../db/queries/shipments';
import { createLogger } from '../infra/log';
import type { PicqerActions, PicqerApi } from '../picqer/types';
import type { PrintService } from '../printing/print-service';
import { upsertOrders } from '../db/queries/orders';
import { isPackedAfterCutOff } from '../../../shared/cut-off';
import { lotOrdersOfPicklists } from '../db/queries/scan-events';

/*
 * History: today's parcels at this station, cancelling a shipment within Picqer's five minutes
 * (and reopening the picklist for packing), and reprinting a label or slip from the journal.
 */

const log = createLogger('history');

/** Picqer lets a shipment be cancelled for five minutes after it was made. */
export const cancelWindowMs = 5 * 60_000;

/** [start, end) of a local calendar day as ISO instants, to compare with the stored timestamps. */
export function localDayRange(day: string): { from: string; to: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new AppError('VALIDATION', `"${day}" is not a day (YYYY-MM-DD)`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return { from: new Date(year, month - 1, date).toISOString(), to: new Date(year, month - 1, date + 1).toISOString() };
}

/** The local day of an instant, as YYYY-MM-DD: what "today" means at the station. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * A shipment's documents with the box each is for. A shipment holds boxes firstBox.. in order and
 * its documents are queued in that order (a reprint of every box too), so the n-th of a kind in a
 * shipment, first prints and reprints counted apart, is its box firstBox + n (mod its boxes).
 * `isSeveral`: the row shows more than one box, or not its first; otherwise no box is named.
 */
function printJobsFor(jobs: PrintJobRow[], shipment: ShipmentHistoryRow, isSeveral: boolean): Parcel['printJobs'] {
  const seen = new Map<string, number>();
  return jobs.flatMap((job) => {
    if (job.shipmentId !== shipment.id || (job.kind !== 'label' && job.kind !== 'packing_slip')) return [];
    const key = `${job.kind}:${job.isReprint ? 'again' : 'first'}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const box = isSeveral ? shipment.firstBox + (index % Math.max(1, shipment.parcelCount)) : null;
    return [{ id: job.id, kind: job.kind, box, status: job.status, ...storedError(job.lastError) }];
  });
}

/**
 * Today's (or `day`'s) parcels packed at this station, newest first. `cutOffs` (per shipping
 * profile, HH:MM) flags those packed after their carrier's cut-off that day.
 */
export function listParcels(db: Database, options: { day: string; stationName: string; cutOffs?: ReadonlyMap<number, string> }): Parcel[] {
  const { from, to } = localDayRange(options.day);
  const packer = (iduser: number | null) => {
    const user = iduser === null ? null : getUser(db, iduser);
    return user ? { iduser: user.iduser, name: user.name } : null;
  };
  const all = shipmentsCreatedBetween(db, from, to).filter((s) => s.stationName === null || s.stationName === options.stationName);
  const jobs = printJobsOfShipments(
    db,
    all.map((s) => s.id),
  );
  // A parcel whose boxes were shipped one by one is one row (newest first, as the shipments come):
  // its first box's shipment, with every box under it. Shipments of one parcel in different states
  // (a cancel that stopped half way) stay apart, so neither state hides the other.
  const groups = new Map<string, ShipmentHistoryRow[]>();
  for (const s of all) {
    const key = s.packSessionId === null ? `shipment ${s.id}` : `session ${s.packSessionId} ${s.status}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const waiting = sessionsWithoutShipment(db, options.stationName, from, to);
  const orders = lotOrdersOfPicklists(db, [...new Set([...all.map((s) => s.idpicklist), ...waiting.map((s) => s.idpicklist)])]);
  const lotOrder = (idpicklist: number): Parcel['lotOrder'] => {
    const order = orders.get(idpicklist);
    return order?.hasLots ? { idorder: order.idorder, orderid: order.orderid } : null;
  };
  const parcels: Parcel[] = [...groups.values()].map((unsorted) => {
    const group = [...unsorted].sort((a, b) => a.firstBox - b.firstBox || a.id - b.id);
    const s = group[0] as ShipmentHistoryRow;
    const first = group.reduce((a, b) => (Date.parse(a.createdAt) <= Date.parse(b.createdAt) ? a : b));
    const isCancelled = s.status === 'cancelled';
    const state: Parcel['state'] = isCancelled
      ? 'cancelled'
      : s.sessionStatus === 'alert'
        ? 'failed'
        : s.sessionStatus === 'completing' || s.sessionStatus === 'labels_pending'
          ? 'labels_pending'
          : 'shipped';
    const packedAt = s.completedAt ?? s.createdAt;
    const cutOff = s.idshippingproviderProfile === null ? undefined : options.cutOffs?.get(s.idshippingproviderProfile);
    const boxes = group.flatMap((g) =>
      Array.from({ length: g.parcelCount }, (_, i) => ({ box: g.firstBox + i, trackingCode: g.parcelTracking[i] ?? (i === 0 ? g.trackingcode : null), idshipment: g.idshipment })),
    );
    return {
      idshipment: s.idshipment,
      idpicklist: s.idpicklist,
      picklistid: s.picklistid ?? String(s.idpicklist),
      customer: s.customer ?? '',
      packer: packer(s.iduser),
      packedAt,
      shippingMethod: s.profileName,
      trackingCode: s.trackingcode,
      boxes,
      state,
      // The whole parcel is cancelled or none of it: its oldest shipment sets the window.
      canCancelUntil: isCancelled ? null : new Date(Date.parse(first.createdAt) + cancelWindowMs).toISOString(),
      cancelledBy: isCancelled && s.cancelledByIduser !== null ? { iduser: s.cancelledByIduser, name: s.cancelledByName ?? '' } : null,
      cancelReason: isCancelled ? s.cancelReason : null,
      cancelledAt: isCancelled ? s.cancelledAt : null,
      packedAfterCutOff: cutOff !== undefined && isPackedAfterCutOff(packedAt, cutOff) ? cutOff : null,
      lotOrder: lotOrder(s.idpicklist),
      printJobs: group.flatMap((g) => printJobsFor(jobs, g, boxes.length > 1 || s.firstBox > 1)),
    };
  });
  // Parcels still waiting for their shipment (offline), and those stopped before it.
  const pending: Parcel[] = waiting.map((s) => ({
    idshipment: null,
    idpicklist: s.idpicklist,
    picklistid: s.picklistid ?? String(s.idpicklist),
    customer: s.customer ?? '',
    packer: packer(s.iduser),
    packedAt: s.completedAt ?? s.updatedAt,
    shippingMethod: null,
    trackingCode: null,
    boxes: [],
    state: s.status === 'alert' ? 'failed' : 'labels_pending',
    canCancelUntil: null,
    cancelledBy: null,
    cancelReason: null,
    cancelledAt: null,
    packedAfterCutOff: null,
    lotOrder: lotOrder(s.idpicklist),
    printJobs: [],
  }));
  return [...pending, ...parcels];
}

export interface CancelShipmentDeps {
  db: Database;
  api: PicqerApi & PicqerActions;
  clock: Clock;
  /** Whether Picqer is reachable now (the sync status); cancelling is online only. */
  isOnline(): boolean;
  /** The packer signed in at the station: the one recorded as having cancelled. */
  packer(): Person | null;
  onHistoryChanged(idpicklist: number): void;
  onQueueChanged(idpicklists: number[]): void;
  onSessionUpdated(packSessionId: number): void;
}

/**
 * Cancels the picklist's shipment in Picqer, which makes the picklist packable again where Picqer
 * reopens it. Online only,
 * and only within Picqer's five minutes: a cancelled shipment cannot wait in the outbox, because
 * by the time it is sent the window may have closed and the parcel gone out with the carrier.
 * Picqer's cancel does not reach the carrier either, so the cancel is recorded with who made it.
 */
export async function cancelShipment(deps: CancelShipmentDeps, idpicklist: number, cancelReason: string): Promise<void> {
  const { db, api, clock } = deps;
  const shipment = currentShipmentOfPicklist(db, idpicklist);
  if (!shipment) throw new AppError('NOT_FOUND', reason('history.noShipment'));
  const packer = deps.packer();
  if (!packer) throw new AppError('FORBIDDEN', reason('history.signInToCancel'));
  if (!deps.isOnline()) throw new AppError('OFFLINE', reason('history.offlineCancel'));
  // A parcel shipped box by box whose later boxes are still being made: cancelling now would race
  // the outbox, which records them as they come. Its History row can be cancelled once they stand.
  if (shipment.packSessionId !== null && isShipUnfinished(db, shipment.packSessionId)) throw new AppError('CONFLICT', reason('history.stillShipping'));
  // A parcel whose boxes were shipped one by one is cancelled whole: every box's shipment, or the
  // picklist would be packed again while a box of it is still on its way. The oldest sets the window.
  const parts: ShipmentRow[] = shipment.packSessionId === null ? [shipment] : shipmentsOfSession(db, shipment.packSessionId);
  const madeAt = Math.min(...parts.map((p) => Date.parse(p.createdAt)));
  if (clock.now() - madeAt > cancelWindowMs) {
    throw new AppError('CONFLICT', reason('history.cancelWindowPassed', { time: clockTime(madeAt), minutes: Math.floor((clock.now() - madeAt) / 60_000) }));
  }
  const now = new Date(clock.now()).toISOString();
  // One by one, each recorded as Picqer confirms it: a cancel that stops half way (Picqer refused
  // one) leaves the rest standing and listed, and cancelling again takes them.
  for (const [i, part] of parts.entries()) {
    await api.cancelShipment(idpicklist, part.idshipment);
    db.transaction(() => {
      markShipmentCancelled(db, part.id, now, packer, cancelReason);
      failQueuedJobsOfShipment(db, part.id, 'Not printed: the shipment was cancelled', now);
      if (part.packSessionId !== null && i === 0) {
        // What had not gone to Picqer yet (the close, the labels, a box still to ship) must not go
        // now; the next open starts a fresh session with a fresh count.
        setAsideSessionRows(db, part.packSessionId, 'Not sent: the shipment was cancelled', now);
      }
      if (part.packSessionId !== null && i === parts.length - 1) setPackSessionStatus(db, part.packSessionId, 'abandoned', { now });
    })();
    log.info('shipment cancelled', { idpicklist, idshipment: part.idshipment, iduser: packer.iduser, reason: cancelReason });
  }
  try {
    // Picqer may reopen the picklist or keep it closed (its docs do not say; the demo plays both,
    // variant cancel-keeps-closed): the cache learns which now, so a rescan answers with the truth
    // (packing/messages.ts blockedReason) rather than with what it was before the cancel.
    const picklist = await api.getPicklist(idpicklist);
    const order = picklist.idorder === null ? null : await api.getOrder(picklist.idorder);
    db.transaction(() => {
      upsertPicklists(db, [picklist], now);
      if (order) upsertOrders(db, [order], now);
    })();
  } catch (error) {
    log.warn('picklist not refreshed after cancelling its shipment', { idpicklist, error: error instanceof Error ? error.message : String(error) });
  }
  if (shipment.packSessionId !== null) deps.onSessionUpdated(shipment.packSessionId);
  deps.onQueueChanged([idpicklist]);
  deps.onHistoryChanged(idpicklist);
}

/**
 * Prints a parcel's label (every parcel's, for multicolli) or packing slip again from the journal.
 * Explicit only: the normal path prints each document once.
 */
export function reprint(deps: { db: Database; printing: PrintService }, idpicklist: number, document: 'label' | 'packing_slip'): number[] {
  const { db, printing } = deps;
  const shipment = currentShipmentOfPicklist(db, idpicklist);
  if (!shipment) throw new AppError('NOT_FOUND', reason('history.noShipment'));
  // Every box's label (or slip), in box order, where each box was shipped alone.
  const parts = shipment.packSessionId === null ? [shipment] : shipmentsOfSession(db, shipment.packSessionId);
  const sources = new Map<string, { format: 'pdf' | 'zpl'; shipmentId: number }>();
  for (const job of printJobsOfShipments(db, parts.map((p) => p.id))) {
    if (job.kind === document && job.documentPath) sources.set(job.documentPath, { format: job.format, shipmentId: job.shipmentId ?? shipment.id });
  }
  if (sources.size === 0) {
    throw new AppError('NOT_FOUND', reason(document === 'label' ? 'history.labelNotFetched' : 'history.slipNotFetched'));
  }
  const ids = db.transaction(() =>
    [...sources].map(([documentPath, { format, shipmentId }]) => printing.queue({ kind: document, idpicklist, shipmentId, documentPath, format, isReprint: true })),
  )();
  printing.kick();
  return ids;
}

/**
 * A parcel's label or packing slip as the print journal kept it, to look at on screen (the demo's
 * folder printers print nothing a newcomer would see). Only PDFs: a ZPL label is printer language.
 */
export function documentPdf(db: Database, idpicklist: number, document: 'label' | 'packing_slip'): { filename: string; pdfBase64: string } {
  const newest = currentShipmentOfPicklist(db, idpicklist);
  if (!newest) throw new AppError('NOT_FOUND', reason('history.noShipment'));
  // A parcel whose boxes were shipped one by one shows its first box's document.
  const shipment = (newest.packSessionId === null ? null : shipmentsOfSession(db, newest.packSessionId)[0]) ?? newest;
  const path = printJobsOfShipments(db, [shipment.id]).find((job) => job.kind === document && job.format === 'pdf' && job.documentPath && existsSync(job.documentPath))?.documentPath;
  if (!path) {
    throw new AppError('NOT_FOUND', reason(document === 'label' ? 'history.noLabelPdf' : 'history.noSlipPdf'));
  }
  const name = document === 'label' ? 'label' : 'packing-slip';
  return { filename: `${name}-${String(shipment.idshipment)}.pdf`, pdfBase64: readFileSync(path).toString('base64') };
}
