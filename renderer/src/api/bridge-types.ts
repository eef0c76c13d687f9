import type { CommandName, EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

/**
 * What the Electron preload exposes as `window.packdesk`: contract names only. Main validates
 * every input and answers with the contract's Result shape; the promise rejects only when the
 * ipc channel itself fails. Values and payloads are typed by electron-client.ts, as in browser
 * mode, because nothing at this edge can prove them.
 */
export interface PackdeskBridge {
  /** The result, with the revision main had when it answered (electron/main/transport/events.ts). */
  invoke(name: CommandName, input: unknown): Promise<Result<unknown> & { revision?: number }>;
  on(name: EventName, cb: (payload: unknown, revision: number) => void): () => void;
}

declare global {
  interface Window {
    packdesk?: PackdeskBridge;
  }
}
