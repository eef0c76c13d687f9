import type { BatchSlot, BatchView } from '../../../shared/batch';
import { AppError, isAppError } from '../../../shared/errors';
import { scanAnswerOf, type ProblemReason, type ScanAnswer, type ScanOutcome } from '../../../shared/packing';
import { scanOutcome } from '../../../shared/scan-outcome';
import { reason, type Reason } from '../../../shared/reasons';
import { looksCutOrMisread, scanText } from '../../../shared/barcode';
import {
  getBatchSession,
  insertBatchSession,
  openBatchSessionOfStation,
  resumableBatchSession,
  setBatchSessionPackaging,
  setBatchSessionStatus,
  type BatchSessionRecord,
} from '../db/queries/batch-sessions';
import { getPackaging } from '../db/queries/packagings';
import { getPackSession, markPackSessionLeft, packSessionsOfBatchSession, setPackSessionShipping, type PackSessionRecord } from '../db/queries/pack-sessions';
import { getPicklistBatch, type CachedBatchWithPicklists } from '../db/queries/picklist-batches';
import { getPackPicklist } from '../db/queries/picklists';
import { getPackOrder } from '../db/queries/orders';
import type { ProductMatch } from '../db/queries/products';
import { lastCountedScanOf, recordScanEvent, sessionOfLastCountingScan, undoLastCountingScan } from '../db/queries/scan-events';
import { productName } from '../db/queries/products';
import { lineCandidate, productAnswerFields } from './candidates';
import { completeSession } from './complete';
import type { PackContext } from './context';
import { cacheOnly, commitOpen } from './open';
import { reportProblem } from './problem';
import { blockedReason, englishOf, partialScan, storedAlert } from './reasons';
import { countProduct, resolveProductScan, type ScanResolution } from './scan';
import { shortDatedReason, unitDataOf, type UnitData } from './lots';
import { checkShelfLife } from './shelf-life';
import { scanEventOf, type ScanEventFields } from './scan-event';
import { linesOfPicklist, loadSession, recount, syncCompositions } from './session-store';
import type { ScanInput } from './service';
import type { Serials, WantedSerial } from './serials';
import type { ActiveSession, LineState } from './types';

/*
 * Packing a picklist batch (issue 17). The batch's picklists sit in slots 1..n (Picqer's order);
 * a product scan goes to the lowest slot whose picklist still wants that product and is counted
 * there, on an ordinary pack session of that picklist (made at its first unit, tied to the batch
 * session). A picklist whose every unit is verified is completed at once, through the same
 * completeSession as a single parcel: the outbox picks, re-checks, ships, prints and closes it
 * while the packer goes on. A singles batch is this routing with one unit per picklist.
 *
 * What protects single packing protects a batch: counts are the scan events (a restart resumes
 * them), a parcel that stands is never packed again (commitOpen's guard), and a picklist Picqer
 * paused or cancelled is refused at the next scan that would go to it. A product that counts only
 * with its serial (serials.ts) is routed to its slot and waits there for the serial: its slot's
 * picklist is not complete, and its label not printed, before the serial comes.
 */

interface SlotState {
  slot: number;
  idpicklist: number;
  picklistid: string;
  alias: string | null;
  customer: string;
  lines: LineState[];
  leaves: LineState[];
  /** The picklist's pack session in this batch, once a unit was counted (any status). */
  session: ActiveSession | null;
  /** Why it cannot be packed now (Picqer paused or cancelled it, or it stands packed); null when it can. */
  refusal: Reason | null;
  /** Every unit verified but the parcel could not be handed over (a method to choose...). */
  stuck: Reason | null;
}

/** A product scan in the batch; `unit` given when the serial rule already read it (a serial typed for a waiting unit). */
interface BatchScan {
  code: string;
  source: ScanInput['source'];
  amount: number;
  aim?: string | null;
  unit?: UnitData | null;
}

interface OpenBatch {
  record: BatchSessionRecord;
  batch: CachedBatchWithPicklists;
  slots: SlotState[];
  packaging: { idpackaging: number; name: string } | null;
  lastScan: BatchView['lastScan'];
}

export interface BatchHooks {
  /** Publishes the pack screen's state (the batch's view is read from here). */
  publish(): void;
  revision(): number;
  /** The held quantity's view, for the batch's view. */
  pendingQuantity(): BatchView['pendingQuantity'];
}

