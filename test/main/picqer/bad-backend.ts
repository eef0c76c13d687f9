import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/*
 * A real HTTP server on loopback that answers the way a broken backend or a proxy in between
 * does. Each request goes to `answer`; what it leaves alone is passed on to `upstream` (the demo
 * backend), with `rewrite` given the chance to corrupt the JSON on the way back.
 */

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export type Answer =
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Writes the response itself (a body that never ends, a stream cut off). */
  | { write(res: ServerResponse, req: IncomingMessage): void };

export interface BadBackendOptions {
  upstream?: string;
  answer?: (request: SeenRequest) => Answer | undefined;
  /** Rewrites an upstream JSON answer; return undefined to keep it. */
  rewrite?: (request: SeenRequest, json: unknown) => unknown;
}

export interface BadBackend {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startBadBackend(options: BadBackendOptions): Promise<BadBackend> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(seen);
    const body = await readBody(req);
    const answer = options.answer?.(seen);
    if (answer && 'write' in answer) {
      answer.write(res, req);
      return;
    }
    if (answer) {
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? '');
      return;
    }
    if (!options.upstream) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":true,"error_code":20,"error_message":"Not found"}');
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'user-agent', 'accept', 'content-type']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(options.upstream + (req.url ?? '/'), {
      method: seen.method,
      headers,
      body: body.length > 0 ? body : undefined,
      redirect: 'manual',
    });
    const bytes = Buffer.from(await upstream.arrayBuffer());
    const type = upstream.headers.get('content-type') ?? '';
    let out = bytes;
    if (options.rewrite && type.startsWith('application/json')) {
      const rewritten = options.rewrite(seen, JSON.parse(bytes.toString('utf8')));
      if (rewritten !== undefined) out = Buffer.from(JSON.stringify(rewritten));
    }
    const passed: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'connection') passed[name] = value;
    });
    res.writeHead(upstream.status, passed).end(out);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
