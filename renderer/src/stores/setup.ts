import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackendInput, CommandInput } from '../../../shared/contract';
import type { AppState, Person, Warehouse } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';

export type SetupSaveInput = CommandInput<'setup.save'>;

export interface SetupStore {
  /** Who Picqer says the API key belongs to, once `setup.connect` succeeded. */
  connectedAs: Person | null;
  isDemo: boolean;
  warehouses: Warehouse[];
  isConnecting: boolean;
  connectError: ApiError | null;
  isSaving: boolean;
  saveError: ApiError | null;
  connect(backend: BackendInput): Promise<boolean>;
  /** Back to the connection step, e.g. to use another account. */
  disconnect(): void;
  save(input: SetupSaveInput): Promise<boolean>;
}

export function createSetupStore(api: ApiClient, onSaved: (state: AppState) => void): StoreApi<SetupStore> {
  return createStore<SetupStore>()((set) => ({
    connectedAs: null,
    isDemo: false,
    warehouses: [],
    isConnecting: false,
    connectError: null,
    isSaving: false,
    saveError: null,

    async connect(backend) {
      set({ isConnecting: true, connectError: null });
      try {
        const { user, warehouses } = await api.invoke('setup.connect', { backend });
        set({ connectedAs: user, warehouses, isDemo: 'demo' in backend, isConnecting: false });
        return true;
      } catch (error) {
        set({ isConnecting: false, connectError: toApiError(error) });
        return false;
      }
    },

    disconnect() {
      set({ connectedAs: null, warehouses: [], isDemo: false, connectError: null, saveError: null });
    },

    async save(input) {
      set({ isSaving: true, saveError: null });
      try {
        const state = await api.invoke('setup.save', input);
        set({ isSaving: false });
        onSaved(state);
        return true;
      } catch (error) {
        set({ isSaving: false, saveError: toApiError(error) });
        return false;
      }
    },
  }));
}

export const selectConnectedAs = (s: SetupStore): Person | null => s.connectedAs;
export const selectIsSetupDemo = (s: SetupStore): boolean => s.isDemo;
export const selectSetupWarehouses = (s: SetupStore): Warehouse[] => s.warehouses;
export const selectIsConnecting = (s: SetupStore): boolean => s.isConnecting;
export const selectConnectError = (s: SetupStore): ApiError | null => s.connectError;
export const selectIsSaving = (s: SetupStore): boolean => s.isSaving;
export const selectSaveError = (s: SetupStore): ApiError | null => s.saveError;
