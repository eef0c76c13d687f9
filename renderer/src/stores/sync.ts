import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyncStatus } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';
import { createRevisionGate } from './revision';

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
  const gate = createRevisionGate();

  function apply(status: SyncStatus, revision: number, isRead = false): void {
    if (!(isRead ? gate.takeRead(revision) : gate.takeEvent(revision))) return;
    store.setState({ status });
  }

  const store = createStore<SyncStore>()((set) => ({
    status: null,
    isRequesting: false,
    error: null,

    async load() {
      try {
        const { value, revision } = await api.read('sync.status', {});
        apply(value, revision, true);
        set({ error: null });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },

    async syncNow() {
      set({ isRequesting: true, error: null });
      try {
        // Its status went out as sync.status before the acknowledgement; read only if it did not arrive.
        const { revision } = await api.invoke('sync.now', {});
        if (gate.isBehind(revision)) await store.getState().load();
      } catch (error) {
        set({ error: toApiError(error) });
      } finally {
        set({ isRequesting: false });
      }
    },

    start() {
      return api.on('sync.status', (status, revision) => apply(status, revision));
    },
  }));
  return store;
}

export const selectSyncStatus = (s: SyncStore): SyncStatus | null => s.status;
export const selectSyncState = (s: SyncStore) => s.status?.state ?? null;
export const selectIsSyncRequesting = (s: SyncStore): boolean => s.isRequesting;
export const selectSyncError = (s: SyncStore): ApiError | null => s.error;
