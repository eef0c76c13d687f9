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
  message: string;
  /** Why, when the code alone does not say enough for the screen (e.g. `lead_required`). */
  reason?: string;
}

/** A failure the user is meant to see. Anything thrown that is not an AppError becomes INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    const reason = this.details?.reason;
    return typeof reason === 'string' ? { code: this.code, message: this.message, reason } : { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
