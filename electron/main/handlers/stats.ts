import { statsCsv } from '../stats/csv';
import { statsSummary } from '../stats/summary';
import type { HandlersOf, StationContext } from './context';

/* Stats read only the cache's own records, so they answer without a running warehouse too. */
export function statsHandlers({ life, clock }: Pick<StationContext, 'life' | 'clock'>) {
  return {
    'stats.summary': (query) => statsSummary(life.db(), query, { clock }),
    'stats.exportCsv': (query) => statsCsv(life.db(), query, { clock, stationName: life.stationName() }),
  } satisfies HandlersOf<'stats'>;
}
