import { describe, expect, it } from 'vitest';
import { applySettingsUpdate, exportableConfig, settingsView } from '../../electron/main/config/station-settings';
import { parseStationConfig } from '../../electron/main/config/station-config';

describe('cut-offs in the station settings', () => {
  it('come from the file, are saved over it from Settings, and travel with the exported config', () => {
    const file = { backend: { demo: true as const }, shipping: { cutOffs: [{ idshippingproviderProfile: 7, time: '16:00' }] } };
    expect(settingsView(file, {}).shipping).toEqual(file.shipping);
    expect(settingsView(file, {}).sources.shipping).toBe('file');

    const saved = applySettingsUpdate({}, { section: 'shipping', value: { cutOffs: [{ idshippingproviderProfile: 7, time: '15:30' }] } });
    const view = settingsView(file, saved);
    expect(view.shipping.cutOffs).toEqual([{ idshippingproviderProfile: 7, time: '15:30' }]);
    expect(view.sources.shipping).toBe('settings');
    expect(exportableConfig(file, saved).shipping).toEqual({ cutOffs: [{ idshippingproviderProfile: 7, time: '15:30' }] });
    expect(settingsView({}, {}).sources.shipping).toBe('default');
  });

  it('refuses a cut-off in the config file that is not a time', () => {
    expect(() => parseStationConfig(JSON.stringify({ shipping: { cutOffs: [{ idshippingproviderProfile: 7, time: '1600' }] } }), 'station.json')).toThrow(/HH:MM/);
  });
});
