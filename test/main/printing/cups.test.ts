import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { getPrintJob } from '../../../electron/main/db/queries/print-jobs';
import { createCupsPrinter, cupsQueueHealth, discoverCupsQueues, parseLpstatPrinters } from '../../../electron/main/printing/cups-printer';
import { PrinterError } from '../../../electron/main/printing/printer-port';
import { createPrintService } from '../../../electron/main/printing/print-service';
import { renderPackingSlip } from '../../../electron/main/documents/packing-slip';
import { cupsJobOptions } from '../../../electron/main/printing/cups-printer';
import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js/node';
import { writeFileSync } from 'node:fs';
import { decodeBarcodes, missingTools, pdfPageSizes } from '../documents/pdf-tools';
import { isInstalled, requireTools } from '../../helpers/requires-tool';

/*
 * Against a real CUPS scheduler: a cups-pdf queue (the PDF lands in cups-pdf's output folder) and
 * a raw queue into a TCP sink this test runs on loopback. The test starts cupsd when it is not
 * running (it daemonises; it is left running for the next run) and makes its own queues.
 * Skipped, and counted in the run's summary, only where CUPS is not installed; npm run setup:test
 * installs it.
 */

const cupsdPath = ['/usr/sbin/cupsd', '/usr/local/sbin/cupsd'].find((path) => existsSync(path)) ?? null;
const hasCups = requireTools([cupsdPath ?? 'cupsd', 'lpadmin', 'lp', 'lpstat'], 'cups cups-client cups-bsd printer-driver-cups-pdf').length === 0;
const pdfQueue = 'PackdeskTestPDF';
const rawQueue = 'PackdeskTestRaw';


const sh = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });

async function ensureScheduler(): Promise<void> {
  if (spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } }).stdout.includes('is running')) return;
  execFileSync(cupsdPath ?? 'cupsd');
  await vi.waitFor(
    () => {
      if (!spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } }).stdout.includes('is running')) throw new Error('cupsd did not start');
    },
    { timeout: 10_000, interval: 100 },
  );
}

/** cups-pdf's PPD: the model name differs between packagings, so it is looked up. */
function cupsPdfModel(): string {
  const models = sh('lpinfo', ['-m']).split('\n').map((line) => line.split(' ')[0] ?? '');
  const model = models.find((m) => /CUPS-PDF_opt\.ppd$/.test(m)) ?? models.find((m) => /CUPS-PDF.*\.ppd$/i.test(m));
  if (!model) throw new Error('No cups-pdf model in lpinfo -m: is printer-driver-cups-pdf installed?');
  return model;
}

/** Where cups-pdf writes: its config's `Out`, with ${HOME} the submitting user's home (this process). */
function cupsPdfOutDir(): string {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? readFileSync('/etc/cups/cups-pdf.conf', 'utf8') : '';
  const out = /^\s*Out\s+(.+)$/m.exec(conf)?.[1]?.trim() ?? '/var/spool/cups-pdf/${USER}';
  return out.replace('${HOME}', homedir()).replace('${USER}', process.env.USER ?? 'root');
}

