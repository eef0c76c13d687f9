import { storedError } from '../../../electron/main/packing/reasons';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { PrintJobEvent } from '../../../shared/packing';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { claimPrintJob, getPrintJob } from '../../../electron/main/db/queries/print-jobs';
import { createFolderPrinter } from '../../../electron/main/printing/folder-printer';
import { createPrintService } from '../../../electron/main/printing/print-service';

describe('print queue with the folder driver', () => {
  let dir: string;
  let db: Database;
  let printDir: string;
  let document: string;
  const clock = createManualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const events: PrintJobEvent[] = [];
  const printers = { label: { driver: 'folder' as const, path: '' } };
  const files = () => readdirSync(printDir).filter((f) => !f.startsWith('.'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-print-'));
    db = openDatabase(join(dir, 'cache.sqlite'));
    printDir = join(dir, 'printer');
    printers.label.path = printDir;
    document = join(dir, 'label.zpl');
    writeFileSync(document, '^XA^FDtest^FS^XZ');
    events.length = 0;
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const service = () => createPrintService({ db, printers, clock, onJob: (e) => events.push(e) });

  it('prints a queued job once, as one file named after the job, and reports each state', async () => {
    const printing = service();
    const id = db.transaction(() => printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' }))();
    await printing.drain();
    await printing.drain();
    expect(files()).toHaveLength(1);
    expect(files()[0]).toMatch(new RegExp(`^\\d{8}-\\d{6}-${id}-label\\.zpl$`));
    expect(events.map((e) => e.status)).toEqual(['queued', 'printing', 'done']);
  });

  it('a job without a printer for its kind fails with a reason the screen words, not silently', async () => {
    const printing = service();
    const id = printing.queue({ kind: 'packing_slip', idpicklist: 5, shipmentId: null, documentPath: document, format: 'pdf' });
    await printing.drain();
    expect(getPrintJob(db, id)?.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ id, status: 'failed', error: 'No printer is set for it: choose one in Settings.', reason: { code: 'print.noPrinterSet' } });
  });

  it('after a restart mid-print: a job that reached the folder is not printed again; one that did not is printed once', async () => {
    const first = service();
    const delivered = first.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' });
    const lost = first.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' });
    // The station stopped after claiming both; only the first file had been renamed into place.
    const port = createFolderPrinter(printDir);
    const targetA = port.plan({ id: delivered, kind: 'label', picklistid: null, format: 'zpl' }, clock.now());
    claimPrintJob(db, delivered, targetA, new Date(clock.now()).toISOString());
    await port.print({ id: delivered, kind: 'label', picklistid: null, format: 'zpl', body: Buffer.from('x'), target: targetA });
    const targetB = port.plan({ id: lost, kind: 'label', picklistid: null, format: 'zpl' }, clock.now());
    claimPrintJob(db, lost, targetB, new Date(clock.now()).toISOString());

    const second = service();
    second.start();
    await second.drain();
    await second.stop();
    expect(getPrintJob(db, delivered)?.status).toBe('done');
    expect(getPrintJob(db, lost)?.status).toBe('done');
    expect(files()).toHaveLength(2);

    const third = service();
    await third.drain();
    expect(files()).toHaveLength(2);
  });

  it('a printer that cannot tell whether it printed fails the job with a sentence instead of printing twice', async () => {
    const printing = createPrintService({
      db,
      printers: { label: { driver: 'raw-tcp', host: '127.0.0.1', port: 9, format: 'zpl' } },
      clock,
      onJob: (e) => events.push(e),
    });
    const id = printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' });
    claimPrintJob(db, id, 'raw-tcp:127.0.0.1:9#1', new Date(clock.now()).toISOString());
    await printing.drain();
    expect(getPrintJob(db, id)?.status).toBe('failed');
    expect(storedError(getPrintJob(db, id)?.lastError ?? null).error).toMatch(/may or may not have printed/);
  });

  it('retries with backoff while the folder cannot be written, then prints', async () => {
    writeFileSync(printDir, 'not a directory');
    const printing = service();
    const id = printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' });
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'queued', attempts: 1 });
    rmSync(printDir);
    clock.advance(10_000);
    await printing.drain();
    expect(getPrintJob(db, id)?.status).toBe('done');
    expect(files()).toHaveLength(1);
  });

  it('a failed job is retried on request and prints once; only a failed job can be retried', async () => {
    writeFileSync(printDir, 'not a directory');
    const printing = createPrintService({ db, printers, clock, onJob: (e) => events.push(e), maxAttempts: 1 });
    const id = printing.queue({ kind: 'label', idpicklist: 4, shipmentId: null, documentPath: document, format: 'zpl' });
    await printing.drain();
    expect(getPrintJob(db, id)?.status).toBe('failed');
    rmSync(printDir);
    printing.retry(id);
    expect(events.at(-1)).toMatchObject({ id, status: 'queued', error: null, reason: null });
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(files()).toHaveLength(1);
    expect(() => printing.retry(id)).toThrow(AppError);
    expect(() => printing.retry(9999)).toThrow(/does not exist/);
  });

  it('lists each document type with its printer and health, and test-prints a PDF page through the queue', async () => {
    const printing = createPrintService({
      db,
      printers: { packingSlip: { driver: 'folder', path: printDir } },
      clock,
      onJob: (e) => events.push(e),
      testPageDir: join(dir, 'tests'),
      stationName: () => 'Pack 3',
    });
    expect(await printing.printers()).toEqual([
      { documentType: 'packingSlip', driver: 'folder', description: `folder:${printDir}`, health: { state: 'ready', message: null, reason: null }, config: { driver: 'folder', path: printDir }, source: null },
      { documentType: 'label', driver: null, description: null, health: null, config: null, source: null },
      { documentType: 'productLabel', driver: null, description: null, health: null, config: null, source: null },
    ]);
    const id = await printing.testPrint('packingSlip');
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ kind: 'test', status: 'done', format: 'pdf' });
    expect(files()).toHaveLength(1);
    expect(readFileSync(join(printDir, files()[0] ?? '')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(printing.testPrint('label')).rejects.toThrow(/No printer is set/);
  });

  it('moves a document type to another printer when Settings chooses one; waiting jobs go to the new printer', async () => {
    const printing = service();
    const otherDir = join(dir, 'other-printer');
    const id = printing.queue({ kind: 'label', idpicklist: null, shipmentId: null, documentPath: document, format: 'zpl' });
    printing.setPrinters({ label: { driver: 'folder', path: otherDir } });
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ status: 'done' });
    expect(readdirSync(otherDir).filter((f) => !f.startsWith('.'))).toHaveLength(1);
    expect((await printing.printers())[1]).toMatchObject({ documentType: 'label', config: { driver: 'folder', path: otherDir } });
  });

  it('prints a product label with its copies in one job, in the format of the product-label printer', async () => {
    const printing = createPrintService({
      db,
      printers: { productLabel: { driver: 'folder', path: printDir } },
      clock,
      onJob: (e) => events.push(e),
      productLabelDir: join(dir, 'product-labels'),
    });
    // A name from Picqer never becomes a path: the journal file is named by time and counter.
    const id = await printing.printProductLabel({ name: '../../etc/passwd Müller', productcode: 'SKU-1', barcode: '8712345678906' }, 3);
    await printing.drain();
    expect(getPrintJob(db, id)).toMatchObject({ kind: 'product_label', status: 'done', format: 'pdf' });
    expect(getPrintJob(db, id)?.documentPath).toMatch(/product-labels[/\\]product-label-\d+-1\.pdf$/);
    const printed = readFileSync(join(printDir, files()[0] ?? ''));
    expect(printed.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
    await expect(service().printProductLabel({ name: 'x', productcode: 'y', barcode: null }, 1)).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
  });

  it('shows a folder that cannot be written as offline', async () => {
    writeFileSync(printDir, 'not a directory');
    const [slip] = await createPrintService({ db, printers: { packingSlip: { driver: 'folder', path: printDir } }, clock, onJob: () => undefined }).printers();
    expect(slip?.health?.state).toBe('offline');
  });
});
