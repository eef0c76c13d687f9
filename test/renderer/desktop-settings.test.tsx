import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DesktopSettings } from '../../renderer/src/components/DesktopSettings';
import { createT } from '../../renderer/src/i18n';
import { createStationSettingsStore } from '../../renderer/src/stores/station-settings';
import type { SettingsView } from '../../shared/settings';
import { createFakeApi } from './fake-api';

/*
 * Settings' "This computer" group: start at login and full screen in the desktop app, the same
 * group in browser mode saying it belongs to the desktop app (not left out without a word), and
 * the update folder from the station config shown, not edited. Rendered to markup.
 */

const view = (patch: Partial<SettingsView> = {}): SettingsView => ({
  station: {},
  packing: {},
  shipping: {},
  company: null,
  desktop: {},
  updates: null,
  sources: { station: 'default', packing: 'default', shipping: 'default', company: 'default', desktop: 'default' },
  ...patch,
});

function render(settings: SettingsView, isDesktop: boolean, language: 'en' | 'nl' = 'en'): string {
  return renderToStaticMarkup(<DesktopSettings view={settings} isDesktop={isDesktop} isSaving={false} t={createT(language)} onSave={() => undefined} status={null} />);
}

const checkboxes = (html: string) => [...html.matchAll(/<input type="checkbox"([^>]*)\/?>/g)].map((m) => ({ isChecked: m[1].includes('checked=""'), isDisabled: m[1].includes('disabled=""') }));

describe('this computer in Settings', () => {
  it('offers start at login and full screen in the desktop app, as the station has them', () => {
    const html = render(view({ desktop: { startAtLogin: true, fullScreen: false }, sources: { station: 'default', packing: 'default', shipping: 'default', company: 'default', desktop: 'settings' } }), true);
    expect(html).toContain('This computer');
    expect(html).toContain('Start Packdesk when someone logs in to this computer');
    expect(html).toContain('Full screen (kiosk)');
    expect(html).toContain('Set here.');
    expect(checkboxes(html)).toEqual([
      { isChecked: true, isDisabled: false },
      { isChecked: false, isDisabled: false },
    ]);
    expect(html).toMatch(/<button type="submit" class="button">Save<\/button>/);
  });

  it('says how Linux starts it at login, where Electron has no login items', () => {
    expect(render(view(), true)).toContain('~/.config/autostart/packdesk.desktop');
  });

  it('shows the group in browser mode as the desktop app’s only, with nothing to change', () => {
    const html = render(view({ desktop: { fullScreen: true } }), false);
    expect(html).toContain('Only in the desktop app');
    expect(checkboxes(html).every((box) => box.isDisabled)).toBe(true);
    expect(html).toMatch(/<button type="submit" class="button" disabled="">Save<\/button>/);
    expect(render(view(), false, 'nl')).toContain('Alleen in de desktop-app');
  });

  it('shows the update folder from the station config, or that updates are off', () => {
    expect(render(view({ updates: { url: 'https://updates.example.com/packdesk/' } }), true)).toContain('New versions come from https://updates.example.com/packdesk/');
    expect(render(view(), true)).toContain('Off: the station config file names no update folder (updates.url).');
    expect(render(view(), true, 'nl')).toContain('Uit: het stationsbestand noemt geen updatemap (updates.url).');
  });

  it('saves the group as its own section over the file', async () => {
    const api = createFakeApi();
    let current = view();
    api.handle('settings.get', () => current);
    api.handle('settings.update', (update) => {
      if (update.section !== 'desktop') throw new Error(`unexpected section ${update.section}`);
      current = { ...current, desktop: update.value, sources: { ...current.sources, desktop: 'settings' } };
      return api.emitAck('settings.changed', current);
    });
    const store = createStationSettingsStore(api);
    await store.getState().load();
    expect(await store.getState().save({ section: 'desktop', value: { startAtLogin: true, fullScreen: true } })).toBe(true);
    expect(store.getState()).toMatchObject({ savedSection: 'desktop', view: { desktop: { startAtLogin: true, fullScreen: true }, sources: { desktop: 'settings' } } });
  });
});
