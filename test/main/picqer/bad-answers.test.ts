import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogLevel } from '../../../electron/main/infra/log';
import { createPicqerClient, type PicqerClient } from '../../../electron/main/picqer/client';
import { PicqerError } from '../../../electron/main/picqer/errors';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import type { SkippedRecord } from '../../../electron/main/picqer/types';
import { startBadBackend, type Answer, type BadBackend, type SeenRequest } from './bad-backend';

/*
 * Every kind of bad answer, served by a real HTTP server on loopback to the real client: each one
 * becomes a named error with a sentence an IT person can act on, never a crash, and a bad record
 * in a list costs that record only.
 */

const backends: BadBackend[] = [];
afterEach(async () => {
  resetSharedSchedulers();
  while (backends.length) await backends.pop()?.close();
});

async function serve(answer: (request: SeenRequest) => Answer | undefined): Promise<{ backend: BadBackend; client: PicqerClient }> {
  const backend = await startBadBackend({ answer });
  backends.push(backend);
  const client = createPicqerClient({ baseUrl: backend.url, apiKey: 'bad-answers-test-key', userAgent: 'Packdesk-test/0 (test@example.com)' });
  return { backend, client };
}

async function failure(promise: Promise<unknown>): Promise<PicqerError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PicqerError)) throw new Error(`expected a PicqerError, got ${String(error)}`);
  return error;
}

async function allPages<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const json = (body: unknown, status = 200): Answer => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const picklist = (idpicklist: number, extra: Record<string, unknown> = {}) => ({
  idpicklist,
  picklistid: `P${idpicklist}`,
  idwarehouse: 1,
  status: 'new',
  products: [{ idpicklist_product: idpicklist * 10, idproduct: 1, amount: 1 }],
  ...extra,
});

