import { AppError, isAppError } from '../../../shared/errors';
import { reason, type Reason } from '../../../shared/reasons';
import {
  scanAnswerOf,
  quantityTimeoutMs,
  maxBoxes,
  type PackSession,
  type ProblemReason,
  type ScanAnswer,
  type ScanCommand,
  type ScanSource,
} from '../../../shared/packing';
import { looksCutOrMisread, scanText } from '../../../shared/barcode';
import {
  currentPackSessionOfStation,
  getPackSession,
  markPackSessionLeft,
  setPackSessionMethods,
  setPackSessionShipping,
  setPackSessionWeightOverride,
  touchPackSession,
} from '../db/queries/pack-sessions';
import { weightCheckOf } from './weight-check';
import { recordChoice } from './advice';
import type { Person } from '../../../shared/domain';
import { shortDatedReason, unitDataOf, type UnitData } from './lots';
import { checkShelfLife } from './shelf-life';
import { findProductsByCode, type ProductMatch } from '../db/queries/products';
import { createLogger } from '../infra/log';
import { completeSession } from './complete';
import type { PackContext } from './context';
import { assignedTo, englishOf, notInCache, partialScan, quantityWithoutPicklist } from './reasons';
import { cacheOnly, commitOpen, openRereadDeadlineMs, readRemote, type RemoteRead } from './open';
import { settleOpen, type OpenRecheck } from './open-recheck';
import { choiceFromMethods } from './shipping';
import type { PicqerShippingMethod } from '../picqer/types';
import { reportProblem } from './problem';
import { countProduct, outcomeAfter, resolveProductScan, roomOn, type ScanResolution } from './scan';
import { loadBoxes, loadSession, loadSessionById, recount, syncCompositions, toPackSession } from './session-store';
import { scanEventOf, type ScanEventFields } from './scan-event';
import type { ActiveSession, BoxState, PackServiceDeps } from './types';
import { getPackaging } from '../db/queries/packagings';
import { addPackSessionBox, removeLastPackSessionBox, setPackSessionBox } from '../db/queries/pack-session-boxes';
import { getPackOrder } from '../db/queries/orders';
import { getPackPicklist, type PicklistScanMatch } from '../db/queries/picklists';
import { getPicklistBatch } from '../db/queries/picklist-batches';
import { recordScanEvent, undoLastCountingScan, type NewScanEvent } from '../db/queries/scan-events';
import type { BatchView } from '../../../shared/batch';
import { createBatchPacking } from './batch';
import { lineCandidate, productAnswerFields, productCandidate } from './candidates';
import { createSerials, type SerialStep } from './serials';

export { productCandidate } from './candidates';

export type { PackServiceDeps, PackSettings, PackApi } from './types';

/** A scan the router checked: its code trimmed of the scanner's suffix. */
export interface ScanInput {
  /** Without its AIM identifier: main's scan entry took it off (packing/scan-input.ts). */
  code: string;
  aim?: string | null;
  source: ScanSource;
  multiplier?: number;
}

export interface ShippingInput {
  idshippingprovider_profile?: number;
  /** The box the packaging and weight are for; the current (last) box when left out. */
  box?: number;
  idpackaging?: number | null;
  weight?: number | null;
  /** Values for the shipping method's extra fields, by key; an empty value clears one. */
  extraFields?: Record<string, string>;
}

/** How long opening the shipping choice waits for Picqer's allowed methods before it shows the cached ones. */
export const shippingMethodsDeadlineMs = 3_000;

/**
 * While a batch is being packed, it is read again from Picqer at most this often (at a scan, never
 * while the station is idle): a picklist Picqer paused or cancelled meanwhile is refused at its
 * next scan. Sync's open-set refresh and "Sync now" say it too.
 */
export const batchRereadMs = 30_000;

/** How long opening a batch the cache has no picklists for waits for Picqer's detail. */
export const batchOpenDeadlineMs = 3_000;

/** The pack loop's commands, as the station's handlers call them. */
export interface PackService {
  /** Loads the session this station had open (after a restart) and says whether one is open. */
  isOpen(): boolean;
  /** A batch is open at this station (issue 17): product scans go to its slots. */
  isBatchOpen(): boolean;
  /*
   * The acts the scan router (scan-router.ts) calls once it knows what a scan is; each records
   * its scan event and publishes what it changed before it answers.
   */
  runCommand(command: ScanCommand, input: ScanInput): ScanAnswer;
  /** PD:QTY:n: held for the next product scan at this station. */
  holdQuantity(amount: number, input: ScanInput): ScanAnswer;
  /** The held quantity, used up by any scan that is not a command, so a refused one never leaves it for the next item. */
  takeQuantity(): number | null;
  /** A product scan on the open picklist (no matches: a code the cache does not know). */
  countProduct(matches: ProductMatch[], input: ScanInput, amount: number): ScanAnswer;
  usePackaging(packaging: { idpackaging: number; name: string }, input: ScanInput): ScanAnswer;
  /** A scan naming picklists: the one to pack opens, several are offered as a choice. */
  openScanned(matches: PicklistScanMatch[], input: ScanInput): Promise<ScanAnswer>;
  open(idpicklist: number, options?: { takeOver?: boolean }): Promise<ScanAnswer>;
  /** Opens (or resumes) a batch; the picklist on the screen, if any, is left first. */
  openBatch(idpicklistBatch: number, scan?: { code: string; source: ScanSource }): Promise<ScanAnswer>;
  current(): PackSession | null;
  /** The open batch's view; null when none is open. */
  batch(): BatchView | null;
  /** A problem with one picklist of the open batch. */
  batchProblem(input: { idpicklist: number; reason: ProblemReason; note?: string }): BatchView | null;
  /** Leaves the open batch: its picklists keep their counts for when it is opened again. */
  leaveBatch(): null;
  /** Sync changed these picklists in the cache: an open batch looks at their slots again. */
  picklistsChanged(idpicklists: readonly number[]): void;
  /** The revision of the session `current()` shows: the last one published. */
  revision(): number;
  /** Whether a unit waits for its serial: the next scan is taken as the serial. */
  awaitsSerial(): boolean;
  /** The serial of the unit waiting for it, typed or scanned (with the scan, its AI 21 if it has one). */
  giveSerial(serial: string, input?: ScanInput): ScanAnswer;
  /** Finishes the ambiguous scan waiting for a choice. */
  choose(idproduct: number): ScanAnswer;
  /** Takes the last counting scan back; the answer says what was undone. */
  undo(): ScanAnswer;
  /** Counts a line without a barcode by hand; answered like the scan it stands for. */
  confirmLine(input: { idpicklist_product: number; amount: number; reason: string }): ScanAnswer;
  setShipping(input: ShippingInput): PackSession;
  /** Another box for the parcel, after the last; it becomes the current box. */
  newBox(): PackSession;
  /** Takes the last box back while nothing is set on it. */
  removeBox(): PackSession;
  /**
   * The packer opens the shipping choice: the methods Picqer allows for this picklist replace the
   * cached profiles, read once per session. Offline, or when Picqer does not answer in time, the
   * session is shown as it was.
   */
  shippingMethods(): Promise<PackSession>;
  complete(): PackSession;
  /**
   * A shift lead lets the parcel's weight pass the weight check, with a reason: kept on the session
   * for that weight, logged, and recorded as a `weight_override` scan event. `lead` is who unlocked
   * (null when the station has no shift lead set).
   */
  overrideWeight(input: { reason: string }, lead: Person | null): PackSession;
  problem(input: { reason: ProblemReason; note?: string }): PackSession;
  leave(): null;
  /** Re-reads a session after someone else (the outbox worker) changed it; the screen follows when it is the current one. */
  reload(packSessionId: number): PackSession | null;
  sessionById(packSessionId: number): PackSession | null;
  /** Resolves when the re-reads beside the opens so far have settled. */
  settled(): Promise<void>;
}

