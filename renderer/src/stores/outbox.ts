import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OutboxStatus, PrintJobEvent } from '../../../shared/packing';
import { toApiError, type ApiClient, type ApiError } from '../api';

export interface OutboxStore {
  status: OutboxStatus | null;
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

export function createOutboxStore(api: ApiClient): StoreApi<OutboxStore> {
  let revision = 0;

  return createStore<OutboxStore>()((set, get) => ({
    status: null,
    printFailures: [],
    retrying: null,
    retryError: null,

    async load() {
      const started = revision;
      try {
        const status = await api.invoke('outbox.status', {});
        if (revision === started) set({ status });
      } catch {
        // The status bar simply shows nothing about the outbox until an event arrives.
      }
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
      const offStatus = api.on('outbox.status', (status) => {
        revision += 1;
        set({ status });
      });
      const offPrint = api.on('print.job', (job) => {
        const others = get().printFailures.filter((f) => f.id !== job.id);
        // A job that prints after all (a retry) is no longer a failure to show.
        set({ printFailures: job.status === 'failed' ? [job, ...others].slice(0, maxFailuresShown) : others });
      });
      return () => {
        offStatus();
        offPrint();
      };
    },
  }));
}

export const selectOutboxStatus = (s: OutboxStore): OutboxStatus | null => s.status;
export const selectPendingChanges = (s: OutboxStore): number => s.status?.pending ?? 0;
export const selectFailedChanges = (s: OutboxStore): number => s.status?.failed ?? 0;
export const selectLabelsPending = (s: OutboxStore): OutboxStatus['labelsPending'] => s.status?.labelsPending ?? noLabels;
export const selectOutboxLastError = (s: OutboxStore): string | null => s.status?.lastError ?? null;
export const selectPrintFailures = (s: OutboxStore): PrintJobEvent[] => s.printFailures;
export const selectRetryingPrintJob = (s: OutboxStore): number | null => s.retrying;
export const selectPrintRetryError = (s: OutboxStore): ApiError | null => s.retryError;
