import { reasonText } from '../../../shared/i18n';
import { reason, type Reason } from '../../../shared/reasons';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../infra/clock';
import { getUser } from '../db/queries/users';
import { markOutboxDone, markShipClosedByPick, type OutboxRow, type OutboxKind, type OutboxPayloads } from '../db/queries/outbox';
import { boxesShipped, saveShipment, shipmentDocuments, shipmentIdsOfPicklist, shipmentsOfSession, type LabelDocument } from '../db/queries/shipments';
import { picklistHeader, picklistLines, upsertPicklists } from '../db/queries/picklists';
import { labelPath, packingSlipPath, writeFileAtomic } from '../documents/journal';
import { renderParcelSlip, type PackingSlipSettings } from '../documents/parcel-slip';
import { createLogger } from '../infra/log';
import { defaultShippingMethod } from '../picqer/client';
import { isOutcomeUnknown, isPicqerError } from '../picqer/errors';
import type { PickLine, PicqerActions, PicqerApi, PicqerPicklist, PicqerShipment } from '../picqer/types';
import type { PrintService } from '../printing/print-service';
import { recheckBeforeShipment, stoppedByStatus } from './outbox-recheck';
import { pngLabelPdf } from '../documents/label-pdf';
import { attachPrintJobToShipment, printJobForDocument } from '../db/queries/print-jobs';
import { setPackSessionStatus } from '../db/queries/pack-sessions';
import { packSessionBoxes } from '../db/queries/pack-session-boxes';

/*
 * What each outbox row kind does. A step either returns after committing its own "done"
 * transaction (ctx.complete), or throws: the worker (outbox.ts) decides from the error whether the
 * row is retried, settled later as unknown, failed for good, or stops its parcel with an alert.
 */

/** The parcel must stop: Picqer changed under the packer. The message is shown as is. */
export class ParcelAlert extends Error {
  /** Why, for the packer's screen (the session's alert) in the station's language. */
  readonly reason: Reason;

  constructor(why: Reason, options?: { cause?: unknown }) {
    super(reasonText('en', why), options);
    this.name = 'ParcelAlert';
    this.reason = why;
  }
}

/**
 * Picqer answered 2xx but the answer did not show the change (an empty body, or a proxy's page
 * with 200 that never reached Picqer): tried again, reading Picqer first.
 */
export class Unconfirmed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unconfirmed';
  }
}

/** Retrying cannot help; the row fails with this reason (and Picqer's answer, as its cause, when it gave one). */
export class StepFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StepFailure';
  }
}

export interface StepNotices {
  sessions: Set<number>;
  history: Set<number>;
  queue: Set<number>;
}

export interface StepContext {
  db: Database;
  api: PicqerApi & PicqerActions;
  clock: Clock;
  printing: PrintService;
  documentsDir: string;
  packingSlip: PackingSlipSettings;
  row: OutboxRow;
  idpicklist: number;
  /** This row was sent before (or was in flight at a restart): Picqer may already have it. */
  isRetry: boolean;
  /** Picklists as Picqer answered them a moment ago (a pick's answer), for the next step to use. */
  readings: PicklistReadings;
  notices: StepNotices;
  iso(): string;
  /** Commits `change` together with the row becoming done. */
  complete(change?: () => void): void;
}

const log = createLogger('outbox');

/** The worker's memory of picklists as Picqer last answered them, with when. */
export interface PicklistReadings {
  remember(picklist: PicqerPicklist): void;
  /** The picklist as answered at most `maxAgeMs` ago, or null; used once. */
  take(idpicklist: number, maxAgeMs: number): PicqerPicklist | null;
  /** Forgets them all: a pass of the worker ended, and what comes later reads Picqer itself. */
  clear(): void;
}

export function createPicklistReadings(clock: Clock): PicklistReadings {
  const readings = new Map<number, { picklist: PicqerPicklist; at: number }>();
  return {
    remember(picklist) {
      readings.set(picklist.idpicklist, { picklist, at: clock.now() });
      // A station keeps a handful of parcels in flight; older readings are never used again.
      if (readings.size > 64) readings.delete(readings.keys().next().value ?? picklist.idpicklist);
    },
    take(idpicklist, maxAgeMs) {
      const reading = readings.get(idpicklist);
      readings.delete(idpicklist);
      return reading && clock.now() - reading.at <= maxAgeMs ? reading.picklist : null;
    },
    clear() {
      readings.clear();
    },
  };
}

