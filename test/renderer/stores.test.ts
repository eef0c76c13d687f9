import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createStores } from '../../renderer/src/stores';
import { selectLanguage, selectPacker } from '../../renderer/src/stores/app';
import { createQueueStore, selectQueueItems } from '../../renderer/src/stores/queue';
import { selectConnectedAs, selectIsSetupOpen } from '../../renderer/src/stores/setup';
import { createSyncStore, selectSyncStatus } from '../../renderer/src/stores/sync';
import type { QueueItem, SyncStatus, Warehouse } from '../../shared/domain';
import { appStateFixture, createFakeApi, queueItemFixture, settle, syncFixture } from './fake-api';

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('queue store', () => {
  it('re-reads the queue once for a burst of queue.changed events', async () => {
    const api = createFakeApi();
    let items: QueueItem[] = [queueItemFixture(1)];
    api.handle('queue.list', () => items);
    const queue = createQueueStore(api, { changedDelayMs: 100 });
    const stop = queue.getState().start();
    await queue.getState().load();
    expect(selectQueueItems(queue.getState()).map((i) => i.idpicklist)).toEqual([1]);

    items = [queueItemFixture(1), queueItemFixture(2), queueItemFixture(3)];
    for (let i = 0; i < 5; i += 1) api.emit('queue.changed', { idpicklists: [i] });
    expect(api.callsOf('queue.list')).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(100);
    expect(api.callsOf('queue.list')).toHaveLength(2);
    expect(selectQueueItems(queue.getState()).map((i) => i.idpicklist)).toEqual([1, 2, 3]);
    stop();
  });

  it('keeps refreshing during a long stream of events instead of waiting for it to end', async () => {
    const api = createFakeApi();
    api.handle('queue.list', () => []);
    const queue = createQueueStore(api, { changedDelayMs: 100 });
    queue.getState().start();
    for (let t = 0; t < 10; t += 1) {
      api.emit('queue.changed', { idpicklists: [t] });
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(api.callsOf('queue.list').length).toBeGreaterThanOrEqual(4);
  });

  it('stops listening after teardown', async () => {
    const api = createFakeApi();
    api.handle('queue.list', () => []);
    const queue = createQueueStore(api, { changedDelayMs: 100 });
    const stop = queue.getState().start();
    api.emit('queue.changed', { idpicklists: [1] });
    stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(api.callsOf('queue.list')).toHaveLength(0);
  });

  it('filters through queue.list with the trimmed search, and without it when cleared', async () => {
    const api = createFakeApi();
    api.handle('queue.list', ({ search }) => (search ? [queueItemFixture(9, { customer: 'Acme' })] : [queueItemFixture(1), queueItemFixture(9)]));
    const queue = createQueueStore(api, { searchDelayMs: 150 });

    queue.getState().setSearch('  ac');
    queue.getState().setSearch('  acme ');
    expect(queue.getState().search).toBe('  acme ');
    await vi.advanceTimersByTimeAsync(150);
    expect(api.callsOf('queue.list')).toEqual([{ search: 'acme' }]);
    expect(queue.getState().items.map((i) => i.customer)).toEqual(['Acme']);
    expect(queue.getState().shownSearch).toBe('acme');

    queue.getState().setSearch('');
    await vi.advanceTimersByTimeAsync(150);
    expect(api.callsOf('queue.list')[1]).toEqual({});
    expect(queue.getState().items).toHaveLength(2);
  });

  it('never lets an older, slower answer replace the newer one', async () => {
    const api = createFakeApi();
    const slow = deferred<QueueItem[]>();
    api.handle('queue.list', ({ search }) => (search === 'a' ? slow.promise : [queueItemFixture(2, { customer: 'ab' })]));
    const queue = createQueueStore(api, { searchDelayMs: 10 });

    queue.getState().setSearch('a');
    await vi.advanceTimersByTimeAsync(10);
    queue.getState().setSearch('ab');
    await vi.advanceTimersByTimeAsync(10);
    expect(queue.getState().items.map((i) => i.customer)).toEqual(['ab']);

    slow.resolve([queueItemFixture(1, { customer: 'a' })]);
    await settle();
    expect(queue.getState().items.map((i) => i.customer)).toEqual(['ab']);
    expect(queue.getState().shownSearch).toBe('ab');
  });

  it('keeps the last list and shows the error code when a re-read fails', async () => {
    const api = createFakeApi();
    let fail = false;
    api.handle('queue.list', () => {
      if (fail) throw new ApiError('NOT_CONFIGURED', 'no station');
      return [queueItemFixture(1)];
    });
    const queue = createQueueStore(api);
    await queue.getState().load();
    fail = true;
    await queue.getState().load();
    expect(queue.getState().items).toHaveLength(1);
    expect(queue.getState().error?.code).toBe('NOT_CONFIGURED');
    expect(queue.getState().isLoading).toBe(false);
  });
});

describe('sync store', () => {
  it('follows sync.status events and sync.now', async () => {
    const api = createFakeApi();
    api.handle('sync.status', () => syncFixture({ state: 'idle' }));
    api.handle('sync.now', () => api.emitAck('sync.status', syncFixture({ state: 'syncing', progress: { phase: 'picklists', done: 0, total: null } })));
    const sync = createSyncStore(api);
    sync.getState().start();
    await sync.getState().load();
    expect(selectSyncStatus(sync.getState())?.state).toBe('idle');

    api.emit('sync.status', syncFixture({ state: 'offline', message: 'connect ECONNREFUSED' }));
    expect(sync.getState().status).toMatchObject({ state: 'offline', message: 'connect ECONNREFUSED' });

    const pending = sync.getState().syncNow();
    expect(sync.getState().isRequesting).toBe(true);
    await pending;
    expect(sync.getState().isRequesting).toBe(false);
    expect(sync.getState().status?.state).toBe('syncing');
  });

  it('does not let a slow status read overwrite a newer pushed status', async () => {
    const api = createFakeApi();
    const slow = deferred<SyncStatus>();
    api.handle('sync.status', () => slow.promise);
    // The read answers with the revision main had when it answered: older than the event here.
    const reading = api.read.bind(api);
    api.read = async (name, input) => ({ ...(await reading(name, input)), revision: 0 });
    const sync = createSyncStore(api);
    sync.getState().start();
    const loading = sync.getState().load();
    api.emit('sync.status', syncFixture({ state: 'unauthorized', message: 'API key refused' }));
    slow.resolve(syncFixture({ state: 'idle' }));
    await loading;
    expect(sync.getState().status?.state).toBe('unauthorized');
  });

  it('reports a failed sync.now without losing the status', async () => {
    const api = createFakeApi();
    api.handle('sync.status', () => syncFixture({ state: 'error', message: 'HTTP 500' }));
    api.handle('sync.now', () => {
      throw new ApiError('OFFLINE', 'no network');
    });
    const sync = createSyncStore(api);
    await sync.getState().load();
    await sync.getState().syncNow();
    expect(sync.getState().error?.code).toBe('OFFLINE');
    expect(sync.getState().status?.state).toBe('error');
  });
});

describe('stores together', () => {
  function station() {
    const api = createFakeApi();
    let state = appStateFixture();
    api.handle('app.state', () => state);
    api.handle('sync.status', () => syncFixture());
    api.handle('queue.list', () => [queueItemFixture(1), queueItemFixture(2)]);
    return {
      api,
      setState(next: typeof state) {
        state = next;
      },
    };
  }

  it('reads state, sync and the queue at start for a configured station', async () => {
    const { api } = station();
    const stores = createStores(api);
    stores.start();
    await settle();
    expect(stores.app.getState().appState?.stationName).toBe('Pack 1');
    expect(stores.sync.getState().status?.state).toBe('idle');
    expect(stores.queue.getState().items).toHaveLength(2);
  });

  it('does not ask for the queue before Setup, and reads it right after setup.save', async () => {
    const { api, setState } = station();
    setState(appStateFixture({ isConfigured: false, warehouse: null, stationName: null, packer: null }));
    api.handle('setup.connect', () => ({
      user: { iduser: 1, name: 'Demo admin' },
      warehouses: [{ idwarehouse: 1, name: 'Main warehouse', isActive: true }],
    }));
    api.handle('setup.save', (input) => api.appAck(appStateFixture({ stationName: input.stationName, language: input.language, packer: null })));
    const stores = createStores(api);
    stores.start();
    await settle();
    expect(api.callsOf('queue.list')).toHaveLength(0);

    expect(await stores.setup.getState().connect({ demo: true })).toBe(true);
    expect(stores.setup.getState().isDemo).toBe(true);
    await stores.setup.getState().save({ warehouse: 1, stationName: 'Inpak 2', language: 'nl', packer: null });
    await settle();
    expect(api.callsOf('setup.save')).toEqual([{ warehouse: 1, stationName: 'Inpak 2', language: 'nl', packer: null }]);
    expect(selectLanguage(stores.app.getState())).toBe('nl');
    expect(api.callsOf('queue.list')).toHaveLength(1);
  });

  describe('Setup opened from the status bar', () => {
    const warehouses: Warehouse[] = [
      { idwarehouse: 1, name: 'Main warehouse', isActive: true },
      { idwarehouse: 2, name: 'Second warehouse', isActive: true },
    ];

    function configuredStation() {
      const { api } = station();
      api.handle('setup.connect', () => ({ user: { iduser: 1, name: 'Demo admin' }, warehouses }));
      api.handle('setup.save', (input) =>
        api.appAck(
          appStateFixture({
            warehouse: warehouses.find((w) => w.idwarehouse === input.warehouse) ?? null,
            stationName: input.stationName,
            packer: null,
          }),
        ),
      );
      return api;
    }

    it('Cancel goes back to the queue without saving, and a reopened Setup starts unconnected', async () => {
      const api = configuredStation();
      const stores = createStores(api);
      stores.start();
      await settle();
      expect(selectIsSetupOpen(stores.setup.getState())).toBe(false);

      stores.setup.getState().open();
      expect(selectIsSetupOpen(stores.setup.getState())).toBe(true);
      expect(await stores.setup.getState().connect({ demo: true })).toBe(true);
      expect(selectConnectedAs(stores.setup.getState())?.name).toBe('Demo admin');

      stores.setup.getState().cancel();
      expect(selectIsSetupOpen(stores.setup.getState())).toBe(false);
      expect(api.callsOf('setup.save')).toEqual([]);
      expect(api.callsOf('setup.cancel')).toEqual([{}]);
      expect(stores.app.getState().appState?.stationName).toBe('Pack 1');

      stores.setup.getState().open();
      expect(selectConnectedAs(stores.setup.getState())).toBeNull();
      expect(stores.setup.getState().warehouses).toEqual([]);
    });

    it('a connect that answers after Cancel does not reappear', async () => {
      const api = configuredStation();
      const slow = deferred<{ user: { iduser: number; name: string }; warehouses: Warehouse[] }>();
      api.handle('setup.connect', () => slow.promise);
      const stores = createStores(api);
      stores.setup.getState().open();
      const connecting = stores.setup.getState().connect({ demo: true });
      stores.setup.getState().cancel();
      slow.resolve({ user: { iduser: 1, name: 'Demo admin' }, warehouses });
      expect(await connecting).toBe(false);
      expect(selectConnectedAs(stores.setup.getState())).toBeNull();
      expect(stores.setup.getState().isConnecting).toBe(false);
    });

    it('closes after a save and reads the queue of the newly chosen warehouse', async () => {
      const api = configuredStation();
      const stores = createStores(api);
      stores.start();
      await settle();
      expect(api.callsOf('queue.list')).toHaveLength(1);

      stores.setup.getState().open();
      await stores.setup.getState().connect({ demo: true });
      expect(await stores.setup.getState().save({ warehouse: 2, stationName: 'Pack 9', language: 'en', packer: null })).toBe(true);
      await settle();
      expect(selectIsSetupOpen(stores.setup.getState())).toBe(false);
      expect(stores.app.getState().appState?.warehouse?.idwarehouse).toBe(2);
      expect(api.callsOf('queue.list')).toHaveLength(2);
    });

    it('stays open with the error when the save fails', async () => {
      const api = configuredStation();
      api.handle('setup.save', () => {
        throw new ApiError('VALIDATION', 'Warehouse 9 does not exist');
      });
      const stores = createStores(api);
      stores.setup.getState().open();
      await stores.setup.getState().connect({ demo: true });
      expect(await stores.setup.getState().save({ warehouse: 9, stationName: 'Pack 9', language: 'en', packer: null })).toBe(false);
      expect(selectIsSetupOpen(stores.setup.getState())).toBe(true);
      expect(stores.setup.getState().saveError?.code).toBe('VALIDATION');
      expect(selectConnectedAs(stores.setup.getState())?.name).toBe('Demo admin');
    });
  });

  it('follows app.state events: a packer signing in elsewhere shows here', async () => {
    const { api } = station();
    const stores = createStores(api);
    stores.start();
    await settle();
    api.emit('app.state', appStateFixture({ packer: { iduser: 9, name: 'Mehmet Yilmaz' } }));
    expect(selectPacker(stores.app.getState())?.name).toBe('Mehmet Yilmaz');
  });

  it('signs a packer in and out through the api', async () => {
    const { api } = station();
    api.handle('packer.signIn', ({ iduser }) => api.appAck(appStateFixture({ packer: { iduser, name: 'Ada' } })));
    api.handle('packer.signOut', () => api.appAck(appStateFixture({ packer: null })));
    const stores = createStores(api);
    stores.start();
    await settle();
    await stores.app.getState().signIn(12);
    expect(selectPacker(stores.app.getState())).toEqual({ iduser: 12, name: 'Ada' });
    await stores.app.getState().signOut();
    expect(selectPacker(stores.app.getState())).toBeNull();
  });

  it('reads everything again after the event channel comes back', async () => {
    const { api } = station();
    const stores = createStores(api);
    stores.start();
    await settle();
    const before = api.calls.length;
    api.setConnection('reconnecting');
    expect(stores.connection.getState().state).toBe('reconnecting');
    api.setConnection('open');
    await settle();
    const after = api.calls.slice(before).map((c) => c.name).sort();
    expect(after).toEqual(['app.state', 'batch.list', 'outbox.problems', 'outbox.status', 'pack.current', 'queue.list', 'sync.status']);
  });

  it('keeps a start-up failure to show, with its code', async () => {
    const api = createFakeApi();
    api.handle('app.state', () => {
      throw new ApiError('UNAUTHENTICATED', 'Missing or wrong Packdesk token.');
    });
    api.handle('sync.status', () => syncFixture());
    const stores = createStores(api);
    stores.start();
    await settle();
    expect(stores.app.getState().loadError?.code).toBe('UNAUTHENTICATED');
    expect(stores.app.getState().appState).toBeNull();
  });
});
