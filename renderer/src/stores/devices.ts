import { createRevisionGate } from './revision';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeviceEntry } from '../../../shared/devices';
import type { DevicesConfig } from '../../../shared/devices-config';
import { toApiError, type ApiClient, type ApiError } from '../api';

/** The scanners and scales main found, kept live through `devices.changed`. */
export interface DevicesStore {
  devices: DeviceEntry[];
  hasLoaded: boolean;
  isLoading: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  /** Asks main to look for plugged-in devices now. */
  refresh(): Promise<void>;
  /** The printable scanner test sheet; throws with the reason when it cannot be made. */
  testSheet(): Promise<{ filename: string; pdfBase64: string }>;
  /** The devices config in force and where it comes from. */
  config: DevicesConfig | null;
  configSource: 'settings' | 'file' | 'default' | null;
  isConfiguring: boolean;
  configureError: ApiError | null;
  loadConfig(): Promise<void>;
  /** Uses these devices from now on (saved over the config file); null goes back to the file's. */
  configure(config: DevicesConfig | null): Promise<boolean>;
  start(): () => void;
}

export function createDevicesStore(api: ApiClient): StoreApi<DevicesStore> {
  // The scale's reading changes many times a second: a list read a moment ago must not replace a newer one.
  const gate = createRevisionGate();
  const read = async (set: (partial: Partial<DevicesStore>) => void) => {
    set({ isLoading: true });
    try {
      const { value, revision } = await api.read('devices.list', {});
      set(gate.takeRead(revision) ? { devices: value, hasLoaded: true, isLoading: false, error: null } : { isLoading: false, error: null });
    } catch (error) {
      set({ isLoading: false, error: toApiError(error) });
    }
  };
  return createStore<DevicesStore>()((set) => ({
    devices: [],
    hasLoaded: false,
    isLoading: false,
    error: null,
    load: () => read(set),
    async refresh() {
      set({ isLoading: true });
      try {
        // The list went out as devices.changed before the acknowledgement; read only if it did not arrive.
        const { revision } = await api.invoke('devices.refresh', {});
        if (gate.isBehind(revision)) await read(set);
        else set({ isLoading: false, error: null });
      } catch (error) {
        set({ isLoading: false, error: toApiError(error) });
      }
    },
    testSheet: () => api.invoke('scanner.testSheet', {}),
    config: null,
    configSource: null,
    isConfiguring: false,
    configureError: null,
    async loadConfig() {
      try {
        const { config, source } = await api.invoke('devices.config', {});
        set({ config, configSource: source });
      } catch (error) {
        set({ configureError: toApiError(error) });
      }
    },
    async configure(config) {
      set({ isConfiguring: true, configureError: null });
      try {
        const { revision } = await api.invoke('devices.configure', config === null ? { useFile: true } : { devices: config });
        if (gate.isBehind(revision)) await read(set);
        const current = await api.invoke('devices.config', {});
        set({ config: current.config, configSource: current.source, isConfiguring: false, hasLoaded: true });
        return true;
      } catch (error) {
        set({ isConfiguring: false, configureError: toApiError(error) });
        return false;
      }
    },
    start() {
      return api.on('devices.changed', (devices, revision) => {
        if (gate.takeEvent(revision)) set({ devices, hasLoaded: true });
      });
    },
  }));
}

export const selectDevices = (s: DevicesStore): DeviceEntry[] => s.devices;
export const selectHaveDevicesLoaded = (s: DevicesStore): boolean => s.hasLoaded;
export const selectAreDevicesLoading = (s: DevicesStore): boolean => s.isLoading;
export const selectDevicesError = (s: DevicesStore): ApiError | null => s.error;
export const selectDevicesConfig = (s: DevicesStore): DevicesConfig | null => s.config;
export const selectDevicesConfigSource = (s: DevicesStore) => s.configSource;
export const selectIsConfiguringDevices = (s: DevicesStore): boolean => s.isConfiguring;
export const selectConfigureError = (s: DevicesStore): ApiError | null => s.configureError;