/** Where the packing slip of a parcel (of one of its boxes) still waiting for its shipment is kept (it has no shipment id yet). */
export function earlySlipPath(documentsDir: string, packSessionId: number, box = 1): string {
  return join(documentsDir, 'sessions', String(packSessionId), box > 1 ? `packing-slip-${box}.pdf` : 'packing-slip.pdf');
}

type Step<K extends OutboxKind> = (ctx: StepContext, payload: OutboxPayloads[K]) => Promise<void>;

function isConflict(error: unknown): boolean {
  return isPicqerError(error) && error.code === 'CONFLICT';
}

function cachePicklist(ctx: StepContext, picklist: PicqerPicklist | null): void {
  if (!picklist) return;
  for (const id of upsertPicklists(ctx.db, [picklist], ctx.iso())) ctx.notices.queue.add(id);
}

/** Drops parts whose parent is picked too: picking a composition picks its parts in Picqer. */
function withoutCoveredParts(lines: PickLine[], partOf: (id: number) => number | null): PickLine[] {
  const ids = new Set(lines.map((l) => l.idpicklist_product));
  return lines.filter((l) => l.amount > 0 && !ids.has(partOf(l.idpicklist_product) ?? -1));
}

/** What is still to pick for the packed amounts, given what Picqer shows picked now. */
function remainingPicks(lines: PickLine[], picklist: PicqerPicklist): PickLine[] {
  const remaining: PickLine[] = [];
  for (const line of lines) {
    const current = picklist.products.find((p) => p.idpicklist_product === line.idpicklist_product);
    if (!current) throw new ParcelAlert(reason('parcel.lineGone', { picklistid: picklist.picklistid }));
    const missing = Math.min(line.amount, current.amount) - current.amount_picked;
    if (missing > 0) remaining.push({ idpicklist_product: line.idpicklist_product, amount: missing });
  }
  return remaining;
}

