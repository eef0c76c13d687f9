import { createStores } from '../../renderer/src/stores';
import type { SoundName } from '../../renderer/src/sound/specs';
import { appStateFixture, createFakeApi, syncFixture, type FakeApi } from './fake-api';

/**
 * A configured station's stores on a fake API with nothing open: an empty queue, no batches, no
 * picklist, an empty outbox. The sounds the stores played are collected in `played`.
 */
export function packStation(): { api: FakeApi; played: SoundName[]; stores: ReturnType<typeof createStores> } {
  const api = createFakeApi();
  api.handle('app.state', () => appStateFixture());
  api.handle('sync.status', () => syncFixture());
  api.handle('queue.list', () => []);
  api.handle('batch.list', () => []);
  api.handle('pack.current', () => ({ revision: api.revision(), session: null, batch: null }));
  api.handle('outbox.status', () => ({ pending: 0, failed: 0, labelsPending: [], lastError: null }));
  const played: SoundName[] = [];
  const stores = createStores(api, { sound: { player: { play: (name) => played.push(name) } } });
  return { api, played, stores };
}