export interface BatchPacking {
  /** Loads the batch this station had open (after a restart). */
  load(): void;
  isOpen(): boolean;
  view(): BatchView | null;
  /**
   * Opens (or resumes) a cached batch. `leaveCurrent` leaves the picklist on the screen, called
   * only once the batch can open: a refused batch leaves the screen as it was.
   */
  open(idpicklistBatch: number, scan: { code: string; source: ScanInput['source'] } | null, leaveCurrent: () => void): ScanAnswer;
  /** A product scan while the batch is open; no matches is a code the cache does not know. */
  countProduct(matches: ProductMatch[], input: ScanInput, amount: number): ScanAnswer;
  /** The packer chose among products sharing the scanned barcode. */
  choose(idproduct: number): ScanAnswer;
  /** A unit waits in its slot for its serial: the next scan is taken as the serial. */
  awaitsSerial(): boolean;
  /** The serial of the unit waiting for it, typed or scanned: the unit counts in its slot, unless the serial is already in the batch. */
  giveSerial(text: string, input?: ScanInput): ScanAnswer;
  /** CANCEL: drops the unit waiting for its serial, and the slot panel's word asking for it; true when one was waiting. */
  dropSerial(): boolean;
  hasChoice(): boolean;
  undo(): ScanAnswer;
  usePackaging(packaging: { idpackaging: number; name: string }, input: ScanInput): ScanAnswer;
  problem(input: { idpicklist: number; reason: ProblemReason; note: string | null }): void;
  leave(): void;
  /** Hands over the slots whose every unit is verified and that are still open; how many went. */
  completeVerified(): number;
  /** The outbox (or sync) changed this pack session; true when it is one of the batch's. */
  reloadSession(packSessionId: number): boolean;
  /** Sync changed these picklists in the cache: their slots are looked at again; true when the view changed. */
  recheck(idpicklists: readonly number[]): boolean;
  /** The open batch's id, for the re-read beside it. */
  openBatchId(): number | null;
  /** Reads the open batch again from the cache (after its re-read): new picklists get their slots, refusals are looked at again. */
  rebuild(): void;
}

/** Slot states that are finished for the packer: nothing more goes into them. */
const finishedStatuses = new Set<PackSessionRecord['status']>(['completing', 'labels_pending', 'completed', 'problem']);

const goodOutcomes = new Set<ScanOutcome>(['counted', 'line_complete', 'all_verified']);

