import { z } from 'zod';
import { commands, isCommandName, type CommandInput, type CommandName, type CommandOutput } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { createLogger } from './log';

const log = createLogger('dispatch');

/** One handler per contract command; a missing one is a compile error where the table is built. */
export type Handlers = {
  [N in CommandName]: (input: CommandInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>;

/** Names the first bad field, so the packer (or the IT person) knows what to fix. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input';
  const path = issue.path.length ? issue.path.join('.') : 'input';
  return `${path}: ${issue.message}`;
}

/**
 * The transport-neutral core of both adapters: checks the name, parses the input once, runs the
 * handler and turns whatever happens into the contract's result shape. Errors that are not
 * AppErrors are logged here once, with their stack, and reach the renderer only as INTERNAL.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (name, input) => {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command: ${String(name).slice(0, 60)}` } };
    }
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
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in Packdesk. The error was logged.' } };
    }
  };
}
