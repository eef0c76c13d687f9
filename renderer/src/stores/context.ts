import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './app';
import type { ConnectionStore } from './connection';
import type { Stores } from './index';
import type { QueueStore } from './queue';
import type { SetupStore } from './setup';
import type { SyncStore } from './sync';
import type { UsersStore } from './users';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresContext is missing: render inside <StoresContext value={stores}>.');
  return stores;
}

// Every hook takes a selector: a component subscribes to the slice it shows, never a whole store.
export function useApp<T>(selector: (s: AppStore) => T): T {
  return useStore(useStores().app, selector);
}
export function useSync<T>(selector: (s: SyncStore) => T): T {
  return useStore(useStores().sync, selector);
}
export function useQueue<T>(selector: (s: QueueStore) => T): T {
  return useStore(useStores().queue, selector);
}
export function useUsers<T>(selector: (s: UsersStore) => T): T {
  return useStore(useStores().users, selector);
}
export function useSetup<T>(selector: (s: SetupStore) => T): T {
  return useStore(useStores().setup, selector);
}
export function useConnection<T>(selector: (s: ConnectionStore) => T): T {
  return useStore(useStores().connection, selector);
}