/** Streams `total` bytes in 64 KB chunks, honouring backpressure, and counts what it got to write. */
function streamOf(total: number, written: { bytes: number; closedEarly: boolean }, declareLength: boolean): Answer {
  return {
    write(res: ServerResponse) {
      res.writeHead(200, { 'Content-Type': 'application/json', ...(declareLength ? { 'Content-Length': String(total) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.on('close', () => {
        if (written.bytes < total) written.closedEarly = true;
      });
      const pump = () => {
        while (written.bytes < total && !res.destroyed) {
          written.bytes += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
  };
}

describe('bad answers from the backend, over real HTTP', () => {
  it('calls malformed JSON broken data, with the request it answered', async () => {
    const { client } = await serve(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '[{"idwarehouse": 1, "name": "Main"' }));
    const error = await failure(client.listWarehouses());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toBe("Picqer sent an answer Packdesk cannot read: the data is broken or cut off (application/json)");
    expect(error.details).toMatchObject({ method: 'GET', path: '/warehouses', httpStatus: 200 });
  });

  it('names the field when a type is wrong or a field is missing', async () => {
    const { client } = await serve((request) =>
      request.path.endsWith('/picklists/1') ? json(picklist(1, { idwarehouse: 'main' })) : json({ idpicklist: 2, idwarehouse: 1, status: 'new' }),
    );
    const wrongType = await failure(client.getPicklist(1));
    expect(wrongType.code).toBe('BAD_RESPONSE');
    expect(wrongType.message).toContain('idwarehouse');
    expect(wrongType.message).toContain('"main"');
    const missing = await failure(client.getPicklist(2));
    expect(missing.message).toContain('picklistid');
    expect(missing.message).toContain('missing');
  });

  it('sets aside a record with an unknown status, or no object at all, and keeps the rest of the page', async () => {
    const { client } = await serve(() =>
      json([picklist(1), picklist(2, { status: 'archived' }), null, 'picklist 4', picklist(5, { products: 'none' }), picklist(6)]),
    );
    const pages = await allPages(client.picklistPages({ idwarehouse: 1 }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.items.map((p) => p.idpicklist)).toEqual([1, 6]);
    expect(pages[0]?.rejected.map((r) => r.id)).toEqual([2, null, null, 5]);
    expect(pages[0]?.rejected[0]?.reason).toMatch(/^status: .*\(got "archived"\)$/);
    expect(pages[0]?.rejected[3]?.reason).toMatch(/^products: /);
  });

  it('sets aside a record nested absurdly deep instead of overflowing the stack on it', async () => {
    const deep = `${'['.repeat(100_000)}"bottom"${']'.repeat(100_000)}`;
    const body = `[${JSON.stringify(picklist(1))},${JSON.stringify(picklist(2, { extra: 'DEEP' })).replace('"DEEP"', deep)}]`;
    const { client } = await serve(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body }));
    const [page] = await allPages(client.picklistPages({ idwarehouse: 1 }));
    expect(page?.items.map((p) => p.idpicklist)).toEqual([1]);
    expect(page?.rejected).toEqual([{ index: 1, id: 2, reason: 'record: nested more than 32 levels deep' }]);
  });

  it('reports and logs each record a whole-list method set aside, with its id and reason', async () => {
    const lines: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }> = [];
    setLogSink((line) => lines.push(line), 'warn');
    try {
      const { client } = await serve(() => json([{ iduser: 1, username: 'anna' }, { iduser: 'two', username: 'bert' }, { iduser: 3, username: 'carla' }]));
      const skipped: SkippedRecord[] = [];
      const users = await client.listUsers({ onSkipped: (record) => skipped.push(record) });
      expect(users.map((u) => u.iduser)).toEqual([1, 3]);
      expect(skipped).toEqual([{ path: '/users', id: null, reason: 'iduser: Invalid input (got "two")' }]);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'record skipped', fields: { path: '/users', id: null, reason: 'iduser: Invalid input (got "two")' } }));
    } finally {
      setLogSink((line) => process.stderr.write(`${line.message}\n`), 'warn');
    }
  });

  it("explains a proxy's HTML error page as such, by its status", async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><hr>nginx</body></html>';
    const { client } = await serve(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: page }));
    const error = await failure(client.getPicklist(1));
    expect(error).toMatchObject({ code: 'BACKEND_ERROR', httpStatus: 502, picqerErrorCode: null, outcomeUnknown: false });
    expect(error.message).toBe('Picqer had a problem (HTTP 502, a web page from a proxy or gateway instead of an answer from Picqer)');
    const change = await failure(client.pick(1, { idpicklist_product: 10, amount: 1 }));
    expect(change).toMatchObject({ code: 'BACKEND_ERROR', outcomeUnknown: true });
  });

  it('calls an HTML page with status 200 (a login or captive portal) a wrong answer, not data', async () => {
    const { client } = await serve(() => ({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<html><body>Please log in to the Wi-Fi</body></html>' }));
    const error = await failure(client.listWarehouses());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('a web page came back instead of data (text/html)');
  });

  it('cuts a 10 MB body off at the 8 MB cap while it streams, without reading the rest', async () => {
    const written = { bytes: 0, closedEarly: false };
    const total = 64 * 1024 * 1024;
    const { client } = await serve(() => streamOf(total, written, false));
    const error = await failure(client.listWarehouses());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toBe('The answer from Picqer is larger than 8 MB; Packdesk stopped reading it');
    await expect.poll(() => written.closedEarly).toBe(true);
    // What the server managed to write before the client hung up: the cap plus what the two
    // sockets buffer, nowhere near the 64 MB on offer.
    expect(written.bytes).toBeLessThan(24 * 1024 * 1024);
  });

  it('refuses a declared 10 MB body at its headers, before the body', async () => {
    const written = { bytes: 0, closedEarly: false };
    const { client } = await serve(() => streamOf(10 * 1024 * 1024, written, true));
    const error = await failure(client.getPicklist(1));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('larger than 8 MB');
    await expect.poll(() => written.closedEarly).toBe(true);
  });

  it('still reads a large answer under the cap', async () => {
    const many = Array.from({ length: 100 }, (_, i) => picklist(i + 1, { deliveryname: 'x'.repeat(20_000) }));
    const { client } = await serve(() => json(many));
    const [page] = await allPages(client.picklistPages({ idwarehouse: 1 }));
    expect(page?.items).toHaveLength(100);
  });
});

describe('label and image downloads, over real HTTP', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

  it('fetches a PDF label from loopback without the API key, and says what it is', async () => {
    const { backend, client } = await serve(() => ({ status: 200, headers: { 'Content-Type': 'application/pdf' }, body: pdf }));
    const doc = await client.downloadDocument(`${backend.url}/labels/1.pdf`);
    expect(doc).toMatchObject({ format: 'pdf', contentType: 'application/pdf' });
    expect(doc.body.equals(pdf)).toBe(true);
    expect(backend.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('accepts ZPL as text or as a generic download when the bytes are ZPL', async () => {
    const zpl = '^XA^CI28^FO50,50^FDHello^FS^XZ';
    const { backend, client } = await serve((request) => ({
      status: 200,
      headers: { 'Content-Type': request.path.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream' },
      body: zpl,
    }));
    expect((await client.downloadDocument(`${backend.url}/l.txt`)).format).toBe('zpl');
    expect((await client.downloadDocument(`${backend.url}/l.bin`)).format).toBe('zpl');
  });

  it('refuses a web page, a fake PDF and an unknown type where a label was expected', async () => {
    const { backend, client } = await serve((request) => {
      if (request.path === '/page') return { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>Sign in</html>' };
      if (request.path === '/fake.pdf') return { status: 200, headers: { 'Content-Type': 'application/pdf' }, body: '<html>not a pdf</html>' };
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"label": "nope"}' };
    });
    const page = await failure(client.downloadDocument(`${backend.url}/page`));
    expect(page).toMatchObject({ code: 'BAD_RESPONSE', message: 'Packdesk did not fetch the label: a web page came back instead of the file' });
    expect((await failure(client.downloadDocument(`${backend.url}/fake.pdf`))).message).toContain('says it is a PDF but is not one');
    expect((await failure(client.downloadDocument(`${backend.url}/label.json`))).message).toContain('labels of type application/json are not accepted');
  });

  it('takes images of image/* only, and no SVG', async () => {
    const { backend, client } = await serve((request) => {
      if (request.path.endsWith('.png')) return { status: 200, headers: { 'Content-Type': 'image/png' }, body: png };
      if (request.path.endsWith('.svg')) return { status: 200, headers: { 'Content-Type': 'image/svg+xml' }, body: '<svg onload="alert(1)"/>' };
      return { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html></html>' };
    });
    expect((await client.downloadDocument(`${backend.url}/p.png`, { kind: 'image' })).format).toBe('png');
    expect((await failure(client.downloadDocument(`${backend.url}/p.svg`, { kind: 'image' }))).message).toContain('SVG');
    expect((await failure(client.downloadDocument(`${backend.url}/p`, { kind: 'image' }))).code).toBe('BAD_RESPONSE');
  });

  it('caps a label at 8 MB while it streams', async () => {
    const written = { bytes: 0, closedEarly: false };
    const { backend, client } = await serve(() => streamOf(64 * 1024 * 1024, written, false));
    const error = await failure(client.downloadDocument(`${backend.url}/huge.pdf`));
    expect(error.message).toBe(`The answer from the label server 127.0.0.1:${backend.port} is larger than 8 MB; Packdesk stopped reading it`);
    await expect.poll(() => written.closedEarly).toBe(true);
    expect(written.bytes).toBeLessThan(24 * 1024 * 1024);
  });

  it('follows a redirect on loopback, checks every hop, and gives up after three', async () => {
    const { backend, client } = await serve((request): Answer => {
      if (request.path === '/short') return { status: 302, headers: { Location: '/labels/1.pdf' } };
      if (request.path === '/downgrade') return { status: 302, headers: { Location: 'http://10.0.0.7/label.pdf' } };
      if (request.path === '/scheme') return { status: 301, headers: { Location: 'file:///etc/passwd' } };
      if (request.path.startsWith('/loop')) return { status: 302, headers: { Location: `/loop${Number(request.path.slice(5) || 0) + 1}` } };
      return { status: 200, headers: { 'Content-Type': 'application/pdf' }, body: pdf };
    });
    expect((await client.downloadDocument(`${backend.url}/short`)).format).toBe('pdf');
    expect((await failure(client.downloadDocument(`${backend.url}/downgrade`))).message).toBe(
      'Packdesk did not fetch the label: the link is not secure (http instead of https)',
    );
    expect((await failure(client.downloadDocument(`${backend.url}/scheme`))).message).toContain('links of type file are not fetched');
    expect((await failure(client.downloadDocument(`${backend.url}/loop`))).message).toContain('too many redirects');
    expect(backend.requests.filter((r) => r.path.startsWith('/loop'))).toHaveLength(4);
  });

  it('refuses plain http off loopback and other schemes before sending anything', async () => {
    const { backend, client } = await serve(() => ({ status: 200, body: pdf }));
    for (const url of ['http://labels.example/1.pdf', 'file:///etc/passwd', 'ftp://labels.example/1.pdf', 'https://user:pass@labels.example/1.pdf', 'not a url']) {
      await expect(client.downloadDocument(url), url).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(backend.requests).toHaveLength(0);
  });

  it("calls a label server's 5xx worth waiting for and its 404 not", async () => {
    const { backend, client } = await serve((request) => ({ status: request.path === '/busy' ? 503 : 404, body: '' }));
    expect(await failure(client.downloadDocument(`${backend.url}/busy`))).toMatchObject({ code: 'BACKEND_ERROR', httpStatus: 503 });
    expect(await failure(client.downloadDocument(`${backend.url}/gone`))).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
  });
});
