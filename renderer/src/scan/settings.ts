import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WedgeOptions } from './wedge';

/*
 * The wedge settings of this station: how its scanner types. Kept in the station's own
 * localStorage under one key (`packdesk.wedge`), because they belong to the scanner on this
 * desk, not to the warehouse. What is read back is checked field by field: a field that is
 * missing, out of range or of the wrong type keeps its default, the rest is kept.
 */

export const wedgeSettingsKey = 'packdesk.wedge';

/** The key the scanner sends after each code; `none`: it sends nothing and a scan ends after the timeout. */
export const wedgeTerminators = ['Enter', 'Tab', 'none'] as const;
export type WedgeTerminator = (typeof wedgeTerminators)[number];

export interface WedgeSettings {
  maxInterKeyMs: number;
  minLength: number;
  timeoutMs: number;
  terminator: WedgeTerminator;
  prefix: string;
  suffix: string;
  doubleReadMs: number;
}

export type WedgeNumberSetting = 'maxInterKeyMs' | 'minLength' | 'timeoutMs' | 'doubleReadMs';
export type WedgeTextSetting = 'prefix' | 'suffix';

export const defaultWedgeSettings: WedgeSettings = {
  maxInterKeyMs: 35,
  minLength: 4,
  timeoutMs: 80,
  terminator: 'Enter',
  prefix: '',
  suffix: '',
  doubleReadMs: 60,
};

/** Whole numbers in these ranges; outside them a scanner is either not told from typing or scans get lost. */
export const wedgeNumberLimits: Record<WedgeNumberSetting, { min: number; max: number }> = {
  maxInterKeyMs: { min: 5, max: 200 },
  minLength: { min: 2, max: 64 },
  timeoutMs: { min: 20, max: 1000 },
  doubleReadMs: { min: 0, max: 1000 },
};

export const maxAffixLength = 16;

export type WedgeSettingsProblem =
  | { field: WedgeNumberSetting; problem: 'range'; min: number; max: number }
  | { field: WedgeTextSetting; problem: 'text'; max: number }
  /** The timeout must outlast the longest gap inside a burst, or every scan would be cut in two. */
  | { field: 'timeoutMs'; problem: 'belowInterKey'; min: number };

/** Printable characters only: a control character cannot be typed into the field, nor by a wedge. */
function isAffix(value: string): boolean {
  return value.length <= maxAffixLength && !/[\p{Cc}\p{Cf}]/u.test(value);
}

function isInRange(field: WedgeNumberSetting, value: unknown): value is number {
  const { min, max } = wedgeNumberLimits[field];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Every rule a settings object breaks; none means it can be saved. */
export function checkWedgeSettings(settings: WedgeSettings): WedgeSettingsProblem[] {
  const problems: WedgeSettingsProblem[] = [];
  for (const field of ['maxInterKeyMs', 'minLength', 'timeoutMs', 'doubleReadMs'] as const) {
    if (!isInRange(field, settings[field])) problems.push({ field, problem: 'range', ...wedgeNumberLimits[field] });
  }
  for (const field of ['prefix', 'suffix'] as const) {
    if (!isAffix(settings[field])) problems.push({ field, problem: 'text', max: maxAffixLength });
  }
  if (isInRange('timeoutMs', settings.timeoutMs) && isInRange('maxInterKeyMs', settings.maxInterKeyMs) && settings.timeoutMs <= settings.maxInterKeyMs) {
    problems.push({ field: 'timeoutMs', problem: 'belowInterKey', min: settings.maxInterKeyMs + 1 });
  }
  return problems;
}

/** The valid fields of what was stored, and only those. */
export function parseStoredWedgeSettings(raw: unknown): Partial<WedgeSettings> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const source = raw as Record<string, unknown>;
  const found: Partial<WedgeSettings> = {};
  for (const field of ['maxInterKeyMs', 'minLength', 'timeoutMs', 'doubleReadMs'] as const) {
    const value = source[field];
    if (isInRange(field, value)) found[field] = value;
  }
  const terminator = source.terminator;
  if (typeof terminator === 'string' && (wedgeTerminators as readonly string[]).includes(terminator)) found.terminator = terminator as WedgeTerminator;
  for (const field of ['prefix', 'suffix'] as const) {
    const value = source[field];
    if (typeof value === 'string' && isAffix(value)) found[field] = value;
  }
  // A timeout no longer than the key gap (two fields, each fine alone) would cut scans in two;
  // the gap is what was tuned for a slow scanner, so the timeout follows it.
  const merged = { ...defaultWedgeSettings, ...found };
  if (merged.timeoutMs <= merged.maxInterKeyMs) found.timeoutMs = Math.min(wedgeNumberLimits.timeoutMs.max, merged.maxInterKeyMs * 2);
  return found;
}

