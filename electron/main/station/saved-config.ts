import type { BackendInput } from '../../../shared/contract';
import { documentTypes } from '../../../shared/printing';
import { effectiveConfig } from '../config/station-settings';
import { effectivePrinters } from '../config/printer-settings';
import { withDemoPrinters, type StationConfig } from '../config/station-config';
import type { SavedSettings, SettingsStore } from '../config/settings-store';
import { createLogger } from '../infra/log';
import type { BackendConnection } from './backend';

/*
 * The station's configuration as it stands: the config file, with what Setup and Settings saved
 * over it. Kept, not rebuilt, because the runtime reads it on hot paths; a save replaces it.
 */

const log = createLogger('station');

export interface SavedConfig {
  /** The config file as read at start. */
  readonly file: StationConfig;
  readonly store: SettingsStore;
  saved(): SavedSettings;
  /** The config in force: the file with what was saved over it. */
  config(): StationConfig;
  save(next: SavedSettings): void;
  /** The printers in force: on the demo, folders under the data dir fill in where none is set. */
  printersFor(backend: BackendConnection, printers: StationConfig['printers']): StationConfig['printers'];
  /** `config()` with the demo's printers filled in; kept while the config is the same object. */
  configFor(backend: BackendConnection): StationConfig;
  /** Where each printer in force comes from; on the demo, a type nobody set is the demo's folder. */
  printerSources(backend: BackendConnection | null): ReturnType<typeof effectivePrinters>['sources'];
  /** The backend the station uses: what Setup saved, else the config file, else the demo. */
  chooseBackend(): BackendInput;
}

export function createSavedConfig(file: StationConfig, store: SettingsStore, dataDir: string): SavedConfig {
  let saved = store.load();
  let config = effectiveConfig(file, saved);
  let filled: { from: StationConfig; value: StationConfig } | null = null;

  const printersFor = (backend: BackendConnection, printers: StationConfig['printers']): StationConfig['printers'] =>
    backend.kind === 'demo' ? withDemoPrinters(printers, saved.printers, dataDir) : printers;

  return {
    file,
    store,
    saved: () => saved,
    config: () => config,
    save(next) {
      store.save(next);
      saved = next;
      config = effectiveConfig(file, saved);
    },
    printersFor,
    configFor(backend) {
      if (backend.kind !== 'demo') return config;
      if (filled?.from !== config) filled = { from: config, value: { ...config, printers: printersFor(backend, config.printers) } };
      return filled.value;
    },
    printerSources(backend) {
      const { printers, sources } = effectivePrinters(file.printers, saved.printers);
      if (backend?.kind !== 'demo') return sources;
      const inForce = printersFor(backend, printers) ?? {};
      const withDemo = { ...sources };
      for (const type of documentTypes) if (withDemo[type] === null && inForce[type]) withDemo[type] = 'demo';
      return withDemo;
    },
    chooseBackend() {
      const backend = saved.backend;
      if (backend && 'demo' in backend) return { demo: true };
      if (backend) {
        const apiKey = store.readApiKey();
        if (apiKey) return 'subdomain' in backend ? { subdomain: backend.subdomain, apiKey } : { url: backend.url, apiKey };
        log.warn('saved backend has no API key; falling back to the config file');
      }
      return file.backend ?? { demo: true };
    },
  };
}
