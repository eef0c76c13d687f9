import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { systemClock, type Clock } from '../main/infra/clock';
import { createLogger } from '../main/infra/log';
import { DemoApiError, picqerErrorCodes } from './errors';
import { FaultInjector, type DemoFaults } from './faults';
import { defaultVariants, type DemoVariants } from './variants';
import { productImagePng } from './images';
import { labelPdf, labelZpl } from './labels';
import type { LabelShape, PicklistTagShape } from './present';
import { RateLimiter } from './rate-limit';
import { matchRoute, type RouteOptions, type RouteResult } from './routes';
import { generateSeed } from './seed';
import { DemoState, type DemoSnapshot } from './state';

export { DemoState } from './state';
export type { DemoFaults } from './faults';

export interface DemoBackendOptions {
  /** 0 or undefined: a random free port. */
  port?: number;
  seed?: number | string;
  products?: number;
  picklists?: number;
  /** null/undefined: any non-empty key is accepted; a string: only that key. */
  apiKey?: string | null;
  /** Default 500. */
  rateLimitPerMinute?: number;
  clock?: Clock;
  labelShape?: LabelShape;
  picklistTagShape?: PicklistTagShape;
  packinglistPdf?: 'json' | 'raw';
  /** Which reading of each behaviour Picqer's docs leave open (demo/variants.ts); the defaults otherwise. */
  variants?: Partial<DemoVariants>;
  /**
   * Where the demo keeps its data between runs (the embedded demo: in the data dir). Read at start
   * when it exists, written after every change, so a restarted demo carries on with the same ids
   * instead of handing out ones the station's cache already holds. Absent: in memory only.
   */
  stateFile?: string;
}

export interface DemoRequestLog {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The HTTP status sent; 0 when the connection was reset on purpose (no response). */
  status: number;
  /** Clock time the request arrived. */
  at: number;
  /** The parsed JSON body, or null. */
  body: unknown;
}

export interface DemoBackend {
  /** http://127.0.0.1:PORT, no trailing slash; the client appends /api/v1/... */
  url: string;
  port: number;
  /**
   * Names this demo account: the same over restarts that read its state file, a new one whenever
   * the demo starts from the seed. A cache is only valid for the epoch it was filled from.
   */
  epoch: string;
  /** The in-memory data, inspectable and mutable by tests. */
  state: DemoState;
  faults: DemoFaults;
  requests: DemoRequestLog[];
  /**
   * Takes the backend off the network (false): it stops listening and drops every connection, so
   * clients get "connection refused" as when the internet is gone; true listens on the same port
   * again. The data stays as it was.
   */
  setReachable(isReachable: boolean): Promise<void>;
  /** Changes the per-minute limit, as Picqer does under load; the next request opens a fresh window. */
  setRateLimit(perMinute: number): void;
  close(): Promise<void>;
}

const log = createLogger('demo');

type Reply = { status: number; json: unknown } | { status: number; bytes: Buffer; contentType: string; filename?: string };

const errorReply = (status: number, code: number, message: string): Reply => ({ status, json: { error: true, error_code: code, error_message: message } });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The API key from `Authorization: Basic base64(key:password)`; the password is ignored. */
function apiKeyOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return key === '' ? null : key;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const gatewayPage = (status: number) =>
  `<!DOCTYPE html>\n<html><head><title>${status} Gateway</title></head><body><h1>${status === 200 ? 'Please log in to use this network' : 'Bad Gateway'}</h1><p>The upstream server is not available.</p><hr><address>demo-proxy</address></body></html>\n`;

