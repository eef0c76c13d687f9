import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Language } from '../../../../shared/domain';
import type { ErrorCode, Result } from '../../../../shared/errors';
import { answerRequest, internalFailure, runCommand, type Dispatch } from '../dispatch';
import type { EventBus } from '../events';
import { createLogger, registerSecret } from '../../infra/log';
import { contentSecurityPolicy } from './csp';
import {
  allowedFor,
  createToken,
  findToken,
  isAllowedHost,
  isAllowedOrigin,
  isLoopbackAddress,
  isUsableToken,
  singleHeader,
  tokenCookieHeader,
  type Allowed,
} from './guards';
import { problemPage, withTokenMeta, type ProblemKind } from './problem-page';
import { contentTypeFor, resolveStaticFile } from './static-files';

const log = createLogger('web');

/** Loopback only: the station's API must never be reachable from the warehouse network. */
const bindHost = '127.0.0.1';
const apiPrefix = '/api/';
const eventsPath = '/api/events';
/**
 * Command inputs are small (a scan, a search, settings); anything bigger is a mistake or abuse.
 * The same limit for a request on the socket and a POST: a scan far past the contract's limit still
 * reaches the scan check and gets its sentence back; a bigger frame closes the socket.
 */
const maxBodyBytes = 1024 * 1024;
/** A client that stops reading gets cut off rather than growing main's memory without bound. */
const maxSocketBacklogBytes = 8 * 1024 * 1024;
/**
 * The page sends every command over its one WebSocket (authenticated at the handshake like any
 * request), as the envelope of shared/envelope.ts. A fetch goes through the browser's request
 * machinery; on a busy two-core station a fetch round trip to a do-nothing server took 8 ms at
 * the median and 25 ms at p95, a socket message 2.5 and 9.5. POST /api/<name> stays for tooling
 * (tests, benches, the chaos suite, scripts), behind exactly the same guards.
 */
/** Close code for a socket message that is not a request envelope (RFC 6455 1008, policy violation). */
const badEnvelopeCloseCode = 1008;
/** How long an idle keep-alive connection from the page stays open. */
const keepAliveMs = 5 * 60 * 1000;

export interface WebServerOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Defaults to 32 random bytes, base64url. The CLI passes the data dir's access secret. */
  token?: string;
  /** The station's language, for the pages a person may land on; English when absent. */
  language?: () => Language;
}