type Reader = Pick<Storage, 'getItem'>;
type Writer = Pick<Storage, 'setItem' | 'removeItem'>;

function readRaw(storage: Reader | null): unknown {
  try {
    return JSON.parse(storage?.getItem(wedgeSettingsKey) ?? 'null');
  } catch {
    return null;
  }
}

/** What this station stored, valid fields only (for callers that merge with their own defaults). */
export function readStoredWedgeSettings(storage: Reader | null): Partial<WedgeSettings> {
  return parseStoredWedgeSettings(readRaw(storage));
}

export function readWedgeSettings(storage: Reader | null): WedgeSettings {
  return { ...defaultWedgeSettings, ...readStoredWedgeSettings(storage) };
}

/** Stores the settings; the defaults are stored as no key at all, so a later default change reaches them. */
export function writeWedgeSettings(storage: Writer | null, settings: WedgeSettings): void {
  if (!storage) return;
  try {
    if (isDefault(settings)) storage.removeItem(wedgeSettingsKey);
    else storage.setItem(wedgeSettingsKey, JSON.stringify(settings));
  } catch {
    // Private mode or a full quota: the settings hold for this session, which is all we can do.
  }
}

export function isDefault(settings: WedgeSettings): boolean {
  return (Object.keys(defaultWedgeSettings) as Array<keyof WedgeSettings>).every((k) => settings[k] === defaultWedgeSettings[k]);
}

/** The detector's options for these settings. */
export function wedgeOptionsOf(settings: WedgeSettings): Partial<WedgeOptions> {
  return {
    maxInterKeyMs: settings.maxInterKeyMs,
    minLength: settings.minLength,
    timeoutMs: settings.timeoutMs,
    terminators: settings.terminator === 'none' ? [] : [settings.terminator],
    prefix: settings.prefix,
    suffix: settings.suffix,
    doubleReadMs: settings.doubleReadMs,
  };
}

export interface WedgeSettingsStore {
  settings: WedgeSettings;
  /** Saves valid settings and answers []; invalid ones are not saved and their problems answered. */
  save(settings: WedgeSettings): WedgeSettingsProblem[];
  reset(): void;
}

export type WedgeStorage = Reader & Writer;

export function createWedgeSettingsStore(storage: WedgeStorage | null): StoreApi<WedgeSettingsStore> {
  return createStore<WedgeSettingsStore>()((set) => ({
    settings: readWedgeSettings(storage),
    save(settings) {
      const problems = checkWedgeSettings(settings);
      if (problems.length > 0) return problems;
      const next = { ...settings };
      writeWedgeSettings(storage, next);
      set({ settings: next });
      return [];
    },
    reset() {
      writeWedgeSettings(storage, defaultWedgeSettings);
      set({ settings: { ...defaultWedgeSettings } });
    },
  }));
}

export const selectWedgeSettings = (s: WedgeSettingsStore): WedgeSettings => s.settings;

/** localStorage where there is one: absent under node, and it throws in some locked-down browsers. */
export function localStorageOrNull(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
