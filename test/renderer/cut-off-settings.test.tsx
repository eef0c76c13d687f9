import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/settings';
import { CutOffSettings, cutOffsOf } from '../../renderer/src/components/CutOffSettings';
import { createT } from '../../renderer/src/i18n';

const view: SettingsView = {
  station: {},
  packing: {},
  shipping: { cutOffs: [{ idshippingproviderProfile: 7, time: '16:00' }] },
  company: null,
  desktop: {},
  updates: null,
  sources: { station: 'default', packing: 'default', shipping: 'settings', company: 'default', desktop: 'default' },
};
const profiles = [
  { idshippingproviderProfile: 8, carrier: 'DHL', name: 'Parcel' },
  { idshippingproviderProfile: 7, carrier: 'PostNL', name: 'Standard' },
];

const render = (language: 'en' | 'nl', list = profiles) =>
  renderToStaticMarkup(<CutOffSettings view={view} profiles={list} isSaving={false} t={createT(language)} onSave={() => undefined} status={null} />);

describe('carrier cut-offs in Settings', () => {
  it('lists every cached shipping profile with a time field, filled where a cut-off is set', () => {
    const html = render('en');
    expect(html).toContain('Carrier cut-offs');
    expect(html).toContain('DHL Parcel');
    expect(html).toContain('PostNL Standard');
    expect(html).toMatch(/aria-label="Cut-off for PostNL Standard"[^>]*value="16:00"|value="16:00"[^>]*aria-label="Cut-off for PostNL Standard"/);
    expect(render('nl')).toContain('Sluittijden vervoerders');
  });

  it('says so when no profiles are synced yet', () => {
    expect(render('en', [])).toContain('No shipping profiles synced from Picqer yet.');
  });

  it('saves the filled times and drops the empty ones', () => {
    expect(cutOffsOf({ 7: '15:30', 8: '  ' })).toEqual({ cutOffs: [{ idshippingproviderProfile: 7, time: '15:30' }] });
    expect(cutOffsOf({})).toEqual({ cutOffs: [] });
  });
});