export interface WebServer {
  /** http://127.0.0.1:PORT/?token=TOKEN: what the station prints and the browser opens. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

type Failure = { ok: false; error: { code: ErrorCode; message: string } };

const failure = (code: ErrorCode, message: string): Failure => ({ ok: false, error: { code, message } });

const statusText: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  426: 'Upgrade Required',
};

/**
 * Browser mode: the contract over HTTP and a WebSocket on 127.0.0.1, plus the built renderer.
 * Every request passes, in order, the Host check (DNS rebinding), the Origin check (other pages,
 * other ports) and the token check; only then is it routed. No CORS headers are ever sent, so no
 * other origin can read a response even where a request slips out.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? createToken();
  if (!isUsableToken(token)) throw new Error('The browser-mode token must be 16+ characters of [A-Za-z0-9_-].');
  registerSecret(token);

  let allowed: Allowed = allowedFor(0);
  let csp = contentSecurityPolicy();

  const baseHeaders = (): OutgoingHttpHeaders => ({
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // Other origins may neither embed our responses (<script src>, <img>) nor keep a handle on
    // our window.
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The token is per launch and the renderer is rebuilt often: never serve anything stale.
    'Cache-Control': 'no-store',
  });

  const sendJson = (res: ServerResponse, status: number, body: Result<unknown>, extra: OutgoingHttpHeaders = {}): void => {
    let text: string;
    try {
      text = JSON.stringify(body);
    } catch (error) {
      log.error('command result is not JSON-serialisable', { stack: error instanceof Error ? error.stack : String(error) });
      status = 500;
      text = JSON.stringify(internalFailure());
    }
    res.writeHead(status, {
      ...baseHeaders(),
      ...extra,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  /** A person's browser gets a page in the station's words; the page's scripts get JSON. */
  const sendProblem = (req: IncomingMessage, res: ServerResponse, status: number, body: Failure, kind: ProblemKind, extra: OutgoingHttpHeaders = {}): void => {
    if (!isNavigation(req)) return sendJson(res, status, body, extra);
    const html = problemPage(kind, options.language?.() ?? 'en');
    res.writeHead(status, { ...baseHeaders(), ...extra, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
    res.end(req.method === 'HEAD' ? undefined : html);
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = parseRequestUrl(req.url);
    if (!url) return sendProblem(req, res, 404, failure('NOT_FOUND', 'Not found'), 'not-found');
    const isApi = url.pathname === '/api' || url.pathname.startsWith(apiPrefix);

    if (!isAllowedHost(req.headers, allowed)) {
      log.warn('refused a request with a foreign Host header', { path: url.pathname });
      return sendProblem(req, res, 403, failure('FORBIDDEN', 'This address is not served here.'), 'forbidden');
    }
    if (!isAllowedOrigin(req.headers, allowed)) {
      log.warn('refused a request from another origin', { path: url.pathname });
      return sendJson(res, 403, failure('FORBIDDEN', 'Requests from other pages are not allowed.'));
    }
    // A person who types an API address gets a page, never a command run: the cookie is only
    // looked at to choose between "needs its link" and "not a page".
    const isApiNavigation = isApi && isNavigation(req);
    const source = findToken(req.headers, url.searchParams, token, !isApi || isApiNavigation);
    if (!source) {
      return sendProblem(req, res, 401, failure('UNAUTHENTICATED', 'Missing or wrong Packdesk token. Open the address the station printed at start-up.'), 'needs-link');
    }
    // The cookie is SameSite=Strict, but "site" ignores the port: a page on another 127.0.0.1
    // port would still get it attached. Fetch metadata tells those requests apart.
    const fetchSite = singleHeader(req.headers, 'sec-fetch-site');
    if (source === 'cookie' && (fetchSite === 'same-site' || fetchSite === 'cross-site')) {
      return sendJson(res, 403, failure('FORBIDDEN', 'Requests from other pages are not allowed.'));
    }

    if (isApiNavigation) return sendProblem(req, res, 404, failure('NOT_FOUND', 'Not found'), 'not-a-page');
    if (isApi) return handleApi(req, res, url.pathname);
    // A page opened with a valid ?token= gets the cookie, so its own scripts, styles and a later
    // reload (after the renderer has removed the token from the address bar) pass too.
    const cookie = source === 'query' ? { 'Set-Cookie': tokenCookieHeader(token) } : {};
    return serveStatic(req, res, url.pathname, cookie);
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (pathname === eventsPath) {
      return sendJson(res, 426, failure('VALIDATION', 'Connect to the event stream with a WebSocket.'), { Upgrade: 'websocket' });
    }
    const name = commandNameFrom(pathname);
    if (name === null) return sendJson(res, 404, failure('NOT_FOUND', 'Not found'));
    // OPTIONS lands here too: there is deliberately no CORS preflight answer.
    if (req.method !== 'POST') {
      return sendJson(res, 405, failure('VALIDATION', 'Commands are sent with POST.'), { Allow: 'POST' });
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      // Stop reading: the rest of an oversized body is not worth receiving.
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, failure('VALIDATION', 'The request is too large.'));
    }
    let input: unknown;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, failure('VALIDATION', 'The request body is not valid JSON.'));
      }
    }

    return sendJson(res, 200, await runCommand(options.dispatch, name, input));
  };

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string, extra: OutgoingHttpHeaders): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, failure('VALIDATION', 'Only GET and HEAD are served here.'), { Allow: 'GET, HEAD', ...extra });
    }
    const file = await resolveStaticFile(options.staticDir, pathname);
    if (!file) return sendProblem(req, res, 404, failure('NOT_FOUND', 'Not found'), 'not-found', extra);
    if (path.basename(file) === 'index.html') return servePage(req, res, file, extra);

    const stream = createReadStream(file);
    stream.once('open', () => {
      res.writeHead(200, { ...baseHeaders(), ...extra, 'Content-Type': contentTypeFor(file) });
      if (req.method === 'HEAD') {
        stream.destroy();
        res.end();
        return;
      }
      stream.pipe(res);
    });
    stream.once('error', (error) => {
      log.warn('could not read a renderer file', { message: error.message });
      if (!res.headersSent) sendJson(res, 404, failure('NOT_FOUND', 'Not found'), extra);
      else res.destroy();
    });
  };

  /**
   * The renderer's page, with the token for its scripts in a meta tag: a tab opened on the bare
   * address (the earlier one closed, the browser restarted) is let in by its cookie and can then
   * call the station too. Only a request that passed the token check gets here, and no other
   * origin can read the answer (no CORS, CORP same-origin, never framed).
   */
  const servePage = async (req: IncomingMessage, res: ServerResponse, file: string, extra: OutgoingHttpHeaders): Promise<void> => {
    const html = withTokenMeta(await readFile(file, 'utf8'), token);
    res.writeHead(200, { ...baseHeaders(), ...extra, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
    res.end(req.method === 'HEAD' ? undefined : html);
  };

  // No Nagle: an answer is one small write that must leave at once, not wait for an ACK.
  const server = createServer({ noDelay: true }, (req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log.error('request failed', { stack: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) sendJson(res, 500, internalFailure());
      else res.destroy();
    });
  });

  // noServer: we answer the upgrade ourselves, after the same guards as any HTTP request. Bytes
  // that are not UTF-8 are let through (decoded as U+FFFD) rather than closing the socket: the scan
  // check then tells the packer the scanner sent unreadable characters, instead of the scan
  // vanishing while the page reconnects.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes, skipUTF8Validation: true });

  /** A request envelope `{id, name, input}` from the page, answered `{id, result}` on the same socket. */
  const answerOverSocket = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    const message = isBinary ? undefined : parseJson(data);
    const reply = await answerRequest(options.dispatch, message, options.events.revision);
    if (reply.id === null) {
      // Nothing to answer to: the page that sent it is broken, and a broken page is better
      // reconnected (and its open requests failed) than left waiting on a reply that cannot come.
      log.warn('closing a socket that sent something that is not a request envelope');
      ws.close(badEnvelopeCloseCode, 'not a request envelope');
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(reply);
    } catch (error) {
      log.error('command result is not JSON-serialisable', { stack: error instanceof Error ? error.stack : String(error) });
      text = JSON.stringify({ id: reply.id, result: internalFailure() });
    }
    // The events the command caused went out on this socket before it, as they were emitted: the
    // page sees them in main's order, and the answer last. A socket that closed meanwhile loses the
    // answer, not the command: main did it, once, and the page (which never sends it again) reads
    // the result in the state it loads after reconnecting.
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = parseRequestUrl(req.url);
    const refuse = (status: number, code: ErrorCode, message: string): void => refuseUpgrade(socket, status, failure(code, message));
    if (!url || url.pathname !== eventsPath || req.method !== 'GET') return refuse(404, 'NOT_FOUND', 'Not found');
    if (!isAllowedHost(req.headers, allowed)) return refuse(403, 'FORBIDDEN', 'This address is not served here.');
    // The handshake is a cross-origin-capable request that carries no CORS protection at all:
    // any page can open a WebSocket to any address, so Origin is the browser's only tell.
    if (!isAllowedOrigin(req.headers, allowed)) {
      log.warn('refused an event stream from another origin');
      return refuse(403, 'FORBIDDEN', 'Requests from other pages are not allowed.');
    }
    if (!findToken(req.headers, url.searchParams, token, false)) {
      return refuse(401, 'UNAUTHENTICATED', 'Missing or wrong Packdesk token.');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => log.debug('event socket error', { message: error.message }));
      ws.on('message', (data, isBinary) => {
        answerOverSocket(ws, data, isBinary).catch((error: unknown) => {
          log.error('socket command failed', { stack: error instanceof Error ? error.stack : String(error) });
        });
      });
    });
  });

  const unsubscribe = options.events.subscribe((event, payload, revision) => {
    if (wss.clients.size === 0) return;
    let message: string;
    try {
      message = JSON.stringify({ event, payload, revision });
    } catch (error) {
      log.error(`event ${event} is not JSON-serialisable`, { stack: error instanceof Error ? error.stack : String(error) });
      return;
    }
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (client.bufferedAmount > maxSocketBacklogBytes) {
        log.warn('closing an event socket that stopped reading');
        client.terminate();
        continue;
      }
      client.send(message);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: bindHost, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    unsubscribe();
    throw error;
  });
  server.on('error', (error) => log.error('web server error', { message: error.message }));
  // Scans come seconds apart: with Node's 5 s default every slow scan paid for a new connection
  // (or raced the browser reusing one Node was closing). Browsers keep idle sockets for minutes.
  server.keepAliveTimeout = keepAliveMs;

  const address = server.address() as AddressInfo;
  // Belt and braces for the one property everything else rests on: nothing off this machine can
  // reach the station's commands.
  if (!isLoopbackAddress(address.address)) {
    server.close();
    unsubscribe();
    throw new Error(`Browser mode must listen on ${bindHost} only, not ${address.address}.`);
  }
  const port = address.port;
  allowed = allowedFor(port);
  // connect-src 'self' covers ws: on the same host in current browsers; the explicit entries keep
  // older engines (and the localhost spelling) working.
  csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  const origin = `http://${bindHost}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Whether a person's browser is loading this as a page (address bar, link, reload), as opposed
 * to the page's own fetch. Browsers without fetch metadata are told apart by what they accept.
 */
function isNavigation(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const mode = singleHeader(req.headers, 'sec-fetch-mode');
  if (mode !== undefined) return mode === 'navigate';
  return (singleHeader(req.headers, 'accept') ?? '').includes('text/html');
}

function parseRequestUrl(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/')) return null;
  try {
    // A fixed base: the real host is checked separately and must never steer the parse.
    return new URL(raw, 'http://packdesk.invalid');
  } catch {
    return null;
  }
}

/** `/api/scan.submit` -> `scan.submit`. Exactly one segment; the dispatcher decides whether it exists. */
function commandNameFrom(pathname: string): string | null {
  const raw = pathname.slice(apiPrefix.length);
  if (raw === '' || raw.includes('/')) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      // Drain without keeping anything, so the client can read the 413 instead of a reset.
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let isTooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (isTooLarge) return;
      size += chunk.length;
      if (size > limit) {
        isTooLarge = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!isTooLarge) resolve(Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}

/** A socket message as JSON, or undefined when it is not JSON at all. */
function parseJson(data: RawData): unknown {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  try {
    return JSON.parse(buffer.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function refuseUpgrade(socket: Socket, status: number, body: Failure): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      'Cache-Control: no-store\r\n' +
      '\r\n' +
      text,
    () => socket.destroy(),
  );
}
