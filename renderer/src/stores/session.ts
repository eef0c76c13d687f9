import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BatchSlot, BatchView } from '../../../shared/batch';
import type { CommandInput } from '../../../shared/contract';
import type { PackLine, PackSession, ProblemReason, ScanAnswer, SessionState, WeightCheck } from '../../../shared/packing';
import { toApiError, type ApiClient, type ApiError } from '../api';
import { shareEqual } from './structural-share';

/** What happened to the picklist (or batch) that just left the pack screen, for the ready screen to say. */
export type Departure =
  | {
      kind: 'sent' | 'problem';
      picklistid: string;
      /** For sent: labels_pending when the label waits for the connection. */
      state: PackSession['state'];
    }
  | {
      kind: 'batch';
      /** The batch's number, as printed on its PDF. */
      picklistid: string;
      parcelsSent: number;
      /** Every slot was sent, set aside or refused; otherwise the rest went back to the queue. */
      isDone: boolean;
      state: 'packing';
    };

export type SessionAction =
  | 'open'
  | 'choose'
  | 'undo'
  | 'confirmLine'
  | 'setShipping'
  | 'newBox'
  | 'removeBox'
  | 'complete'
  | 'overrideWeight'
  | 'serial'
  | 'problem'
  | 'leave'
  | 'openBatch'
  | 'batchProblem'
  | 'leaveBatch';

export interface SessionStore {
  /** The picklist on the pack screen, as main keeps it; null when none is open. */
  session: PackSession | null;
  /** The batch on the pack screen, as main keeps it; never beside a session. */
  batch: BatchView | null;
  departure: Departure | null;
  busy: SessionAction | null;
  error: ApiError | null;
  load(): Promise<void>;
  /** Main's session at a revision: applied only when newer than what the screen shows. */
  apply(state: SessionState): void;
  open(idpicklist: number, takeOver?: boolean): Promise<ScanAnswer | null>;
  choose(idproduct: number): Promise<ScanAnswer | null>;
  /** The typed serial number of the unit waiting for it; the answer is for the answer panel. */
  giveSerial(serial: string): Promise<ScanAnswer | null>;
  /** Takes the last counting scan back; the answer is for the answer panel (the scan controller shows it). */
  undo(): Promise<ScanAnswer | null>;
  confirmLine(input: CommandInput<'pack.confirmLine'>): Promise<ScanAnswer | null>;
  setShipping(input: CommandInput<'pack.setShipping'>): Promise<boolean>;
  /** Another box for the parcel (as PD:NEWBOX); it becomes the current box. */
  newBox(): Promise<boolean>;
  /** Takes the last box back while nothing is set on it. */
  removeBox(): Promise<boolean>;
  /**
   * The packer opens the shipping choice: main reads the methods Picqer allows for the picklist
   * (once per session). Not an action the screen waits on: the choice stays usable meanwhile.
   */
  loadShippingMethods(): Promise<void>;
  complete(): Promise<boolean>;
  /** A shift lead lets the parcel's off weight through, with a reason (ask the lead store first). */
  overrideWeight(reason: string): Promise<boolean>;
  problem(reason: ProblemReason, note?: string): Promise<boolean>;
  leave(): Promise<boolean>;
  /** Opens a batch chosen on the queue; the answer is for the answer panel. */
  openBatch(idpicklistBatch: number): Promise<ScanAnswer | null>;
  /** A problem with one slot's picklist: reported like a single parcel's, the batch stays open. */
  batchProblem(idpicklist: number, reason: ProblemReason, note?: string): Promise<boolean>;
  /** Leaves the batch: what is not complete goes back to the queue, its counts kept. */
  leaveBatch(): Promise<boolean>;
  clearError(): void;
  /**
   * Forgets what belonged to the station as it was (its picklist, the parcel that just left): the
   * station switched to or from practice, or to another warehouse, or the station restarted.
   */
  reset(): void;
  /** Follows `session.changed`; returns the unsubscribe. */
  start(): () => void;
}

const finishing: ReadonlySet<PackSession['state']> = new Set(['completing', 'labels_pending', 'completed']);

