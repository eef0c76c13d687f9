import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* Scans (routed by packing/scan-router.ts), the hold a dialog puts on them, and the sheet of command barcodes. */
export function scanHandlers({ life, router, scanHold }: Pick<StationContext, 'life' | 'router' | 'scanHold'>) {
  return {
    // The router's own function is the handler: one frame less on the hottest path.
    'scan.submit': router.submit,
    'scan.hold': ({ isHeld }) => {
      scanHold.set(isHeld);
      return null;
    },
    'commands.sheet': () => requireRuntime(life.runtime()).commandSheet(),
  } satisfies HandlersOf<'scan' | 'commands'>;
}
