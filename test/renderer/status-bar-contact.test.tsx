import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import { appStateFixture, createFakeApi, settle, syncFixture } from './fake-api';

/*
 * With the station out of reach, what the status bar said of sync and the outbox is no longer
 * known: "Synced 10:02" and "All changes sent" in green would be the screen saying all is well
 * while nothing is. The lost contact takes their place, first in the bar.
 */

async function station() {
  const api = createFakeApi();
  api.handle('app.state', () => appStateFixture());
  api.handle('sync.status', () => syncFixture());
  api.handle('outbox.status', () => ({ pending: 0, failed: 0, labelsPending: [], lastError: null }));
  api.handle('queue.list', () => []);
  const stores = createStores(api);
  stores.start();
  await settle();
  // What the station last said of sync and the outbox, as the stores hold it.
  stores.sync.setState({ status: syncFixture() });
  stores.outbox.setState({ status: { pending: 0, failed: 0, labelsPending: [], lastError: null } });
  // Rendered to markup, a store shows its initial state: each render takes the stores as they are now.
  const now = <T extends object>(store: StoreApi<T>) => createStore<T>()(() => ({ ...store.getState() }));
  const bar = () =>
    renderToStaticMarkup(
      <StoresContext value={{ ...stores, sync: now(stores.sync), outbox: now(stores.outbox), connection: now(stores.connection) }}>
        <StatusBar isConfigured isSetupOpen={false} />
      </StoresContext>,
    );
  return { api, bar };
}

describe('the status bar without contact with the station', () => {
  it('shows sync and the outbox while in contact', async () => {
    const { bar } = await station();
    expect(bar()).toContain('All changes sent');
    expect(bar()).not.toContain('Lost contact');
  });

  it('puts the lost contact first and no longer claims sync or the outbox are fine', async () => {
    const { api, bar } = await station();
    api.setConnection('reconnecting');
    const html = bar();
    expect(html).not.toContain('All changes sent');
    expect(html).not.toMatch(/Synced \d/);
    const contact = html.indexOf('status-bar__connection');
    expect(contact).toBeGreaterThan(-1);
    expect(contact).toBeLessThan(html.indexOf('status-bar__station'));
  });
});