/*
 * The session reaches the screen one way only: main's session.changed events (and a read of the
 * same state after a reconnect), each with its revision. Commands answer with an acknowledgement;
 * the state they changed was published before the answer, so a panel never shows a session older
 * than the last event, whatever order a transport delivers answers in.
 */
export function createSessionStore(api: ApiClient): StoreApi<SessionStore> {
  // Set while pack.leave runs: the session going away then is not a parcel sent.
  let isLeaving = false;
  // The revision of the session shown: main's, from session.changed or a read; an older one is never applied.
  let revision = 0;

  const store = createStore<SessionStore>()((set, get) => {
    async function run<T>(action: SessionAction, call: () => Promise<T>): Promise<T | null> {
      set({ busy: action, error: null });
      try {
        const value = await call();
        set({ busy: null });
        return value;
      } catch (error) {
        set({ busy: null, error: toApiError(error) });
        return null;
      }
    }

    return {
      session: null,
      batch: null,
      departure: null,
      busy: null,
      error: null,

      async load() {
        try {
          get().apply(await api.invoke('pack.current', {}));
        } catch {
          // Not shown: the pack screen appears with the first scan or event instead.
        }
      },

      apply({ revision: incomingRevision, session: incoming, batch: incomingBatch }) {
        if (incomingRevision <= revision) return;
        revision = incomingRevision;
        const previous = get().session;
        const previousBatch = get().batch;
        // Unchanged parts keep their identity, so a scan re-renders only what it changed.
        const next = incoming && previous ? shareEqual(previous, incoming) : incoming;
        const nextBatch = incomingBatch && previousBatch ? shareEqual(previousBatch, incomingBatch) : incomingBatch;
        let departure = get().departure;
        if (next) {
          if (next.id !== previous?.id) departure = null;
        } else if (nextBatch) {
          // A batch's picklists complete inside it: nothing departs while the batch stays open.
          if (nextBatch.id !== previousBatch?.id) departure = null;
        } else if (previous && !isLeaving) {
          if (previous.state === 'problem') departure = { kind: 'problem', picklistid: previous.picklistid, state: previous.state };
          else if (finishing.has(previous.state) || previous.isAllVerified) {
            departure = { kind: 'sent', picklistid: previous.picklistid, state: previous.state };
          }
        } else if (previousBatch) {
          // Left (by button, barcode or on another screen): what it sent is what the packer wants to know.
          departure = { kind: 'batch', picklistid: previousBatch.picklistBatchid, parcelsSent: previousBatch.parcelsSent, isDone: previousBatch.isDone, state: 'packing' };
        }
        if (next !== previous || nextBatch !== previousBatch) set({ session: next, batch: nextBatch, departure });
      },

      open(idpicklist, takeOver) {
        return run('open', () => api.invoke('pack.open', takeOver ? { idpicklist, takeOver: true } : { idpicklist }));
      },
      choose(idproduct) {
        return run('choose', () => api.invoke('pack.choose', { idproduct }));
      },
      giveSerial(serial) {
        return run('serial', () => api.invoke('pack.serial', { serial: serial.trim() }));
      },
      undo() {
        return run('undo', () => api.invoke('pack.undo', {}));
      },
      confirmLine(input) {
        return run('confirmLine', () => api.invoke('pack.confirmLine', input));
      },
      async setShipping(input) {
        return (await run('setShipping', () => api.invoke('pack.setShipping', input))) !== null;
      },
      async newBox() {
        return (await run('newBox', () => api.invoke('pack.newBox', {}))) !== null;
      },
      async removeBox() {
        return (await run('removeBox', () => api.invoke('pack.removeBox', {}))) !== null;
      },
      async loadShippingMethods() {
        try {
          await api.invoke('pack.shippingMethods', {});
        } catch {
          // The cached methods stay on offer; completing still tells the packer what Picqer refuses.
        }
      },
      async complete() {
        return (await run('complete', () => api.invoke('pack.complete', {}))) !== null;
      },
      async overrideWeight(reason) {
        return (await run('overrideWeight', () => api.invoke('pack.overrideWeight', { reason: reason.trim() }))) !== null;
      },
      async problem(reason, note) {
        const trimmed = note?.trim();
        return (await run('problem', () => api.invoke('pack.problem', trimmed ? { reason, note: trimmed } : { reason }))) !== null;
      },
      async leave() {
        isLeaving = true;
        try {
          return (await run('leave', () => api.invoke('pack.leave', {}))) !== null;
        } finally {
          isLeaving = false;
        }
      },
      openBatch(idpicklistBatch) {
        return run('openBatch', () => api.invoke('batch.open', { idpicklistBatch }));
      },
      async batchProblem(idpicklist, reason, note) {
        const trimmed = note?.trim();
        return (await run('batchProblem', () => api.invoke('batch.problem', trimmed ? { idpicklist, reason, note: trimmed } : { idpicklist, reason }))) !== null;
      },
      async leaveBatch() {
        return (await run('leaveBatch', () => api.invoke('batch.leave', {}))) !== null;
      },
      clearError() {
        set({ error: null });
      },
      reset() {
        // Revision 0: whatever main says next (a restarted station starts its own count) is newer.
        revision = 0;
        set({ session: null, batch: null, departure: null, error: null });
      },
      start() {
        return api.on('session.changed', (state) => get().apply(state));
      },
    };
  });
  return store;
}

