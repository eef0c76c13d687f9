import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const tokenHeader = 'x-packdesk-token';
export const tokenCookie = 'packdesk_token';

/** 32 random bytes: unguessable, and base64url so it is safe in a URL, a header and a cookie. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token given by the caller must be as safe to put in a URL and a cookie as ours. */
export function isUsableToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,512}$/.test(token);
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time comparison. Hashing first gives both sides the same length, so neither the
 * position of the first wrong character nor the length of the real token leaks through timing.
 */
export function tokensEqual(candidate: string, token: string): boolean {
  return timingSafeEqual(digest(candidate), digest(token));
}

/** Every value of one cookie name: a second Packdesk on another port may have set its own. */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) values.push(part.slice(index + 1).trim());
  }
  return values;
}

export function tokenCookieHeader(token: string): string {
  // HttpOnly: page scripts never see it (the renderer keeps its own copy from ?token=).
  // SameSite=Strict: another site cannot make the browser send it.
  return `${tokenCookie}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** One header value, or undefined when it is missing or (suspiciously) sent more than once. */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether a listening address is reachable from this machine only: 127.0.0.0/8 or ::1 (also in
 * its IPv4-mapped spelling). 0.0.0.0 and :: are every interface, the warehouse network included.
 */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.toLowerCase().replace(/^::ffff:/, '');
  return plain === '::1' || /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(plain);
}

export interface Allowed {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

export function allowedFor(port: number): Allowed {
  return {
    hosts: new Set([`127.0.0.1:${port}`, `localhost:${port}`]),
    origins: new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]),
  };
}

/**
 * DNS rebinding: a page on evil.example can point its own name at 127.0.0.1 and then talk to us
 * as "same origin". The Host header still says evil.example, so only our own names pass.
 */
export function isAllowedHost(headers: IncomingHttpHeaders, allowed: Allowed): boolean {
  const host = singleHeader(headers, 'host');
  return host !== undefined && allowed.hosts.has(host.toLowerCase());
}

/**
 * Browsers send Origin on every cross-origin POST and on every WebSocket handshake; a page on
 * another origin (including another port on 127.0.0.1, which counts as the same *site* for
 * cookies) is refused here even before its token is looked at.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, allowed: Allowed): boolean {
  if (headers.origin === undefined) return true;
  const origin = singleHeader(headers, 'origin');
  return origin !== undefined && allowed.origins.has(origin.toLowerCase());
}

export type TokenSource = 'header' | 'query' | 'cookie';

/**
 * Where a valid token was found, or null. `allowCookie` is false for /api and the WebSocket: a
 * cookie is ambient (the browser attaches it to requests from other ports on 127.0.0.1 too), so
 * commands need the token the page holds itself, in the header or the query.
 */
export function findToken(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  token: string,
  allowCookie: boolean,
): TokenSource | null {
  const fromHeader = singleHeader(headers, tokenHeader);
  if (fromHeader !== undefined && tokensEqual(fromHeader, token)) return 'header';
  const fromQuery = query.getAll('token');
  if (fromQuery.length === 1 && tokensEqual(fromQuery[0] ?? '', token)) return 'query';
  if (allowCookie) {
    const cookies = readCookies(singleHeader(headers, 'cookie'), tokenCookie);
    // Evaluate all candidates so the time taken does not depend on which one matched.
    let matched = false;
    for (const value of cookies) matched = tokensEqual(value, token) || matched;
    if (matched) return 'cookie';
  }
  return null;
}
