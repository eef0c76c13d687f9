import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SettingsUpdate, SettingsView, ShelfLifeChoices, ShippingProfileChoice } from '../../../shared/settings';
import { toApiError, type ApiClient, type ApiError } from '../api';

/** The station, packing and company settings as Settings edits them, and the config export. */
export interface StationSettingsStore {
  view: SettingsView | null;
  isSaving: boolean;
  /** The section a refusal belongs to, with main's sentence naming the field. */
  error: { section: SettingsUpdate['section'] | 'load' | 'export'; error: ApiError } | null;
  savedSection: SettingsUpdate['section'] | null;
  /** The cached shipping profiles, for their cut-offs. */
  shippingProfiles: ShippingProfileChoice[];
  /** The cached tags and webshops, for the shelf-life rules. */
  shelfLifeChoices: ShelfLifeChoices;
  load(): Promise<void>;
  loadShippingProfiles(): Promise<void>;
  loadShelfLifeChoices(): Promise<void>;
  save(update: SettingsUpdate): Promise<boolean>;
  exportConfig(): Promise<{ filename: string; json: string } | null>;
  /** Follows settings.changed (a section saved here or at another screen); returns the unsubscribe. */
  start(): () => void;
}

export function createStationSettingsStore(api: ApiClient): StoreApi<StationSettingsStore> {
  return createStore<StationSettingsStore>()((set) => ({
    view: null,
    isSaving: false,
    error: null,
    savedSection: null,
    shippingProfiles: [],
    shelfLifeChoices: { tags: [], webshops: [] },
    async loadShelfLifeChoices() {
      try {
        set({ shelfLifeChoices: await api.invoke('settings.shelfLifeChoices', {}) });
      } catch (error) {
        set({ error: { section: 'packing', error: toApiError(error) } });
      }
    },
    async loadShippingProfiles() {
      try {
        set({ shippingProfiles: await api.invoke('settings.shippingProfiles', {}) });
      } catch (error) {
        set({ error: { section: 'shipping', error: toApiError(error) } });
      }
    },
    async load() {
      try {
        set({ view: await api.invoke('settings.get', {}), error: null });
      } catch (error) {
        set({ error: { section: 'load', error: toApiError(error) } });
      }
    },
    async save(update) {
      set({ isSaving: true, error: null, savedSection: null });
      try {
        await api.invoke('settings.update', update);
        // An acknowledgement: the settings in force are read again (settings.changed says so too).
        const view = await api.invoke('settings.get', {});
        set({ view, isSaving: false, savedSection: update.section });
        return true;
      } catch (error) {
        set({ isSaving: false, error: { section: update.section, error: toApiError(error) } });
        return false;
      }
    },
    start() {
      return api.on('settings.changed', (view) => set({ view }));
    },
    async exportConfig() {
      try {
        return await api.invoke('config.export', {});
      } catch (error) {
        set({ error: { section: 'export', error: toApiError(error) } });
        return null;
      }
    },
  }));
}

export const selectSettingsView = (s: StationSettingsStore): SettingsView | null => s.view;
export const selectIsSavingSettings = (s: StationSettingsStore): boolean => s.isSaving;
export const selectSettingsError = (s: StationSettingsStore) => s.error;
export const selectSavedSection = (s: StationSettingsStore) => s.savedSection;
export const selectShippingProfiles = (s: StationSettingsStore): ShippingProfileChoice[] => s.shippingProfiles;
export const selectShelfLifeChoices = (s: StationSettingsStore): ShelfLifeChoices => s.shelfLifeChoices;
