import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintJobEvent } from '../../../shared/packing';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { getPrintJob } from '../../../electron/main/db/queries/print-jobs';
import { createPrintService } from '../../../electron/main/printing/print-service';
import { createRawTcpPrinter, hostStatusHealth, parseHostStatus } from '../../../electron/main/printing/raw-tcp-printer';

/*
 * Answers to ~HS as a ZPL printer frames them: three STX...ETX lines. Line 1 carries paper out
 * (field 2) and pause (field 3); line 2 head up (field 3) and ribbon out (field 4). A printer out
 * of labels or with its head open pauses itself too, so those answers have the pause flag set.
 */
const frame = (...lines: string[]) => lines.map((line) => `\x02${line}\x03\r\n`).join('');
const recorded = {
  ok: frame('030,0,0,1245,000,0,0,0,000,0,0,0', '000,0,0,0,1,2,6,0,00000000,1,000', '1234,0'),
  paperOut: frame('030,1,1,1245,000,0,0,0,000,0,0,0', '000,0,0,0,1,2,6,0,00000000,1,000', '1234,0'),
  headOpen: frame('030,0,1,1245,000,0,0,0,000,0,0,0', '000,0,1,0,1,2,6,0,00000000,1,000', '1234,0'),
  paused: frame('030,0,1,1245,000,0,0,0,000,0,0,0', '000,0,0,0,1,2,6,0,00000000,1,000', '1234,0'),
};

interface FakePrinter {
  port: number;
  received: Buffer[];
  answer: string;
  close(): Promise<void>;
}

/** A ZPL printer on loopback: answers ~HS with `answer`, keeps every job it is sent. */
async function startFakePrinter(answer: string, port = 0): Promise<FakePrinter> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const printer: FakePrinter = { port: 0, received, answer, close: async () => undefined };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).toString('latin1') === '~HS') socket.write(printer.answer);
    });
    socket.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.length > 0 && body.toString('latin1') !== '~HS') received.push(body);
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  printer.port = (server.address() as AddressInfo).port;
  printer.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return printer;
}

