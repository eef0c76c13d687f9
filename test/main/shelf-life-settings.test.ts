import { describe, expect, it } from 'vitest';
import { applySettingsUpdate, exportableConfig, settingsView } from '../../electron/main/config/station-settings';
import { parseStationConfig } from '../../electron/main/config/station-config';

/* Shelf-life rules (issue 18) in the station config: from the file, saved over it, exported, refused with the field named. */

describe('shelf-life rules in the station settings', () => {
  it('come from the file, are saved over it from Settings, and travel with the exported config', () => {
    const file = { backend: { demo: true as const }, packing: { minShelfLifeDays: 30, shelfLifeRules: [{ match: 'tag' as const, value: 'Babyvoeding', days: 90 }] } };
    expect(parseStationConfig(JSON.stringify(file), 'station.json').packing).toEqual(file.packing);
    expect(settingsView(file, {}).packing.shelfLifeRules).toEqual([{ match: 'tag', value: 'Babyvoeding', days: 90 }]);

    const rules = [
      { match: 'tag' as const, value: 'Babyvoeding', days: 120 },
      { match: 'webshop' as const, value: 'PrestaShop', days: 60 },
    ];
    const saved = applySettingsUpdate({}, { section: 'packing', value: { minShelfLifeDays: 30, shelfLifeRules: rules } });
    expect(settingsView(file, saved).packing.shelfLifeRules).toEqual(rules);
    expect(exportableConfig(file, saved).packing).toMatchObject({ shelfLifeRules: rules });
    // An older config without rules stays valid.
    expect(parseStationConfig(JSON.stringify({ packing: { minShelfLifeDays: 30 } }), 'station.json').packing).toEqual({ minShelfLifeDays: 30 });
  });

  it('refuses a rule in the config file with the field and the reason named', () => {
    const config = (rules: unknown) => JSON.stringify({ packing: { shelfLifeRules: rules } });
    expect(() => parseStationConfig(config([{ match: 'tag', value: 'Zorg', days: 0 }]), 'station.json')).toThrow(/At least 1 day[\s\S]*shelfLifeRules/);
    expect(() => parseStationConfig(config([{ match: 'tag', value: 'Zorg', days: 10 }, { match: 'tag', value: 'ZORG', days: 20 }]), 'station.json')).toThrow(
      /One shelf-life rule per tag or webshop/,
    );
  });
});
