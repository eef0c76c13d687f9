import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createStores } from '../../renderer/src/stores';
import { createProductLabelsStore, parseCopies, selectLabelJob, selectLabelProduct, selectLabelResults } from '../../renderer/src/stores/product-labels';
import type { ProductSummary } from '../../shared/printing';
import { createFakeApi, settle, type FakeApi } from './fake-api';

const catalogue: ProductSummary[] = [
  { idproduct: 5001, productcode: 'KB-ESP-1000', name: 'Koffiebonen Espresso 1 kg', barcode: '8712345000011', isActive: true },
  { idproduct: 5002, productcode: 'KB-DEC-1000', name: 'Koffiebonen Decafe 1 kg', barcode: '8712345000097', isActive: true },
  { idproduct: 5003, productcode: 'MO-RVS', name: 'Melkopschuimer RVS', barcode: null, isActive: false },
];

function searchable(api: FakeApi): void {
  api.handle('products.search', ({ query }) => {
    const q = query.toLowerCase();
    return catalogue.filter((p) => p.barcode === query || p.productcode.toLowerCase().includes(q) || p.name.toLowerCase().includes(q));
  });
}

const delayMs = 200;

describe('product label search', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('searches once the typing pauses, not on every key', async () => {
    const api = createFakeApi();
    searchable(api);
    const store = createProductLabelsStore(api, { searchDelayMs: delayMs });
    store.getState().open();
    for (const query of ['k', 'ko', 'kof', 'koff']) {
      store.getState().setQuery(query);
      await vi.advanceTimersByTimeAsync(delayMs / 2);
    }
    expect(api.callsOf('products.search')).toEqual([]);
    expect(store.getState().query).toBe('koff');

    await vi.advanceTimersByTimeAsync(delayMs);
    expect(api.callsOf('products.search')).toEqual([{ query: 'koff' }]);
    expect(selectLabelResults(store.getState()).map((p) => p.idproduct)).toEqual([5001, 5002]);
    expect(store.getState()).toMatchObject({ searchedQuery: 'koff', isSearching: false, selected: null });
  });

  it('clears the results when the field is emptied, and says nothing was found for a query without matches', async () => {
    const api = createFakeApi();
    searchable(api);
    const store = createProductLabelsStore(api, { searchDelayMs: delayMs });
    store.getState().open();
    store.getState().setQuery('koffie');
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(selectLabelResults(store.getState())).toHaveLength(2);

    store.getState().setQuery('  ');
    await vi.advanceTimersByTimeAsync(delayMs * 2);
    expect(api.callsOf('products.search')).toHaveLength(1);
    expect(store.getState()).toMatchObject({ results: [], searchedQuery: null });

    store.getState().setQuery('thee');
    await vi.advanceTimersByTimeAsync(delayMs);
    expect(store.getState()).toMatchObject({ results: [], searchedQuery: 'thee' });
  });

  it('shows only the newest search when an older answer comes last', async () => {
    const api = createFakeApi();
    const answers = new Map<string, (list: ProductSummary[]) => void>();
    api.handle('products.search', ({ query }) => new Promise((resolve) => answers.set(query, resolve)));
    const store = createProductLabelsStore(api, { searchDelayMs: delayMs });
    store.getState().open();
    store.getState().setQuery('koffie');
    await vi.advanceTimersByTimeAsync(delayMs);
    store.getState().setQuery('melk');
    await vi.advanceTimersByTimeAsync(delayMs);

    answers.get('melk')?.([catalogue[2] as ProductSummary]);
    await settle();
    answers.get('koffie')?.(catalogue.slice(0, 2));
    await settle();
    expect(selectLabelResults(store.getState()).map((p) => p.idproduct)).toEqual([5003]);
    expect(store.getState().searchedQuery).toBe('melk');
  });

  it('chooses the product a scan finds when it is the only one; several stay for the person to choose', async () => {
    const api = createFakeApi();
    searchable(api);
    const store = createProductLabelsStore(api, { searchDelayMs: delayMs });
    store.getState().open();

    await store.getState().searchNow('8712345000097', { selectSingle: true });
    expect(store.getState().query).toBe('8712345000097');
    expect(selectLabelProduct(store.getState())?.idproduct).toBe(5002);

    await store.getState().searchNow('KB-', { selectSingle: true });
    expect(selectLabelResults(store.getState())).toHaveLength(2);
    expect(selectLabelProduct(store.getState())?.idproduct).toBe(5002);
  });

  it('keeps the search error and lets the next search clear it', async () => {
    const api = createFakeApi();
    api.handle('products.search', () => {
      throw new ApiError('NOT_CONFIGURED', 'Connect to Picqer or the demo first.');
    });
    const store = createProductLabelsStore(api, { searchDelayMs: delayMs });
    store.getState().open();
    await store.getState().searchNow('koffie');
    expect(store.getState()).toMatchObject({ isSearching: false, searchError: { code: 'NOT_CONFIGURED' } });
    searchable(api);
    await store.getState().searchNow('koffie');
    expect(store.getState().searchError).toBeNull();
  });
});