interface PendingChoice {
  sessionId: number;
  code: string;
  source: ScanSource;
  amount: number;
  /** What the scan's GS1 string said of the unit: the chosen product counts with it, and its date is checked. */
  unit: UnitData | null;
  choices: ProductMatch[];
}

export function createPackService(deps: PackServiceDeps): PackService {
  const { db } = deps;
  const ctx: PackContext = { deps, db, log: createLogger('packing'), now: () => new Date(deps.clock.now()).toISOString() };
  const { log } = ctx;

  let active: ActiveSession | null = null;
  let isLoaded = false;
  /**
   * The session's revision: starts at the clock's milliseconds so it keeps growing across a
   * restart (a screen that stayed open never takes the restarted station's state for older).
   */
  let revision = deps.clock.now();
  const publish = (session: PackSession | null) => {
    revision += 1;
    deps.onSessionChanged({ session, batch: batch.view() }, revision);
  };
  let pending: PendingChoice | null = null;
  const serials = createSerials(ctx);
  /** Re-reads beside opens still out; a test (or a stop) can wait for them. */
  const rechecks = new Set<Promise<void>>();
  /**
   * A quantity scanned for the next product scan (PD:QTY:n). Main holds it, whatever scanner sent
   * it; the next scan of anything uses it up or drops it, and it lapses after quantityTimeoutMs.
   */
  let quantity: { amount: number; expiresAt: number } | null = null;

  const liveQuantity = (): { amount: number; expiresAt: number } | null => {
    if (quantity && deps.clock.now() > quantity.expiresAt) quantity = null;
    return quantity;
  };

  /** The held quantity, which this scan uses up whatever it turns out to be. */
  const takeQuantity = (): number | null => {
    const held = liveQuantity();
    quantity = null;
    return held?.amount ?? null;
  };

  const batch = createBatchPacking(ctx, serials, {
    publish: () => publish(null),
    revision: () => revision,
    pendingQuantity: () => {
      const held = liveQuantity();
      return held ? { amount: held.amount, expiresAt: new Date(held.expiresAt).toISOString() } : null;
    },
  });

  /** After a restart the screen shows the session (or the batch) this station had open and had not left. */
  const ensureLoaded = () => {
    if (isLoaded) return;
    isLoaded = true;
    const record = currentPackSessionOfStation(db, deps.stationName());
    active = record ? loadSession(db, record) : null;
    batch.load();
  };

  const view = (session: ActiveSession): PackSession => {
    const held = liveQuantity();
    return {
      ...toPackSession({ ...session, packer: deps.packer() ?? session.packer }, deps.settings()),
      pendingQuantity: held ? { amount: held.amount, expiresAt: new Date(held.expiresAt).toISOString() } : null,
      serialWanted: serials.wantedOn(session.record.id),
    };
  };
  const currentView = (): PackSession | null => (active ? view(active) : null);

  // Every change this scan made was published before the answer: the screen takes the state from there.
  const answer = (fields: Partial<ScanAnswer> & Pick<ScanAnswer, 'kind' | 'code'>): ScanAnswer => scanAnswerOf({ revision, ...fields });

  // A scan event of the open session, if any; scanEventOf shapes it as it does every other.
  const event = (fields: ScanEventFields): NewScanEvent =>
    scanEventOf(deps, active ? { id: active.record.id, idpicklist: active.picklist.idpicklist } : null, fields);

  const requireActive = (): ActiveSession => {
    ensureLoaded();
    if (!active) throw new AppError('CONFLICT', reason('pack.noneOpen'));
    return active;
  };

  const emitCurrent = () => publish(currentView());

  /** Hands the session to the outbox and frees the station for the next picklist. */
  const finish = (session: ActiveSession): PackSession => {
    const record = completeSession(ctx, session);
    const handed = view({ ...session, record });
    // Offline, the label waits for the connection: the screen says so of the parcel that just left.
    const shown: PackSession = deps.isOnline() ? handed : { ...handed, state: 'labels_pending' };
    active = null;
    pending = null;
    serials.drop();
    quantity = null;
    // The screen sees the parcel handed over, then the station free again.
    publish(shown);
    publish(null);
    deps.onQueueChanged([session.picklist.idpicklist]);
    return shown;
  };

  /** The station setting: the last verified unit completes the picklist by itself. */
  const autoComplete = (session: ActiveSession): PackSession | null => {
    if (!deps.settings().autoComplete) return null;
    try {
      return finish(session);
    } catch (error) {
      if (!isAppError(error)) throw error;
      log.warn('auto-complete refused', { idpicklist: session.picklist.idpicklist, reason: error.message });
      return null;
    }
  };

  /** Stores the scan's outcome and applies its counts; the answer is returned only after the commit. */
  const applyResolution = (
    session: ActiveSession,
    resolution: ScanResolution,
    scan: { code: string; source: ScanSource; amount: number; unit?: UnitData | null },
  ): ScanAnswer => {
    const base = { code: scan.code, source: scan.source, quantity: scan.amount };
    const unit = scan.unit ?? { lot: null, expiry: null, serial: null };
    const picklistid = session.picklist.picklistid;
    let why: Reason | null = null;
    let product: ProductMatch | null = null;
    let choices: ProductMatch[] = [];

    switch (resolution.outcome) {
      case 'unknown_barcode':
        why = reason('scan.unknownBarcode', { code: scanText(scan.code) });
        recordScanEvent(db, event({ ...base, outcome: resolution.outcome }));
        break;
      case 'partial_scan':
        why = partialScan;
        recordScanEvent(db, event({ ...base, outcome: resolution.outcome }));
        break;
      case 'wrong_item':
        product = resolution.product;
        why = reason(product.isActive ? 'scan.wrongItem' : 'scan.wrongItemInactive', { product: product.name, picklistid });
        recordScanEvent(db, event({ ...base, outcome: resolution.outcome, idproduct: product.idproduct }));
        break;
      case 'set_scanned':
        product = resolution.product;
        why = reason('scan.setScanned', { product: product.name });
        recordScanEvent(db, event({ ...base, outcome: resolution.outcome, idproduct: product.idproduct, reason: 'composition' }));
        break;
      case 'ambiguous':
        choices = resolution.choices;
        why = reason('scan.ambiguous', { picklistid });
        recordScanEvent(db, event({ ...base, outcome: resolution.outcome }));
        pending = { sessionId: session.record.id, code: scan.code, source: scan.source, amount: scan.amount, unit: scan.unit ?? null, choices };
        break;
      case 'too_many':
        product = resolution.product;
        why =
          resolution.left === 0
            ? reason('scan.lineComplete', { product: product.name })
            : reason('scan.tooMany', { product: product.name, left: resolution.left, amount: scan.amount });
        recordScanEvent(
          db,
          event({ ...base, outcome: resolution.outcome, idproduct: product.idproduct, idpicklistProduct: resolution.line?.row.idpicklistProduct ?? null }),
        );
        break;
      case 'short_dated':
        product = resolution.product;
        why = shortDatedReason(resolution);
        recordScanEvent(
          db,
          event({
            ...base,
            ...unit,
            outcome: resolution.outcome,
            idproduct: product.idproduct,
            reason: englishOf(why),
          }),
        );
        break;
      case 'counted':
      case 'line_complete':
      case 'all_verified': {
        product = resolution.product;
        const { allocations, outcome } = resolution;
        // One multiplied scan may count on two lines of the same product: one event per line, one
        // batch, one commit, so undo takes the whole scan back and a crash keeps all or none.
        db.transaction(() => {
          let batch: number | null = null;
          for (const a of allocations) {
            const id = recordScanEvent(
              db,
              event({ ...base, ...unit, quantity: a.amount, outcome, idproduct: a.line.row.idproduct, idpicklistProduct: a.line.row.idpicklistProduct, batch }),
            );
            batch ??= id;
          }
        })();
        for (const a of allocations) a.line.verified += a.amount;
        syncCompositions(session.lines);
        break;
      }
    }

    session.lastScan = { outcome: resolution.outcome, code: scan.code, amount: scan.amount, productName: product?.name ?? null, at: ctx.now() };
    if (resolution.outcome !== 'ambiguous') pending = null;
    serials.drop();
    publish(view(session));
    if (resolution.outcome === 'all_verified') autoComplete(session);
    return answer({ ...productAnswerFields(scan, resolution.outcome, product, choices), reason: why });
  };

  /**
   * The serial rule's step for a picklist packed alone (serials.ts): a unit with a serial not yet
   * on this picklist counts; one without (or with one already on it) waits, and the answer asks.
   */
  const applySerialStep = (session: ActiveSession, step: NonNullable<SerialStep>): ScanAnswer => {
    if (step.kind === 'count') return applyResolution(session, step.resolution, step.scan);
    recordScanEvent(db, event(step.event));
    pending = null;
    publish(view(session));
    const { wanted } = step;
    return answer({ kind: 'product', outcome: 'serial_needed', code: wanted.code, amount: wanted.amount, product: productCandidate(wanted.product), reason: step.why });
  };

  /** The serial of the unit waiting for it, scanned or typed: the unit counts with it, unless it is already on this picklist. */
  const giveSerial = (text: string, input?: ScanInput): ScanAnswer => {
    ensureLoaded();
    if (batch.isOpen()) return batch.giveSerial(text, input);
    const session = requireActive();
    const waiting = serials.wanted();
    if (!waiting || waiting.sessionId !== session.record.id) throw new AppError('CONFLICT', reason('scan.noScanWaiting'));
    const serial = serials.serialOf(text, input, waiting.product.idproduct);
    if (serial === '') return answer({ kind: 'product', outcome: 'serial_needed', code: waiting.code, product: productCandidate(waiting.product), reason: reason('scan.serialNeeded', { product: waiting.product.name }) });
    // Counted as the unit it is, now with its serial: its date checked again (the serial's scan may say one), then the serial.
    const unit = serials.unitWith(waiting, serial, input);
    return applyUnit(session, countProduct(session.leaves, waiting.product, waiting.amount), { code: waiting.code, source: waiting.source, amount: waiting.amount, unit });
  };

  /** A product scan on the open picklist; no matches is a code the cache does not know. */
  const productScan = (matches: ProductMatch[], input: ScanInput, amount: number): ScanAnswer => {
    ensureLoaded();
    if (batch.isOpen()) {
      const counted = batch.countProduct(matches, input, amount);
      const id = batch.openBatchId();
      if (id !== null && deps.clock.now() - batchReadAt >= batchRereadMs) besideBatch(id, 'background');
      return counted;
    }
    const session = requireActive();
    const elsewhere = session.record.assignedElsewhere;
    if (elsewhere) {
      const why = assignedTo(session.picklist.picklistid, elsewhere.name);
      recordScanEvent(db, event({ code: input.code, source: input.source, quantity: amount, outcome: 'blocked', reason: englishOf(why) }));
      return answer({ kind: 'blocked', code: input.code, amount, reason: why });
    }
    // Found nothing: a code cut short by a stalling scanner or misread is said to be so, never
    // "unknown". Checked only after the lookup, so a code the cache knows always resolves.
    const resolved: ScanResolution =
      matches.length === 0 && looksCutOrMisread(input.code, input.aim ?? null) ? { outcome: 'partial_scan' } : resolveProductScan(session.lines, session.leaves, matches, amount);
    return applyUnit(session, resolved, { code: input.code, source: input.source, amount, unit: unitDataOf(input.code, input.aim ?? null) });
  };

  /**
   * A product scan's resolution through the unit rules, for a scan and for a product chosen after
   * one alike: a unit that would count is checked for its date (a wrong item stays the wrong
   * item), then for its serial, and only then applied.
   */
  const applyUnit = (session: ActiveSession, resolved: ScanResolution, scanned: { code: string; source: ScanSource; amount: number; unit: UnitData | null }): ScanAnswer => {
    const resolution = checkShelfLife(ctx, resolved, scanned.unit, session.picklist.idpicklist);
    const step = serials.check({ id: session.record.id, leaves: session.leaves }, resolution, scanned, serials.takenOnPicklist(session.record.id));
    return step ? applySerialStep(session, step) : applyResolution(session, resolution, scanned);
  };

  const openPicklist = async (
    idpicklist: number,
    options: { isTakeOver: boolean; scan: { code: string; source: ScanSource } | null },
  ): Promise<ScanAnswer> => {
    ensureLoaded();
    const code = options.scan?.code ?? String(idpicklist);
    const packer = deps.packer();
    if (!packer) return answer({ kind: 'no_packer', code });
    // The cache answers at once; the re-read from Picqer runs beside the open (issue 12).
    const commit = () =>
      commitOpen(ctx, idpicklist, cacheOnly(deps.isOnline()), {
        packer,
        isTakeOver: options.isTakeOver,
        previousSessionId: active?.record.id ?? null,
        scan: options.scan,
        holdAssignMs: deps.isOnline() ? openRereadDeadlineMs : 0,
      });
    // A picklist opened while a batch is on the screen: the batch is left (its counts kept) once the picklist opens.
    let outcome = commit();
    let reread: RemoteRead | null = null;
    if (outcome.kind === 'blocked' && deps.isOnline()) {
      // Refused by the cache (paused, snoozed...): Picqer may have resumed it since the last sync.
      // Only a refusal waits for Picqer, and never past the re-read's deadline; that re-read is
      // then the open's, not read a second time.
      reread = await rereadWithin(idpicklist);
      outcome = commit();
    }
    if (outcome.kind !== 'opened') {
      const isAboutPicklist = outcome.kind === 'blocked' || outcome.kind === 'already_packed';
      if (options.scan) {
        recordScanEvent(
          db,
          event({ ...options.scan, outcome: outcome.kind, packSessionId: null, idpicklist: isAboutPicklist ? idpicklist : null, reason: englishOf(outcome.reason) }),
        );
      }
      return answer({ kind: outcome.kind, code, reason: outcome.reason, packed: outcome.kind === 'already_packed' ? outcome.packed : null });
    }
    pending = null;
    serials.drop();
    quantity = null;
    if (batch.isOpen()) batch.leave();
    active = loadSession(db, outcome.record);
    if (!active) return answer({ kind: 'not_found', code, reason: notInCache(code) });
    emitCurrent();
    if (deps.isOnline()) {
      const recheck = rereadOpened(
        {
          sessionId: outcome.record.id,
          idpicklist,
          iduser: packer.iduser,
          isTakeOver: options.isTakeOver,
          wasResumed: outcome.wasResumed,
          heldAssignId: outcome.heldAssignId,
        },
        reread,
      );
      rechecks.add(recheck);
      void recheck.finally(() => rechecks.delete(recheck));
    }
    return answer({ kind: 'opened', code, picklistid: active.picklist.picklistid });
  };

  /** Re-reads the picklist from Picqer, given up after the open's deadline (then: what the cache says). */
  const rereadWithin = async (idpicklist: number): Promise<RemoteRead> => {
    const controller = new AbortController();
    const timer = deps.clock.setTimeout(() => controller.abort(new Error('Picqer did not answer the re-read in time')), openRereadDeadlineMs);
    try {
      return await readRemote(ctx, idpicklist, controller.signal);
    } catch (error) {
      log.warn('re-read for an open failed', { idpicklist, error: String(error) });
      return cacheOnly(false);
    } finally {
      timer.cancel();
    }
  };

  /** The re-read beside an open (or the one made before it); its findings reach the screen the moment they are known. */
  const rereadOpened = async (open: OpenRecheck, done: RemoteRead | null): Promise<void> => {
    const remote = done ?? (await rereadWithin(open.idpicklist));
    let result;
    try {
      result = settleOpen(ctx, open, remote);
    } catch (error) {
      // The station is stopping (its database closed) while Picqer answered: nothing to show.
      log.warn('re-read beside the open not settled', { idpicklist: open.idpicklist, error: String(error) });
      return;
    }
    if (open.heldAssignId !== null) {
      deps.onQueueChanged([open.idpicklist]);
      deps.kickOutbox();
    }
    if (result === 'unchanged' || active?.record.id !== open.sessionId) return;
    const record = getPackSession(db, open.sessionId);
    const reloaded = record ? loadSession(db, record) : null;
    if (!reloaded || reloaded.record.status !== 'open') return;
    reloaded.lastScan = active.lastScan;
    active = reloaded;
    emitCurrent();
  };

  const choosePicklist = async (matches: PicklistScanMatch[], input: ScanInput): Promise<ScanAnswer> => {
    const idwarehouse = deps.idwarehouse();
    const here = matches.filter((m) => m.idwarehouse === idwarehouse);
    const candidates = here.length > 0 ? here : matches;
    // An order number names its old, closed picklists too; the one still to pack is meant.
    const live = candidates.filter((m) => m.status !== 'closed' && m.status !== 'cancelled');
    const chosen = candidates.length === 1 ? candidates[0] : live.length === 1 ? live[0] : undefined;
    if (chosen) return openPicklist(chosen.idpicklist, { isTakeOver: false, scan: { code: input.code, source: input.source } });
    const choices = (live.length > 0 ? live : candidates).map((m) => {
      const picklist = getPackPicklist(db, m.idpicklist);
      const order = m.idorder === null ? null : getPackOrder(db, m.idorder);
      return {
        idpicklist: m.idpicklist,
        picklistid: m.picklistid,
        customer: picklist?.deliveryname ?? order?.deliveryname ?? order?.invoicename ?? '',
        reference: picklist?.reference ?? order?.reference ?? null,
        status: m.status,
      };
    });
    recordScanEvent(db, event({ code: input.code, source: input.source, outcome: 'choose_picklist' }));
    return answer({ kind: 'choose_picklist', code: input.code, picklistChoices: choices, reason: reason('picklist.choose', { count: choices.length, code: input.code }) });
  };

  const undo = (): ScanAnswer => {
    ensureLoaded();
    if (batch.isOpen()) return batch.undo();
    const session = requireActive();
    const before = new Map(session.lines.map((l) => [l.row.idpicklistProduct, l.verified]));
    const changed = db.transaction(() => undoLastCountingScan(db, session.record.id, ctx.now()))();
    if (changed === 0) throw new AppError('CONFLICT', reason('pack.nothingToUndo', { picklistid: session.picklist.picklistid }));
    recount(db, session);
    // What the undo took back, read off the counts: the answer names it, like the scan it undoes.
    const taken = session.leaves.filter((l) => (before.get(l.row.idpicklistProduct) ?? 0) > l.verified);
    const amount = taken.reduce((sum, l) => sum + (before.get(l.row.idpicklistProduct) ?? 0) - l.verified, 0);
    const line = taken[0];
    // The undone scan is no longer the last word: a reloaded screen must not say it again.
    session.lastScan = null;
    pending = null;
    serials.drop();
    publish(view(session));
    return answer({
      kind: 'undone',
      code: line?.row.productcode ?? '',
      amount: Math.max(1, amount),
      product: line ? lineCandidate(line) : null,
    });
  };

  const sessionById = (packSessionId: number): PackSession | null => {
    const loaded = loadSessionById(db, packSessionId);
    return loaded ? view(loaded) : null;
  };

  const leave = (): null => {
    ensureLoaded();
    if (batch.isOpen()) return leaveBatch();
    if (active) markPackSessionLeft(db, active.record.id, ctx.now());
    const hadSession = active !== null;
    active = null;
    pending = null;
    serials.drop();
    quantity = null;
    if (hadSession) publish(null);
    return null;
  };

  const leaveBatch = (): null => {
    ensureLoaded();
    quantity = null;
    pending = null;
    serials.drop();
    if (batch.isOpen()) batch.leave();
    return null;
  };

  /** When the open batch was last read from Picqer (or is being read): the re-read on activity waits batchRereadMs. */
  let batchReadAt = Number.NEGATIVE_INFINITY;
  let isBatchReading = false;

  /** Re-reads a batch through sync; its findings reach the screen the moment they are known. */
  const rereadBatch = async (idpicklistBatch: number, priority: 'interactive' | 'background', deadlineMs: number): Promise<void> => {
    const refresh = deps.refreshBatch;
    if (!refresh || !deps.isOnline() || isBatchReading) return;
    isBatchReading = true;
    batchReadAt = deps.clock.now();
    const controller = new AbortController();
    const timer = deps.clock.setTimeout(() => controller.abort(new Error('Picqer did not answer the batch re-read in time')), deadlineMs);
    try {
      await refresh(idpicklistBatch, { priority, signal: controller.signal });
    } catch (error) {
      log.warn('batch re-read failed; packing from the cache', { idpicklistBatch, error: String(error) });
      return;
    } finally {
      timer.cancel();
      isBatchReading = false;
    }
    try {
      if (batch.openBatchId() !== idpicklistBatch) return;
      batch.rebuild();
      emitCurrent();
    } catch (error) {
      // The station is stopping (its database closed) while Picqer answered: nothing to show.
      log.warn('batch re-read not settled', { idpicklistBatch, error: String(error) });
    }
  };

  const besideBatch = (idpicklistBatch: number, priority: 'interactive' | 'background') => {
    const reread = rereadBatch(idpicklistBatch, priority, openRereadDeadlineMs * 4);
    rechecks.add(reread);
    void reread.finally(() => rechecks.delete(reread));
  };

  /** Opens a batch: the picklist on the screen is left (kept, resumable) first. */
  const openBatch = async (idpicklistBatch: number, scan: { code: string; source: ScanSource } | null): Promise<ScanAnswer> => {
    ensureLoaded();
    const packer = deps.packer();
    if (!packer) return answer({ kind: 'no_packer', code: scan?.code ?? String(idpicklistBatch) });
    // A batch sync has listed but whose picklists it has not read yet is read now, within a deadline.
    const isRead = getPicklistBatch(db, idpicklistBatch)?.hasDetail === true;
    if (!isRead) await rereadBatch(idpicklistBatch, 'interactive', batchOpenDeadlineMs);
    const opened = batch.open(idpicklistBatch, scan, () => {
      if (active) markPackSessionLeft(db, active.record.id, ctx.now());
      active = null;
      pending = null;
      serials.drop();
      quantity = null;
    });
    // A batch opened from the cache is read again beside the open, as a picklist is.
    if (opened.kind === 'batch_opened' && isRead) besideBatch(idpicklistBatch, 'interactive');
    return opened;
  };

  const runCommand = (command: ScanCommand, input: ScanInput): ScanAnswer => {
    recordScanEvent(db, event({ code: input.code, source: input.source, outcome: 'command', reason: command }));
    const reply = (why: Reason | null = null) => answer({ kind: 'command', code: input.code, command, reason: why });
    /** Runs the command's action: the answer says what `says` makes of its result, or why it failed. */
    const attempt = <T>(action: () => T, says: (done: T) => Reason | null = () => null): ScanAnswer => {
      try {
        return reply(says(action()));
      } catch (error) {
        if (!isAppError(error)) throw error;
        return reply(error.reason ?? reason('parcel.stopped', { text: error.message }));
      }
    };
    if (batch.isOpen()) {
      switch (command) {
        case 'COMPLETE': {
          // Nothing to do unless a verified picklist is still waiting (it could not be handed over).
          const handed = batch.completeVerified();
          if (handed > 0) emitCurrent();
          return reply(handed > 0 ? null : reason('batch.completesItself'));
        }
        case 'UNDO':
          return attempt(() => batch.undo());
        case 'CANCEL':
          // A unit waiting for its serial is dropped; the batch stays.
          if (batch.dropSerial()) {
            emitCurrent();
            return reply();
          }
          if (liveQuantity()) {
            quantity = null;
            emitCurrent();
            return reply();
          }
          leaveBatch();
          return reply();
        case 'NEWBOX':
          // A batch's picklists are one box each; several boxes are for a picklist packed alone.
          return reply(reason('batch.oneBoxEach'));
        case 'PROBLEM':
        case 'REPRINT':
          return reply();
      }
    }
    switch (command) {
      case 'COMPLETE':
        return attempt(() => finish(requireActive()));
      case 'UNDO':
        return attempt(() => undo());
      case 'CANCEL':
        // A unit waiting for its serial is dropped; the picklist stays.
        if (serials.drop()) {
          emitCurrent();
          return reply();
        }
        // A pending choice is the dialog to close; without one, CANCEL puts the picklist back.
        if (pending) {
          pending = null;
          serials.drop();
          return reply();
        }
        if (liveQuantity()) {
          quantity = null;
          emitCurrent();
          return reply();
        }
        leave();
        return reply();
      case 'NEWBOX':
        // The answer names the box the packer is on now.
        return attempt(newBox, (shown) => reason('pack.boxStarted', { box: shown.shipping.currentBox }));
      case 'PROBLEM':
      case 'REPRINT':
        return reply();
    }
  };

  /** The box a packaging or weight goes to: the number given, else the current (last) one. */
  const boxOf = (session: ActiveSession, box: number | undefined): BoxState | null => {
    const wanted = box ?? session.boxes.at(-1)?.box ?? 1;
    if (wanted === 1) return null;
    const found = session.boxes.find((b) => b.box === wanted);
    if (!found) throw new AppError('VALIDATION', reason('pack.noSuchBox', { box: wanted }));
    return found;
  };

  const newBox = (): PackSession => {
    const session = requireActive();
    if (session.record.status !== 'open') throw new AppError('CONFLICT', reason('pack.notPackedAnyMore', { picklistid: session.picklist.picklistid }));
    if (session.boxes.length + 1 >= maxBoxes) throw new AppError('VALIDATION', reason('pack.tooManyBoxes', { max: maxBoxes }));
    db.transaction(() => {
      addPackSessionBox(db, session.record.id);
      touchPackSession(db, session.record.id, ctx.now());
    })();
    session.boxes = loadBoxes(db, session.record.id);
    const shown = view(session);
    publish(shown);
    return shown;
  };

  const removeBox = (): PackSession => {
    const session = requireActive();
    const last = session.boxes.at(-1);
    if (!last) throw new AppError('VALIDATION', reason('pack.noSuchBox', { box: 2 }));
    if (!removeLastPackSessionBox(db, session.record.id)) throw new AppError('VALIDATION', reason('pack.boxNotEmpty', { box: last.box }));
    session.boxes = loadBoxes(db, session.record.id);
    const shown = view(session);
    publish(shown);
    return shown;
  };

  /** PD:QTY:n: held for the next product scan at this station, shown on the session. */
  const holdQuantity = (amount: number, input: ScanInput): ScanAnswer => {
    recordScanEvent(db, event({ code: input.code, source: input.source, outcome: 'command', reason: `QTY ${amount}` }));
    if (!active && !batch.isOpen()) return answer({ kind: 'quantity', code: input.code, amount, reason: quantityWithoutPicklist });
    quantity = { amount, expiresAt: deps.clock.now() + quantityTimeoutMs };
    emitCurrent();
    return answer({ kind: 'quantity', code: input.code, amount });
  };

  /** A packaging's barcode on the open picklist: the parcel goes in that box. */
  const usePackaging = (packaging: { idpackaging: number; name: string }, input: ScanInput): ScanAnswer => {
    ensureLoaded();
    if (batch.isOpen()) return batch.usePackaging(packaging, input);
    const session = requireActive();
    const current = boxOf(session, undefined);
    if (current) {
      db.transaction(() => {
        setPackSessionBox(db, session.record.id, current.box, { idpackaging: packaging.idpackaging, weight: current.weight });
        recordScanEvent(db, event({ code: input.code, source: input.source, outcome: 'packaging', reason: `${packaging.name} (box ${current.box})` }));
      })();
      current.packaging = packaging;
      emitCurrent();
      return answer({ kind: 'packaging', code: input.code, name: packaging.name });
    }
    db.transaction(() => {
      setPackSessionShipping(
        db,
        session.record.id,
        {
          idshippingproviderProfile: session.record.idshippingproviderProfile,
          idpackaging: packaging.idpackaging,
          weight: session.record.weight,
          extraFields: session.record.extraFields,
        },
        ctx.now(),
      );
      recordScanEvent(db, event({ code: input.code, source: input.source, outcome: 'packaging', reason: packaging.name }));
      recordChoice(db, session, packaging.idpackaging, ctx.now());
    })();
    session.record = { ...session.record, idpackaging: packaging.idpackaging };
    session.packaging = packaging;
    emitCurrent();
    return answer({ kind: 'packaging', code: input.code, name: packaging.name });
  };

  return {
    isOpen() {
      ensureLoaded();
      return active !== null || batch.isOpen();
    },

    isBatchOpen() {
      ensureLoaded();
      return batch.isOpen();
    },

    openBatch: (idpicklistBatch, scan) => openBatch(idpicklistBatch, scan ?? null),

    batch() {
      ensureLoaded();
      return batch.view();
    },

    batchProblem({ idpicklist, reason: why, note }) {
      ensureLoaded();
      batch.problem({ idpicklist, reason: why, note: note?.trim() ? note.trim() : null });
      return batch.view();
    },

    leaveBatch,

    picklistsChanged(idpicklists) {
      if (!isLoaded) return;
      if (batch.recheck(idpicklists)) emitCurrent();
    },

    runCommand,
    holdQuantity,
    takeQuantity,
    countProduct: productScan,
    awaitsSerial: () => (batch.isOpen() ? batch.awaitsSerial() : active !== null && serials.wanted()?.sessionId === active.record.id),
    giveSerial,
    usePackaging,
    newBox,
    removeBox,
    openScanned: choosePicklist,

    open: (idpicklist, options) => openPicklist(idpicklist, { isTakeOver: options?.takeOver ?? false, scan: null }),

    revision: () => revision,

    current() {
      ensureLoaded();
      return currentView();
    },

    choose(idproduct) {
      ensureLoaded();
      if (batch.isOpen()) return batch.choose(idproduct);
      const session = requireActive();
      const waiting = pending;
      if (!waiting || waiting.sessionId !== session.record.id) throw new AppError('CONFLICT', reason('scan.noScanWaiting'));
      const chosen = waiting.choices.find((c) => c.idproduct === idproduct);
      if (!chosen) throw new AppError('VALIDATION', reason('scan.notAChoice', { idproduct }));
      pending = null;
      serials.drop();
      // The chosen product is counted as if scanned alone: its date is checked and a serial it needs asked for here too.
      return applyUnit(session, countProduct(session.leaves, chosen, waiting.amount), { code: waiting.code, source: waiting.source, amount: waiting.amount, unit: waiting.unit });
    },

    undo,

    confirmLine({ idpicklist_product, amount, reason: handReason }) {
      const session = requireActive();
      const packer = deps.packer();
      if (!packer) throw new AppError('CONFLICT', reason('pack.signInToConfirm'));
      const elsewhere = session.record.assignedElsewhere;
      if (elsewhere) throw new AppError('CONFLICT', assignedTo(session.picklist.picklistid, elsewhere.name));
      const line = session.lines.find((l) => l.row.idpicklistProduct === idpicklist_product);
      if (!line) throw new AppError('VALIDATION', reason('pack.lineNotOnPicklist', { picklistid: session.picklist.picklistid }));
      const name = line.row.name;
      if (line.parts.length > 0) throw new AppError('VALIDATION', reason('pack.confirmSetParts', { product: name }));
      if (line.row.barcode !== null && line.row.barcode.trim() !== '') throw new AppError('VALIDATION', reason('pack.lineHasBarcode', { product: name }));
      const left = roomOn(line);
      if (left === 0) throw new AppError('VALIDATION', reason('scan.lineComplete', { product: name }));
      if (amount > left) throw new AppError('VALIDATION', reason('scan.tooMany', { product: name, left, amount }));

      // A product that counts only with its serial does so confirmed by hand too: one unit waits
      // for its serial, as after a scan without one.
      const serialProduct = findProductsByCode(db, line.row.productcode).find((p) => p.idproduct === line.row.idproduct && serials.needsSerial(p));
      if (serialProduct) {
        const held = { code: line.row.productcode, source: 'manual' as const, amount: 1, unit: null };
        const step = serials.check({ id: session.record.id, leaves: session.leaves }, countProduct(session.leaves, serialProduct, 1), held, serials.takenOnPicklist(session.record.id));
        if (step) return applySerialStep(session, step);
      }

      const allocations = [{ line, amount }];
      const outcome = outcomeAfter(session.leaves, allocations);
      recordScanEvent(
        db,
        event({
          code: line.row.productcode,
          source: 'manual',
          quantity: amount,
          outcome,
          idproduct: line.row.idproduct,
          idpicklistProduct: line.row.idpicklistProduct,
          reason: handReason,
        }),
      );
      line.verified += amount;
      line.manualReason = handReason;
      syncCompositions(session.lines);
      session.lastScan = { outcome, code: line.row.productcode, amount, productName: name, at: ctx.now() };
      pending = null;
      serials.drop();
      publish(view(session));
      if (outcome === 'all_verified') autoComplete(session);
      // Like a scan's answer: after an auto-complete the station is free, and session.changed said so.
      return answer({ kind: 'product', outcome, code: line.row.productcode, amount, product: lineCandidate(line) });
    },

    setShipping(input) {
      const session = requireActive();
      const { record } = session;
      let profile = record.idshippingproviderProfile;
      if (input.idshippingprovider_profile !== undefined) {
        const wanted = input.idshippingprovider_profile;
        if (record.profiles.length > 0 && !record.profiles.some((p) => p.idshippingprovider_profile === wanted)) {
          throw new AppError('VALIDATION', reason('pack.profileNotOffered', { picklistid: session.picklist.picklistid }));
        }
        profile = wanted;
      }
      const box = boxOf(session, input.box);
      let packaging = box ? box.packaging : session.packaging;
      if (input.idpackaging === null) packaging = null;
      else if (input.idpackaging !== undefined) {
        packaging = getPackaging(db, input.idpackaging);
        if (!packaging) throw new AppError('VALIDATION', reason('pack.packagingUnknown'));
      }
      // A later box has its own packaging and weight; the method and its fields are the parcel's.
      const boxValues = box ? { packaging, weight: input.weight === undefined ? box.weight : input.weight } : null;
      if (box) packaging = session.packaging;
      const weight = box || input.weight === undefined ? record.weight : input.weight;
      const extraFields = { ...record.extraFields };
      for (const [key, value] of Object.entries(input.extraFields ?? {})) {
        if (value.trim() === '') delete extraFields[key];
        else extraFields[key] = value.trim();
      }
      const shipping = { idshippingproviderProfile: profile, idpackaging: packaging?.idpackaging ?? null, weight, extraFields };
      db.transaction(() => {
        if (box && boxValues) setPackSessionBox(db, record.id, box.box, { idpackaging: boxValues.packaging?.idpackaging ?? null, weight: boxValues.weight });
        setPackSessionShipping(db, record.id, shipping, ctx.now());
        if (!box && input.idpackaging !== undefined && packaging) recordChoice(db, session, packaging.idpackaging, ctx.now());
      })();
      if (box && boxValues) Object.assign(box, boxValues);
      session.record = { ...record, ...shipping };
      session.packaging = packaging;
      const shown = view(session);
      publish(shown);
      return shown;
    },

    async shippingMethods() {
      const session = requireActive();
      if (session.record.methodsReadAt !== null || !deps.isOnline()) return view(session);
      const { idpicklist } = session.picklist;
      let methods: PicqerShippingMethod[];
      try {
        methods = await deps.api.getShippingMethods(idpicklist, { priority: 'interactive', signal: AbortSignal.timeout(shippingMethodsDeadlineMs) });
      } catch (error) {
        log.warn('shipping methods not read; the cached profiles stay on offer', { idpicklist, error: String(error) });
        return active ? view(active) : view(session);
      }
      // The packer may have left, or another picklist opened, while Picqer answered.
      const current = active;
      if (current?.record.id !== session.record.id) return view(session);
      const { record } = current;
      const read = choiceFromMethods(methods, current.picklist.idshippingproviderProfile);
      const isKept = record.idshippingproviderProfile !== null && read.list.some((p) => p.idshippingprovider_profile === record.idshippingproviderProfile);
      const update = { idshippingproviderProfile: isKept ? record.idshippingproviderProfile : read.selected, profiles: read.list, methodsReadAt: ctx.now() };
      setPackSessionMethods(db, record.id, update, ctx.now());
      current.record = { ...record, ...update };
      const shown = view(current);
      publish(shown);
      return shown;
    },

    complete: () => finish(requireActive()),

    overrideWeight({ reason: why }, lead) {
      const session = requireActive();
      const check = weightCheckOf(session, deps.settings().weightTolerance);
      if (!check?.isOff) throw new AppError('VALIDATION', reason('pack.weightNotOff'));
      const at = ctx.now();
      const override = { weight: check.weight, reason: why, by: lead, at };
      db.transaction(() => {
        setPackSessionWeightOverride(db, session.record.id, override);
        recordScanEvent(
          db,
          event({ code: 'WEIGHT', source: 'manual', outcome: 'weight_override', reason: `${why} (${check.weight} g, expected ${check.expected} g)` }),
        );
      })();
      log.info('weight check overridden', {
        idpicklist: session.picklist.idpicklist,
        weight: check.weight,
        expected: check.expected,
        reason: why,
        lead: lead?.iduser ?? null,
        packer: deps.packer()?.iduser ?? null,
      });
      session.record = { ...session.record, weightOverride: override };
      const shown = view(session);
      publish(shown);
      return shown;
    },

    problem({ reason, note }) {
      const session = requireActive();
      const settings = deps.settings();
      const record = reportProblem(ctx, session, { reason, note: note?.trim() ? note.trim() : null, action: settings.problemAction, snoozeHours: settings.snoozeHours });
      const shown = view({ ...session, record });
      active = null;
      pending = null;
      serials.drop();
      quantity = null;
      // The screen sees the problem reported (its state), then the station free again.
      publish(shown);
      publish(null);
      deps.onQueueChanged([session.picklist.idpicklist]);
      return shown;
    },

    leave,

    reload(packSessionId) {
      ensureLoaded();
      if (batch.reloadSession(packSessionId)) {
        emitCurrent();
        return sessionById(packSessionId);
      }
      if (active?.record.id !== packSessionId) return sessionById(packSessionId);
      const record = getPackSession(db, packSessionId);
      const loaded = record ? loadSession(db, record) : null;
      if (!loaded) {
        active = null;
        publish(null);
        return null;
      }
      const isStillPacking = loaded.record.status === 'open';
      active = isStillPacking ? loaded : null;
      publish(isStillPacking ? view(loaded) : null);
      return view(loaded);
    },

    sessionById,

    async settled() {
      await Promise.all([...rechecks]);
    },
  };
}
