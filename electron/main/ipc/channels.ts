/**
 * The only two ipc channels Packdesk uses, shared by main's adapter and the preload bridge.
 * Commands go renderer -> main on one invoke channel as (name, input); events go main ->
 * renderer on one channel as { event, payload }, the same shape as browser mode's WebSocket.
 */
export const invokeChannel = 'packdesk:invoke';
export const eventChannel = 'packdesk:event';

export interface EventMessage {
  event: string;
  payload: unknown;
}
