import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reasonText } from '../../../shared/i18n';
import { en } from '../../../shared/i18n/en';
import type { PrintJobEvent } from '../../../shared/packing';
import type { PrinterHealth } from '../../../shared/printing';
import type { Reason } from '../../../shared/reasons';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { cupsFailureHealth, cupsQueueHealth } from '../../../electron/main/printing/cups-printer';
import { folderHealth } from '../../../electron/main/printing/folder-health';
import { createPrintService } from '../../../electron/main/printing/print-service';
import { PrinterError, type PrinterPort } from '../../../electron/main/printing/printer-port';
import { createRawTcpPrinter, hostStatusHealth } from '../../../electron/main/printing/raw-tcp-printer';
import { createWindowsPrinter, parseWindowsPrinterHealth, type Runner } from '../../../electron/main/printing/windows-printer';

/*
 * Main never writes a sentence for the screen: what a printer's health or a failed job says in
 * Packdesk's words travels as a reason, worded in the station's language. A Dutch station showed
 * "Niet bereikbaar CUPS has no queue named Brother HL-L2350DW"; these tests keep that from coming back.
 */

const englishSentences = Object.entries(en)
  .filter(([key]) => key.startsWith('reason.printer.') || key.startsWith('reason.print.') || key.startsWith('reason.device.'))
  .map(([, text]) => text.split('{')[0]?.trim() ?? '')
  .filter((start) => start.length > 12);

/** A reason worded in Dutch, checked to carry none of the English sentences. */
function inDutch(why: Reason | null | undefined): string {
  expect(why, 'a reason, not a sentence').toBeTruthy();
  const text = reasonText('nl', why as Reason);
  expect(text).not.toBe(why?.code);
  for (const english of englishSentences) expect(text).not.toContain(english);
  return text;
}

const healthWords = (health: PrinterHealth) => inDutch(health.reason);

