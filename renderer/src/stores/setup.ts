import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackendInput, CommandInput } from '../../../shared/contract';
import type { Person, Warehouse } from '../../../shared/domain';
import type { CupsQueue } from '../../../shared/printing';
import type { Reason } from '../../../shared/reasons';
import type { PackingStation } from '../../../shared/station-printers';
import { toApiError, type ApiClient, type ApiError } from '../api';

export type SetupSaveInput = CommandInput<'setup.save'>;

/** Picqer's packing stations, read with the connection Setup is trying, and this machine's printers. */
export interface SetupStationPrinters {
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  stations: PackingStation[];
  /** Why there are none (the account's API does not offer them). */
  reason: Reason | null;
  queues: CupsQueue[];
  error: ApiError | null;
}

export interface SetupStore {
  /**
   * Setup opened from the status bar on a station that is already configured. A station that is
   * not configured shows Setup regardless; this only decides the way back.
   */
  isSetupOpen: boolean;
  /** Who Picqer says the API key belongs to, once `setup.connect` succeeded. */
  connectedAs: Person | null;
  isDemo: boolean;
  warehouses: Warehouse[];
  isConnecting: boolean;
  connectError: ApiError | null;
  isSaving: boolean;
  saveError: ApiError | null;
  stationPrinters: SetupStationPrinters;
  connect(backend: BackendInput): Promise<boolean>;
  /** Reads Picqer's packing stations once connected; optional, so a failure only says so. */
  loadStationPrinters(): Promise<void>;
  /** Back to the connection step, e.g. to use another account. */
  disconnect(): void;
  save(input: SetupSaveInput): Promise<boolean>;
  /** Opens Setup from the queue, starting at the connection step. */
  open(): void;
  /** Back to the queue without saving: nothing half-connected is kept for next time. */
  cancel(): void;
}

const notConnected = {
  connectedAs: null,
  isDemo: false,
  warehouses: [],
  isConnecting: false,
  connectError: null,
  isSaving: false,
  saveError: null,
  stationPrinters: { status: 'idle', stations: [], reason: null, queues: [], error: null },
} satisfies Partial<SetupStore>;

export function createSetupStore(api: ApiClient, onSaved: (revision: number) => Promise<void>): StoreApi<SetupStore> {
  // Bumped by open and cancel: a connect that answers after Cancel must not reappear next time.
  let session = 0;

  return createStore<SetupStore>()((set, get) => ({
    isSetupOpen: false,
    ...notConnected,

    async connect(backend) {
      const started = session;
      set({ isConnecting: true, connectError: null });
      try {
        const { user, warehouses } = await api.invoke('setup.connect', { backend });
        if (started !== session) return false;
        set({ connectedAs: user, warehouses, isDemo: 'demo' in backend, isConnecting: false });
        return true;
      } catch (error) {
        if (started !== session) return false;
        set({ isConnecting: false, connectError: toApiError(error) });
        return false;
      }
    },

    async loadStationPrinters() {
      const started = session;
      set({ stationPrinters: { ...notConnected.stationPrinters, status: 'loading' } });
      try {
        const { stations, reason, queues } = await api.invoke('setup.packingStations', {});
        if (started !== session || !get().connectedAs) return;
        set({ stationPrinters: { status: 'loaded', stations, reason, queues, error: null } });
      } catch (error) {
        if (started !== session) return;
        set({ stationPrinters: { ...notConnected.stationPrinters, status: 'failed', error: toApiError(error) } });
      }
    },

    disconnect() {
      session += 1;
      set({ connectedAs: null, warehouses: [], isDemo: false, connectError: null, saveError: null, stationPrinters: notConnected.stationPrinters });
    },

    async save(input) {
      set({ isSaving: true, saveError: null });
      try {
        const { revision } = await api.invoke('setup.save', input);
        // The new state first, so the queue never shows for a moment with the old warehouse.
        await onSaved(revision);
        set({ ...notConnected, isSetupOpen: false });
        return true;
      } catch (error) {
        set({ isSaving: false, saveError: toApiError(error) });
        return false;
      }
    },

    open() {
      session += 1;
      set({ ...notConnected, isSetupOpen: true });
    },

    cancel() {
      session += 1;
      set({ ...notConnected, isSetupOpen: false });
      // Main drops whatever connection this Setup made; the station carries on as it was. Nothing
      // is shown if that fails: the connection is also replaced by the next Setup.
      api.invoke('setup.cancel', {}).catch(() => undefined);
    },
  }));
}

export const selectIsSetupOpen = (s: SetupStore): boolean => s.isSetupOpen;
export const selectConnectedAs = (s: SetupStore): Person | null => s.connectedAs;
export const selectIsSetupDemo = (s: SetupStore): boolean => s.isDemo;
export const selectSetupWarehouses = (s: SetupStore): Warehouse[] => s.warehouses;
export const selectIsConnecting = (s: SetupStore): boolean => s.isConnecting;
export const selectConnectError = (s: SetupStore): ApiError | null => s.connectError;
export const selectIsSaving = (s: SetupStore): boolean => s.isSaving;
export const selectSaveError = (s: SetupStore): ApiError | null => s.saveError;
export const selectSetupStationPrinters = (s: SetupStore): SetupStationPrinters => s.stationPrinters;
