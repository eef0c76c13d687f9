import { describe, expect, it } from 'vitest';
import { createOnboardingStore } from '../../renderer/src/stores/onboarding';
import { createStores } from '../../renderer/src/stores';
import { appStateFixture, createFakeApi } from './fake-api';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('first-run checklist', () => {
  it('opens, remembers a good scanner test across a reload, and stays closed once done', () => {
    const storage = memoryStorage();
    const store = createOnboardingStore(storage);
    expect(store.getState().isOpen).toBe(false);
    store.getState().open();
    store.getState().markScannerChecked();
    expect(createOnboardingStore(storage).getState()).toMatchObject({ isOpen: true, isScannerChecked: true });
    store.getState().finish();
    expect(createOnboardingStore(storage).getState().isOpen).toBe(false);
  });

  it('opens after Setup is saved', async () => {
    const api = createFakeApi();
    api.handle('app.state', () => appStateFixture({ stationName: 'Pack 4' }));
    api.handle('setup.save', () => api.appAck(appStateFixture({ stationName: 'Pack 4' })));
    const stores = createStores(api, { storage: memoryStorage() });
    expect(stores.onboarding.getState().isOpen).toBe(false);
    expect(await stores.setup.getState().save({ warehouse: 1829, stationName: 'Pack 4', language: 'en', packer: null })).toBe(true);
    expect(stores.onboarding.getState().isOpen).toBe(true);
    expect(stores.app.getState().appState?.stationName).toBe('Pack 4');
  });
});
