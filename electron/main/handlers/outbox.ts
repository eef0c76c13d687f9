import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* What waits to go to Picqer, and what a person does about a change Picqer refused. */
export function outboxHandlers({ life, events, acks }: Pick<StationContext, 'life' | 'events' | 'acks'>) {
  const outbox = () => requireRuntime(life.runtime()).outbox;
  return {
    'outbox.status': () => outbox().status(),
    'outbox.problems': () => outbox().problems(),
    'outbox.retry': ({ id }) => {
      events.emit('outbox.problems', outbox().retry(id));
      return acks.bus();
    },
    'outbox.discard': ({ id }) => {
      events.emit('outbox.problems', outbox().discard(id, life.packer()?.name ?? life.stationName()));
      return acks.bus();
    },
  } satisfies HandlersOf<'outbox'>;
}
