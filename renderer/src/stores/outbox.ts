import type { CommandAck } from '../../../shared/packing';
import { createRevisionGate } from './revision';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OutboxProblem, OutboxProblems } from '../../../shared/contract';
import type { PicqerAnswer } from '../../../shared/domain';
import type { OutboxStatus, PrintJobEvent } from '../../../shared/packing';
import { toApiError, type ApiClient, type ApiError } from '../api';

export type LabelledParcel = OutboxProblems['labelled'][number];

export interface OutboxStore {
  status: OutboxStatus | null;
  /** Changes Picqer did not take, set aside until the packer retries or discards them. */
  problems: OutboxProblem[];
  /** Parcels that waited for their labels and got them, not yet acknowledged here. */
  labelled: LabelledParcel[];
  /** The set-aside change being retried or discarded, so only its buttons say they are busy. */
  problemBusy: number | null;
  /** The change whose discard waits for the packer's yes. */
  confirmingDiscard: number | null;
  problemError: ApiError | null;
  loadProblems(): Promise<void>;
  retryProblem(id: number): Promise<boolean>;
  askDiscard(id: number): void;
  cancelDiscard(): void;
  /** Discards after the packer confirmed; without a pending confirmation for `id` nothing happens. */
  discardProblem(id: number): Promise<boolean>;
  dismissLabelled(parcel: LabelledParcel): void;
  /** Print jobs that failed and have not printed since, newest first. */
  printFailures: PrintJobEvent[];
  /** The failed job being sent again, so only its button says it is busy. */
  retrying: number | null;
  retryError: ApiError | null;
  load(): Promise<void>;
  dismissPrintFailure(id: number): void;
  /** Sends a failed print job again (print.retry); it leaves the list when main queues it. */
  retryPrintFailure(id: number): Promise<boolean>;
  /** Follows `outbox.status` and `print.job`; returns the unsubscribe. */
  start(): () => void;
}

const maxFailuresShown = 5;
const noLabels: OutboxStatus['labelsPending'] = [];

const labelledKey = (parcel: LabelledParcel) => `${parcel.idpicklist}@${parcel.at}`;

export function createOutboxStore(api: ApiClient): StoreApi<OutboxStore> {
  const statusGate = createRevisionGate();
  const problemsGate = createRevisionGate();
  // Acknowledged notices stay acknowledged when main sends its list again.
  const acknowledged = new Set<string>();

  return createStore<OutboxStore>()((set, get) => {
    const applyProblems = (view: OutboxProblems, revision: number, isRead = false) => {
      if (!(isRead ? problemsGate.takeRead(revision) : problemsGate.takeEvent(revision))) return;
      const open = new Set(view.problems.map((p) => p.id));
      const confirming = get().confirmingDiscard;
      set({
        problems: view.problems,
        labelled: view.labelled.filter((l) => !acknowledged.has(labelledKey(l))),
        confirmingDiscard: confirming !== null && open.has(confirming) ? confirming : null,
      });
    };

    const act = async (id: number, run: () => Promise<CommandAck>): Promise<boolean> => {
      set({ problemBusy: id, problemError: null });
      try {
        // The list it left went out as outbox.problems first; read only if that did not arrive.
        const { revision } = await run();
        if (problemsGate.isBehind(revision)) await get().loadProblems();
        set({ problemBusy: null, confirmingDiscard: null });
        return true;
      } catch (error) {
        set({ problemBusy: null, problemError: toApiError(error) });
        return false;
      }
    };

    return {
      status: null,
      problems: [],
      labelled: [],
      problemBusy: null,
      confirmingDiscard: null,
      problemError: null,
      printFailures: [],
      retrying: null,
      retryError: null,

      async load() {
        void get().loadProblems();
        try {
          const { value, revision } = await api.read('outbox.status', {});
          if (statusGate.takeRead(revision)) set({ status: value });
        } catch {
          // The status bar simply shows nothing about the outbox until an event arrives.
        }
      },

      async loadProblems() {
        try {
          const { value, revision } = await api.read('outbox.problems', {});
          applyProblems(value, revision, true);
        } catch {
          // Shown once the next event arrives.
        }
      },

      retryProblem: (id) => act(id, () => api.invoke('outbox.retry', { id })),

      askDiscard(id) {
        set({ confirmingDiscard: id, problemError: null });
      },

      cancelDiscard() {
        set({ confirmingDiscard: null });
      },

      async discardProblem(id) {
        if (get().confirmingDiscard !== id) return false;
        return act(id, () => api.invoke('outbox.discard', { id, isConfirmed: true }));
      },

      dismissLabelled(parcel) {
        acknowledged.add(labelledKey(parcel));
        set({ labelled: get().labelled.filter((l) => labelledKey(l) !== labelledKey(parcel)) });
      },

      dismissPrintFailure(id) {
        set({ printFailures: get().printFailures.filter((job) => job.id !== id) });
      },

      async retryPrintFailure(id) {
        set({ retrying: id, retryError: null });
        try {
          await api.invoke('print.retry', { id });
          // The queued event usually removes it already; without events (a dropped socket) this does.
          set({ retrying: null, printFailures: get().printFailures.filter((job) => job.id !== id) });
          return true;
        } catch (error) {
          set({ retrying: null, retryError: toApiError(error) });
          return false;
        }
      },

      start() {
        const offProblems = api.on('outbox.problems', (view, revision) => applyProblems(view, revision));
        const offStatus = api.on('outbox.status', (status, revision) => {
          if (statusGate.takeEvent(revision)) set({ status });
        });
        const offPrint = api.on('print.job', (job) => {
          const others = get().printFailures.filter((f) => f.id !== job.id);
          // A job that prints after all (a retry) is no longer a failure to show.
          set({ printFailures: job.status === 'failed' ? [job, ...others].slice(0, maxFailuresShown) : others });
        });
        return () => {
          offProblems();
          offStatus();
          offPrint();
        };
      },
    };
  });
}

export const selectOutboxStatus = (s: OutboxStore): OutboxStatus | null => s.status;
export const selectPendingChanges = (s: OutboxStore): number => s.status?.pending ?? 0;
export const selectFailedChanges = (s: OutboxStore): number => s.status?.failed ?? 0;
export const selectLabelsPending = (s: OutboxStore): OutboxStatus['labelsPending'] => s.status?.labelsPending ?? noLabels;
export const selectOutboxLastError = (s: OutboxStore): string | null => s.status?.lastError ?? null;
export const selectOutboxLastAnswer = (s: OutboxStore): PicqerAnswer | null => s.status?.lastAnswer ?? null;
export const selectPrintFailures = (s: OutboxStore): PrintJobEvent[] => s.printFailures;
export const selectOutboxProblems = (s: OutboxStore): OutboxProblem[] => s.problems;
export const selectLabelledParcels = (s: OutboxStore): LabelledParcel[] => s.labelled;
export const selectProblemBusy = (s: OutboxStore): number | null => s.problemBusy;
export const selectConfirmingDiscard = (s: OutboxStore): number | null => s.confirmingDiscard;
export const selectProblemError = (s: OutboxStore): ApiError | null => s.problemError;
export const selectRetryingPrintJob = (s: OutboxStore): number | null => s.retrying;
export const selectPrintRetryError = (s: OutboxStore): ApiError | null => s.retryError;