describe('printer health in the packer language', () => {
  it('a CUPS queue that does not exist', async () => {
    const health = await cupsQueueHealth('Brother HL-L2350DW no such queue');
    expect(health.state).toBe('offline');
    expect(healthWords(health)).toMatch(/CUPS|Brother/);
  });

  it('a ZPL printer that says its head is open, labels or ribbon are out, it is paused or busy', () => {
    const base = { isPaperOut: false, isPaused: false, isBufferFull: false, isHeadUp: false, isRibbonOut: false, labelsRemaining: 0 };
    expect(healthWords(hostStatusHealth({ ...base, isHeadUp: true }))).toBe('De printkop staat open');
    expect(healthWords(hostStatusHealth({ ...base, isPaperOut: true }))).toBe('De labels in de printer zijn op');
    healthWords(hostStatusHealth({ ...base, isRibbonOut: true }));
    healthWords(hostStatusHealth({ ...base, isPaused: true }));
    healthWords(hostStatusHealth({ ...base, isBufferFull: true }));
    expect(hostStatusHealth(base)).toEqual({ state: 'ready', message: null, reason: null });
  });

  it('Windows: no such printer, used offline, out of paper, offline', () => {
    expect(healthWords(parseWindowsPrinterHealth('missing', 'Zebra'))).toBe('Windows heeft geen printer met de naam Zebra');
    healthWords(parseWindowsPrinterHealth('3|True|2', 'Zebra'));
    healthWords(parseWindowsPrinterHealth('1|False|4', 'Zebra'));
    healthWords(parseWindowsPrinterHealth('7|False|0', 'Zebra'));
  });

  it('a folder that cannot be written', () => {
    // Under a plain file: no user, root included, can make the folder there.
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-words-'));
    try {
      const file = join(dir, 'not-a-folder');
      writeFileSync(file, '');
      const health = folderHealth(join(file, 'labels'));
      expect(health.state).toBe('offline');
      expect(healthWords(health)).toContain(join(file, 'labels'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a raw printer nobody answers on, and one that accepts connections', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const accepting = await createRawTcpPrinter({ host: '127.0.0.1', port, format: 'pdf' }).health();
      expect(healthWords(accepting)).toContain(`127.0.0.1:${port}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const gone = await createRawTcpPrinter({ host: '127.0.0.1', port, format: 'zpl', connectTimeoutMs: 2_000 }).health();
    expect(gone.state).toBe('offline');
    expect(healthWords(gone)).toContain(`127.0.0.1:${port}`);
  });

  it('a printer that does not answer in time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-words-'));
    const db = openDatabase(join(dir, 'cache.sqlite'));
    const silent: PrinterPort = { description: 'folder:/x', plan: () => 'x', print: async () => undefined, wasDelivered: async () => null, health: () => new Promise(() => undefined) };
    try {
      const printing = createPrintService({ db, printers: { label: { driver: 'folder', path: dir } }, clock: createManualClock(0), onJob: () => undefined, portFor: () => silent, healthTimeoutMs: 20 });
      const label = (await printing.printers()).find((p) => p.documentType === 'label');
      expect(label?.health?.state).toBe('unknown');
      healthWords(label?.health as PrinterHealth);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('failed print jobs in the packer language', () => {
  let dir: string;
  let db: Database;
  let document: string;
  const events: PrintJobEvent[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-words-'));
    db = openDatabase(join(dir, 'cache.sqlite'));
    document = join(dir, 'label.zpl');
    writeFileSync(document, '^XA^FDtest^FS^XZ');
    events.length = 0;
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const failWith = async (error: PrinterError) => {
    const port: PrinterPort = {
      description: 'raw-tcp:10.0.0.5:9100',
      plan: (job) => `x#${job.id}`,
      print: async () => {
        throw error;
      },
      wasDelivered: async () => null,
      health: async () => ({ state: 'ready', message: null, reason: null }),
    };
    const printing = createPrintService({ db, printers: { label: { driver: 'raw-tcp', host: '10.0.0.5', port: 9100, format: 'zpl' } }, clock: createManualClock(0), onJob: (e) => events.push(e), portFor: () => port, maxAttempts: 1 });
    db.transaction(() => printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' }))();
    await printing.drain();
    return events.at(-1);
  };

  it('a job the printer refused carries the driver reason; the English stays for the log', async () => {
    const last = await failWith(new PrinterError({ code: 'print.windowsRefused', params: { printer: 'Zebra', aside: ' (StartDocPrinter failed)' } }));
    expect(last).toMatchObject({ status: 'failed', reason: { code: 'print.windowsRefused' } });
    expect(inDutch(last?.reason)).toBe('Windows weigerde de printopdracht voor Zebra (StartDocPrinter failed).');
    expect(last?.error).toBe('Windows refused the job for Zebra (StartDocPrinter failed).');
  });

  it('a job that may have printed says so in the reason itself', async () => {
    const last = await failWith(new PrinterError({ code: 'print.rawConnectionBrokeMidJob', params: { where: '10.0.0.5:9100', aside: ' (ECONNRESET)' } }, { isMaybeDelivered: true }));
    expect(inDutch(last?.reason)).toMatch(/kan geprint zijn/);
  });

  it('a raw printer that is not there fails the job with a reason', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await createRawTcpPrinter({ host: '127.0.0.1', port })
      .print({ id: 1, kind: 'label', picklistid: null, format: 'zpl', body: Buffer.from('^XA^XZ'), target: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect(inDutch((error as PrinterError).reason)).toContain(`127.0.0.1:${port}`);
  });

  it('Windows: a printer Windows does not have fails the job with the health reason', async () => {
    const run: Runner = async () => ({ code: 0, stdout: 'missing\r\n', stderr: '' });
    const error = await createWindowsPrinter({ printer: 'ZDesigner GK420d', run, tempDir: dir })
      .print({ id: 1, kind: 'label', picklistid: null, format: 'zpl', body: Buffer.from('^XA^XZ'), target: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect(inDutch((error as PrinterError).reason)).toBe('Windows heeft geen printer met de naam ZDesigner GK420d');
  });
});

describe('what lpstat answers when it fails', () => {
  it('a scheduler that is not running, or a queue CUPS does not know, is worded; anything else is CUPS’s own words', () => {
    expect(inDutch(cupsFailureHealth('Zebra', 'lpstat: Unable to connect to server').reason)).toMatch(/CUPS/);
    expect(cupsFailureHealth('Zebra', 'lpstat: Scheduler is not running.').reason?.code).toBe('printer.cupsNotRunning');
    expect(cupsFailureHealth('Zebra', 'lpstat: Invalid destination name in list "Zebra".').reason).toEqual({ code: 'printer.noCupsQueue', params: { queue: 'Zebra' } });
    expect(cupsFailureHealth('Zebra', 'lpstat: something new')).toEqual({ state: 'offline', message: 'lpstat: something new', reason: null });
  });
});
