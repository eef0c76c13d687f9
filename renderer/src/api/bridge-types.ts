import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

/**
 * What the Electron preload exposes as `window.packdesk`: the contract and nothing else. Main
 * validates every input and answers with the contract's Result shape; it never rejects for a
 * handler error, only when the ipc channel itself fails.
 */
export interface PackdeskBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
}

declare global {
  interface Window {
    packdesk?: PackdeskBridge;
  }
}
