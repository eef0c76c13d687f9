import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BatchSummary } from '../../../shared/batch';
import type { QueueItem } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';

export interface QueueStore {
  items: QueueItem[];
  /** What is in the search box; the list follows it after `searchDelayMs`. */
  search: string;
  /** The search the shown items answer. */
  shownSearch: string;
  isLoading: boolean;
  hasLoaded: boolean;
  error: ApiError | null;
  /** The warehouse's open batches, above the picklists; empty where the station has none to offer. */
  batches: BatchSummary[];
  load(): Promise<void>;
  /** Reads the open batches; a station or account without batches simply lists none. */
  loadBatches(): Promise<void>;
  setSearch(text: string): void;
  /** Re-reads the queue (and its batches) on `queue.changed`; returns the unsubscribe. */
  start(): () => void;
}

export interface QueueStoreOptions {
  /** A burst of `queue.changed` events (a sync pulls many picklists) becomes one re-read. */
  changedDelayMs?: number;
  searchDelayMs?: number;
}

export const maxSearchLength = 100;

export function createQueueStore(api: ApiClient, options: QueueStoreOptions = {}): StoreApi<QueueStore> {
  const changedDelayMs = options.changedDelayMs ?? 250;
  const searchDelayMs = options.searchDelayMs ?? 200;
  let requestSeq = 0;
  let batchSeq = 0;
  let changedTimer: ReturnType<typeof setTimeout> | null = null;
  let searchTimer: ReturnType<typeof setTimeout> | null = null;

  return createStore<QueueStore>()((set, get) => ({
    items: [],
    search: '',
    shownSearch: '',
    isLoading: false,
    hasLoaded: false,
    error: null,
    batches: [],

    async load() {
      // Only the newest request may fill the list: an older answer for an older search must
      // not replace what the packer is looking for now.
      requestSeq += 1;
      const seq = requestSeq;
      const search = get().search.trim().slice(0, maxSearchLength);
      set({ isLoading: true });
      try {
        const items = await api.invoke('queue.list', search ? { search } : {});
        if (seq !== requestSeq) return;
        set({ items, shownSearch: search, isLoading: false, hasLoaded: true, error: null });
      } catch (error) {
        if (seq !== requestSeq) return;
        set({ isLoading: false, error: toApiError(error) });
      }
    },

    async loadBatches() {
      batchSeq += 1;
      const seq = batchSeq;
      try {
        const batches = await api.invoke('batch.list', {});
        if (seq === batchSeq) set({ batches });
      } catch {
        // Batches are an addition to the queue, not the queue: the picklists stay usable, and the
        // batch barcode still opens a batch by scan.
        if (seq === batchSeq) set({ batches: [] });
      }
    },

    setSearch(text) {
      set({ search: text.slice(0, maxSearchLength) });
      if (searchTimer) clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        searchTimer = null;
        void get().load();
      }, searchDelayMs);
    },

    start() {
      const off = api.on('queue.changed', () => {
        // Not reset by later events: during a long pull the list still refreshes every
        // `changedDelayMs` instead of waiting for the events to stop.
        if (changedTimer) return;
        changedTimer = setTimeout(() => {
          changedTimer = null;
          void get().load();
          void get().loadBatches();
        }, changedDelayMs);
      });
      return () => {
        off();
        if (changedTimer) clearTimeout(changedTimer);
        if (searchTimer) clearTimeout(searchTimer);
        changedTimer = null;
        searchTimer = null;
      };
    },
  }));
}

export const selectQueueItems = (s: QueueStore): QueueItem[] => s.items;
export const selectQueueSearch = (s: QueueStore): string => s.search;
export const selectQueueShownSearch = (s: QueueStore): string => s.shownSearch;
export const selectQueueCount = (s: QueueStore): number => s.items.length;
export const selectIsQueueLoading = (s: QueueStore): boolean => s.isLoading;
export const selectHasQueueLoaded = (s: QueueStore): boolean => s.hasLoaded;
export const selectQueueError = (s: QueueStore): ApiError | null => s.error;
export const selectBatches = (s: QueueStore): BatchSummary[] => s.batches;
