import { isCommandName, isEventName, type EventName } from '../../shared/contract';
import { parseCommandReply, type CommandRequest } from '../../shared/envelope';
import type { ErrorCode, Result } from '../../shared/errors';
import { eventChannel, invokeChannel } from '../main/transport/ipc/channels';

/** The part of Electron's ipcRenderer the bridge uses. It stays inside the preload, always. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

/**
 * What the page gets as `window.packdesk`. Deliberately untyped at this edge: the page is not
 * trusted to respect TypeScript, so every name is checked at run time; renderer/src/api puts the
 * contract's types on top.
 */
export interface PackdeskBridge {
  invoke(name: string, input?: unknown): Promise<Result<unknown>>;
  on(name: string, callback: (payload: unknown) => void): () => void;
}

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
}

function describeName(name: unknown): string {
  return typeof name === 'string' ? name.slice(0, 60) : typeof name;
}

/**
 * The closed bridge. Only names in shared/contract pass (own properties only, so `__proto__`,
 * `constructor` and `toString` do not); anything else is refused here, before an ipc message
 * exists. ipcRenderer itself never leaves this closure: handing the page a listener's raw ipc
 * event would hand it `event.sender`, which is ipcRenderer, and with it every channel.
 */
export function createBridge(ipcRenderer: IpcRendererLike): PackdeskBridge {
  type Callback = (payload: unknown, revision: number) => void;
  // One entry per subscription (not per callback), so subscribing the same function twice and
  // unsubscribing once leaves one subscription, as the page would expect.
  const subscriptions = new Map<EventName, Set<{ callback: Callback }>>();
  let isListening = false;

  // One ipc listener for all subscriptions: no per-subscription listeners piling up on the
  // channel (and no MaxListeners warnings from a page with many stores).
  const onMessage = (_event: unknown, message: unknown): void => {
    if (!isRecord(message) || !isEventName(message.event)) return;
    const entries = subscriptions.get(message.event);
    if (!entries) return;
    for (const entry of [...entries]) {
      try {
        entry.callback(message.payload, typeof message.revision === 'number' ? message.revision : 0);
      } catch (error) {
        // One broken subscriber must not starve the others of the event.
        console.error(`packdesk: a listener for ${message.event} threw`, error);
      }
    }
  };

  // Ids for the request envelope, per page load: ipc answers every invoke on its own promise, but
  // the reply still names its request, so a reply that is not this request's is never taken for it.
  let lastId = 0;
  const invoke = async (name: string, input?: unknown): Promise<Result<unknown> & { revision?: number }> => {
    if (!isCommandName(name)) return failure('UNKNOWN_COMMAND', `Unknown command: ${describeName(name)}`);
    lastId += 1;
    const request: CommandRequest = { id: lastId, name, input };
    let message: unknown;
    try {
      message = await ipcRenderer.invoke(invokeChannel, request);
    } catch (error) {
      return failure('INTERNAL', `Packdesk's main process did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const reply = parseCommandReply(message);
    if (reply?.id !== request.id || !isResult(reply.result)) return failure('INTERNAL', "Packdesk's main process answered something that is not a result.");
    return reply.revision === null ? reply.result : { ...reply.result, revision: reply.revision };
  };

  const on = (name: string, callback: (payload: unknown, revision: number) => void): (() => void) => {
    if (!isEventName(name)) throw new Error(`Unknown event: ${describeName(name)}`);
    if (typeof callback !== 'function') throw new TypeError('packdesk.on needs a callback function');
    const entry = { callback };
    let entries = subscriptions.get(name);
    if (!entries) {
      entries = new Set();
      subscriptions.set(name, entries);
    }
    entries.add(entry);
    if (!isListening) {
      ipcRenderer.on(eventChannel, onMessage);
      isListening = true;
    }
    return () => {
      const current = subscriptions.get(name);
      if (!current?.delete(entry)) return;
      if (current.size === 0) subscriptions.delete(name);
      if (subscriptions.size === 0 && isListening) {
        ipcRenderer.removeListener(eventChannel, onMessage);
        isListening = false;
      }
    };
  };

  // Exactly two members: contextBridge copies this object into the page, so whatever is on it is
  // the page's whole reach into main.
  return Object.freeze({ invoke, on });
}
