import { z } from 'zod';
import { commands, isCommandName, type CommandInput, type CommandName, type CommandOutput } from '../../../shared/contract';
import { isCommandRequest, parseCommandRequest, type CommandReply } from '../../../shared/envelope';
import { AppError, type ErrorBody, type ErrorCode, type Result } from '../../../shared/errors';
import { createLogger } from '../infra/log';

const log = createLogger('dispatch');

/** One handler per contract command; a missing one is a compile error where the table is built. */
export type Handlers = {
  [N in CommandName]: (input: CommandInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>;

export const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** What the page gets for anything main did not foresee; the detail is in main's log, once. */
export const internalFailure = (): Result<never> => failure('INTERNAL', 'Something went wrong in Packdesk. The error was logged.');

/**
 * Names the first bad field, so the packer (or the IT person) knows what to fix. One line in the
 * form `field: why`, not z.prettifyError's list: the renderer shows it in a toast and reads the
 * field from it to mark the input (renderer/src/stores/printers.ts).
 */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input';
  const path = issue.path.length ? issue.path.join('.') : 'input';
  return `${path}: ${issue.message}`;
}

/**
 * What the station checks before any command runs, whatever carried it: it may note the command
 * (a packer's activity) and refuse it (a shift lead's command while locked) with an error body.
 */
export type BeforeCommand = (name: CommandName) => ErrorBody | null;

/**
 * The transport-neutral core of both adapters: checks the name, asks `before`, parses the input
 * once, runs the handler and turns whatever happens into the contract's result shape. Errors that
 * are not AppErrors are logged here once, with their stack, and reach the renderer only as INTERNAL.
 */
export function createDispatcher(handlers: Handlers, before?: BeforeCommand): Dispatch {
  return async (name, input) => {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command: ${String(name).slice(0, 60)}` } };
    }
    const refusal = before?.(name) ?? null;
    if (refusal) return { ok: false, error: refusal };
    const parsed = commands[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'VALIDATION', message: describeZodError(parsed.error) } };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      log.error(`command ${name} failed`, { stack: error instanceof Error ? error.stack : String(error) });
      return internalFailure();
    }
  };
}

/**
 * Runs one command through a dispatcher and never throws, whatever the dispatcher does: the one
 * place every transport (the socket, ipc, tooling's HTTP) turns a failure into the Result shape.
 */
export async function runCommand(dispatch: Dispatch, name: unknown, input: unknown): Promise<Result<unknown>> {
  try {
    return await dispatch(name, input);
  } catch (error) {
    // The dispatcher answers every failure itself; reaching this is a bug in main.
    log.error(`dispatch of ${String(name).slice(0, 60)} threw`, { stack: error instanceof Error ? error.stack : String(error) });
    return internalFailure();
  }
}

/**
 * Answers one request envelope `{id, name, input}` with `{id, result}`, for both transports. An
 * envelope that is not one is answered VALIDATION under its id; with no usable id there is nothing
 * to answer to, and the reply's id is null (the socket then closes, ipc hands it back as is).
 */
export async function answerRequest(
  dispatch: Dispatch,
  message: unknown,
  revision?: () => number,
): Promise<CommandReply | { id: null; result: Result<never> }> {
  const request = parseCommandRequest(message);
  if (!isCommandRequest(request)) {
    const result = failure('VALIDATION', `Not a command request: ${request.problem}.`);
    return request.id === null ? { id: null, result } : { id: request.id, result };
  }
  const result = await runCommand(dispatch, request.name, request.input);
  // Read after the command ran: every event it caused went out before this reply, with a lower or equal revision.
  return revision ? { id: request.id, result, revision: revision() } : { id: request.id, result };
}