interface Sink {
  port: number;
  received: Buffer[];
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      if (chunks.length > 0) received.push(Buffer.concat(chunks));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The PDF cups-pdf wrote for job `id` (it names the file after the job title, packdesk-<id>-<kind>), waiting up to 20 s for it. */
function cupsPdfOutput(id: number, kind: string, startedAt: number): Promise<string> {
  const outDir = cupsPdfOutDir();
  return vi.waitFor(
    () => {
      const file = existsSync(outDir)
        ? readdirSync(outDir)
            .filter((name) => name.startsWith(`packdesk-${id}-${kind}`) && name.endsWith('.pdf'))
            .map((name) => join(outDir, name))
            .find((path) => statSync(path).mtimeMs >= startedAt)
        : undefined;
      if (!file) throw new Error(`no PDF for job ${id} in ${outDir}`);
      return file;
    },
    { timeout: 20_000, interval: 200 },
  );
}

/** A carrier label as carriers hand them out: one 4x6 in page with a Code 128 tracking barcode. */
async function carrierLabelPdf(tracking: string): Promise<Buffer> {
  const png = await bwipjs.toBuffer({ bcid: 'code128', text: tracking, scale: 3, height: 18, includetext: true, backgroundcolor: 'FFFFFF', paddingwidth: 12, paddingheight: 12 });
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({ size: [288, 432], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text('PostNL', 20, 20);
    doc.image(png, 20, 120, { width: 248 });
    doc.end();
  });
}

describe('lp options', () => {
  it('puts a label page on media of its own size, unscaled, and leaves other documents to the queue', () => {
    expect(cupsJobOptions({ kind: 'label', format: 'pdf', pageSize: { width: 288, height: 432 } })).toEqual(['-o', 'media=Custom.4x6in', '-o', 'print-scaling=none']);
    expect(cupsJobOptions({ kind: 'label', format: 'pdf', pageSize: { width: 283.46, height: 425.2 } })).toEqual(['-o', 'media=Custom.100x150mm', '-o', 'print-scaling=none']);
    expect(cupsJobOptions({ kind: 'label', format: 'pdf', pageSize: { width: 297.64, height: 419.53 } })).toEqual(['-o', 'media=A6', '-o', 'print-scaling=none']);
    expect(cupsJobOptions({ kind: 'label', format: 'pdf', pageSize: { width: 288, height: 432 } }, 'w288h432')).toEqual(['-o', 'media=w288h432', '-o', 'print-scaling=none']);
    // An A4 sheet with a label in one corner cannot print at full size on label stock: CUPS fits it.
    expect(cupsJobOptions({ kind: 'label', format: 'pdf', pageSize: { width: 595.28, height: 841.89 } })).toEqual([]);
    expect(cupsJobOptions({ kind: 'packing_slip', format: 'pdf', pageSize: { width: 595.28, height: 841.89 } }, 'A4')).toEqual(['-o', 'media=A4']);
    expect(cupsJobOptions({ kind: 'label', format: 'zpl' }, 'A4')).toEqual(['-o', 'raw']);
  });
});

describe('lpstat parsing', () => {
  it('reads idle, printing and disabled queues with their reasons', () => {
    const text = [
      'printer Brother_HL is idle.  enabled since Sun Nov 22 14:16:12 2026',
      'printer Zebra now printing Zebra-7.  enabled since Sun Nov 22 14:17:20 2026',
      '\tThe printer may not exist or is unavailable at this time.',
      'printer Office disabled since Sun Nov 22 14:18:00 2026 -',
      '\tPaper jam in tray 2',
    ].join('\n');
    expect(parseLpstatPrinters(text)).toEqual([
      { name: 'Brother_HL', state: 'ready', message: null , source: 'cups' },
      { name: 'Zebra', state: 'printing', message: 'The printer may not exist or is unavailable at this time.' , source: 'cups' },
      { name: 'Office', state: 'disabled', message: 'Paper jam in tray 2' , source: 'cups' },
    ]);
  });
});

describe.skipIf(!hasCups)('real CUPS: cups-pdf and raw queues', () => {
  let sink: Sink;
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    await ensureScheduler();
    sink = await startSink();
    dir = mkdtempSync(join(tmpdir(), 'packdesk-cups-'));
    db = openDatabase(join(dir, 'cache.sqlite'));
    sh('lpadmin', ['-p', pdfQueue, '-E', '-v', 'cups-pdf:/', '-m', cupsPdfModel()]);
    // CUPS 2.4 still takes `-m raw` (with a deprecation warning); without it a queue gets no filter.
    sh('lpadmin', ['-p', rawQueue, '-E', '-v', `socket://127.0.0.1:${sink.port}`, '-m', 'raw']);
  }, 30_000);

  afterAll(async () => {
    for (const queue of [pdfQueue, rawQueue]) spawnSync('lpadmin', ['-x', queue]);
    await sink?.close();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('discovers both queues as ready', async () => {
    const queues = await discoverCupsQueues();
    expect(queues).toEqual(expect.arrayContaining([expect.objectContaining({ name: pdfQueue, state: 'ready' }), expect.objectContaining({ name: rawQueue, state: 'ready' })]));
    expect(await cupsQueueHealth('PackdeskNoSuchQueue')).toMatchObject({ state: 'offline' });
  });

  it('prints a test page through the print queue to cups-pdf, follows the job until done, and the PDF lands in its folder', async () => {
    const clock = createManualClock();
    const printing = createPrintService({
      db,
      printers: { packingSlip: { driver: 'cups', queue: pdfQueue, media: 'A6' } },
      clock,
      onJob: () => undefined,
      testPageDir: join(dir, 'tests'),
      stationName: () => 'Pack 3',
    });
    const list = await printing.printers();
    expect(list[0]).toMatchObject({ documentType: 'packingSlip', driver: 'cups', description: `cups:${pdfQueue}`, health: { state: 'ready' } });

    const startedAt = Date.now() - 1_000;
    const id = await printing.testPrint('packingSlip');
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'done', lastError: null });

    // cups-pdf names the file after the job title (packdesk-<id>-test), sanitised.
    const file = await cupsPdfOutput(id, 'test', startedAt);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (isInstalled('pdftotext')) {
      const text = sh('pdftotext', [file, '-']);
      expect(text).toContain('Packdesk test print');
      expect(text).toContain('Pack 3');
    }
    rmSync(file, { force: true });
  }, 60_000);