export function createBatchPacking(ctx: PackContext, serials: Serials, hooks: BatchHooks): BatchPacking {
  const { db, deps, log } = ctx;
  let open: OpenBatch | null = null;
  /** A scan that named several products, waiting for the packer's choice; its AIM identifier kept, as it may be what says the unit's lot and date. */
  let pending: { code: string; source: ScanInput['source']; amount: number; aim: string | null; choices: ProductMatch[] } | null = null;

  const event = (fields: ScanEventFields, slot: SlotState | null = null) =>
    scanEventOf(deps, slot?.session ? { id: slot.session.record.id, idpicklist: slot.idpicklist } : null, {
      ...(slot ? { idpicklist: slot.idpicklist } : {}),
      ...fields,
    });

  const answer = (fields: Partial<ScanAnswer> & Pick<ScanAnswer, 'kind' | 'code'>): ScanAnswer => scanAnswerOf({ revision: hooks.revision(), ...fields });

  /** Why the slot's picklist cannot take a unit now, from the cache as sync and the re-reads left it. */
  const refusalOf = (slot: SlotState): Reason | null => {
    const picklist = getPackPicklist(db, slot.idpicklist);
    if (!picklist) return reason('picklist.goneFromPicqer', { picklistid: slot.picklistid });
    const order = picklist.idorder === null ? null : getPackOrder(db, picklist.idorder);
    return blockedReason(picklist, order, deps.idwarehouse());
  };

  const isSlotFinished = (slot: SlotState) => slot.session !== null && finishedStatuses.has(slot.session.record.status);
  /** The pack sessions of the slots that have one (a unit was counted there), in slot order. */
  const slotSessionIds = (slots: readonly SlotState[]): number[] => slots.flatMap((s) => (s.session ? [s.session.record.id] : []));
  /** The slot whose pack session this is. */
  const slotOfSession = (slots: readonly SlotState[], packSessionId: number | null): SlotState | undefined =>
    packSessionId === null ? undefined : slots.find((s) => s.session?.record.id === packSessionId);

  const loadSlots = (batch: CachedBatchWithPicklists, record: BatchSessionRecord): SlotState[] => {
    const sessions = new Map(packSessionsOfBatchSession(db, record.id).map((r) => [r.idpicklist, r]));
    return batch.picklists.map((p) => {
      const picklist = getPackPicklist(db, p.idpicklist);
      const order = picklist?.idorder === null || picklist?.idorder === undefined ? null : getPackOrder(db, picklist.idorder);
      const stored = sessions.get(p.idpicklist);
      const session = stored ? loadSession(db, stored) : null;
      const { lines, leaves } = session ?? linesOfPicklist(db, p.idpicklist);
      const slot: SlotState = {
        slot: p.slot,
        idpicklist: p.idpicklist,
        picklistid: picklist?.picklistid ?? p.picklistid ?? `#${p.idpicklist}`,
        alias: p.alias,
        customer: picklist?.deliveryname ?? order?.deliveryname ?? order?.invoicename ?? '',
        lines,
        leaves,
        session,
        refusal: null,
        stuck: null,
      };
      if (!isSlotFinished(slot)) slot.refusal = refusalOf(slot);
      return slot;
    });
  };

  const slotState = (slot: SlotState): Pick<BatchSlot, 'state' | 'reason'> => {
    const status = slot.session?.record.status;
    switch (status) {
      // Handed over: its shipment, label and close are on their way. Only offline does the label
      // wait for the connection (the outbox marks a session labels_pending as it fetches a label
      // online too, which the packer need not hear about).
      case 'completing':
      case 'labels_pending':
        return { state: deps.isOnline() ? 'sent' : 'labels_pending', reason: null };
      case 'completed':
        return { state: 'sent', reason: null };
      case 'problem':
        return { state: 'problem', reason: storedAlert(slot.session?.record.alert ?? null) };
      case 'alert':
        return { state: 'alert', reason: storedAlert(slot.session?.record.alert ?? null) };
      default:
        break;
    }
    if (slot.refusal) return { state: 'refused', reason: slot.refusal };
    const { units, verified } = unitsOf(slot);
    if (units > 0 && verified >= units) return { state: 'verified', reason: slot.stuck };
    return { state: verified > 0 ? 'packing' : 'waiting', reason: null };
  };

  const unitsOf = (slot: SlotState) => ({
    units: slot.leaves.reduce((sum, l) => sum + l.row.amount, 0),
    verified: slot.leaves.reduce((sum, l) => sum + Math.min(l.verified, l.row.amount), 0),
  });

  /** The unit waiting for its serial, with the slot it goes into; null when none waits in this batch. */
  const waitingSerial = (batch: OpenBatch): { wanted: WantedSerial; slot: SlotState } | null => {
    const wanted = serials.wanted();
    const slot = wanted ? slotOfSession(batch.slots, wanted.sessionId) : undefined;
    return wanted && slot ? { wanted, slot } : null;
  };

  const view = (): BatchView | null => {
    if (!open) return null;
    const slots = open.slots.map((slot): BatchSlot => {
      const { units, verified } = unitsOf(slot);
      return {
        slot: slot.slot,
        idpicklist: slot.idpicklist,
        picklistid: slot.picklistid,
        alias: slot.alias,
        customer: slot.customer,
        units,
        verifiedUnits: verified,
        ...slotState(slot),
        packSessionId: slot.session?.record.id ?? null,
      };
    });
    const packable = slots.filter((s) => s.state !== 'refused' && s.state !== 'problem');
    const packer = deps.packer();
    const waiting = waitingSerial(open);
    return {
      id: open.record.id,
      idpicklistBatch: open.batch.idpicklistBatch,
      picklistBatchid: open.batch.picklistBatchid,
      type: open.batch.type,
      slots,
      units: packable.reduce((sum, s) => sum + s.units, 0),
      verifiedUnits: packable.reduce((sum, s) => sum + s.verifiedUnits, 0),
      parcelsSent: slots.filter((s) => s.state === 'sent' || s.state === 'labels_pending').length,
      isDone: slots.every((s) => s.state === 'sent' || s.state === 'labels_pending' || s.state === 'problem' || s.state === 'refused'),
      packaging: open.packaging,
      packer,
      lastScan: open.lastScan,
      serialWanted: waiting
        ? { idproduct: waiting.wanted.product.idproduct, name: waiting.wanted.product.name, slot: waiting.slot.slot, picklistid: waiting.slot.picklistid }
        : null,
      isOnline: deps.isOnline(),
      pendingQuantity: hooks.pendingQuantity(),
    };
  };

  const build = (record: BatchSessionRecord): OpenBatch | null => {
    const batch = getPicklistBatch(db, record.idpicklistBatch);
    if (!batch) return null;
    return {
      record,
      batch,
      slots: loadSlots(batch, record),
      packaging: record.idpackaging === null ? null : getPackaging(db, record.idpackaging),
      lastScan: null,
    };
  };

  /**
   * Where the last unit went, read back from the scan events after a restart (the slot panel shows
   * it as before): the newest counted scan of the batch's pack sessions, in its slot.
   */
  const lastScanOf = (slots: readonly SlotState[]): BatchView['lastScan'] => {
    const last = lastCountedScanOf(db, slotSessionIds(slots));
    const slot = last ? slotOfSession(slots, last.packSessionId) : undefined;
    const outcome = last ? scanOutcome.safeParse(last.outcome) : null;
    if (!last || !slot || !outcome?.success) return null;
    // The product's own name, as the scan's answer gave it (a picklist line may name it otherwise).
    const name = last.idproduct === null ? null : (productName(db, last.idproduct) ?? slot.lines.find((l) => l.row.idproduct === last.idproduct)?.row.name ?? null);
    return {
      outcome: outcome.data,
      code: last.code,
      amount: last.quantity,
      productName: name,
      slot: slot.slot,
      picklistid: slot.picklistid,
      at: last.scannedAt,
    };
  };

  const requireOpen = (): OpenBatch => {
    if (!open) throw new AppError('CONFLICT', reason('batch.noneOpen'));
    return open;
  };

  /** The slot's pack session to count on, made at its first unit; a refusal when the picklist cannot be packed. */
  const sessionFor = (batch: OpenBatch, slot: SlotState): ActiveSession | Reason => {
    if (slot.session?.record.status === 'open') return slot.session;
    const packer = deps.packer();
    if (!packer) return reason('scan.signInFirst');
    // An unassigned picklist is not assigned per picklist (a batch's parcel stays within a single
    // parcel's requests); one Picqer has assigned to someone else (the picker) is taken over.
    const outcome = commitOpen(ctx, slot.idpicklist, cacheOnly(deps.isOnline()), {
      packer,
      isTakeOver: true,
      previousSessionId: null,
      scan: null,
      batchSessionId: batch.record.id,
      assign: 'takeOverOnly',
    });
    if (outcome.kind !== 'opened') return outcome.reason;
    const loaded = loadSession(db, outcome.record);
    if (!loaded) return reason('picklist.goneFromPicqer', { picklistid: slot.picklistid });
    slot.session = loaded;
    slot.lines = loaded.lines;
    slot.leaves = loaded.leaves;
    return loaded;
  };

  /** Hands a slot whose every unit is verified to the outbox; a refusal keeps it on screen with its reason. */
  const completeSlot = (batch: OpenBatch, slot: SlotState, session: ActiveSession): void => {
    if (batch.packaging && session.record.idpackaging === null) {
      const shipping = {
        idshippingproviderProfile: session.record.idshippingproviderProfile,
        idpackaging: batch.packaging.idpackaging,
        weight: session.record.weight,
        extraFields: session.record.extraFields,
      };
      setPackSessionShipping(db, session.record.id, shipping, ctx.now());
      session.record = { ...session.record, idpackaging: batch.packaging.idpackaging };
    }
    try {
      session.record = completeSession(ctx, session);
      slot.stuck = null;
    } catch (error) {
      if (!isAppError(error)) throw error;
      log.warn('a verified picklist of the batch could not be handed over', { idpicklist: slot.idpicklist, reason: error.message });
      slot.stuck = error.reason ?? reason('parcel.stopped', { text: error.message });
      return;
    }
    deps.onQueueChanged([slot.idpicklist]);
  };

  /**
   * Hands over every slot whose units are all verified but that is still open: a restart between
   * its last unit and its hand-over, or one that could not be handed over then (a method to
   * choose) and is tried again. Answers how many went.
   */
  const completeVerified = (batch: OpenBatch): number => {
    let count = 0;
    for (const slot of batch.slots) {
      const session = slot.session;
      if (session?.record.status !== 'open' || slot.refusal) continue;
      const { units, verified } = unitsOf(slot);
      if (units === 0 || verified < units) continue;
      completeSlot(batch, slot, session);
      if (slot.stuck === null) count++;
    }
    return count;
  };

  /**
   * Where one scan of these products goes: the lowest slot with room, or why none. A slot Picqer
   * refused (paused, cancelled...) takes nothing; only when no other slot takes the unit is the
   * scan refused with that slot's reason.
   */
  const route = (
    batch: OpenBatch,
    matches: ProductMatch[],
    amount: number,
  ): { slot: SlotState; resolution: ScanResolution } | { refused: ScanResolution; slot: SlotState | null } | { blocked: SlotState; why: Reason } => {
    let over: { slot: SlotState; resolution: ScanResolution } | null = null;
    let ambiguous: { slot: SlotState; resolution: ScanResolution } | null = null;
    let blocked: { slot: SlotState; why: Reason } | null = null;
    for (const slot of batch.slots) {
      if (isSlotFinished(slot) || slot.session?.record.status === 'alert') continue;
      const resolution = resolveProductScan(slot.lines, slot.leaves, matches, amount);
      if (slot.refusal) {
        if (goodOutcomes.has(resolution.outcome)) blocked ??= { slot, why: slot.refusal };
        continue;
      }
      if (goodOutcomes.has(resolution.outcome)) return { slot, resolution };
      if (resolution.outcome === 'too_many') over ??= { slot, resolution };
      if (resolution.outcome === 'ambiguous' || resolution.outcome === 'set_scanned') ambiguous ??= { slot, resolution };
    }
    if (ambiguous) return { refused: ambiguous.resolution, slot: ambiguous.slot };
    if (blocked) return { blocked: blocked.slot, why: blocked.why };
    if (over) return { refused: over.resolution, slot: null };
    const first = matches[0];
    if (!first) return { refused: { outcome: 'unknown_barcode' }, slot: null };
    // In the batch, but every picklist that wants it has it (or was sent, set aside or refused).
    const wanted = matches.find((m) => batch.slots.some((s) => s.leaves.some((l) => l.row.idproduct === m.idproduct)));
    if (wanted) return { refused: { outcome: 'too_many', product: wanted, line: null, left: 0 }, slot: null };
    return { refused: { outcome: 'wrong_item', product: first }, slot: null };
  };

  const refusedWords = (batch: OpenBatch, resolution: ScanResolution, code: string, amount: number): Reason | null => {
    const batchid = batch.batch.picklistBatchid;
    switch (resolution.outcome) {
      case 'unknown_barcode':
        return reason('scan.unknownBarcode', { code: scanText(code) });
      case 'partial_scan':
        return partialScan;
      case 'wrong_item':
        return reason('batch.notInBatch', { product: resolution.product.name, batchid });
      case 'too_many':
        return resolution.left === 0
          ? reason('batch.allPacked', { product: resolution.product.name, batchid })
          : reason('scan.tooMany', { product: resolution.product.name, left: resolution.left, amount });
      case 'set_scanned':
        return reason('scan.setScanned', { product: resolution.product.name });
      case 'ambiguous':
        return reason('batch.ambiguous', { batchid });
      case 'short_dated':
        return shortDatedReason(resolution);
      default:
        return null;
    }
  };

  /** In a batch a serial is refused when any of its picklists already has it counted. */
  const takenInBatch = (batch: OpenBatch) =>
    serials.takenInBatch(slotSessionIds(batch.slots), batch.batch.picklistBatchid);

  /** Answers a unit that goes in no slot: not in the batch, too many, ambiguous, short-dated. */
  const refuse = (
    batch: OpenBatch,
    routed: { refused: ScanResolution; slot: SlotState | null },
    scan: BatchScan,
    lots: { lot: string | null; expiry: string | null; serial: string | null },
  ): ScanAnswer => {
    const base = { code: scan.code, source: scan.source, quantity: scan.amount };
    const resolution = routed.refused;
    const why = refusedWords(batch, resolution, scan.code, scan.amount);
    const product = 'product' in resolution ? resolution.product : null;
    const choices = resolution.outcome === 'ambiguous' ? resolution.choices : [];
    pending = choices.length > 0 ? { code: scan.code, source: scan.source, amount: scan.amount, aim: scan.aim ?? null, choices } : null;
    // A unit refused when its serial came (short-dated, its picklist paused meanwhile) is set aside,
    // as in single packing: the next scan is a product again, not its serial.
    serials.drop();
    recordScanEvent(db, event({ ...base, ...lots, outcome: resolution.outcome, idproduct: product?.idproduct ?? null, reason: why ? englishOf(why) : null }));
    batch.lastScan = { outcome: resolution.outcome, code: scan.code, amount: scan.amount, productName: product?.name ?? null, slot: null, picklistid: null, at: ctx.now() };
    hooks.publish();
    return answer({ ...productAnswerFields(scan, resolution.outcome, product, choices), reason: why, slot: routed.slot?.slot ?? null });
  };

  /** Counts a routed scan on its slot, or answers why not; completes the slot when it is full. */
  const apply = (batch: OpenBatch, matches: ProductMatch[], scanned: BatchScan): ScanAnswer => {
    // One serial is one unit: a product that needs its serial is routed one unit at a time.
    const scan = { ...scanned, amount: serials.unitsPerScan(matches, scanned.amount) };
    const base = { code: scan.code, source: scan.source, quantity: scan.amount };
    const routed: ReturnType<typeof route> =
      matches.length === 0
        ? { refused: looksCutOrMisread(scan.code, scan.aim ?? null) ? { outcome: 'partial_scan' } : { outcome: 'unknown_barcode' }, slot: null }
        : route(batch, matches, scan.amount);

    if ('blocked' in routed) {
      const slot = routed.blocked;
      recordScanEvent(db, event({ ...base, outcome: 'blocked', reason: englishOf(routed.why) }, slot));
      batch.lastScan = null;
      pending = null;
      hooks.publish();
      return answer({ kind: 'blocked', code: scan.code, amount: scan.amount, reason: routed.why, slot: slot.slot, picklistid: slot.picklistid });
    }

    // A unit whose best-before date is within the minimum shelf life goes in no slot (issue 18).
    const unit = scan.unit !== undefined ? scan.unit : unitDataOf(scan.code, scan.aim ?? null);
    const lots = unit ?? { lot: null, expiry: null, serial: null };
    if (!('refused' in routed) && 'product' in routed.resolution) {
      // The minimum is the one of the slot's picklist the unit would go in: its order's tags and webshop.
      const checked = checkShelfLife(ctx, routed.resolution, unit, routed.slot.idpicklist);
      if (checked.outcome === 'short_dated') return refuse(batch, { refused: checked, slot: null }, scan, lots);
    }

    if ('refused' in routed) return refuse(batch, routed, scan, lots);

    const { slot } = routed;
    // Picqer may have paused or cancelled the picklist since the last look: the cache says so
    // (sync and the batch's re-read keep it current). The slot is refused from now on and the
    // unit routed again: to the next slot that wants it, or refused with this slot's reason.
    const refusal = refusalOf(slot);
    const opened = refusal ?? sessionFor(batch, slot);
    if ('code' in opened) {
      slot.refusal = opened;
      return apply(batch, matches, scan);
    }
    const session = opened;
    // The session's lines are the slot's now: resolve again on them (the same lines, counts included).
    const recounted = 'product' in routed.resolution ? countProduct(session.leaves, routed.resolution.product, scan.amount) : routed.resolution;
    // A picklist packed here before (left with counts) resumes its session and its counts: the
    // scan is routed again on what it holds now.
    if (recounted.outcome !== 'counted' && recounted.outcome !== 'line_complete' && recounted.outcome !== 'all_verified') return apply(batch, matches, scan);
    const step = serials.check({ id: session.record.id, leaves: session.leaves }, recounted, { ...scan, unit }, takenInBatch(batch));
    if (step?.kind === 'wait') {
      // The unit goes in this slot once its serial comes: the answer says the slot already.
      recordScanEvent(db, scanEventOf(deps, { id: session.record.id, idpicklist: slot.idpicklist }, step.event));
      pending = null;
      batch.lastScan = { outcome: 'serial_needed', code: scan.code, amount: 1, productName: step.wanted.product.name, slot: slot.slot, picklistid: slot.picklistid, at: ctx.now() };
      hooks.publish();
      return answer({ ...productAnswerFields(step.wanted, 'serial_needed', step.wanted.product), reason: step.why, slot: slot.slot, picklistid: slot.picklistid });
    }
    const resolution = step ? step.resolution : recounted;
    const counted = step?.scan.unit ?? lots;
    serials.drop();
    db.transaction(() => {
      let first: number | null = null;
      for (const a of resolution.allocations) {
        const id = recordScanEvent(
          db,
          scanEventOf(deps, { id: session.record.id, idpicklist: slot.idpicklist }, {
            ...base,
            ...counted,
            quantity: a.amount,
            outcome: resolution.outcome,
            idproduct: a.line.row.idproduct,
            idpicklistProduct: a.line.row.idpicklistProduct,
            batch: first,
          }),
        );
        first ??= id;
      }
    })();
    for (const a of resolution.allocations) a.line.verified += a.amount;
    syncCompositions(session.lines);
    pending = null;
    batch.lastScan = {
      outcome: resolution.outcome,
      code: scan.code,
      amount: scan.amount,
      productName: resolution.product.name,
      slot: slot.slot,
      picklistid: slot.picklistid,
      at: ctx.now(),
    };
    if (resolution.outcome === 'all_verified') completeSlot(batch, slot, session);
    hooks.publish();
    return answer({ ...productAnswerFields(scan, resolution.outcome, resolution.product), reason: slot.stuck, slot: slot.slot, picklistid: slot.picklistid });
  };

  return {
    load() {
      const record = openBatchSessionOfStation(db, deps.stationName());
      open = record ? build(record) : null;
      if (!open) return;
      open.lastScan = lastScanOf(open.slots);
      completeVerified(open);
    },

    completeVerified() {
      return completeVerified(requireOpen());
    },

    isOpen: () => open !== null,

    view,

    open(idpicklistBatch, scan, leaveCurrent) {
      const code = scan?.code ?? String(idpicklistBatch);
      const packer = deps.packer();
      if (!packer) return answer({ kind: 'no_packer', code, reason: reason('scan.signInFirst') });
      const cached = getPicklistBatch(db, idpicklistBatch);
      const refuse = (why: Reason) => {
        if (scan) recordScanEvent(db, event({ ...scan, outcome: 'blocked', reason: englishOf(why) }));
        return answer({ kind: 'blocked', code, reason: why });
      };
      if (!cached) return answer({ kind: 'not_found', code, reason: reason('picklist.notInCache', { code: scanText(code) }) });
      const batchid = cached.picklistBatchid;
      if (cached.status !== 'open') return refuse(reason('batch.completed', { batchid }));
      if (cached.idwarehouse !== null && cached.idwarehouse !== deps.idwarehouse()) return refuse(reason('batch.otherWarehouse', { batchid }));
      if (!cached.hasDetail || cached.picklists.length === 0) return refuse(reason('batch.notReadYet', { batchid }));

      const now = ctx.now();
      const station = deps.stationName();
      leaveCurrent();
      const id = db.transaction(() => {
        if (open && open.record.idpicklistBatch !== idpicklistBatch) setBatchSessionStatus(db, open.record.id, 'left', now);
        const resumable = resumableBatchSession(db, idpicklistBatch, station);
        const sessionId = resumable?.id ?? insertBatchSession(db, { idpicklistBatch, stationName: station, iduser: packer.iduser, now });
        if (resumable) setBatchSessionStatus(db, resumable.id, 'open', now, packer.iduser);
        if (scan) recordScanEvent(db, event({ ...scan, outcome: 'opened', reason: `batch ${batchid}` }));
        return sessionId;
      })();
      const record = getBatchSession(db, id);
      open = record ? build(record) : null;
      pending = null;
      serials.drop();
      hooks.publish();
      return answer({ kind: 'batch_opened', code, name: batchid });
    },

    countProduct(matches, input, amount) {
      const batch = requireOpen();
      return apply(batch, matches, { code: input.code, source: input.source, amount, aim: input.aim ?? null });
    },

    hasChoice: () => pending !== null,

    awaitsSerial: () => open !== null && waitingSerial(open) !== null,

    dropSerial() {
      if (!serials.drop()) return false;
      // The last scan said "its serial first, then slot N": no unit waits for that any more.
      if (open?.lastScan?.outcome === 'serial_needed') open.lastScan = null;
      return true;
    },

    giveSerial(text, input) {
      const batch = requireOpen();
      const waiting = waitingSerial(batch);
      if (!waiting) throw new AppError('CONFLICT', reason('scan.noScanWaiting'));
      const { wanted, slot } = waiting;
      const serial = serials.serialOf(text, input, wanted.product.idproduct);
      if (serial === '') {
        return answer({
          ...productAnswerFields(wanted, 'serial_needed', wanted.product),
          reason: reason('scan.serialNeeded', { product: wanted.product.name }),
          slot: slot.slot,
          picklistid: slot.picklistid,
        });
      }
      // Routed again as the unit it is, now with its serial: to its slot (or, should Picqer have
      // paused that picklist meanwhile, to the next that wants it).
      return apply(batch, [wanted.product], { code: wanted.code, source: wanted.source, amount: wanted.amount, unit: serials.unitWith(wanted, serial, input) });
    },

    choose(idproduct) {
      const batch = requireOpen();
      const waiting = pending;
      if (!waiting) throw new AppError('CONFLICT', reason('scan.noScanWaiting'));
      const chosen = waiting.choices.find((c) => c.idproduct === idproduct);
      if (!chosen) throw new AppError('VALIDATION', reason('scan.notAChoice', { idproduct }));
      pending = null;
      return apply(batch, [chosen], { code: waiting.code, source: waiting.source, amount: waiting.amount, aim: waiting.aim });
    },

    undo() {
      const batch = requireOpen();
      // The batch's last counted unit, wherever it went: one whose picklist was already handed
      // over is not taken back here (cancelling its shipment in History is), and no other is
      // taken back in its place.
      const slot = slotOfSession(batch.slots, sessionOfLastCountingScan(db, slotSessionIds(batch.slots)));
      if (!slot?.session) throw new AppError('CONFLICT', reason('batch.nothingToUndo', { batchid: batch.batch.picklistBatchid }));
      if (slot.session.record.status !== 'open') throw new AppError('CONFLICT', reason('batch.undoHandedOver', { slot: slot.slot, picklistid: slot.picklistid }));
      const session = slot.session;
      const before = new Map(session.leaves.map((l) => [l.row.idpicklistProduct, l.verified]));
      db.transaction(() => undoLastCountingScan(db, session.record.id, ctx.now()))();
      recount(db, session);
      slot.stuck = null;
      const taken = session.leaves.filter((l) => (before.get(l.row.idpicklistProduct) ?? 0) > l.verified);
      const amount = taken.reduce((sum, l) => sum + (before.get(l.row.idpicklistProduct) ?? 0) - l.verified, 0);
      const line = taken[0];
      batch.lastScan = null;
      pending = null;
      // As in single packing: the undo takes the last counted unit back and drops a unit waiting for its serial.
      serials.drop();
      hooks.publish();
      return answer({
        kind: 'undone',
        code: line?.row.productcode ?? '',
        amount: Math.max(1, amount),
        product: line ? lineCandidate(line) : null,
        slot: slot.slot,
        picklistid: slot.picklistid,
      });
    },

    usePackaging(packaging, input) {
      const batch = requireOpen();
      setBatchSessionPackaging(db, batch.record.id, packaging.idpackaging, ctx.now());
      batch.packaging = packaging;
      recordScanEvent(db, event({ code: input.code, source: input.source, outcome: 'packaging', reason: packaging.name }));
      hooks.publish();
      return answer({ kind: 'packaging', code: input.code, name: packaging.name });
    },

    problem({ idpicklist, reason: why, note }) {
      const batch = requireOpen();
      const slot = batch.slots.find((s) => s.idpicklist === idpicklist);
      if (!slot) throw new AppError('VALIDATION', reason('batch.picklistNotInBatch', { batchid: batch.batch.picklistBatchid }));
      if (isSlotFinished(slot)) throw new AppError('CONFLICT', reason('pack.notPackedAnyMore', { picklistid: slot.picklistid }));
      const opened = sessionFor(batch, slot);
      if ('code' in opened) throw new AppError('PICKLIST_BLOCKED', opened);
      const settings = deps.settings();
      opened.record = reportProblem(ctx, opened, { reason: why, note, action: settings.problemAction, snoozeHours: settings.snoozeHours });
      deps.onQueueChanged([idpicklist]);
      hooks.publish();
    },

    leave() {
      const batch = requireOpen();
      const now = ctx.now();
      const isDone = view()?.isDone ?? false;
      db.transaction(() => {
        setBatchSessionStatus(db, batch.record.id, isDone ? 'done' : 'left', now);
        for (const slot of batch.slots) if (slot.session?.record.status === 'open') markPackSessionLeft(db, slot.session.record.id, now);
      })();
      open = null;
      pending = null;
      serials.drop();
      hooks.publish();
    },

    reloadSession(packSessionId) {
      const slot = open ? slotOfSession(open.slots, packSessionId) : undefined;
      if (!slot) return false;
      const record = getPackSession(db, packSessionId);
      const loaded = record ? loadSession(db, record) : null;
      if (loaded) {
        slot.session = loaded;
        slot.lines = loaded.lines;
        slot.leaves = loaded.leaves;
      }
      return true;
    },

    recheck(idpicklists) {
      if (!open) return false;
      const wanted = new Set(idpicklists);
      let isChanged = false;
      for (const slot of open.slots) {
        if (!wanted.has(slot.idpicklist) || isSlotFinished(slot)) continue;
        const next = refusalOf(slot);
        if (JSON.stringify(next) !== JSON.stringify(slot.refusal)) {
          slot.refusal = next;
          isChanged = true;
        }
      }
      return isChanged;
    },

    openBatchId: () => open?.batch.idpicklistBatch ?? null,

    rebuild() {
      if (!open) return;
      const record = getBatchSession(db, open.record.id);
      const rebuilt = record?.status === 'open' ? build(record) : null;
      if (!rebuilt) return;
      const stuck = new Map(open.slots.map((s) => [s.idpicklist, s.stuck]));
      for (const slot of rebuilt.slots) slot.stuck = stuck.get(slot.idpicklist) ?? null;
      open = { ...rebuilt, lastScan: open.lastScan };
    },
  };
}