/** Valid JSON, `bytes` long, written in pieces as the socket takes them; stops when the client hangs up. */
async function streamHugeJson(res: ServerResponse, headers: Record<string, string>, bytes: number): Promise<void> {
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  const item = JSON.stringify({ idpicklist: 1, picklistid: 'P-FILLER', comment: 'x'.repeat(960) });
  const chunk = Buffer.from(`${item},`.repeat(64));
  let written = 1;
  res.write('[');
  while (written + chunk.length < bytes - item.length - 1 && !res.destroyed) {
    written += chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(`${item}]`);
}

let tempSeq = 0;

interface StateFile extends DemoSnapshot {
  epoch: string;
}

function readStateFile(path: string): StateFile | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StateFile>;
    if (parsed.version !== 1 || typeof parsed.epoch !== 'string' || typeof parsed.baseUrl !== 'string' || !parsed.seed) throw new Error('not a demo state file');
    return parsed as StateFile;
  } catch (error) {
    // Kept aside for whoever wants to look; the demo starts from its seed under a new epoch.
    const aside = `${path}.unreadable-${String(Date.now())}`;
    renameSync(path, aside);
    log.warn('demo state file unreadable, starting from the seed', { aside, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/** The saved state with every link made for `from` pointing at `to` (the demo's port changes per run). */
function rebase(saved: StateFile, to: string): StateFile {
  if (saved.baseUrl === to) return saved;
  return JSON.parse(JSON.stringify(saved).split(saved.baseUrl).join(to)) as StateFile;
}

export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 1;
  const limit = options.rateLimitPerMinute ?? 500;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('rateLimitPerMinute must be a positive whole number');
  const routeOptions: RouteOptions = {
    labelShape: options.labelShape ?? 'both',
    picklistTagShape: options.picklistTagShape ?? 'array',
    packinglistPdf: options.packinglistPdf ?? 'json',
    variants: { ...defaultVariants, ...options.variants },
  };
  const faults = new FaultInjector(seed);
  const limiter = new RateLimiter(limit, clock);
  const requests: DemoRequestLog[] = [];
  const sockets = new Set<Socket>();
  let state: DemoState | null = null;

  const server = createServer((req, res) => {
    if (!state) {
      res.writeHead(503).end();
      return;
    }
    handle(state, req, res).catch((error: unknown) => {
      log.error('demo request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: true, error_code: picqerErrorCodes.unknown, error_message: 'Internal server error' }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(world: DemoState, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: DemoRequestLog = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, at: clock.now(), body: null };
    requests.push(entry);
    const bodyText = await readBody(req);
    let key: string | null = null;

    const send = (reply: Reply, corrupt = false) => {
      const rate = limiter.peek(key);
      const headers: Record<string, string> = {
        'X-RateLimit-Limit': String(rate.limit),
        'X-RateLimit-Remaining': String(rate.remaining),
      };
      entry.status = reply.status;
      if ('json' in reply) {
        let text = JSON.stringify(reply.json);
        // Cut inside the value so no JSON parser can accept what is left.
        if (corrupt) text = text.slice(0, Math.max(1, Math.floor(text.length / 2))) + '\u0000{';
        headers['Content-Type'] = 'application/json; charset=utf-8';
        res.writeHead(reply.status, headers).end(text);
      } else {
        headers['Content-Type'] = reply.contentType;
        if (reply.filename) headers['Content-Disposition'] = `inline; filename="${reply.filename}"`;
        res.writeHead(reply.status, headers).end(reply.bytes);
      }
    };

    if (method === 'GET' && url.pathname.startsWith('/demo-')) {
      send(await publicFile(world, url.pathname));
      return;
    }
    if (!url.pathname.startsWith('/api/v1/')) {
      send(errorReply(404, picqerErrorCodes.itemNotFound, 'Not found'));
      return;
    }
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    const page = faults.takeHtmlPage();
    if (page) {
      entry.status = page.status;
      res.writeHead(page.status, { 'Content-Type': 'text/html; charset=utf-8' }).end(gatewayPage(page.status));
      return;
    }
    const userAgent = req.headers['user-agent'];
    if (typeof userAgent !== 'string' || userAgent.trim() === '') {
      send(errorReply(400, picqerErrorCodes.parametersMissing, 'A User-Agent header naming your application and a way to reach you is required'));
      return;
    }
    const presented = apiKeyOf(req);
    if (presented === null || (typeof options.apiKey === 'string' && presented !== options.apiKey)) {
      send(errorReply(401, picqerErrorCodes.unknown, 'Unauthorized: invalid or missing API key'));
      return;
    }
    key = presented;
    // A refused request is not executed: nothing below this point runs for it.
    if (faults.takeForced429() || !limiter.take(key).allowed) {
      send(errorReply(429, picqerErrorCodes.rateLimited, 'Rate limit exceeded'));
      return;
    }
    const refusal = faults.takeRefusal(method, url.pathname);
    if (refusal) {
      send(errorReply(refusal.status, refusal.errorCode, refusal.message));
      return;
    }
    if (faults.takeServerError()) {
      send(errorReply(500, picqerErrorCodes.unknown, 'Internal server error (injected by the demo backend)'));
      return;
    }
    let body: Record<string, unknown> = {};
    if (bodyText.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(bodyText);
      } catch {
        send(errorReply(400, picqerErrorCodes.invalidJson, 'Body is not valid JSON'));
        return;
      }
      entry.body = parsed;
      // Picqer's PHP client json_encodes what it is given: `null` for close, pickall, unassign and
      // cancel, `[]` for an empty parameter list (picqer/picqer-php src/Client.php, sendRequest and
      // prepareData). Both mean "no parameters".
      const isNoParameters = parsed === null || (Array.isArray(parsed) && parsed.length === 0);
      if (!isNoParameters && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        send(errorReply(400, picqerErrorCodes.parametersMissing, 'Body must be a JSON object'));
        return;
      }
      body = isNoParameters ? {} : (parsed as Record<string, unknown>);
    }
    const match = matchRoute(method, url.pathname);
    if (!match.route) {
      send(match.pathKnown ? errorReply(405, picqerErrorCodes.notImplemented, 'Method not allowed') : errorReply(404, picqerErrorCodes.notImplemented, 'API function not found'));
      return;
    }
    world.wakeSnoozed();
    let reply: RouteResult;
    try {
      reply = await match.route.handle({ state: world, params: match.params, query: url.searchParams, body, options: routeOptions });
    } catch (error) {
      if (!(error instanceof DemoApiError)) throw error;
      reply = errorReply(error.status, error.code, error.message);
    }
    // On disk before the answer goes out: a station that heard "created" must find it after a restart.
    if (method !== 'GET') await save();
    if (method !== 'GET' && faults.takeReset(url.pathname)) {
      // The change stands; the client just never hears about it, like a dropped connection.
      entry.status = 0;
      req.socket.destroy();
      return;
    }
    if (method !== 'GET' && faults.takeErrorAfterApply(url.pathname)) {
      send(errorReply(500, picqerErrorCodes.unknown, 'Internal server error after the change was saved (injected by the demo backend)'));
      return;
    }
    if (method === 'GET' && 'json' in reply && reply.status < 300) {
      const bytes = faults.takeHugeBody();
      if (bytes !== null) {
        const rate = limiter.peek(key);
        entry.status = 200;
        await streamHugeJson(res, { 'X-RateLimit-Limit': String(rate.limit), 'X-RateLimit-Remaining': String(rate.remaining) }, bytes);
        return;
      }
    }
    send(reply, 'json' in reply && faults.takeMalformed(url.pathname));
  }

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve, reject) => {
      for (const socket of sockets) socket.destroy();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  await listen(options.port ?? 0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('demo backend has no TCP address');
  const port = address.port;
  const url = `http://127.0.0.1:${String(port)}`;
  let isReachable = true;
  const saved = options.stateFile ? readStateFile(options.stateFile) : null;
  const epoch = saved?.epoch ?? randomUUID();
  state = saved
    ? DemoState.restore(rebase(saved, url), clock, url, routeOptions.variants)
    : new DemoState(generateSeed({ seed, products: options.products, picklists: options.picklists, baseUrl: url }), clock, url, routeOptions.variants);
  const world = state;
  let writing: Promise<void> = Promise.resolve();
  let unwritten: string | null = null;
  /**
   * The state as it is now, written atomically (temp file, rename) without blocking the event
   * loop: the station's main process shares it with the scans. Writes run one at a time; saves
   * that queue up while one is on its way are written once, as the newest.
   */
  function save(): Promise<void> {
    const file = options.stateFile;
    if (!file) return Promise.resolve();
    unwritten = JSON.stringify({ ...world.snapshot(), epoch } satisfies StateFile);
    writing = writing.then(async () => {
      const text = unwritten;
      if (text === null) return;
      unwritten = null;
      const temp = join(dirname(file), `.${basename(file)}.${String(process.pid)}.${String(++tempSeq)}.tmp`);
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(temp, text);
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        log.error('demo state not saved', { file, error: error instanceof Error ? error.message : String(error) });
      }
    });
    return writing;
  }
  await save();

  return {
    url,
    port,
    epoch,
    state,
    faults,
    requests,
    async setReachable(next) {
      if (next === isReachable) return;
      isReachable = next;
      if (next) await listen(port);
      else await stopListening();
    },
    setRateLimit: (perMinute) => limiter.setLimit(perMinute),
    close: async () => {
      // Changes a test made to `state` directly are kept too.
      await save();
      if (!isReachable) return;
      isReachable = false;
      await stopListening();
    },
  };
}

async function publicFile(world: DemoState, pathname: string): Promise<Reply> {
  const image = /^\/demo-images\/(\d+)\.png$/.exec(pathname);
  if (image) {
    const product = world.findProduct(Number(image[1]));
    if (!product || product.images.length === 0) return errorReply(404, picqerErrorCodes.itemNotFound, 'Image not found');
    return { status: 200, bytes: productImagePng(product.idproduct), contentType: 'image/png' };
  }
  const label = /^\/demo-labels\/(\d+)(?:-(\d+))?\.(pdf|zpl)$/.exec(pathname);
  if (label) {
    const record = world.findShipment(Number(label[1]));
    const parcel = label[2] === undefined ? null : Number(label[2]);
    if (record) {
      if (label[3] === 'pdf') {
        const pdf = await labelPdf(record, parcel);
        if (pdf) return { status: 200, bytes: pdf, contentType: 'application/pdf', filename: `label-${record.shipment.trackingcode}.pdf` };
      } else {
        const zpl = labelZpl(record, parcel);
        if (zpl) return { status: 200, bytes: Buffer.from(zpl, 'utf8'), contentType: 'application/zpl; charset=utf-8', filename: `label-${record.shipment.trackingcode}.zpl` };
      }
    }
  }
  return errorReply(404, picqerErrorCodes.itemNotFound, 'Not found');
}
