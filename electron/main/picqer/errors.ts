import type { PicqerAnswer } from '../../../shared/domain';
import { AppError, isAppError, type ErrorCode } from '../../../shared/errors';

import { picqerErrorCodes } from './error-codes';

export { picqerErrorCodes };

/** error_codes that mean "Picqer's state disagrees with the request", not "the request was malformed". */
const conflictCodes: ReadonlySet<number> = new Set([16, 17, 18, 21, 26, 33]);

export interface PicqerErrorDetails {
  httpStatus: number | null;
  picqerErrorCode: number | null;
  /** Picqer's own error_message, untouched, for the renderer to quote beside its own words. */
  picqerMessage?: string | null;
  /**
   * The request may or may not have been carried out (timeout or reset after it was sent, a 5xx
   * or an unreadable answer to a change). A pick or a shipment must not be blindly retried then:
   * read the picklist first.
   */
  outcomeUnknown: boolean;
  method: string;
  path: string;
}

export class PicqerError extends AppError {
  readonly httpStatus: number | null;
  readonly picqerErrorCode: number | null;
  readonly picqerMessage: string | null;
  readonly outcomeUnknown: boolean;

  constructor(code: ErrorCode, message: string, details: PicqerErrorDetails) {
    super(code, message, { ...details });
    this.name = 'PicqerError';
    this.httpStatus = details.httpStatus;
    this.picqerErrorCode = details.picqerErrorCode;
    this.picqerMessage = details.picqerMessage ?? null;
    this.outcomeUnknown = details.outcomeUnknown;
  }
}

export function isPicqerError(value: unknown): value is PicqerError {
  return value instanceof PicqerError;
}

/** What Picqer answered, as data for the renderer to word; null for a failure that is not an AppError. */
export function answerOf(error: unknown): PicqerAnswer | null {
  if (error instanceof PicqerError) {
    return { code: error.code, httpStatus: error.httpStatus, picqerErrorCode: error.picqerErrorCode, picqerMessage: error.picqerMessage };
  }
  if (isAppError(error)) return { code: error.code, httpStatus: null, picqerErrorCode: null, picqerMessage: null };
  return null;
}

/** True when a change may have been applied although we saw no success: reconcile before retrying. */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof PicqerError && error.outcomeUnknown;
}

/** Errors worth retrying later without asking anybody: the network, Picqer's load, its 5xx. */
export function isTransient(error: unknown): boolean {
  return error instanceof PicqerError && (error.code === 'OFFLINE' || error.code === 'RATE_LIMITED' || error.code === 'BACKEND_ERROR');
}

export function isMutating(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

interface PicqerErrorBody {
  code: number | null;
  message: string | null;
}

/** Reads `{error: true, error_code, error_message}` out of an error body, if that is what it is. */
export function readErrorBody(body: Buffer): PicqerErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.subarray(0, 64 * 1024).toString('utf8'));
  } catch {
    return { code: null, message: null };
  }
  if (typeof parsed !== 'object' || parsed === null) return { code: null, message: null };
  const record = parsed as Record<string, unknown>;
  const rawCode = record.error_code;
  const code = typeof rawCode === 'number' ? rawCode : typeof rawCode === 'string' && /^\d+$/.test(rawCode) ? Number(rawCode) : null;
  const rawMessage = record.error_message ?? record.message;
  const message = typeof rawMessage === 'string' ? rawMessage.slice(0, 300) : null;
  return { code, message };
}

function codeForStatus(status: number, picqerCode: number | null): ErrorCode {
  if (status === 429 || picqerCode === picqerErrorCodes.rateLimited) return 'RATE_LIMITED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 500) return 'BACKEND_ERROR';
  if (status === 409 || (picqerCode !== null && conflictCodes.has(picqerCode))) return 'CONFLICT';
  if (status === 400 || status === 422) return 'VALIDATION';
  return 'BACKEND_ERROR';
}

const statusWords: Partial<Record<ErrorCode, string>> = {
  RATE_LIMITED: 'Picqer is busy (rate limit reached)',
  UNAUTHENTICATED: 'Picqer did not accept the API key',
  FORBIDDEN: 'The API key has no access to this in Picqer',
  NOT_FOUND: 'Not found in Picqer',
  BACKEND_ERROR: 'Picqer had a problem',
  CONFLICT: 'Picqer refused the change',
  VALIDATION: 'Picqer refused the request',
};

/** An HTML page where JSON was expected: a proxy's error page, a captive portal, a login screen. */
export function isHtmlAnswer(contentType: string | null, body: Buffer): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return true;
  const head = body.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** The error for a non-2xx answer. */
export function errorFromResponse(method: string, path: string, status: number, body: Buffer, contentType: string | null = null): PicqerError {
  const parsed = readErrorBody(body);
  const code = codeForStatus(status, parsed.code);
  const base = statusWords[code] ?? 'Picqer answered with an error';
  // A web page instead of Picqer's JSON error means something between the station and Picqer
  // answered (a proxy, a firewall, a hotel-style login page): the IT person needs to know that.
  const fromWebPage = !parsed.message && isHtmlAnswer(contentType, body) ? ', a web page from a proxy or gateway instead of an answer from Picqer' : '';
  const message = parsed.message ? `${base}: ${parsed.message}` : `${base} (HTTP ${status}${fromWebPage})`;
  return new PicqerError(code, message, {
    httpStatus: status,
    picqerErrorCode: parsed.code,
    picqerMessage: parsed.message,
    // A 5xx on a change may come after the change was stored; 429 and 4xx mean it was not.
    outcomeUnknown: status >= 500 && isMutating(method),
    method,
    path,
  });
}

export function badResponse(method: string, path: string, status: number | null, reason: string): PicqerError {
  return new PicqerError('BAD_RESPONSE', `Picqer sent an answer Packdesk cannot read: ${reason}`, {
    httpStatus: status,
    picqerErrorCode: null,
    // The change went through (2xx) but we could not read what it made: treat it as unknown.
    outcomeUnknown: isMutating(method),
    method,
    path,
  });
}
