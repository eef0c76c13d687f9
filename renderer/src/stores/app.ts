import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState, Language } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';

export interface AppStore {
  appState: AppState | null;
  isLoading: boolean;
  loadError: ApiError | null;
  isSigningIn: boolean;
  packerError: ApiError | null;
  load(): Promise<void>;
  setAppState(state: AppState): void;
  signIn(iduser: number): Promise<void>;
  signOut(): Promise<void>;
  /** Follows the `app.state` event; returns the unsubscribe. */
  start(): () => void;
}

export function createAppStore(api: ApiClient): StoreApi<AppStore> {
  // Counts pushes so a slow `app.state` read cannot overwrite a newer state from an event.
  let revision = 0;

  return createStore<AppStore>()((set, get) => ({
    appState: null,
    isLoading: false,
    loadError: null,
    isSigningIn: false,
    packerError: null,

    async load() {
      const started = revision;
      set({ isLoading: true, loadError: null });
      try {
        const appState = await api.invoke('app.state', {});
        if (revision === started) set({ appState });
        set({ isLoading: false });
      } catch (error) {
        set({ isLoading: false, loadError: toApiError(error) });
      }
    },

    setAppState(appState) {
      revision += 1;
      set({ appState, loadError: null });
    },

    async signIn(iduser) {
      set({ isSigningIn: true, packerError: null });
      try {
        get().setAppState(await api.invoke('packer.signIn', { iduser }));
        set({ isSigningIn: false });
      } catch (error) {
        set({ isSigningIn: false, packerError: toApiError(error) });
      }
    },

    async signOut() {
      set({ packerError: null });
      try {
        get().setAppState(await api.invoke('packer.signOut', {}));
      } catch (error) {
        set({ packerError: toApiError(error) });
      }
    },

    start() {
      return api.on('app.state', (state) => get().setAppState(state));
    },
  }));
}

export const selectAppState = (s: AppStore): AppState | null => s.appState;
export const selectHasAppState = (s: AppStore): boolean => s.appState !== null;
export const selectHasPacker = (s: AppStore): boolean => (s.appState?.packer ?? null) !== null;
export const selectLanguage = (s: AppStore): Language => s.appState?.language ?? 'en';
export const selectIsConfigured = (s: AppStore): boolean => s.appState?.isConfigured ?? false;
export const selectIsDemo = (s: AppStore): boolean => s.appState?.isDemo ?? false;
export const selectIsPractice = (s: AppStore): boolean => s.appState?.isPractice ?? false;
export const selectPacker = (s: AppStore) => s.appState?.packer ?? null;
export const selectLead = (s: AppStore) => s.appState?.lead ?? null;
export const selectStationName = (s: AppStore): string | null => s.appState?.stationName ?? null;
export const selectWarehouse = (s: AppStore) => s.appState?.warehouse ?? null;
export const selectAppLoadError = (s: AppStore): ApiError | null => s.loadError;
export const selectIsSigningIn = (s: AppStore): boolean => s.isSigningIn;
export const selectPackerError = (s: AppStore): ApiError | null => s.packerError;