/** A port nobody listens on (yet): bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('~HS host status', () => {
  it.each([
    ['ok', 'ready'],
    ['paperOut', 'paper_out'],
    ['headOpen', 'head_open'],
    ['paused', 'paused'],
  ] as const)('reads the recorded "%s" answer as %s', (name, state) => {
    const status = parseHostStatus(recorded[name]);
    expect(status).not.toBeNull();
    if (status) expect(hostStatusHealth(status).state).toBe(state);
  });

  it('reads ribbon out, and refuses what is not a host status answer', () => {
    const ribbon = parseHostStatus(frame('030,0,0,1245,000,0,0,0,000,0,0,0', '000,0,0,1,1,2,6,0,00000000,1,000', '1234,0'));
    expect(ribbon && hostStatusHealth(ribbon).state).toBe('ribbon_out');
    expect(parseHostStatus('')).toBeNull();
    expect(parseHostStatus('HTTP/1.1 400 Bad Request\r\n')).toBeNull();
  });
});

describe('raw-tcp printer against a fake ZPL printer on loopback', () => {
  const started: FakePrinter[] = [];
  afterEach(async () => {
    for (const printer of started.splice(0)) await printer.close();
  });

  it.each([
    ['ok', 'ready'],
    ['paperOut', 'paper_out'],
    ['headOpen', 'head_open'],
    ['paused', 'paused'],
  ] as const)('asks the printer with ~HS: %s shows as %s', async (name, state) => {
    const printer = await startFakePrinter(recorded[name]);
    started.push(printer);
    const health = await createRawTcpPrinter({ host: '127.0.0.1', port: printer.port, format: 'zpl' }).health();
    expect(health.state).toBe(state);
    if (state !== 'ready') expect(health.message).toBeTruthy();
  });

  it('shows a printer that is not there as offline, and one that says nothing as unknown', async () => {
    const port = await freePort();
    expect((await createRawTcpPrinter({ host: '127.0.0.1', port, format: 'zpl' }).health()).state).toBe('offline');
    const silent = await startFakePrinter('');
    started.push(silent);
    const health = await createRawTcpPrinter({ host: '127.0.0.1', port: silent.port, format: 'zpl', timeoutMs: 300 }).health();
    expect(health.state).toBe('unknown');
  });

  it('sends the job bytes unchanged', async () => {
    const printer = await startFakePrinter(recorded.ok);
    started.push(printer);
    const body = Buffer.from('^XA^FO50,50^FDMüller Łódź^FS^XZ\n', 'utf8');
    await createRawTcpPrinter({ host: '127.0.0.1', port: printer.port, format: 'zpl' }).print({ id: 1, kind: 'label', picklistid: null, format: 'zpl', body, target: 'x' });
    expect(printer.received).toHaveLength(1);
    expect(printer.received[0]?.equals(body)).toBe(true);
  });
});

describe('print queue with a raw-tcp printer that is down, then comes back', () => {
  let dir: string;
  let db: Database;
  let document: string;
  const events: PrintJobEvent[] = [];
  const started: FakePrinter[] = [];
  const label = Buffer.from('^XA^FO20,20^BCN,80^FD3SABCD1234567^FS^XZ', 'latin1');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-rawtcp-'));
    db = openDatabase(join(dir, 'cache.sqlite'));
    document = join(dir, 'label.zpl');
    writeFileSync(document, label);
    events.length = 0;
  });

  afterEach(async () => {
    for (const printer of started.splice(0)) await printer.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits with backoff while the printer is offline, shows it offline, and prints once when it is back', async () => {
    const clock = createManualClock();
    const port = await freePort();
    const printing = createPrintService({
      db,
      printers: { label: { driver: 'raw-tcp', host: '127.0.0.1', port, format: 'zpl' } },
      clock,
      onJob: (e) => events.push(e),
      retry: { minMs: 1_000, maxMs: 10_000 },
    });
    const id = printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' });
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(getPrintJob(db, id)?.lastError).toMatch(/"code":"printer.unreachable"/);
    const [, labelPrinter] = await printing.printers();
    expect(labelPrinter).toMatchObject({ documentType: 'label', driver: 'raw-tcp', health: { state: 'offline' } });

    // Still down at the next attempt: the wait doubles.
    clock.advance(1_000);
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'queued', attempts: 2 });
    clock.advance(1_000);
    await printing.drain();
    expect(getPrintJob(db, id)?.attempts).toBe(2);

    const printer = await startFakePrinter(recorded.ok, port);
    started.push(printer);
    clock.advance(1_000);
    await printing.drain();
    await printing.drain();
    expect(getPrintJob(db, id)?.status).toBe('done');
    expect(printer.received).toHaveLength(1);
    expect(printer.received[0]?.equals(label)).toBe(true);
    expect(events.map((e) => e.status)).toEqual(['queued', 'printing', 'queued', 'printing', 'queued', 'printing', 'done']);
    expect((await printing.printers())[1]?.health).toEqual({ state: 'ready', message: null, reason: null });
  });

  it('a test print for the label printer is ZPL through the same queue', async () => {
    const clock = createManualClock();
    const printer = await startFakePrinter(recorded.ok);
    started.push(printer);
    const printing = createPrintService({
      db,
      printers: { label: { driver: 'raw-tcp', host: '127.0.0.1', port: printer.port, format: 'zpl' } },
      clock,
      onJob: (e) => events.push(e),
      testPageDir: join(dir, 'tests'),
      stationName: () => 'Pack ^3',
    });
    const id = await printing.testPrint('label');
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ kind: 'test', status: 'done', format: 'zpl' });
    const sent = printer.received[0]?.toString('utf8') ?? '';
    expect(sent.startsWith('^XA')).toBe(true);
    expect(sent).toContain('Pack  3');
    expect(sent.trim().endsWith('^XZ')).toBe(true);
  });
});
