import { describe, expect, it } from 'vitest';
import { createHistoryStore, selectParcels } from '../../renderer/src/stores/history';
import type { Parcel } from '../../shared/packing';
import { createFakeApi, parcelFixture, settle } from './fake-api';

/*
 * History follows the parcels' print jobs as they go: a label that failed and then printed after a
 * Retry in the status bar must not stay "failed" in History until something else reloads it.
 */

const failedLabel = (idpicklist: number): Parcel =>
  parcelFixture(idpicklist, {
    printJobs: [
      { id: 11, kind: 'label', box: null, status: 'failed', error: 'No printer set for labels', reason: null },
      { id: 12, kind: 'packing_slip', box: null, status: 'done', error: null, reason: null },
    ],
  });

describe('history store and print jobs', () => {
  it('shows a retried label as printed when its print.job says so', async () => {
    const api = createFakeApi();
    api.handle('history.list', () => [failedLabel(201)]);
    const store = createHistoryStore(api);
    const off = store.getState().start();
    await store.getState().load();

    api.emit('print.job', { id: 11, kind: 'label', idpicklist: 201, picklistid: null, status: 'queued', error: null, reason: null });
    expect(selectParcels(store.getState())[0]?.printJobs[0]).toEqual({ id: 11, kind: 'label', box: null, status: 'queued', error: null, reason: null });
    api.emit('print.job', { id: 11, kind: 'label', idpicklist: 201, picklistid: null, status: 'done', error: null, reason: null });
    expect(selectParcels(store.getState())[0]?.printJobs).toEqual([
      { id: 11, kind: 'label', box: null, status: 'done', error: null, reason: null },
      { id: 12, kind: 'packing_slip', box: null, status: 'done', error: null, reason: null },
    ]);
    // Jobs of other picklists, test pages and product labels do not touch History.
    api.emit('print.job', { id: 30, kind: 'test', idpicklist: null, picklistid: null, status: 'done', error: null, reason: null });
    api.emit('print.job', { id: 31, kind: 'label', idpicklist: 999, picklistid: null, status: 'failed', error: 'x', reason: null });
    await settle();
    expect(api.callsOf('history.list')).toHaveLength(1);
    off();
  });

  it('takes a failed job reason from its print.job, so History words it in the packer language', async () => {
    const api = createFakeApi();
    api.handle('history.list', () => [failedLabel(201)]);
    const store = createHistoryStore(api);
    const off = store.getState().start();
    await store.getState().load();
    const why = { code: 'printer.unreachable' as const, params: { where: '10.0.0.5:9100', aside: ' (ECONNREFUSED)' } };
    api.emit('print.job', { id: 11, kind: 'label', idpicklist: 201, picklistid: null, status: 'failed', error: 'Cannot reach the printer at 10.0.0.5:9100 (ECONNREFUSED)', reason: why });
    expect(selectParcels(store.getState())[0]?.printJobs[0]).toMatchObject({ status: 'failed', reason: why });
    api.emit('print.job', { id: 11, kind: 'label', idpicklist: 201, picklistid: null, status: 'done', error: null, reason: null });
    expect(selectParcels(store.getState())[0]?.printJobs[0]).toMatchObject({ status: 'done', reason: null });
    off();
  });

  it('reads History again when a parcel gets a print job it does not show yet (a reprint from elsewhere)', async () => {
    const api = createFakeApi();
    let parcels = [failedLabel(201)];
    api.handle('history.list', () => parcels);
    const store = createHistoryStore(api);
    const off = store.getState().start();
    await store.getState().load();

    parcels = [parcelFixture(201, { printJobs: [...(failedLabel(201).printJobs), { id: 13, kind: 'label', box: null, status: 'queued', error: null, reason: null }] })];
    api.emit('print.job', { id: 13, kind: 'label', idpicklist: 201, picklistid: null, status: 'queued', error: null, reason: null });
    await settle();
    expect(api.callsOf('history.list')).toHaveLength(2);
    expect(selectParcels(store.getState())[0]?.printJobs.map((j) => j.id)).toEqual([11, 12, 13]);
    off();
  });
});
