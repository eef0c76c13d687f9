import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createOutboxStore, selectPrintFailures, selectPrintRetryError } from '../../renderer/src/stores/outbox';
import { createPrintersStore, printerFieldOf, selectPrinters, selectTests } from '../../renderer/src/stores/printers';
import type { PrintJobEvent } from '../../shared/packing';
import type { PrinterConfig, PrinterInfo } from '../../shared/printing';
import { createFakeApi, settle } from './fake-api';

const printersFixture = (labelState: 'ready' | 'paper_out' = 'paper_out'): PrinterInfo[] => [
  { documentType: 'packingSlip', driver: 'cups', description: 'cups:Brother_HL', health: { state: 'ready', message: null }, config: { driver: 'cups', queue: 'Brother_HL' }, source: 'file' },
  { documentType: 'label', driver: 'raw-tcp', description: 'raw-tcp:10.0.0.50:9100', health: { state: labelState, message: labelState === 'ready' ? null : 'The printer is out of labels' }, config: { driver: 'raw-tcp', host: '10.0.0.50', port: 9100, format: 'zpl' }, source: 'settings' },
  { documentType: 'productLabel', driver: null, description: null, health: null, config: null, source: null },
];

const failed = (id: number, overrides: Partial<PrintJobEvent> = {}): PrintJobEvent => ({ id, kind: 'label', idpicklist: 101, picklistid: null, status: 'failed', error: 'PRINTER_OFFLINE: cannot reach the printer', reason: null, ...overrides });

describe('printers store', () => {
  it('reads the printers with their health and the CUPS queues together', async () => {
    const api = createFakeApi();
    api.handle('printers.list', () => printersFixture());
    api.handle('printers.discover', () => [{ name: 'Brother_HL', state: 'ready', message: null , source: 'cups' }]);
    const store = createPrintersStore(api);
    await store.getState().load();
    expect(selectPrinters(store.getState()).map((p) => p.health?.state ?? null)).toEqual(['ready', 'paper_out', null]);
    expect(store.getState().queues).toEqual([{ name: 'Brother_HL', state: 'ready', message: null , source: 'cups' }]);
    expect(store.getState()).toMatchObject({ hasLoaded: true, isLoading: false, error: null });
  });

  it('test-prints, follows the test job through print.job, and reads health again when it printed', async () => {
    const api = createFakeApi();
    let labelState: 'ready' | 'paper_out' = 'paper_out';
    api.handle('printers.list', () => printersFixture(labelState));
    api.handle('printers.discover', () => []);
    api.handle('printers.test', () => 41);
    const store = createPrintersStore(api);
    const off = store.getState().start();
    await store.getState().load();

    expect(await store.getState().testPrint('label')).toBe(true);
    expect(api.callsOf('printers.test')).toEqual([{ documentType: 'label' }]);
    expect(selectTests(store.getState()).label).toEqual({ documentType: 'label', jobId: 41, status: 'queued', error: null, reason: null });

    // Another job's events do not touch the test.
    api.emit('print.job', failed(40));
    api.emit('print.job', { id: 41, kind: 'test', idpicklist: null, picklistid: null, status: 'printing', error: null, reason: null });
    expect(selectTests(store.getState()).label?.status).toBe('printing');
    labelState = 'ready';
    api.emit('print.job', { id: 41, kind: 'test', idpicklist: null, picklistid: null, status: 'done', error: null, reason: null });
    await settle();
    expect(selectTests(store.getState()).label?.status).toBe('done');
    expect(selectPrinters(store.getState())[1]?.health?.state).toBe('ready');
    off();
  });

  it('keeps what the test job said when its events came before the printers.test answer', async () => {
    // A folder printer writes the page at once: over the station's socket, the job's "done" can
    // arrive before the command's answer. The test then printed; it must not stay "queued".
    const api = createFakeApi();
    api.handle('printers.list', () => printersFixture('ready'));
    api.handle('printers.discover', () => []);
    api.handle('printers.test', () => {
      api.emit('print.job', { id: 42, kind: 'test', idpicklist: null, picklistid: null, status: 'printing', error: null, reason: null });
      api.emit('print.job', { id: 42, kind: 'test', idpicklist: null, picklistid: null, status: 'done', error: null, reason: null });
      return 42;
    });
    const store = createPrintersStore(api);
    const off = store.getState().start();
    expect(await store.getState().testPrint('packingSlip')).toBe(true);
    expect(selectTests(store.getState()).packingSlip).toEqual({ documentType: 'packingSlip', jobId: 42, status: 'done', error: null, reason: null });
    off();
  });

  it('keeps the error when a test print is refused (no printer set)', async () => {
    const api = createFakeApi();
    api.handle('printers.test', () => {
      throw new ApiError('NOT_CONFIGURED', 'No printer is set for productLabel in the station config file.');
    });
    const store = createPrintersStore(api);
    expect(await store.getState().testPrint('productLabel')).toBe(false);
    expect(store.getState()).toMatchObject({ testing: null, testError: { code: 'NOT_CONFIGURED' } });
  });
});

