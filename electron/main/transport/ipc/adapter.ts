import { parseCommandRequest } from '../../../../shared/envelope';
import { answerRequest, failure, type Dispatch } from '../dispatch';
import type { EventBus } from '../events';
import { createLogger } from '../../infra/log';
import { eventChannel, invokeChannel, type EventMessage } from './channels';

const log = createLogger('ipc');

/** The part of Electron's IpcMainInvokeEvent the adapter reads; a test builds it by hand. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
  sender: { id: number };
}

/**
 * The part of Electron's ipcMain the adapter uses. Generic over the event type so that the
 * trust check given by index.ts sees Electron's full event (frame parent, webContents), while
 * tests hand in plain objects.
 */
export interface IpcMainLike<E extends InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Where events go: Electron's webContents, or a fake. */
export interface EventTargetLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Enough of a URL to recognise the page in a log line, without its query (which may hold anything). */
function describeUrl(url: string | undefined): string {
  if (url === undefined) return '(no frame)';
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '(unparseable url)';
  }
}

/** The request's id when it has a usable one, so even a refusal is matched to its request. */
function requestIdOf(message: unknown): number | null {
  const request = parseCommandRequest(message);
  return request.id;
}

/**
 * Puts the whole contract behind one invoke channel, in the same envelope as browser mode's
 * socket: `{id, name, input}` in, `{id, result}` out. Every call first proves it comes from our
 * own page: any frame of any webContents can reach ipcMain (iframes, child windows, a page that
 * was navigated away), so the sender is checked on every call, not once per window (Electron
 * security checklist, "Validate the sender of all IPC messages"). Then dispatch.ts checks the
 * envelope, the name and the input and maps every failure to the Result shape; nothing is thrown
 * across ipc, so the renderer never sees a main-process stack.
 *
 * Returns a function that removes the handler.
 */
export function registerIpcHandlers<E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  dispatch: Dispatch,
  isTrustedSender: (event: E) => boolean,
  revision?: () => number,
): () => void {
  ipcMain.handle(invokeChannel, async (event, message) => {
    let isTrusted = false;
    try {
      isTrusted = isTrustedSender(event);
    } catch (error) {
      log.error('sender check failed', { stack: error instanceof Error ? error.stack : String(error) });
    }
    if (!isTrusted) {
      log.warn('refused a command from an untrusted sender', { frame: describeUrl(event.senderFrame?.url), sender: event.sender.id });
      return { id: requestIdOf(message), result: failure('FORBIDDEN', 'This page may not send commands to Packdesk.') };
    }
    return answerRequest(dispatch, message, revision);
  });
  return () => ipcMain.removeHandler(invokeChannel);
}

/**
 * Sends every EventBus event to one window as { event, payload } on the event channel. Stops
 * (and unsubscribes) by itself once the window is destroyed, so a closed window neither throws
 * nor keeps the bus busy. Returns a function that stops it earlier.
 */
export function forwardEvents(events: EventBus, target: EventTargetLike): () => void {
  let isActive = true;
  let unsubscribe: () => void = () => undefined;
  const stop = (): void => {
    if (!isActive) return;
    isActive = false;
    unsubscribe();
  };
  unsubscribe = events.subscribe((event, payload, revision) => {
    if (!isActive) return;
    if (target.isDestroyed()) return stop();
    const message: EventMessage = { event, payload, revision };
    try {
      target.send(eventChannel, message);
    } catch (error) {
      // send() throws when the renderer went away between the check and the call, or when a
      // payload cannot be cloned; neither may break the emitter, which serves other windows too.
      log.warn(`could not forward event ${event}`, { message: error instanceof Error ? error.message : String(error) });
      if (target.isDestroyed()) stop();
    }
  });
  return stop;
}
