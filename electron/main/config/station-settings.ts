import type { SettingsUpdate, SettingsView } from '../../../shared/settings';
import { apiKeyPlaceholder, type StationConfig } from './station-config';
import { effectivePrinters } from './printer-settings';
import type { SavedSettings } from './settings-store';

/*
 * The settings in force: the config file, with what Settings saved in the data dir lying over it
 * section by section (the station section field by field, since Setup saves its name and
 * language there too). Also the config a station exports for the next machine: everything in
 * force, without the API key.
 */

export function effectiveConfig(file: StationConfig, saved: SavedSettings): StationConfig {
  const station = { ...file.station, ...saved.station };
  const company = saved.company === undefined ? file.company : (saved.company ?? undefined);
  return {
    ...file,
    ...(saved.warehouse ? { warehouse: saved.warehouse } : {}),
    station,
    packing: saved.packing ?? file.packing,
    shipping: saved.shipping ?? file.shipping,
    company,
    printers: effectivePrinters(file.printers, saved.printers).printers,
    devices: saved.devices ?? file.devices,
    desktop: saved.desktop ?? file.desktop,
  };
}

export function settingsView(file: StationConfig, saved: SavedSettings): SettingsView {
  const config = effectiveConfig(file, saved);
  const sourceOf = (isSaved: boolean, isInFile: boolean): 'settings' | 'file' | 'default' => (isSaved ? 'settings' : isInFile ? 'file' : 'default');
  return {
    station: {
      ...(config.station?.name ? { name: config.station.name } : {}),
      ...(config.station?.language ? { language: config.station.language } : {}),
      ...(config.station?.idleSignOutMinutes !== undefined ? { idleSignOutMinutes: config.station.idleSignOutMinutes } : {}),
      ...(config.station?.packer ? { packer: config.station.packer } : {}),
    },
    packing: config.packing ?? {},
    shipping: config.shipping ?? {},
    company: config.company ?? null,
    desktop: config.desktop ?? {},
    updates: config.updates ?? null,
    sources: {
      station: sourceOf(saved.station?.idleSignOutMinutes !== undefined || saved.station?.name !== undefined, file.station !== undefined),
      packing: sourceOf(saved.packing !== undefined, file.packing !== undefined),
      shipping: sourceOf(saved.shipping !== undefined, file.shipping !== undefined),
      company: sourceOf(saved.company !== undefined, file.company !== undefined),
      desktop: sourceOf(saved.desktop !== undefined, file.desktop !== undefined),
    },
  };
}

export function applySettingsUpdate(saved: SavedSettings, update: SettingsUpdate): SavedSettings {
  switch (update.section) {
    case 'station': {
      const { name, language, idleSignOutMinutes } = update.value;
      return {
        ...saved,
        station: {
          ...saved.station,
          ...(name !== undefined ? { name } : {}),
          ...(language !== undefined ? { language } : {}),
          ...(idleSignOutMinutes !== undefined ? { idleSignOutMinutes } : {}),
        },
      };
    }
    case 'packing':
      return { ...saved, packing: update.value };
    case 'shipping':
      return { ...saved, shipping: update.value };
    case 'company':
      return { ...saved, company: update.value };
    case 'desktop':
      return { ...saved, desktop: update.value };
  }
}

/** The config for the next station: what is in force here, the API key and this station's name left out. */
export function exportableConfig(file: StationConfig, saved: SavedSettings): Record<string, unknown> {
  const config = effectiveConfig(file, saved);
  const backend = saved.backend ?? (file.backend ? stripKey(file.backend) : undefined);
  const { name: _name, ...station } = config.station ?? {};
  const out: Record<string, unknown> = {
    ...(backend ? { backend: 'demo' in backend ? backend : { ...backend, apiKey: apiKeyPlaceholder } } : {}),
    ...(config.warehouse ? { warehouse: config.warehouse } : {}),
    ...(Object.keys(station).length > 0 ? { station } : {}),
    ...(config.packing ? { packing: config.packing } : {}),
    ...(config.shipping ? { shipping: config.shipping } : {}),
    ...(config.company ? { company: config.company } : {}),
    ...(config.printers && Object.keys(config.printers).length > 0 ? { printers: config.printers } : {}),
    ...(config.devices ? { devices: config.devices } : {}),
    ...(config.desktop ? { desktop: config.desktop } : {}),
    ...(config.updates ? { updates: config.updates } : {}),
  };
  return out;
}

function stripKey(backend: NonNullable<StationConfig['backend']>): NonNullable<SavedSettings['backend']> {
  if ('demo' in backend) return { demo: true };
  if ('subdomain' in backend) return { subdomain: backend.subdomain };
  return { url: backend.url };
}
