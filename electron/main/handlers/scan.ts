import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* Scans (routed by packing/scan-router.ts), the hold a dialog puts on them, and the sheet of command barcodes. */
export function scanHandlers({ life, router, scanHold }: Pick<StationContext, 'life' | 'router' | 'scanHold'>) {
  return {
    'scan.submit': (input) => router.submit(input),
    'scan.hold': ({ isHeld }) => {
      scanHold.set(isHeld);
      return null;
    },
    'commands.sheet': () => requireRuntime(life.runtime()).commandSheet(),
  } satisfies HandlersOf<'scan' | 'commands'>;
}
