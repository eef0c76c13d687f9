import type { EventName, EventPayload } from '../../../shared/contract';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>, revision: number) => void;

/**
 * Main's fan-out of contract events to every connected transport (ipc window, web sockets). Every
 * event carries the bus's revision, one higher than the event before; a command's reply carries
 * the revision it left. The screen applies state only when it is newer than what it shows, so an
 * answer or a read can never bring back an older state than an event already showed.
 */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
  /** The revision of the last event emitted. */
  revision(): number;
}

/**
 * `start` seeds the revisions: the clock's milliseconds by default, so a restarted station's
 * revisions are above every one the screen saw from the station before it.
 */
export function createEventBus(start: number = Date.now()): EventBus {
  const listeners = new Set<EventListener>();
  let revision = start;
  return {
    emit(name, payload) {
      revision += 1;
      for (const listener of listeners) listener(name, payload, revision);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    revision: () => revision,
  };
}