export const selectSession = (s: SessionStore): PackSession | null => s.session;
export const selectBatch = (s: SessionStore): BatchView | null => s.batch;
export const selectHasBatch = (s: SessionStore): boolean => s.batch !== null;
const noSlots: BatchSlot[] = [];
export const selectBatchSlots = (s: SessionStore): BatchSlot[] => s.batch?.slots ?? noSlots;
export const selectBatchLastScan = (s: SessionStore): BatchView['lastScan'] => s.batch?.lastScan ?? null;
const problemStates: ReadonlySet<BatchSlot['state']> = new Set(['waiting', 'packing', 'verified', 'alert']);
/** A slot whose picklist is still the batch's to pack can get a problem reported. */
export const canReportBatchProblem = (slot: BatchSlot): boolean => problemStates.has(slot.state);
/** Undo has something to take back: a unit counted on a slot still being packed here. */
export const selectCanUndoBatch = (s: SessionStore): boolean => s.busy === null && (s.batch?.slots.some((slot) => slot.verifiedUnits > 0 && (slot.state === 'packing' || slot.state === 'verified')) ?? false);
export const selectPendingQuantity = (s: SessionStore): PackSession['pendingQuantity'] => s.session?.pendingQuantity ?? s.batch?.pendingQuantity ?? null;
export const selectHasSession = (s: SessionStore): boolean => s.session !== null;
const noLines: PackLine[] = [];
export const selectLines = (s: SessionStore): PackLine[] => s.session?.lines ?? noLines;
export const selectDeparture = (s: SessionStore): Departure | null => s.departure;
export const selectSessionBusy = (s: SessionStore): SessionAction | null => s.busy;
/** The weight check when it stops the parcel (not let through); null otherwise. */
export const selectWeightStop = (s: SessionStore): WeightCheck | null => {
  const check = s.session?.shipping.weightCheck ?? null;
  return check?.isOff && !check.override ? check : null;
};
export const selectSessionError = (s: SessionStore): ApiError | null => s.error;
export const selectVerifiedUnits = (s: SessionStore): number => s.session?.verifiedUnits ?? 0;
export const selectUnits = (s: SessionStore): number => s.session?.units ?? 0;
export const selectIsAllVerified = (s: SessionStore): boolean => s.session?.isAllVerified ?? false;
/** Complete is possible: every unit verified and the picklist still being packed here. */
export const selectCanComplete = (s: SessionStore): boolean =>
  s.session !== null && s.session.isAllVerified && s.session.state === 'packing' && s.session.alert === null && s.busy === null;
export const selectLastScan = (s: SessionStore) => s.session?.lastScan ?? null;
