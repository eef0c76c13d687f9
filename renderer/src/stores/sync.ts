import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyncStatus } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';

export interface SyncStore {
  status: SyncStatus | null;
  isRequesting: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  syncNow(): Promise<void>;
  /** Follows the `sync.status` event; returns the unsubscribe. */
  start(): () => void;
}

export function createSyncStore(api: ApiClient): StoreApi<SyncStore> {
  // A status pushed while a read was under way is newer than what that read returns.
  let revision = 0;

  function apply(status: SyncStatus): void {
    revision += 1;
    store.setState({ status });
  }

  const store = createStore<SyncStore>()((set) => ({
    status: null,
    isRequesting: false,
    error: null,

    async load() {
      const started = revision;
      try {
        const status = await api.invoke('sync.status', {});
        if (revision === started) apply(status);
        set({ error: null });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },

    async syncNow() {
      set({ isRequesting: true, error: null });
      try {
        apply(await api.invoke('sync.now', {}));
      } catch (error) {
        set({ error: toApiError(error) });
      } finally {
        set({ isRequesting: false });
      }
    },

    start() {
      return api.on('sync.status', apply);
    },
  }));
  return store;
}

export const selectSyncStatus = (s: SyncStore): SyncStatus | null => s.status;
export const selectSyncState = (s: SyncStore) => s.status?.state ?? null;
export const selectIsSyncRequesting = (s: SyncStore): boolean => s.isRequesting;
export const selectSyncError = (s: SyncStore): ApiError | null => s.error;
