import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeviceEntry } from '../../../shared/devices';
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
  start(): () => void;
}

export function createDevicesStore(api: ApiClient): StoreApi<DevicesStore> {
  const read = async (set: (partial: Partial<DevicesStore>) => void, command: 'devices.list' | 'devices.refresh') => {
    set({ isLoading: true });
    try {
      set({ devices: await api.invoke(command, {}), hasLoaded: true, isLoading: false, error: null });
    } catch (error) {
      set({ isLoading: false, error: toApiError(error) });
    }
  };
  return createStore<DevicesStore>()((set) => ({
    devices: [],
    hasLoaded: false,
    isLoading: false,
    error: null,
    load: () => read(set, 'devices.list'),
    refresh: () => read(set, 'devices.refresh'),
    testSheet: () => api.invoke('scanner.testSheet', {}),
    start() {
      return api.on('devices.changed', (devices) => set({ devices, hasLoaded: true }));
    },
  }));
}

export const selectDevices = (s: DevicesStore): DeviceEntry[] => s.devices;
export const selectHaveDevicesLoaded = (s: DevicesStore): boolean => s.hasLoaded;
export const selectAreDevicesLoading = (s: DevicesStore): boolean => s.isLoading;
export const selectDevicesError = (s: DevicesStore): ApiError | null => s.error;
