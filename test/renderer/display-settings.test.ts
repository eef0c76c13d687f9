import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/settings';
import { createDisplayStore, displayClasses, readDisplaySettings } from '../../renderer/src/stores/display';
import { createStationSettingsStore } from '../../renderer/src/stores/station-settings';
import { ApiError } from '../../renderer/src/api/client';
import { createFakeApi } from './fake-api';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('display settings', () => {
  it('keeps what was stored field by field and falls back on nonsense', () => {
    expect(readDisplaySettings(memoryStorage({ 'packdesk.display': '{"contrast":"high","textSize":"huge"}' }))).toEqual({ contrast: 'high', textSize: 'normal' });
    expect(readDisplaySettings(memoryStorage({ 'packdesk.display': 'not json' }))).toEqual({ contrast: 'auto', textSize: 'normal' });
    expect(readDisplaySettings(null)).toEqual({ contrast: 'auto', textSize: 'normal' });
  });

  it('follows the computer’s contrast preference on auto, and stores a change', () => {
    expect(displayClasses({ contrast: 'auto', textSize: 'normal' }, true)).toEqual(['contrast-high']);
    expect(displayClasses({ contrast: 'normal', textSize: 'larger' }, true)).toEqual(['text-larger']);
    expect(displayClasses({ contrast: 'high', textSize: 'large' }, false)).toEqual(['contrast-high', 'text-large']);
    const storage = memoryStorage();
    const store = createDisplayStore(storage);
    store.getState().set({ textSize: 'large' });
    expect(JSON.parse(storage.data.get('packdesk.display') ?? '{}')).toEqual({ contrast: 'auto', textSize: 'large' });
    expect(createDisplayStore(storage).getState().textSize).toBe('large');
  });
});

describe('station settings store', () => {
  const view: SettingsView = {
    station: { name: 'Pack 3', language: 'nl' },
    packing: {},
    shipping: {},
    company: null,
    desktop: {},
    updates: null,
    sources: { station: 'file', packing: 'default', shipping: 'default', company: 'default', desktop: 'default' },
  };

  it('saves a section and shows a refusal next to that section only', async () => {
    const api = createFakeApi();
    let current = view;
    api.handle('settings.get', () => current);
    api.handle('settings.update', (update) => {
      if (update.section === 'packing' && (update.value.snoozeHours ?? 1) > 720) throw new ApiError('VALIDATION', 'value.snoozeHours: Snooze for at most 720 hours (30 days)');
      current = { ...view, packing: update.section === 'packing' ? update.value : view.packing, sources: { ...view.sources, packing: 'settings' } };
      return api.emitAck('settings.changed', current);
    });
    const store = createStationSettingsStore(api);
    await store.getState().load();
    expect(store.getState().view?.station.name).toBe('Pack 3');
    expect(await store.getState().save({ section: 'packing', value: { snoozeHours: 1000 } })).toBe(false);
    expect(store.getState().error).toMatchObject({ section: 'packing', error: { code: 'VALIDATION' } });
    expect(await store.getState().save({ section: 'packing', value: { snoozeHours: 48, autoComplete: false } })).toBe(true);
    expect(store.getState()).toMatchObject({ error: null, savedSection: 'packing', view: { packing: { snoozeHours: 48 }, sources: { packing: 'settings' } } });
  });
});
