import { createStore, type StoreApi } from 'zustand/vanilla';

/*
 * How this station's screen looks: contrast and text size. Kept in the browser's storage of this
 * station, like the wedge settings: one packer's eyes, one screen. "auto" contrast follows the
 * operating system's high-contrast setting.
 */

export const contrastModes = ['auto', 'normal', 'high'] as const;
export type ContrastMode = (typeof contrastModes)[number];
export const textSizes = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof textSizes)[number];

export interface DisplaySettings {
  contrast: ContrastMode;
  textSize: TextSize;
}

export const defaultDisplaySettings: DisplaySettings = { contrast: 'auto', textSize: 'normal' };

export interface DisplayStore extends DisplaySettings {
  set(settings: Partial<DisplaySettings>): void;
}

export interface DisplayStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = 'packdesk.display';

/** What was stored, field by field: a bad field falls back to its default, the rest is kept. */
export function readDisplaySettings(storage: DisplayStorage | null): DisplaySettings {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(storageKey) ?? 'null');
  } catch {
    raw = null;
  }
  const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  return {
    contrast: pick(stored.contrast, contrastModes, defaultDisplaySettings.contrast),
    textSize: pick(stored.textSize, textSizes, defaultDisplaySettings.textSize),
  };
}

export function createDisplayStore(storage: DisplayStorage | null): StoreApi<DisplayStore> {
  return createStore<DisplayStore>()((set, get) => ({
    ...readDisplaySettings(storage),
    set(settings) {
      set(settings);
      const { contrast, textSize } = get();
      try {
        storage?.setItem(storageKey, JSON.stringify({ contrast, textSize }));
      } catch {
        // A full or blocked storage only loses the setting for the next start.
      }
    },
  }));
}

/** The classes on the document root for these settings; `prefersMore` is the OS asking for more contrast. */
export function displayClasses(settings: DisplaySettings, prefersMore: boolean): string[] {
  const classes: string[] = [];
  if (settings.contrast === 'high' || (settings.contrast === 'auto' && prefersMore)) classes.push('contrast-high');
  if (settings.textSize !== 'normal') classes.push(`text-${settings.textSize}`);
  return classes;
}

export const selectContrast = (s: DisplayStore): ContrastMode => s.contrast;
export const selectTextSize = (s: DisplayStore): TextSize => s.textSize;
