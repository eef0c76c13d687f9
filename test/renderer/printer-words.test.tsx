import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { FirstRunChecklist } from '../../renderer/src/components/FirstRunChecklist';
import { Devices } from '../../renderer/src/screens/Devices';
import { Settings } from '../../renderer/src/screens/Settings';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import type { DevicesStore } from '../../renderer/src/stores/devices';
import type { OnboardingStore } from '../../renderer/src/stores/onboarding';
import type { PrintersStore } from '../../renderer/src/stores/printers';
import type { DeviceEntry } from '../../shared/devices';
import type { Language } from '../../shared/domain';
import type { PrinterInfo } from '../../shared/printing';
import { appStateFixture, createFakeApi } from './fake-api';

/*
 * What main says about a printer or a device reaches the screen as a reason, worded in the
 * packer's language; a Dutch station once showed "Niet bereikbaar CUPS has no queue named ...".
 * Printers are named as people know them (the CUPS queue), never by the driver's technical id.
 */

const brother: PrinterInfo = {
  documentType: 'packingSlip',
  driver: 'cups',
  description: 'cups:Brother HL-L2350DW',
  health: { state: 'offline', message: 'CUPS has no queue named Brother HL-L2350DW', reason: { code: 'printer.noCupsQueue', params: { queue: 'Brother HL-L2350DW' } } },
  config: { driver: 'cups', queue: 'Brother HL-L2350DW' },
  source: 'settings',
};
const zebra: PrinterInfo = {
  documentType: 'label',
  driver: 'raw-tcp',
  description: 'raw-tcp:10.0.0.50:9100',
  health: { state: 'head_open', message: 'The print head is open', reason: { code: 'printer.headOpen', params: {} } },
  config: { driver: 'raw-tcp', host: '10.0.0.50', port: 9100, format: 'zpl' },
  source: 'file',
};

function render(language: Language, screen: 'settings' | 'checklist' | 'devices', devices: DeviceEntry[] = []): string {
  const stores = createStores(createFakeApi());
  const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language }) }));
  const printers = createStore<PrintersStore>()(() => ({
    ...stores.printers.getState(),
    printers: [brother, zebra],
    hasLoaded: true,
    tests: { label: { documentType: 'label', jobId: 4, status: 'failed', error: 'Windows refused the job for Zebra.', reason: { code: 'print.windowsRefused', params: { printer: 'Zebra', aside: '' } } } },
  }));
  const onboarding = createStore<OnboardingStore>()(() => ({ ...stores.onboarding.getState(), isOpen: true }));
  const found = createStore<DevicesStore>()(() => ({ ...stores.devices.getState(), devices, hasLoaded: true, config: { scanners: [], scale: null, pollMs: 2000 }, configSource: 'default' }));
  return renderToStaticMarkup(
    <StoresContext value={{ ...stores, app, printers, onboarding, devices: found }}>
      {screen === 'settings' ? <Settings /> : screen === 'checklist' ? <FirstRunChecklist /> : <Devices />}
    </StoresContext>,
  );
}

describe('printer and device words in the packer language', () => {
  it('Settings words a printer health reason in Dutch, with the printer by its name', () => {
    const html = render('nl', 'settings');
    expect(html).toContain('CUPS heeft geen wachtrij met de naam Brother HL-L2350DW');
    expect(html).toContain('De printkop staat open');
    expect(html).toContain('Windows weigerde de printopdracht voor Zebra.');
    expect(html).not.toContain('CUPS has no queue');
    expect(html).not.toContain('The print head is open');
    expect(html).not.toMatch(/>cups:Brother/);
    expect(html).toContain('Brother HL-L2350DW');
  });

  it('Settings in English keeps the English sentences', () => {
    const html = render('en', 'settings');
    expect(html).toContain('CUPS has no queue named Brother HL-L2350DW');
    expect(html).toContain('The print head is open');
  });

  it('the first-run checklist names the printer as the packer knows it and words a failed test print', () => {
    const html = render('nl', 'checklist');
    expect(html).toContain('Brother HL-L2350DW');
    expect(html).not.toContain('cups:Brother');
    expect(html).not.toContain('raw-tcp:');
    expect(html).toContain('Windows weigerde de printopdracht voor Zebra.');
    expect(html).not.toContain('Windows refused');
  });

  it('the Devices screen words why a scanner cannot be opened in Dutch', () => {
    const scanner: DeviceEntry = {
      id: 'scanners[0]',
      kind: 'scanner',
      transport: 'serial',
      name: '/dev/ttyACM0',
      configKey: 'devices.scanners[0]',
      vendorId: null,
      productId: null,
      manufacturer: null,
      serialNumber: null,
      path: '/dev/ttyACM0',
      status: {
        state: 'error',
        message: 'Cannot open /dev/ttyACM0 (EACCES). Add this user to the dialout group (see docs/station-setup.md).',
        reason: { code: 'device.cannotOpenDialout', params: { name: '/dev/ttyACM0', aside: ' (EACCES)' } },
        since: 1,
      },
      reading: null,
    };
    const html = render('nl', 'devices', [scanner]);
    expect(html).toContain('Kan /dev/ttyACM0 niet openen (EACCES). Voeg deze gebruiker toe aan de groep dialout');
    expect(html).not.toContain('Add this user');
  });
});