describe('printing product labels', () => {
  const line = { idproduct: 5001, productcode: 'KB-ESP-1000', name: 'Koffiebonen Espresso 1 kg' };

  it('opens from a pack line with that product chosen and found by its productcode', async () => {
    const api = createFakeApi();
    searchable(api);
    const store = createProductLabelsStore(api);
    store.getState().open(line);
    expect(store.getState()).toMatchObject({ isOpen: true, query: 'KB-ESP-1000', selected: line, job: null });
    await settle();
    expect(api.callsOf('products.search')).toEqual([{ query: 'KB-ESP-1000' }]);
    expect(selectLabelResults(store.getState()).map((p) => p.idproduct)).toEqual([5001]);

    store.getState().close();
    expect(store.getState().isOpen).toBe(false);
    // Opened again from Settings, nothing of the pack line is left.
    store.getState().open();
    expect(store.getState()).toMatchObject({ isOpen: true, query: '', selected: null, results: [], searchedQuery: null });
  });

  it('prints the chosen copies in one job and follows it through print.job until it printed', async () => {
    const api = createFakeApi();
    api.handle('products.printLabel', () => 71);
    const store = createProductLabelsStore(api);
    const off = store.getState().start();
    store.getState().open(line);

    expect(await store.getState().print(3)).toBe(true);
    expect(api.callsOf('products.printLabel')).toEqual([{ idproduct: 5001, copies: 3 }]);
    expect(selectLabelJob(store.getState())).toEqual({ jobId: 71, product: line, copies: 3, status: 'queued', error: null, reason: null });

    // Other jobs and other kinds leave it alone.
    api.emit('print.job', { id: 70, kind: 'product_label', idpicklist: null, picklistid: null, status: 'failed', error: 'older job', reason: null });
    api.emit('print.job', { id: 71, kind: 'label', idpicklist: 101, picklistid: null, status: 'failed', error: 'a shipping label', reason: null });
    expect(selectLabelJob(store.getState())?.status).toBe('queued');

    api.emit('print.job', { id: 71, kind: 'product_label', idpicklist: null, picklistid: null, status: 'printing', error: null, reason: null });
    expect(selectLabelJob(store.getState())?.status).toBe('printing');
    api.emit('print.job', { id: 71, kind: 'product_label', idpicklist: null, picklistid: null, status: 'done', error: null, reason: null });
    expect(selectLabelJob(store.getState())).toMatchObject({ status: 'done', error: null, reason: null, copies: 3 });
    off();
  });

  it('says why the labels did not print', async () => {
    const api = createFakeApi();
    api.handle('products.printLabel', () => 72);
    const store = createProductLabelsStore(api);
    const off = store.getState().start();
    store.getState().open(line);
    await store.getState().print(1);
    api.emit('print.job', { id: 72, kind: 'product_label', idpicklist: null, picklistid: null, status: 'failed', error: 'No printer is set for productLabel', reason: null });
    expect(selectLabelJob(store.getState())).toMatchObject({ status: 'failed', error: 'No printer is set for productLabel', reason: null });
    off();
  });

  it('keeps what the job said when its event came before the answer', async () => {
    const api = createFakeApi();
    const store = createProductLabelsStore(api);
    const off = store.getState().start();
    api.handle('products.printLabel', () => {
      api.emit('print.job', { id: 73, kind: 'product_label', idpicklist: null, picklistid: null, status: 'done', error: null, reason: null });
      return 73;
    });
    store.getState().open(line);
    await store.getState().print(2);
    expect(selectLabelJob(store.getState())).toMatchObject({ jobId: 73, status: 'done' });
    off();
  });

  it('prints nothing without a chosen product, and keeps a refusal to show', async () => {
    const api = createFakeApi();
    api.handle('products.printLabel', () => {
      throw new ApiError('NOT_FOUND', "Product 5001 is not in this station's cache.");
    });
    const store = createProductLabelsStore(api);
    store.getState().open();
    expect(await store.getState().print(1)).toBe(false);
    expect(api.callsOf('products.printLabel')).toEqual([]);

    store.getState().select(line);
    expect(await store.getState().print(1)).toBe(false);
    expect(store.getState()).toMatchObject({ isPrinting: false, job: null, printError: { code: 'NOT_FOUND' } });
  });

  it('accepts 1 to 99 copies only', () => {
    expect(parseCopies('1')).toBe(1);
    expect(parseCopies(' 99 ')).toBe(99);
    expect(parseCopies('0')).toBeNull();
    expect(parseCopies('100')).toBeNull();
    expect(parseCopies('2.5')).toBeNull();
    expect(parseCopies('')).toBeNull();
    expect(parseCopies('-3')).toBeNull();
  });

  it('is one of the stores and follows print.job once the stores start', async () => {
    const api = createFakeApi();
    api.handle('app.state', () => new Promise(() => undefined));
    api.handle('sync.status', () => new Promise(() => undefined));
    api.handle('products.printLabel', () => 74);
    const stores = createStores(api);
    const stop = stores.start();
    stores.productLabels.getState().open(line);
    await stores.productLabels.getState().print(4);
    api.emit('print.job', { id: 74, kind: 'product_label', idpicklist: null, picklistid: null, status: 'done', error: null, reason: null });
    expect(selectLabelJob(stores.productLabels.getState())).toMatchObject({ copies: 4, status: 'done' });
    stop();
  });
});
