import type { Clock } from '../infra/clock';
import { PicqerError, isMutating } from './errors';

/** The part of the global fetch this module uses, so tests can hand in a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Used in errors and logs instead of the full URL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  /** Default 'follow'. Document downloads follow redirects themselves, checking each hop. */
  redirect?: 'follow' | 'manual';
  /** Who answers, in messages: "Picqer" (the default) or e.g. "the label server labels.example". */
  peer?: string;
  /** Told when the status line arrives, before the body is read: the peer answered. */
  onAnswer?: (status: number, contentType: string | null) => void;
  /**
   * Told when the exchange ends with no status line: the connection failed, broke or timed out.
   * `hasConnected` is false only when no connection was made at all (refused, DNS, no route).
   */
  onNoAnswer?: (reason: string, hasConnected: boolean) => void;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * Picqer's biggest answers are a page of 100 picklists or a packing list PDF in base64, well under
 * a megabyte or two; 8 MB leaves room and still stops a runaway or hostile body early.
 */
export const defaultMaxResponseBytes = 8 * 1024 * 1024;

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Math.round(mb)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Connection failures that happen before a byte of the request left this machine: the request
 * certainly did not run, so even a pick may be retried.
 */
const notSentCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string') return code;
      current = (current as { cause?: unknown }).cause;
    } else {
      break;
    }
  }
  return null;
}

const peerOf = (request: HttpRequest): string => request.peer ?? 'Picqer';

function offline(request: HttpRequest, message: string, outcomeUnknown: boolean, status: number | null = null): PicqerError {
  return new PicqerError('OFFLINE', message, {
    httpStatus: status,
    picqerErrorCode: null,
    outcomeUnknown: outcomeUnknown && isMutating(request.method),
    method: request.method,
    path: request.path,
  });
}

function tooLarge(request: HttpRequest, status: number): PicqerError {
  return new PicqerError('BAD_RESPONSE', `The answer from ${peerOf(request)} is larger than ${megabytes(request.maxBytes)}; Packdesk stopped reading it`, {
    httpStatus: status,
    picqerErrorCode: null,
    outcomeUnknown: isMutating(request.method),
    method: request.method,
    path: request.path,
  });
}

async function readCapped(response: Response, request: HttpRequest, abort: () => void): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > request.maxBytes) {
    abort();
    throw tooLarge(request, response.status);
  }
  if (!response.body) return Buffer.alloc(0);
  // Read chunk by chunk and stop at the cap: a body is never held whole before it is measured.
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > request.maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw tooLarge(request, response.status);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/**
 * One HTTP exchange with a deadline and a size cap. Network trouble becomes OFFLINE, with
 * `outcomeUnknown` set when the request may already have reached Picqer. Status codes are not
 * judged here; that is the caller's job.
 */
export async function sendHttp(fetchImpl: FetchLike, clock: Clock, request: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  let isTimedOut = false;
  const timer = clock.setTimeout(() => {
    isTimedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (request.signal?.aborted) {
    timer.cancel();
    throw request.signal.reason ?? new Error('aborted');
  }
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let status: number | null = null;
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: request.redirect ?? 'follow',
    });
    status = response.status;
    request.onAnswer?.(response.status, response.headers.get('content-type'));
    const body = await readCapped(response, request, () => controller.abort());
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (error instanceof PicqerError) throw error;
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    if (isTimedOut) {
      const failure = offline(request, `${peerOf(request)} did not answer within ${Math.round(request.timeoutMs / 1000)} s`, true, status);
      if (status === null) request.onNoAnswer?.(failure.message, true);
      return Promise.reject(failure);
    }
    const code = errorCode(error);
    // Once a status line came back the request was executed; if the body then broke off we
    // do not know what it said.
    const isNotSent = status === null && code !== null && notSentCodes.has(code);
    const failure = offline(request, `Cannot reach ${peerOf(request)}${code ? ` (${code})` : ''}`, !isNotSent, status);
    if (status === null) request.onNoAnswer?.(failure.message, !isNotSent);
    return Promise.reject(failure);
  } finally {
    timer.cancel();
    request.signal?.removeEventListener('abort', onCallerAbort);
  }
}
