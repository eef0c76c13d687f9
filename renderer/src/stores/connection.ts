import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, ConnectionState, TransportMode } from '../api';

/** How this page reaches main, and whether its event channel is up. */
export interface ConnectionStore {
  mode: TransportMode;
  state: ConnectionState;
}

export function createConnectionStore(api: ApiClient): StoreApi<ConnectionStore> {
  return createStore<ConnectionStore>()(() => ({ mode: api.mode, state: api.connectionState() }));
}

export const selectTransportMode = (s: ConnectionStore): TransportMode => s.mode;
export const selectConnectionState = (s: ConnectionStore): ConnectionState => s.state;
