import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './app';
import type { ConnectionStore } from './connection';
import type { Stores } from './index';
import type { QueueStore } from './queue';
import type { SetupStore } from './setup';
import type { SyncStore } from './sync';
import type { UsersStore } from './users';
import type { HistoryStore } from './history';
import type { StatsStore } from './stats';
import type { OutboxStore } from './outbox';
import type { PeopleStore } from './people';
import type { DevicesStore } from './devices';
import type { DisplayStore } from './display';
import type { LookalikesStore } from './lookalikes';
import type { OnboardingStore } from './onboarding';
import type { StationSettingsStore } from './station-settings';
import type { PrintersStore } from './printers';
import type { ProductLabelsStore } from './product-labels';
import type { ScanStore } from './scan';
import type { SessionStore } from './session';
import type { SoundStore } from './sound';
import type { UiStore } from './ui';
import type { LeadStore } from './lead';

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
export function useStationSettings<T>(selector: (s: StationSettingsStore) => T): T {
  return useStore(useStores().stationSettings, selector);
}
export function useOnboarding<T>(selector: (s: OnboardingStore) => T): T {
  return useStore(useStores().onboarding, selector);
}
export function useLookalikes<T>(selector: (s: LookalikesStore) => T): T {
  return useStore(useStores().lookalikes, selector);
}
export function useDisplay<T>(selector: (s: DisplayStore) => T): T {
  return useStore(useStores().display, selector);
}
export function useDevices<T>(selector: (s: DevicesStore) => T): T {
  return useStore(useStores().devices, selector);
}
export function usePeople<T>(selector: (s: PeopleStore) => T): T {
  return useStore(useStores().people, selector);
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
export function useSession<T>(selector: (s: SessionStore) => T): T {
  return useStore(useStores().session, selector);
}
export function useScan<T>(selector: (s: ScanStore) => T): T {
  return useStore(useStores().scan, selector);
}
export function useUi<T>(selector: (s: UiStore) => T): T {
  return useStore(useStores().ui, selector);
}
export function useHistory<T>(selector: (s: HistoryStore) => T): T {
  return useStore(useStores().history, selector);
}
export function useStats<T>(selector: (s: StatsStore) => T): T {
  return useStore(useStores().stats, selector);
}
export function useOutbox<T>(selector: (s: OutboxStore) => T): T {
  return useStore(useStores().outbox, selector);
}
export function usePrinters<T>(selector: (s: PrintersStore) => T): T {
  return useStore(useStores().printers, selector);
}
export function useProductLabels<T>(selector: (s: ProductLabelsStore) => T): T {
  return useStore(useStores().productLabels, selector);
}
export function useLead<T>(selector: (s: LeadStore) => T): T {
  return useStore(useStores().lead, selector);
}

export function useSound<T>(selector: (s: SoundStore) => T): T {
  return useStore(useStores().sound, selector);
}
