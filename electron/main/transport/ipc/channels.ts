/**
 * The only two ipc channels Packdesk uses, shared by main's adapter and the preload bridge.
 * Commands go renderer -> main on one invoke channel as the request envelope {id, name, input},
 * answered {id, result} (shared/envelope.ts); events go main -> renderer on one channel as
 * { event, payload }. Both are the same shapes as browser mode's WebSocket.
 */
export const invokeChannel = 'packdesk:invoke';
export const eventChannel = 'packdesk:event';

export interface EventMessage {
  event: string;
  payload: unknown;
  /** The bus's revision with this event (events.ts). */
  revision: number;
}
