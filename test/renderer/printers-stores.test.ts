import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createOutboxStore, selectPrintFailures, selectPrintRetryError } from '../../renderer/src/stores/outbox';
import { createPrintersStore, selectPrinters, selectTests } from '../../renderer/src/stores/printers';
import type { PrintJobEvent } from '../../shared/packing';
import type { PrinterInfo } from '../../shared/printing';
import { createFakeApi, settle } from './fake-api';

const printersFixture = (labelState: 'ready' | 'paper_out' = 'paper_out'): PrinterInfo[] => [
  { documentType: 'packingSlip', driver: 'cups', description: 'cups:Brother_HL', health: { state: 'ready', message: null }, config: { driver: 'cups', queue: 'Brother_HL' }, source: 'file' },
  { documentType: 'label', driver: 'raw-tcp', description: 'raw-tcp:10.0.0.50:9100', health: { state: labelState, message: labelState === 'ready' ? null : 'The printer is out of labels' }, config: { driver: 'raw-tcp', host: '10.0.0.50', port: 9100, format: 'zpl' }, source: 'settings' },
  { documentType: 'productLabel', driver: null, description: null, health: null, config: null, source: null },
];

const failed = (id: number, overrides: Partial<PrintJobEvent> = {}): PrintJobEvent => ({ id, kind: 'label', idpicklist: 101, status: 'failed', error: 'PRINTER_OFFLINE: cannot reach the printer', ...overrides });

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
    expect(selectTests(store.getState()).label).toEqual({ documentType: 'label', jobId: 41, status: 'queued', error: null });

    // Another job's events do not touch the test.
    api.emit('print.job', failed(40));
    api.emit('print.job', { id: 41, kind: 'test', idpicklist: null, status: 'printing', error: null });
    expect(selectTests(store.getState()).label?.status).toBe('printing');
    labelState = 'ready';
    api.emit('print.job', { id: 41, kind: 'test', idpicklist: null, status: 'done', error: null });
    await settle();
    expect(selectTests(store.getState()).label?.status).toBe('done');
    expect(selectPrinters(store.getState())[1]?.health?.state).toBe('ready');
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
