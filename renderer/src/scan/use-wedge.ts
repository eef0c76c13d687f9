import { useEffect } from 'react';
import type { Stores } from '../stores';
import { bindWedge } from './keyboard';
import type { WedgeOptions } from './wedge';

/** Where IT can tune the detector for an odd scanner (a slow Bluetooth one), per station profile. */
export const wedgeTuningKey = 'packdesk.wedge';

/**
 * Reads `{"maxInterKeyMs": 50, "minLength": 6, "timeoutMs": 100}` from localStorage; anything
 * missing, out of range or unreadable keeps the default.
 */
export function readWedgeTuning(storage: Pick<Storage, 'getItem'> | null): Partial<WedgeOptions> {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(wedgeTuningKey) ?? 'null');
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const source = raw as Record<string, unknown>;
  const tuning: Partial<WedgeOptions> = {};
  const pick = (name: 'maxInterKeyMs' | 'minLength' | 'timeoutMs', min: number, max: number) => {
    const value = source[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) tuning[name] = value;
  };
  pick('maxInterKeyMs', 5, 200);
  pick('minLength', 2, 64);
  pick('timeoutMs', 20, 1000);
  return tuning;
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Binds the one global wedge detector while `isActive`. Setup keeps it off: a password manager
 * typing the API key is as fast as a scanner, and there is nothing to scan there.
 */
export function useWedge(stores: Stores, isActive: boolean): void {
  useEffect(() => {
    if (!isActive) return;
    const binding = bindWedge(window, (event) => stores.scanner.onWedge(event), readWedgeTuning(localStorageOrNull()));
    stores.scanner.attachMultiplierReset(() => binding.detector.clearMultiplier());
    return () => binding.unbind();
  }, [stores, isActive]);
}
