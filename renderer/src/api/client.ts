import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../../shared/contract';
import { isErrorCode, type ErrorBody, type ErrorCode } from '../../../shared/errors';
import { reasonSchema, type Reason } from '../../../shared/reasons';

export type TransportMode = 'electron' | 'web';

/** The event channel: always open in Electron; in browser mode the WebSocket's state. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** The renderer's only way to reach main. Both transports are generic over shared/contract. */
export interface ApiClient {
  readonly mode: TransportMode;
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /**
   * A command whose answer is state to show (a read): with the revision main had when it answered,
   * so the store applies it only when it is not older than the last event it applied.
   */
  read<N extends CommandName>(name: N, input: CommandInput<N>): Promise<{ value: CommandOutput<N>; revision: number }>;
  /** Every event comes with main's revision (electron/main/transport/events.ts). */
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>, revision: number) => void): () => void;
  connectionState(): ConnectionState;
  onConnectionState(cb: (state: ConnectionState) => void): () => void;
  close(): void;
}

/**
 * A command that answered `{ok:false}` carries main's code and message. `isTransport` marks a
 * failure of the way to main rather than an answer from it, which the screen words as lost
 * contact with the station: OFFLINE when main could not be reached or its answer was lost (no
 * message; see web-client.ts), INTERNAL when what came back was not a Result.
 */
export class ApiError extends Error implements ErrorBody {
  readonly code: ErrorCode;
  /** Why, as main said it: the screen words it; null where only the code is known. */
  readonly reason: Reason | null;
  readonly isTransport: boolean;

  constructor(code: ErrorCode, message: string, isTransport = false, reason: Reason | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.isTransport = isTransport;
    this.reason = reason;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('INTERNAL', message, true);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns a contract Result (already parsed from JSON or received over ipc) into a value or a throw. */
export function unwrapResult<T>(body: unknown): T {
  if (!isRecord(body) || typeof body.ok !== 'boolean') {
    throw new ApiError('INTERNAL', 'The station answered something that is not a command result.', true);
  }
  if (body.ok) return body.value as T;
  const error = isRecord(body.error) ? body.error : {};
  const message = typeof error.message === 'string' ? error.message : '';
  const reason = reasonSchema.safeParse(error.reason);
  throw new ApiError(isErrorCode(error.code) ? error.code : 'INTERNAL', message, false, reason.success ? reason.data : null);
}
