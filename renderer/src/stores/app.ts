import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState, Language } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';
import { createRevisionGate } from './revision';

export interface AppStore {
  appState: AppState | null;
  isLoading: boolean;
  loadError: ApiError | null;
  isSigningIn: boolean;
  packerError: ApiError | null;
  /** The language Setup is showing while someone chooses it, before it is saved; null: the saved one. */
  setupLanguage: Language | null;
  load(): Promise<void>;
  /** Main's state at a revision (an event or a read): taken only when not older than what is shown. */
  setAppState(state: AppState, revision: number, isRead?: boolean): void;
  /**
   * A station command answered with the revision it left; its app.state event came first. Should
   * that event not have arrived (a transport that does not keep the order), the state is read.
   */
  catchUp(revision: number): Promise<void>;
  signIn(iduser: number): Promise<void>;
  signOut(): Promise<void>;
  /**
   * While Setup is shown, the whole window (status bar included) speaks the language being chosen
   * there; Setup hands back null when it closes, saved or cancelled, and the saved language is shown.
   */
  showLanguage(language: Language | null): void;
  /** Follows the `app.state` event; returns the unsubscribe. */
  start(): () => void;
}

export function createAppStore(api: ApiClient): StoreApi<AppStore> {
  const gate = createRevisionGate();

  return createStore<AppStore>()((set, get) => ({
    appState: null,
    isLoading: false,
    loadError: null,
    isSigningIn: false,
    packerError: null,
    setupLanguage: null,

    async load() {
      set({ isLoading: true, loadError: null });
      try {
        const { value, revision } = await api.read('app.state', {});
        get().setAppState(value, revision, true);
        set({ isLoading: false });
      } catch (error) {
        set({ isLoading: false, loadError: toApiError(error) });
      }
    },

    setAppState(appState, revision, isRead = false) {
      if (!(isRead ? gate.takeRead(revision) : gate.takeEvent(revision))) return;
      set({ appState, loadError: null });
    },

    async signIn(iduser) {
      set({ isSigningIn: true, packerError: null });
      try {
        await get().catchUp((await api.invoke('packer.signIn', { iduser })).revision);
        set({ isSigningIn: false });
      } catch (error) {
        set({ isSigningIn: false, packerError: toApiError(error) });
      }
    },

    async signOut() {
      set({ packerError: null });
      try {
        await get().catchUp((await api.invoke('packer.signOut', {})).revision);
      } catch (error) {
        set({ packerError: toApiError(error) });
      }
    },

    showLanguage(language) {
      if (get().setupLanguage !== language) set({ setupLanguage: language });
    },

    async catchUp(revision) {
      if (gate.isBehind(revision)) await get().load();
    },

    start() {
      return api.on('app.state', (state, revision) => get().setAppState(state, revision));
    },
  }));
}

export const selectAppState = (s: AppStore): AppState | null => s.appState;
export const selectHasAppState = (s: AppStore): boolean => s.appState !== null;
export const selectHasPacker = (s: AppStore): boolean => (s.appState?.packer ?? null) !== null;
/** The language the window speaks: the one being chosen in Setup, else the station's. */
export const selectLanguage = (s: AppStore): Language => s.setupLanguage ?? s.appState?.language ?? 'en';
/** The station's saved language, whatever Setup is showing. */
export const selectSavedLanguage = (s: AppStore): Language => s.appState?.language ?? 'en';
export const selectIsConfigured = (s: AppStore): boolean => s.appState?.isConfigured ?? false;
export const selectMode = (s: AppStore): 'electron' | 'web' | null => s.appState?.mode ?? null;
export const selectIsDemo = (s: AppStore): boolean => s.appState?.isDemo ?? false;
export const selectIsPractice = (s: AppStore): boolean => s.appState?.isPractice ?? false;
export const selectPacker = (s: AppStore) => s.appState?.packer ?? null;
export const selectLead = (s: AppStore) => s.appState?.lead ?? null;
export const selectStationName = (s: AppStore): string | null => s.appState?.stationName ?? null;
export const selectWarehouse = (s: AppStore) => s.appState?.warehouse ?? null;
export const selectAppLoadError = (s: AppStore): ApiError | null => s.loadError;
export const selectIsSigningIn = (s: AppStore): boolean => s.isSigningIn;
export const selectPackerError = (s: AppStore): ApiError | null => s.packerError;
