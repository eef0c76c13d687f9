import type { Result } from './errors';

/*
 * The one envelope every command travels in, on both transports: browser mode's WebSocket and
 * Electron's ipc. The page sends `{id, name, input}`, main answers `{id, result}` where result is
 * the contract's Result. Ids are the sender's own, increasing per page load (not per connection),
 * so a reply is matched to its request whatever order the replies come in, and a late reply can
 * never be taken for the answer to a newer request.
 */

export interface CommandRequest {
  id: number;
  name: string;
  input: unknown;
}

export interface CommandReply {
  id: number;
  result: Result<unknown>;
  /** The state revision main had when it answered: state it read or changed is as new as this. */
  revision?: number;
}

/** Why an envelope was refused; `id` when the request could be told apart, so its sender can be answered. */
export interface BadEnvelope {
  id: number | null;
  problem: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A request as main receives it: exactly `{id, name, input?}`, nothing else. */
export function parseCommandRequest(message: unknown): CommandRequest | BadEnvelope {
  if (!isRecord(message)) return { id: null, problem: 'not an object' };
  const id = isRequestId(message.id) ? message.id : null;
  if (id === null) return { id: null, problem: 'id is not a positive integer' };
  if (typeof message.name !== 'string') return { id, problem: 'name is not a string' };
  const extra = Object.keys(message).filter((key) => key !== 'id' && key !== 'name' && key !== 'input');
  if (extra.length > 0) return { id, problem: `unexpected field ${extra[0]?.slice(0, 40) ?? ''}` };
  return { id, name: message.name, input: message.input };
}

export function isCommandRequest(parsed: CommandRequest | BadEnvelope): parsed is CommandRequest {
  return 'name' in parsed;
}

/**
 * A reply as the page receives it: `{id, result}`, the result not yet checked (the client turns a
 * result that is not one into a transport error). Null for anything else (an event, junk).
 */
export function parseCommandReply(message: unknown): { id: number; result: unknown; revision: number | null } | null {
  if (!isRecord(message) || !isRequestId(message.id) || !('result' in message)) return null;
  return { id: message.id, result: message.result, revision: isRevision(message.revision) ? message.revision : null };
}

/** An event as the page receives it: `{event, payload, revision}`; null for anything else. */
export function parseEventMessage(message: unknown): { event: string; payload: unknown; revision: number | null } | null {
  if (!isRecord(message) || typeof message.event !== 'string') return null;
  return { event: message.event, payload: message.payload, revision: isRevision(message.revision) ? message.revision : null };
}

function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
