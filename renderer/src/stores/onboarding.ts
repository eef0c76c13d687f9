import { createStore, type StoreApi } from 'zustand/vanilla';

/*
 * The first-run checklist after Setup: printers tested, scanner tested, badges printed. Open
 * until the person setting the station up says it is done; remembered per station, so a reload
 * halfway through keeps it.
 */

export interface OnboardingStore {
  isOpen: boolean;
  /** The scanner self-test said "all good" at least once since the checklist opened. */
  isScannerChecked: boolean;
  open(): void;
  markScannerChecked(): void;
  finish(): void;
}

export interface OnboardingStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = 'packdesk.onboarding';

export function createOnboardingStore(storage: OnboardingStorage | null): StoreApi<OnboardingStore> {
  const stored = storage?.getItem(storageKey) ?? null;
  const save = (value: string) => {
    try {
      storage?.setItem(storageKey, value);
    } catch {
      // Losing the checklist on a reload is the worst that can happen.
    }
  };
  return createStore<OnboardingStore>()((set) => ({
    isOpen: stored === 'open' || stored === 'open:scanner',
    isScannerChecked: stored === 'open:scanner',
    open() {
      set({ isOpen: true, isScannerChecked: false });
      save('open');
    },
    markScannerChecked() {
      set({ isScannerChecked: true });
      save('open:scanner');
    },
    finish() {
      set({ isOpen: false });
      save('done');
    },
  }));
}

export const selectIsOnboarding = (s: OnboardingStore): boolean => s.isOpen;
export const selectIsScannerChecked = (s: OnboardingStore): boolean => s.isScannerChecked;
