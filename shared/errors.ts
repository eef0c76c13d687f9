import { translate } from './i18n';
import type { Reason } from './reasons';

/** Every error a command can answer with. The renderer has a sentence for each, per language. */
export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_COMMAND',
  'NOT_CONFIGURED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'OFFLINE',
  'BACKEND_ERROR',
  'BAD_RESPONSE',
  'CONFLICT',
  'PICKLIST_BLOCKED',
  'PRINTER_OFFLINE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  /** Why, as data the screen words in its language; null where only the code is known. */
  reason?: Reason | null;
  /** The same in English, for logs, the terminal and the IT person; never what the screen says when there is a reason. */
  message: string;
}

/**
 * A failure the user is meant to see. Anything thrown that is not an AppError becomes INTERNAL.
 * What the packer can meet carries a reason (code and parameters) that the renderer words; errors
 * only the IT person meets at start-up (a config file, a command-line flag) are English text.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: Reason | null;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, why: Reason | string, details?: Record<string, unknown>) {
    super(typeof why === 'string' ? why : translate('en', `reason.${why.code}`, why.params));
    this.name = 'AppError';
    this.code = code;
    this.reason = typeof why === 'string' ? null : why;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { code: this.code, reason: this.reason, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
