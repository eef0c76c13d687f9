import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ScannerSelfTest } from '../../renderer/src/components/ScannerSelfTest';
import { WedgeSettings } from '../../renderer/src/components/WedgeSettings';
import { createStore } from 'zustand/vanilla';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import type { Language } from '../../shared/domain';
import { appStateFixture, createFakeApi } from './fake-api';

/*
 * Rendered to markup (no DOM here): what a screen reader gets from the two components. What they
 * do with scans is tested through the controller and the analyser.
 */

function render(element: React.ReactElement, language: Language = 'en'): string {
  const stores = createStores(createFakeApi());
  // Server rendering reads each store's initial state: the station's language has to be in it.
  const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language }) }));
  return renderToStaticMarkup(<StoresContext value={{ ...stores, app }}>{element}</StoresContext>);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

describe('WedgeSettings', () => {
  it('every field has a label and a hint a screen reader reads with it', () => {
    const html = render(<WedgeSettings />);
    const inputs = html.match(/<input[^>]*>/g) ?? [];
    const fields = inputs.filter((tag) => attr(tag, 'type') !== 'radio');
    expect(fields).toHaveLength(6);
    for (const tag of fields) {
      const id = attr(tag, 'id');
      expect(id, tag).not.toBeNull();
      expect(html).toContain(`for="${id}"`);
      for (const hint of (attr(tag, 'aria-describedby') ?? '').split(' ')) expect(html).toContain(`id="${hint}"`);
    }
    // The three terminators are radio buttons in one group with a legend, each inside its label.
    expect(inputs.filter((tag) => attr(tag, 'type') === 'radio')).toHaveLength(3);
    expect(html).toContain('<legend>What the scanner sends after each code</legend>');
    expect(html).toMatch(/<label class="choice"><input type="radio"[^>]*checked=""[^>]*value="Enter"/);
  });

  it('shows the station settings, in Dutch on a Dutch station', () => {
    const html = render(<WedgeSettings />, 'nl');
    expect(html).toContain('Scannerinstellingen (scanner als toetsenbord)');
    expect(html).toContain('Standaardwaarden terugzetten');
    expect(html).toMatch(/type="number"[^>]*value="35"/);
  });
});

describe('ScannerSelfTest', () => {
  it('waits for a scan, says so politely, and offers the sheet only when it can make one', () => {
    const without = render(<ScannerSelfTest />);
    expect(without).toContain('data-status="waiting"');
    expect(without).toMatch(/role="status" aria-live="polite"><p class="self-test__headline">Waiting for a scan of the test sheet…/);
    expect(without).not.toMatch(/<button[^>]*>Print the test sheet</);
    const withSheet = render(<ScannerSelfTest loadSheet={async () => ({ filename: 'x.pdf', pdfBase64: '' })} />, 'nl');
    expect(withSheet).toMatch(/<button[^>]*>Testblad afdrukken</);
    expect(withSheet).toContain('Wachten op een scan van het testblad…');
  });
});
