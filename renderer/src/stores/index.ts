import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api';
import { createAppStore, type AppStore } from './app';
import { createConnectionStore, type ConnectionStore } from './connection';
import { createQueueStore, type QueueStore, type QueueStoreOptions } from './queue';
import { createSetupStore, type SetupStore } from './setup';
import { createSyncStore, type SyncStore } from './sync';
import { createUsersStore, type UsersStore } from './users';

export interface Stores {
  app: StoreApi<AppStore>;
  sync: StoreApi<SyncStore>;
  queue: StoreApi<QueueStore>;
  users: StoreApi<UsersStore>;
  setup: StoreApi<SetupStore>;
  connection: StoreApi<ConnectionStore>;
  /** Loads everything and follows main's events; returns the teardown. */
  start(): () => void;
}

export function createStores(api: ApiClient, options: { queue?: QueueStoreOptions } = {}): Stores {
  const app = createAppStore(api);
  const sync = createSyncStore(api);
  const queue = createQueueStore(api, options.queue);
  const users = createUsersStore(api);
  const setup = createSetupStore(api, (state) => app.getState().setAppState(state));
  const connection = createConnectionStore(api);

  function stationKey(): string | null {
    const state = app.getState().appState;
    return state?.isConfigured ? `${state.warehouse?.idwarehouse ?? ''}` : null;
  }

  function start(): () => void {
    const offs = [app.getState().start(), sync.getState().start(), queue.getState().start()];
    let loadedFor: string | null = null;

    // The queue belongs to a configured station's warehouse: read it when the station becomes
    // configured (after Setup) or moves to another warehouse, not before.
    offs.push(
      app.subscribe(() => {
        const key = stationKey();
        if (key === null || key === loadedFor) return;
        loadedFor = key;
        void queue.getState().load();
        void sync.getState().load();
      }),
    );

    // Events sent while the socket was down are lost; after a reconnect read everything again.
    offs.push(
      api.onConnectionState((state) => {
        const wasDown = connection.getState().state === 'reconnecting';
        connection.setState({ state });
        if (state !== 'open' || !wasDown) return;
        void app.getState().load();
        void sync.getState().load();
        if (stationKey() !== null) void queue.getState().load();
      }),
    );

    void app.getState().load();
    void sync.getState().load();
    return () => {
      for (const off of offs) off();
    };
  }

  return { app, sync, queue, users, setup, connection, start };
}
