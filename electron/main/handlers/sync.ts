import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* How current the cache is, and a sync asked for by hand. */
export function syncHandlers({ life, events, acks }: Pick<StationContext, 'life' | 'events' | 'acks'>) {
  return {
    'sync.status': () => life.syncStatus(),
    'sync.now': async () => {
      events.emit('sync.status', await requireRuntime(life.runtime()).sync.syncNow());
      return acks.bus();
    },
  } satisfies HandlersOf<'sync'>;
}
