import type { SavedSettings } from '../config/settings-store';
import { defaultDevicesConfig } from '../devices/config';
import { renderScannerTestSheet, scannerTestSheetFilename } from '../documents/scanner-test-sheet';
import type { HandlersOf, StationContext } from './context';

/* Scanners and scales main reads: the list, their config (file, Settings or default), a test sheet. */
export function deviceHandlers({ life, settings, devices, events, acks }: Pick<StationContext, 'life' | 'settings' | 'devices' | 'events' | 'acks'>) {
  return {
    'devices.list': () => devices.list(),
    'scanner.testSheet': async () => {
      const pdf = await renderScannerTestSheet(life.language());
      return { filename: scannerTestSheetFilename(life.language()), pdfBase64: pdf.toString('base64') };
    },
    'devices.refresh': async () => {
      await devices.refresh();
      events.emit('devices.changed', devices.list());
      return acks.bus();
    },
    'devices.config': () => ({
      config: settings.config().devices ?? defaultDevicesConfig(),
      source: settings.saved().devices ? ('settings' as const) : settings.file.devices ? ('file' as const) : ('default' as const),
    }),
    'devices.configure': async (input) => {
      life.refuseInPractice();
      const saved = settings.saved();
      const next: SavedSettings = 'useFile' in input ? { ...saved, devices: undefined } : { ...saved, devices: input.devices };
      settings.save(next);
      await devices.reconfigure(settings.config().devices ?? defaultDevicesConfig());
      events.emit('devices.changed', devices.list());
      return acks.bus();
    },
  } satisfies HandlersOf<'devices' | 'scanner'>;
}