describe('choosing printers in Settings', () => {
  const zebra: PrinterConfig = { driver: 'raw-tcp', host: '10.0.0.60', port: 9100, format: 'zpl' };

  /** printers.set as main answers it: the chosen printer from Settings, the others as they were. */
  function withChoice(documentType: PrinterInfo['documentType'], printer: PrinterConfig | null): PrinterInfo[] {
    return printersFixture('ready').map((info) =>
      info.documentType !== documentType
        ? info
        : printer
          ? { ...info, driver: printer.driver, description: `${printer.driver}:${JSON.stringify(printer)}`, config: printer, source: 'settings', health: { state: 'unknown', message: null } }
          : { ...info, driver: null, description: null, config: null, source: null, health: null },
    );
  }

  it('saves a printer chosen here and shows it as chosen here, with what the save did', async () => {
    const api = createFakeApi();
    api.handle('printers.list', () => printersFixture());
    api.handle('printers.discover', () => []);
    api.handle('printers.set', (input) => api.emitAck('printers.changed', 'useFile' in input ? printersFixture() : withChoice(input.documentType, input.printer)));
    const store = createPrintersStore(api);
    store.getState().start();
    await store.getState().load();

    expect(await store.getState().choosePrinter('productLabel', zebra)).toBe(true);
    expect(api.callsOf('printers.set')).toEqual([{ documentType: 'productLabel', printer: zebra }]);
    expect(selectPrinters(store.getState())[2]).toMatchObject({ documentType: 'productLabel', source: 'settings', config: zebra });
    expect(store.getState()).toMatchObject({ saving: null, saveProblem: null, saved: { documentType: 'productLabel', kind: 'chosen' } });

    expect(await store.getState().choosePrinter('label', null)).toBe(true);
    expect(api.callsOf('printers.set').at(-1)).toEqual({ documentType: 'label', printer: null });
    expect(selectPrinters(store.getState())[1]).toMatchObject({ driver: null, source: null });
    expect(store.getState().saved).toEqual({ documentType: 'label', kind: 'none' });
  });

  it('goes back to the config file’s printer with useFile', async () => {
    const api = createFakeApi();
    api.handle('printers.set', () => api.emitAck('printers.changed', printersFixture().map((p) => (p.documentType === 'label' ? { ...p, source: 'file' as const } : p))));
    const store = createPrintersStore(api);
    store.getState().start();
    expect(await store.getState().useFilePrinter('label')).toBe(true);
    expect(api.callsOf('printers.set')).toEqual([{ documentType: 'label', useFile: true }]);
    expect(selectPrinters(store.getState())[1]?.source).toBe('file');
    expect(store.getState().saved).toEqual({ documentType: 'label', kind: 'file' });
  });

  it('keeps the printers as they were when main refuses a field, and names the field', async () => {
    const api = createFakeApi();
    api.handle('printers.list', () => printersFixture());
    api.handle('printers.discover', () => []);
    api.handle('printers.set', () => {
      throw new ApiError('VALIDATION', 'printer.host: A host is an IP address or a host name, without http:// or a port');
    });
    const store = createPrintersStore(api);
    await store.getState().load();
    const before = selectPrinters(store.getState());

    expect(await store.getState().choosePrinter('label', { ...zebra, host: 'http://10.0.0.60' })).toBe(false);
    expect(selectPrinters(store.getState())).toBe(before);
    expect(store.getState().saveProblem).toMatchObject({ documentType: 'label', field: 'host', error: { code: 'VALIDATION' } });
    expect(store.getState()).toMatchObject({ saving: null, saved: null });

    store.getState().clearSaveProblem();
    expect(store.getState().saveProblem).toBeNull();
  });

  it('reads the field only from a VALIDATION message that names one the editor has', () => {
    expect(printerFieldOf(new ApiError('VALIDATION', 'printer.port: Too big: expected number to be <=65535'))).toBe('port');
    expect(printerFieldOf(new ApiError('VALIDATION', 'printer.path: Enter a folder'))).toBe('path');
    expect(printerFieldOf(new ApiError('VALIDATION', 'documentType: Invalid option'))).toBeNull();
    expect(printerFieldOf(new ApiError('VALIDATION', 'printer.colour: nonsense'))).toBeNull();
    expect(printerFieldOf(new ApiError('INTERNAL', 'printer.host: no'))).toBeNull();
  });

  it('does not let a list read before the change bring the old printer back', async () => {
    const api = createFakeApi();
    let answerList: (list: PrinterInfo[]) => void = () => undefined;
    api.handle('printers.list', () => new Promise<PrinterInfo[]>((resolve) => (answerList = resolve)));
    api.handle('printers.discover', () => []);
    api.handle('printers.set', (input) => api.emitAck('printers.changed', withChoice(input.documentType, 'printer' in input ? input.printer : null)));
    const store = createPrintersStore(api);
    store.getState().start();
    const loading = store.getState().load();
    await settle();

    expect(await store.getState().choosePrinter('label', zebra)).toBe(true);
    answerList(printersFixture());
    await loading;
    expect(selectPrinters(store.getState())[1]).toMatchObject({ source: 'settings', config: zebra });
    expect(store.getState().isLoading).toBe(false);
  });
});

