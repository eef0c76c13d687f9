import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { createStores } from '../../renderer/src/stores';
import { selectLanguage, selectSavedLanguage, type AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import { appStateFixture, createFakeApi } from './fake-api';

/*
 * The language chosen in Setup governs the whole window while Setup is shown, the status bar
 * included, before anything is saved; cancelling goes back to the saved language. A first run in
 * Dutch showed "Browser mode" and "Demo warehouse: nothing is sent to Picqer" under a Dutch Setup.
 */

function firstRun() {
  const stores = createStores(createFakeApi());
  stores.app.setState({ appState: appStateFixture({ language: 'en', isConfigured: false, isDemo: true, warehouse: null, stationName: null, packer: null }) });
  // Rendered to markup, a store shows its initial state: the bar gets the app store as it is now.
  const bar = () =>
    renderToStaticMarkup(
      <StoresContext value={{ ...stores, app: createStore<AppStore>()(() => ({ ...stores.app.getState() })) }}>
        <StatusBar isConfigured={false} isSetupOpen={false} />
      </StoresContext>,
    );
  return { stores, bar };
}

describe('the language chosen in Setup', () => {
  it('words the status bar before it is saved', () => {
    const { stores, bar } = firstRun();
    expect(bar()).toContain('Browser mode');
    expect(bar()).toContain('Demo warehouse: nothing is sent to Picqer');

    stores.app.getState().showLanguage('nl');
    expect(selectLanguage(stores.app.getState())).toBe('nl');
    expect(selectSavedLanguage(stores.app.getState())).toBe('en');
    const dutch = bar();
    expect(dutch).not.toContain('Browser mode');
    expect(dutch).not.toContain('nothing is sent to Picqer');
    expect(dutch).toContain('Browsermodus');
  });

  it('goes back to the saved language when Setup closes without saving', () => {
    const { stores, bar } = firstRun();
    stores.app.getState().showLanguage('nl');
    stores.app.getState().showLanguage(null);
    expect(selectLanguage(stores.app.getState())).toBe('en');
    expect(bar()).toContain('Browser mode');
  });

  it('a language main publishes as saved is the language once Setup lets go', () => {
    const { stores } = firstRun();
    stores.app.getState().showLanguage('nl');
    stores.app.setState({ appState: appStateFixture({ language: 'nl' }) });
    stores.app.getState().showLanguage(null);
    expect(selectLanguage(stores.app.getState())).toBe('nl');
  });
});
