import { statsCsv } from '../stats/csv';
import { statsSummary } from '../stats/summary';
import { weightSuspects } from '../stats/weight-suspects';
import type { HandlersOf, StationContext } from './context';

/* Stats read only the cache's own records, so they answer without a running warehouse too. */
export function statsHandlers({ life, clock, settings }: Pick<StationContext, 'life' | 'clock' | 'settings'>) {
  return {
    'stats.summary': (query) => statsSummary(life.db(), query, { clock }),
    'stats.exportCsv': (query) => statsCsv(life.db(), query, { clock, stationName: life.stationName() }),
    'stats.weightSuspects': () => weightSuspects(life.db(), { clock, tolerance: settings.config().packing?.weightTolerance ?? null }),
  } satisfies HandlersOf<'stats'>;
}