describe('print failures in the status bar', () => {
  it('retries a failed job with print.retry; it leaves the list when main queues it again', async () => {
    const api = createFakeApi();
    api.handle('print.retry', () => true);
    const store = createOutboxStore(api);
    const off = store.getState().start();
    api.emit('print.job', failed(7));
    api.emit('print.job', failed(8, { kind: 'packing_slip' }));
    expect(selectPrintFailures(store.getState()).map((j) => j.id)).toEqual([8, 7]);

    expect(await store.getState().retryPrintFailure(7)).toBe(true);
    expect(api.callsOf('print.retry')).toEqual([{ id: 7 }]);
    expect(selectPrintFailures(store.getState()).map((j) => j.id)).toEqual([8]);
    // And when it fails again, it is back.
    api.emit('print.job', failed(7, { error: 'still offline' }));
    expect(selectPrintFailures(store.getState()).map((j) => j.id)).toEqual([7, 8]);
    off();
  });

  it('keeps the failure and says why when the retry is refused', async () => {
    const api = createFakeApi();
    api.handle('print.retry', () => {
      throw new ApiError('CONFLICT', 'Print job 7 is queued, not failed');
    });
    const store = createOutboxStore(api);
    const off = store.getState().start();
    api.emit('print.job', failed(7));
    expect(await store.getState().retryPrintFailure(7)).toBe(false);
    expect(selectPrintFailures(store.getState()).map((j) => j.id)).toEqual([7]);
    expect(selectPrintRetryError(store.getState())?.code).toBe('CONFLICT');
    off();
  });
});