const pick: Step<'pick'> = async (ctx, payload) => {
  const { api, idpicklist } = ctx;
  const cached = picklistLines(ctx.db, idpicklist);
  const partOf = (id: number) => cached.find((l) => l.idpicklistProduct === id)?.partof ?? null;
  const lines = withoutCoveredParts(payload.lines, (id) => partOf(id));

  // Picks are not idempotent: after any earlier attempt (unknown outcome, a partial pickLines,
  // a restart) the picklist is read first and only what Picqer does not show picked is sent.
  const settle = async () => {
    const picklist = await api.getPicklist(idpicklist);
    const remaining = remainingPicks(lines, picklist);
    if (remaining.length === 0) {
      ctx.readings.remember(picklist);
      return ctx.complete(() => cachePicklist(ctx, picklist));
    }
    if (picklist.status !== 'new') {
      // The cache learns it too, so the queue and a rescan say why at once.
      ctx.db.transaction(() => cachePicklist(ctx, picklist))();
      throw new ParcelAlert(stoppedByStatus(picklist) ?? reason('parcel.notAllPicked', { picklistid: picklist.picklistid }));
    }
    // Nothing of it reached Picqer (the attempt before never left, offline): one pickall, as the
    // first attempt would have sent, instead of one request per line.
    const topLevel = picklist.products.filter((p) => p.partof_idpicklist_product === null);
    const isUntouched =
      topLevel.length > 0 &&
      topLevel.every((p) => p.amount_picked === 0 && remaining.some((r) => r.idpicklist_product === p.idpicklist_product && r.amount === p.amount));
    if (isUntouched && remaining.length === topLevel.length) {
      try {
        return confirmed(await api.pickAll(idpicklist), unconfirmed);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    const result = await api.pickLines(idpicklist, remaining);
    if (result.failed) {
      if (isOutcomeUnknown(result.failed.error) || !isConflict(result.failed.error)) throw result.failed.error;
      throw new StepFailure(`Picqer refused the pick: ${result.failed.error.message}`, { cause: result.failed.error });
    }
    return confirmed(result.picklist, unconfirmed);
  };

  const unconfirmed = () => Promise.reject(new Unconfirmed('Picqer answered the pick without showing the units picked'));

  /** Done when Picqer's answer shows every packed unit picked; otherwise `orElse` finds out. */
  const confirmed = (answer: PicqerPicklist | null, orElse: () => Promise<void>): Promise<void> => {
    if (answer && remainingPicks(lines, answer).length === 0) {
      ctx.readings.remember(answer);
      ctx.complete(() => {
        cachePicklist(ctx, answer);
        // Only the answer to our own pick says who closed it; a later read could not tell this
        // from a picklist closed in Picqer, where a shipment would be one too many.
        if (answer.status === 'closed') markShipClosedByPick(ctx.db, ctx.idpicklist, payload.packSessionId);
      });
      return Promise.resolve();
    }
    return orElse();
  };

  if (ctx.isRetry) return settle();
  const topLevel = cached.filter((l) => l.partof === null);
  const isEverything =
    topLevel.length > 0 && topLevel.every((l) => (payload.lines.find((p) => p.idpicklist_product === l.idpicklistProduct)?.amount ?? 0) >= l.amount);
  if (isEverything) {
    let answer: PicqerPicklist | null;
    try {
      answer = await api.pickAll(idpicklist);
    } catch (error) {
      if (isConflict(error)) return settle();
      throw error;
    }
    return confirmed(answer, settle);
  }
  const result = await api.pickLines(idpicklist, lines);
  if (!result.failed) return confirmed(result.picklist, settle);
  // "Amount too high" / wrong status: Picqer may already show these units picked (a picker did
  // it on a handheld, or an earlier attempt did). Compare before calling it a failure.
  if (isConflict(result.failed.error)) return settle();
  throw result.failed.error;
};

function recordShipment(ctx: StepContext, payload: OutboxPayloads['ship'], shipment: PicqerShipment, picklist: PicqerPicklist | null): void {
  const local = picklistHeader(ctx.db, ctx.idpicklist);
  ctx.complete(() => {
    cachePicklist(ctx, picklist);
    saveShipment(ctx.db, {
      shipment,
      idpicklist: ctx.idpicklist,
      packSessionId: payload.packSessionId,
      picklistid: picklist?.picklistid ?? local?.picklistid ?? null,
      customer: picklist?.deliveryname ?? local?.customer ?? null,
      idshippingproviderProfile: payload.idshippingprovider_profile,
      createdAt: ctx.iso(),
    });
    setPackSessionStatus(ctx.db, payload.packSessionId, 'labels_pending', { now: ctx.iso() });
  });
  ctx.notices.sessions.add(payload.packSessionId);
  ctx.notices.history.add(ctx.idpicklist);
}

/**
 * The re-check before a shipment (DESIGN.md "The pack loop" step 3) reads the picklist; the pick
 * step's answer, a moment old and from the same pass of the worker, is that reading (one request
 * less per parcel, docs/benchmarks.md).
 * The order is not read again: pausing an order pauses its picklists, and an order in processing
 * is only cancelled by force, which removes its picklists (Picqer's Orders API: "Pause order",
 * "Cancel an order"), so the picklist's own status says both.
 */
const freshReadingMs = 15_000;

/** Why no shipment may be made because Picqer already has one standing for the picklist; null when none stands. */
function standingShipmentAlert(picklistid: string, shipments: PicqerShipment[]): Reason | null {
  const first = shipments.filter((s) => !s.cancelled).sort((a, b) => a.idshipment - b.idshipment)[0];
  return first ? reason('parcel.shipmentStands', { picklistid, idshipment: first.idshipment }) : null;
}

const ship: Step<'ship'> = async (ctx, payload) => {
  if (payload.boxes && payload.boxes.length > 1) return shipBoxes(ctx, payload, payload.boxes);
  const { api, db, idpicklist } = ctx;
  // Shipments are not idempotent in Picqer, and another station on the key may have shipped the
  // picklist: every shipment is preceded by a look at the picklist's shipments.
  const shipments = await api.listShipments(idpicklist);
  if (ctx.isRetry) {
    // The POST may have made the shipment although we never heard back. Shipments this station
    // already holds (an earlier, cancelled parcel) are not ours to adopt.
    const known = shipmentIdsOfPicklist(db, idpicklist);
    const made = shipments.filter((s) => !s.cancelled && !known.has(s.idshipment)).sort((a, b) => b.idshipment - a.idshipment)[0];
    const isOnlyOne = shipments.filter((s) => !s.cancelled).length === 1;
    if (made && isOnlyOne) return recordShipment(ctx, payload, made, null);
  }
  const picklist = await recheckFirstShipment(ctx, payload, shipments);
  const profile = await profileFor(ctx, payload, picklist);
  const shipment = await api.createShipment(idpicklist, {
    idshippingprovider_profile: profile,
    weight: payload.weight ?? undefined,
    idpackaging: payload.idpackaging ?? undefined,
    ...(payload.extraFields ? { extra_fields: payload.extraFields } : {}),
  });
  recordShipment(ctx, payload, shipment, picklist);
};

type ShipPayload = OutboxPayloads['ship'];
type ShipBox = NonNullable<ShipPayload['boxes']>[number];

/** The re-check before a parcel's first shipment; the picklist as read, or an alert thrown. */
async function recheckFirstShipment(ctx: StepContext, payload: ShipPayload, shipments: PicqerShipment[]): Promise<PicqerPicklist> {
  const { api, db, idpicklist } = ctx;
  const picklist = ctx.readings.take(idpicklist, freshReadingMs) ?? (await api.getPicklist(idpicklist));
  const cachedNames = new Map(picklistLines(db, idpicklist).map((l) => [l.idpicklistProduct, l.name]));
  const alert =
    recheckBeforeShipment({
      picklist,
      order: null,
      payload,
      isClosedByOwnPick: payload.isClosedByPick === true,
      userName: (iduser) => getUser(db, iduser)?.name ?? null,
      lineName: (id) => cachedNames.get(id) ?? null,
    }) ?? standingShipmentAlert(picklist.picklistid, shipments);
  db.transaction(() => cachePicklist(ctx, picklist))();
  if (alert) throw new ParcelAlert(alert);
  return picklist;
}

/** The shipping profile to ship with: the packer's, else the one the parcel's shipments already went with, else Picqer's default. */
async function profileFor(ctx: StepContext, payload: ShipPayload, picklist: PicqerPicklist | null): Promise<number> {
  const chosen = payload.idshippingprovider_profile ?? shipmentsOfSession(ctx.db, payload.packSessionId).find((s) => s.idshippingproviderProfile !== null)?.idshippingproviderProfile ?? null;
  if (chosen !== null) return chosen;
  const profile = defaultShippingMethod(await ctx.api.getShippingMethods(ctx.idpicklist), picklist?.idshippingprovider_profile ?? null)?.idshippingprovider_profile ?? null;
  if (profile === null) throw new ParcelAlert(reason('parcel.noShippingMethod', { picklistid: picklist?.picklistid ?? String(ctx.idpicklist) }));
  return profile;
}

/** Picqer refused the shipment as asked (a 4xx it answered): a shipment per box may still be taken. */
function isRefusal(error: unknown): boolean {
  return (
    isPicqerError(error) &&
    !error.outcomeUnknown &&
    error.httpStatus !== null &&
    error.httpStatus >= 400 &&
    error.httpStatus < 500 &&
    ![401, 403, 404, 429].includes(error.httpStatus)
  );
}

/** Commits one shipment of a parcel of several boxes, without finishing the row: more boxes may follow. */
function recordBoxShipment(
  ctx: StepContext,
  payload: ShipPayload,
  shipment: PicqerShipment,
  firstBox: number,
  picklist: PicqerPicklist | null,
  profile: number | null = payload.idshippingprovider_profile,
): void {
  const local = picklistHeader(ctx.db, ctx.idpicklist);
  ctx.db.transaction(() =>
    saveShipment(ctx.db, {
      shipment,
      idpicklist: ctx.idpicklist,
      packSessionId: payload.packSessionId,
      picklistid: picklist?.picklistid ?? local?.picklistid ?? null,
      customer: picklist?.deliveryname ?? local?.customer ?? null,
      // The profile it was made with, so the boxes after it go with the same one after a restart.
      idshippingproviderProfile: profile,
      createdAt: ctx.iso(),
      firstBox,
    }),
  )();
  ctx.notices.history.add(ctx.idpicklist);
}

/**
 * A parcel of several boxes (issue 17): one shipment with a parcel per box (Picqer's `parcels`,
 * changelog 2025-12-16). Where Picqer refuses parcels (an account or carrier without multi-colli),
 * or makes fewer parcels than asked, the boxes left go as a shipment each, in box order.
 *
 * Each shipment is committed as it is made, with the box it starts at, and the row stays open
 * until every box is shipped. A retry (a kill, a timeout, a restart) counts the boxes this
 * session's recorded shipments hold as done, and adopts the one shipment Picqer made that the
 * station never heard of as the next box: only one request is ever out at a time, so at most one
 * can be unheard. A box is never shipped twice and never left out.
 */
async function shipBoxes(ctx: StepContext, payload: ShipPayload, boxes: ShipBox[]): Promise<void> {
  const { api, db, idpicklist } = ctx;
  const shipments = await api.listShipments(idpicklist);
  let shipped = boxesShipped(db, payload.packSessionId);
  if (ctx.isRetry) {
    const known = shipmentIdsOfPicklist(db, idpicklist);
    const unheard = shipments.filter((s) => !s.cancelled && !known.has(s.idshipment)).sort((a, b) => a.idshipment - b.idshipment);
    const [made, other] = unheard;
    if (made && other) {
      // More than this station could have made unheard: someone else shipped the picklist too.
      throw new ParcelAlert(reason('parcel.shipmentStands', { picklistid: picklistHeader(db, idpicklist)?.picklistid ?? String(idpicklist), idshipment: made.idshipment }));
    }
    if (made) {
      // Which boxes an unheard shipment holds is read off its parcels; one listed without them
      // (a first, several-parcel request, or one box) cannot be told apart, and no box is risked twice.
      if (made.parcels.length === 0 && shipped === 0 && boxes.length > 1) {
        throw new ParcelAlert(reason('parcel.boxesUnknown', { picklistid: picklistHeader(db, idpicklist)?.picklistid ?? String(idpicklist), idshipment: made.idshipment }));
      }
      recordBoxShipment(ctx, payload, made, shipped + 1, null);
      shipped += Math.max(1, made.parcels.length);
    }
  }
  let picklist: PicqerPicklist | null = null;
  let profile: number | null = null;
  if (shipped === 0) {
    picklist = await recheckFirstShipment(ctx, payload, shipments);
    profile = await profileFor(ctx, payload, picklist);
    let shipment: PicqerShipment | null = null;
    try {
      shipment = await api.createShipment(idpicklist, {
        idshippingprovider_profile: profile,
        parcels: boxes.map((b) => ({ ...(b.idpackaging !== null ? { idpackaging: b.idpackaging } : {}), ...(b.weight !== null ? { weight: b.weight } : {}) })),
        ...(payload.extraFields ? { extra_fields: payload.extraFields } : {}),
      });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      log.info('Picqer refused parcels; one shipment per box', { idpicklist, boxes: boxes.length, error: error instanceof Error ? error.message : String(error) });
    }
    if (shipment) {
      recordBoxShipment(ctx, payload, shipment, 1, picklist, profile);
      shipped = Math.max(1, shipment.parcels.length);
      if (shipped < boxes.length) log.warn('Picqer made fewer parcels than boxes; the rest go as their own shipments', { idpicklist, parcels: shipped, boxes: boxes.length });
    }
  }
  for (const box of boxes.slice(shipped)) {
    profile ??= await profileFor(ctx, payload, picklist);
    const shipment = await api.createShipment(idpicklist, {
      idshippingprovider_profile: profile,
      ...(box.idpackaging !== null ? { idpackaging: box.idpackaging } : {}),
      ...(box.weight !== null ? { weight: box.weight } : {}),
      ...(payload.extraFields ? { extra_fields: payload.extraFields } : {}),
    });
    recordBoxShipment(ctx, payload, shipment, box.box, picklist, profile);
  }
  ctx.complete(() => setPackSessionStatus(db, payload.packSessionId, 'labels_pending', { now: ctx.iso() }));
  ctx.notices.sessions.add(payload.packSessionId);
  ctx.notices.history.add(idpicklist);
}

function chooseLabels(documents: LabelDocument[], format: 'pdf' | 'zpl'): LabelDocument[] {
  const parcels = [...new Set(documents.map((d) => d.parcel))].sort((a, b) => a - b);
  return parcels.flatMap((parcel) => {
    const own = documents.filter((d) => d.parcel === parcel);
    const chosen = own.find((d) => d.format === format) ?? own.find((d) => d.format === 'pdf') ?? own[0];
    return chosen ? [chosen] : [];
  });
}

/**
 * The local slip needs no request and prints offline. When it cannot be made (the picklist left
 * the cache, a logo or font problem) the parcel falls back to Picqer's slip: a slip error must
 * never hold back the label of a parcel whose shipment already exists.
 */
async function localSlip(ctx: StepContext, box?: { box: number; of: number }): Promise<Buffer | null> {
  if (ctx.packingSlip.source !== 'local') return null;
  try {
    return await renderParcelSlip(ctx.db, ctx.idpicklist, ctx.packingSlip, new Date(ctx.clock.now()), box);
  } catch (error) {
    log.warn("local packing slip failed, using Picqer's", { idpicklist: ctx.idpicklist, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

const documents: Step<'documents'> = async (ctx, payload) => {
  const { api, db, idpicklist } = ctx;
  // One shipment, or one per box where each box was shipped alone: labels go in box order.
  const shipments = shipmentsOfSession(db, payload.packSessionId);
  const shipment = shipments[0];
  if (!shipment) throw new StepFailure('There is no shipment for this parcel (it may have been cancelled)');
  // Downloads are plain reads and the journal files are replaced whole, so doing this twice (a
  // restart before the commits below) costs a download, never a second print job.
  const saved: Array<{ path: string; format: 'pdf' | 'zpl'; shipmentId: number }> = [];
  for (const each of shipments) {
    let labels = chooseLabels(shipmentDocuments(each), ctx.printing.labelFormat());
    if (labels.length === 0 && each.labelUrl) labels = [{ parcel: 1, format: each.labelFormat ?? 'pdf', url: each.labelUrl }];
    if (labels.length === 0) throw new StepFailure(`Picqer sent no label for shipment ${each.idshipment}`);
    for (const label of labels) {
      const downloaded = await api.downloadDocument(label.url);
      // What the bytes are decides, not what the link claimed: a carrier's "pdf" may be a PNG.
      const kind = downloaded.format ?? (label.format === 'zpl' ? 'zpl' : 'pdf');
      const format = kind === 'zpl' ? 'zpl' : 'pdf';
      const body = kind === 'png' ? await pngLabelPdf(downloaded.body) : downloaded.body;
      const path = labelPath(ctx.documentsDir, each.idshipment, label.parcel, format);
      writeFileAtomic(path, body);
      saved.push({ path, format, shipmentId: each.id });
    }
  }
  // The labels go to the printer now, the slips after they are rendered: the packer (at a singles
  // batch, the next scan) waits for the label, not for the slip's pdfkit. A label queued before a
  // restart is not queued again (found by its document), so a second run prints it once.
  db.transaction(() => {
    for (const label of saved) {
      if (!printJobForDocument(db, label.path)) ctx.printing.queue({ kind: 'label', idpicklist, shipmentId: label.shipmentId, documentPath: label.path, format: label.format });
    }
  })();
  ctx.printing.kick();
  const boxCount = 1 + packSessionBoxes(db, payload.packSessionId).length;
  const shipmentOfBox = (box: number) => shipments.filter((s) => s.firstBox <= box).at(-1) ?? shipment;
  // A parcel that waited for Picqer had its slips printed then (one per box): they are filed under
  // their boxes' shipments, not printed twice.
  const earlySlips = Array.from({ length: boxCount }, (_, i) => ({ box: i + 1, job: printJobForDocument(db, earlySlipPath(ctx.documentsDir, payload.packSessionId, i + 1)) }));
  const slips: Array<{ path: string; shipmentId: number }> = [];
  // Several boxes: a local slip per box saying which box it is, filed under that box's shipment.
  // Picqer's own slip knows no boxes: when the local one cannot be made, one goes with the first.
  for (const { box, job } of earlySlips) {
    if (job) continue;
    const owner = shipmentOfBox(box);
    const local = await localSlip(ctx, boxCount > 1 ? { box, of: boxCount } : undefined);
    if (local) {
      const path = packingSlipPath(ctx.documentsDir, owner.idshipment, box);
      writeFileAtomic(path, local);
      slips.push({ path, shipmentId: owner.id });
    } else {
      if (earlySlips.some((s) => s.job) || slips.length > 0) break;
      const path = packingSlipPath(ctx.documentsDir, owner.idshipment);
      writeFileAtomic(path, await api.getPackingListPdf(idpicklist));
      slips.push({ path, shipmentId: owner.id });
      break;
    }
  }
  ctx.complete(() => {
    for (const slip of slips) ctx.printing.queue({ kind: 'packing_slip', idpicklist, shipmentId: slip.shipmentId, documentPath: slip.path, format: 'pdf' });
    for (const { box, job } of earlySlips) if (job) attachPrintJobToShipment(db, job.id, shipmentOfBox(box).id, ctx.iso());
    setPackSessionStatus(db, payload.packSessionId, 'completed', { now: ctx.iso() });
  });
  ctx.printing.kick();
  ctx.notices.sessions.add(payload.packSessionId);
  ctx.notices.history.add(idpicklist);
};

const close: Step<'close'> = async (ctx) => {
  if (ctx.isRetry) {
    // The earlier close may have gone through unheard (or Picqer closed the picklist itself once
    // shipped): read before sending it again.
    const current = await ctx.api.getPicklist(ctx.idpicklist);
    if (current.status === 'closed') {
      ctx.complete(() => cachePicklist(ctx, current));
      ctx.notices.queue.add(ctx.idpicklist);
      ctx.notices.history.add(ctx.idpicklist);
      return;
    }
  }
  try {
    const picklist = await ctx.api.close(ctx.idpicklist);
    if (picklist?.status !== 'closed') {
      const current = await ctx.api.getPicklist(ctx.idpicklist);
      if (current.status !== 'closed') throw new Unconfirmed('Picqer answered the close without the picklist being closed');
      ctx.complete(() => cachePicklist(ctx, current));
    } else {
      ctx.complete(() => cachePicklist(ctx, picklist));
    }
  } catch (error) {
    if (!isConflict(error)) throw error;
    // "Already closed" (Picqer closes some picklists by itself once shipped, or our earlier
    // attempt went through unheard) is what we wanted.
    const picklist = await ctx.api.getPicklist(ctx.idpicklist);
    if (picklist.status !== 'closed') throw new StepFailure(`Picqer refused to close the picklist: ${(error as Error).message}`, { cause: error });
    ctx.complete(() => cachePicklist(ctx, picklist));
  }
  ctx.notices.queue.add(ctx.idpicklist);
  ctx.notices.history.add(ctx.idpicklist);
};

/**
 * Assign, unassign, snooze and pause set a state: sending one twice does no harm. An answer that
 * does not show the state (empty, or a page that never came from Picqer) is checked by reading.
 */
function picklistAction<K extends OutboxKind>(
  send: (ctx: StepContext, payload: OutboxPayloads[K]) => Promise<PicqerPicklist | null>,
  isDone: (picklist: PicqerPicklist, payload: OutboxPayloads[K]) => boolean,
): Step<K> {
  return async (ctx, payload) => {
    let picklist = await send(ctx, payload);
    if (!picklist || !isDone(picklist, payload)) {
      picklist = await ctx.api.getPicklist(ctx.idpicklist);
      if (!isDone(picklist, payload)) throw new Unconfirmed(`Picqer answered, but picklist ${picklist.picklistid} does not show the ${ctx.row.kind}`);
    }
    const answer = picklist;
    ctx.complete(() => cachePicklist(ctx, answer));
    ctx.notices.queue.add(ctx.idpicklist);
  };
}

function isNotFound(error: unknown): boolean {
  return isPicqerError(error) && error.code === 'NOT_FOUND';
}

/**
 * POST /picklists/{id}/pause is in neither Picqer's docs nor its PHP client (picqer/picqer-php
 * src/Client.php); POST /orders/{idorder}/pause is documented (picqer.com/en/api/orders, "Pause
 * order") and pauses the order's picklists. The picklist's own pause is tried first because it
 * stops only this picklist; on a 404 the order is paused. A problem report must never end as a
 * set-aside 404 while the picklist stays `new` in every other station's queue.
 */
async function pausePicklist(ctx: StepContext, payload: OutboxPayloads['pause']): Promise<PicqerPicklist | null> {
  try {
    return await ctx.api.pause(ctx.idpicklist, payload.reason);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // The 404 may also mean the picklist is gone: reading it says which (and throws 404 if so).
    const picklist = await ctx.api.getPicklist(ctx.idpicklist);
    if (picklist.status === 'paused') return picklist;
    if (picklist.idorder === null) {
      throw new StepFailure(
        `Picqer has no pause for a single picklist, and picklist ${picklist.picklistid} belongs to no order that could be paused instead. Pause it in Picqer.`,
      );
    }
    try {
      await ctx.api.pauseOrder(picklist.idorder, payload.reason);
    } catch (orderError) {
      // An order paused already (by another station's report) paused this picklist too.
      if (!isConflict(orderError)) throw orderError;
    }
    return null;
  }
}

export const steps: { [K in OutboxKind]: Step<K> } = {
  assign: picklistAction<'assign'>(
    (ctx, p) => ctx.api.assign(ctx.idpicklist, p.iduser),
    (picklist, p) => picklist.assigned_to_iduser === p.iduser,
  ),
  unassign: picklistAction<'unassign'>(
    (ctx) => ctx.api.unassign(ctx.idpicklist),
    (picklist) => picklist.assigned_to_iduser === null,
  ),
  snooze: picklistAction<'snooze'>(
    (ctx, p) => ctx.api.snooze(ctx.idpicklist, p.until),
    (picklist) => picklist.status === 'snoozed',
  ),
  pause: picklistAction<'pause'>(pausePicklist, (picklist) => picklist.status === 'paused'),
  // A comment whose outcome is unknown is sent again: a doubled note is better than a lost one.
  // One answered without the comment in it is looked up before it is sent again.
  comment: async (ctx, payload) => {
    const comment = await ctx.api.addComment('picklists', ctx.idpicklist, payload.body);
    if (!comment) {
      const existing = await ctx.api.listComments('picklists', ctx.idpicklist);
      if (!existing.some((c) => c.body === payload.body)) throw new Unconfirmed('Picqer answered without the comment, and the picklist does not show it');
    }
    ctx.complete();
  },
  pick,
  ship,
  documents,
  close,
  cancel_shipment: async (ctx, payload) => {
    try {
      await ctx.api.cancelShipment(ctx.idpicklist, payload.idshipment);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const shipment = (await ctx.api.listShipments(ctx.idpicklist)).find((s) => s.idshipment === payload.idshipment);
      if (!shipment?.cancelled) throw new StepFailure(`Picqer refused to cancel the shipment: ${(error as Error).message}`, { cause: error });
    }
    ctx.complete();
    ctx.notices.history.add(ctx.idpicklist);
  },
};

export function runStep(ctx: StepContext): Promise<void> {
  const payload: unknown = JSON.parse(ctx.row.payloadJson);
  const step = steps[ctx.row.kind] as Step<OutboxKind> | undefined;
  if (!step) throw new StepFailure(`Unknown outbox row kind ${ctx.row.kind}`);
  return step(ctx, payload as OutboxPayloads[OutboxKind]);
}

export function markDoneIn(db: Database, row: OutboxRow, clock: Clock, change?: () => void): void {
  // The change is the truth Picqer told us (a shipment it made): it is recorded even when the row
  // was set aside while we were sending, which markOutboxDone then leaves as it is.
  db.transaction(() => {
    change?.();
    markOutboxDone(db, row.id, new Date(clock.now()).toISOString());
  })();
}
