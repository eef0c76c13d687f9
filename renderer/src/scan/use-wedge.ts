import { useEffect } from 'react';
import type { Stores } from '../stores';
import { bindWedge } from './keyboard';
import { readStoredWedgeSettings, wedgeOptionsOf, wedgeSettingsKey } from './settings';
import type { WedgeOptions } from './wedge';

/** Where IT tunes the detector for an odd scanner (a slow Bluetooth one), per station. */
export const wedgeTuningKey = wedgeSettingsKey;

/**
 * The detector options this station stored, e.g. `{"maxInterKeyMs": 50, "minLength": 6}`: only
 * the fields that were stored and are valid; anything missing, out of range or unreadable is left
 * to the detector's default.
 */
export function readWedgeTuning(storage: Pick<Storage, 'getItem'> | null): Partial<WedgeOptions> {
  const stored = readStoredWedgeSettings(storage);
  const tuning: Partial<WedgeOptions> = {};
  if (stored.maxInterKeyMs !== undefined) tuning.maxInterKeyMs = stored.maxInterKeyMs;
  if (stored.minLength !== undefined) tuning.minLength = stored.minLength;
  if (stored.timeoutMs !== undefined) tuning.timeoutMs = stored.timeoutMs;
  if (stored.terminator !== undefined) tuning.terminators = stored.terminator === 'none' ? [] : [stored.terminator];
  if (stored.prefix !== undefined) tuning.prefix = stored.prefix;
  if (stored.suffix !== undefined) tuning.suffix = stored.suffix;
  if (stored.doubleReadMs !== undefined) tuning.doubleReadMs = stored.doubleReadMs;
  return tuning;
}

/**
 * Binds the one global wedge detector while `isActive`, and keeps it on the station's wedge
 * settings as they are edited. Setup keeps it off: a password manager typing the API key is as
 * fast as a scanner, and there is nothing to scan there.
 */
export function useWedge(stores: Stores, isActive: boolean): void {
  useEffect(() => {
    if (!isActive) return;
    const { settings } = stores.scanner;
    const binding = bindWedge(window, stores.scanner.onWedge, wedgeOptionsOf(settings.getState().settings));
    stores.scanner.attachMultiplierReset(() => binding.detector.clearMultiplier());
    stores.scanner.attachKeyGaps(() => binding.detector.lastKeyGaps);
    const stopFollowing = settings.subscribe((next, previous) => {
      if (next.settings !== previous.settings) binding.detector.configure(wedgeOptionsOf(next.settings));
    });
    return () => {
      stopFollowing();
      binding.unbind();
    };
  }, [stores, isActive]);
}