  it.skipIf(missingTools.length > 0)('prints a packing slip to cups-pdf whose page decodes to the picklistid', async () => {
    const printing = createPrintService({ db, printers: { packingSlip: { driver: 'cups', queue: pdfQueue, media: 'A4' } }, clock: createManualClock(), onJob: () => undefined });
    const slip = await renderPackingSlip(
      {
        picklistid: 'P2026-10042',
        orderid: 'O2026-555',
        reference: 'PS #73 / ITQRFWVHT',
        date: new Date(2026, 10, 2, 10, 0, 0),
        deliveryAddress: ['Jörg Müller', 'Schloßstraße 1', '90-001 Łódź', 'PL'],
        invoiceAddress: [],
        lines: [{ productcode: 'SKU-001', name: 'Fietsbel Ørsted', amount: 2, remarks: null, parts: [] }],
        customerRemarks: null,
        orderFields: [],
      },
      { size: 'A4', language: 'nl', company: { name: 'Acme Fietsen BV', address: ['Kanaalweg 1'] } },
    );
    const documentPath = join(dir, 'packing-slip.pdf');
    writeFileSync(documentPath, slip);
    const startedAt = Date.now() - 1_000;
    const id = printing.queue({ kind: 'packing_slip', idpicklist: null, shipmentId: null, documentPath, format: 'pdf' });
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'done', lastError: null });
    const file = await cupsPdfOutput(id, 'packing_slip', startedAt);
    const printed = readFileSync(file);
    // cups-pdf re-renders through Ghostscript, which keeps the glyphs but not always their text:
    // what the printer put on paper is checked as a scanner sees it.
    expect(decodeBarcodes(printed, { dpi: 200 })).toContain('P2026-10042');
    rmSync(file, { force: true });
  }, 60_000);

  it.skipIf(missingTools.length > 0)('prints a 4x6 carrier label at full size on 4x6 media, not fitted to the queue default', async () => {
    // The queue defaults to A4, as an office printer's would: without our options the label would
    // come out as a 4x6 picture on an A4 page, or scaled.
    sh('lpadmin', ['-p', pdfQueue, '-o', 'media-default=A4']);
    const printing = createPrintService({ db, printers: { label: { driver: 'cups', queue: pdfQueue } }, clock: createManualClock(), onJob: () => undefined });
    const documentPath = join(dir, 'label.pdf');
    writeFileSync(documentPath, await carrierLabelPdf('3SABCD1234567'));
    const startedAt = Date.now() - 1_000;
    const id = printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath, format: 'pdf' });
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'done' });
    const file = await cupsPdfOutput(id, 'label', startedAt);
    const printed = readFileSync(file);
    const [size] = pdfPageSizes(printed);
    expect(size?.width).toBeCloseTo(288, 0);
    expect(size?.height).toBeCloseTo(432, 0);
    expect(decodeBarcodes(printed, { dpi: 200 })).toContain('3SABCD1234567');
    rmSync(file, { force: true });
  }, 60_000);

  it('sends ZPL through the raw queue to a loopback sink byte for byte', async () => {
    const zpl = Buffer.from('^XA\n^CI28\n^FO50,50^A0N,40,40^FDMüller, Łódź, Ørsted^FS\n^FO50,120^BCN,100,Y,N,N^FD3SABCD1234567^FS\n^XZ\n', 'utf8');
    const port = createCupsPrinter({ queue: rawQueue, pollMs: 200 });
    await port.print({ id: 901, kind: 'label', picklistid: null, format: 'zpl', body: zpl, target: port.plan({ id: 901, kind: 'label', picklistid: null, format: 'zpl' }, Date.now()) });
    const got = await vi.waitFor(
      () => {
        const body = sink.received.find((received) => received.includes(Buffer.from('3SABCD1234567')));
        if (!body) throw new Error('the raw queue has not delivered the label');
        return body;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(got.equals(zpl)).toBe(true);
  }, 30_000);

  it('shows a stopped queue as disabled with its reason and does not hand it a job', async () => {
    sh('cupsdisable', ['-r', 'Paper jam in tray 2', rawQueue]);
    try {
      expect(await cupsQueueHealth(rawQueue)).toEqual({ state: 'disabled', message: 'Paper jam in tray 2', reason: null });
      const port = createCupsPrinter({ queue: rawQueue });
      const error = await port
        .print({ id: 902, kind: 'label', picklistid: null, format: 'zpl', body: Buffer.from('^XA^XZ'), target: 'x' })
        .then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(PrinterError);
      // Nothing was sent, so the queue may try again later: not a maybe-printed failure.
      expect(error instanceof PrinterError && error.isMaybeDelivered).toBe(false);
      expect(error instanceof PrinterError && error.reason).toEqual({ code: 'print.cupsQueueDisabled', params: { queue: rawQueue, aside: ' (Paper jam in tray 2)' } });
      expect(String(error)).toMatch(/stopped.*Paper jam/);
    } finally {
      sh('cupsenable', [rawQueue]);
    }
  });
});
