import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { Devices } from '../../renderer/src/screens/Devices';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import type { DevicesStore } from '../../renderer/src/stores/devices';
import type { DeviceEntry } from '../../shared/devices';
import { appStateFixture, createFakeApi } from './fake-api';

/*
 * The Devices screen with hardware plugged in, rendered to markup: a HID scanner found but not in
 * the config, and the configured scale with its live reading. The real station cannot be given a
 * USB scanner in CI; main's side of finding and using one (a fake HID port) is in
 * test/main/station-devices.test.ts, and the screen without hardware runs on the real station in
 * test/e2e/ui-devices.test.ts.
 */

const scanner: DeviceEntry = {
  id: 'hid:0c2e:0b87:V1',
  kind: 'scanner',
  transport: 'hid',
  name: 'Voyager 1602g (0c2e:0b87)',
  configKey: null,
  vendorId: 0x0c2e,
  productId: 0x0b87,
  manufacturer: 'Honeywell',
  serialNumber: 'V1',
  path: '/dev/hidraw3',
  status: { state: 'available' },
  reading: null,
};
const scale = (reading: DeviceEntry['reading']): DeviceEntry => ({
  ...scanner,
  id: 'scale',
  kind: 'scale',
  name: 'M10 Digital Postal Scale (0922:8003)',
  configKey: 'devices.scale',
  vendorId: 0x0922,
  productId: 0x8003,
  status: { state: 'connected', since: 1 },
  reading,
});

function render(devices: DeviceEntry[]): string {
  const stores = createStores(createFakeApi());
  const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language: 'en' }) }));
  const found = createStore<DevicesStore>()(() => ({ ...stores.devices.getState(), devices, hasLoaded: true, config: { scanners: [], scale: null, pollMs: 2000 }, configSource: 'default' }));
  return renderToStaticMarkup(
    <StoresContext value={{ ...stores, app, devices: found }}>
      <Devices />
    </StoresContext>,
  );
}

const rowOf = (html: string, id: string) => /<tr[^>]*data-device="([^"]*)"[^>]*>[\s\S]*?<\/tr>/g[Symbol.match](html)?.find((row) => row.includes(`data-device="${id}"`)) ?? '';

describe('the Devices screen with hardware plugged in', () => {
  it('lists a found scanner that is not in the config, with the way to use it, and the scale with its reading', () => {
    const html = render([scanner, scale({ condition: 'in-motion', value: 300, unit: 'g', grams: 300, isSettled: false, at: 1 })]);
    const found = rowOf(html, scanner.id);
    expect(found).toContain('Plugged in, not in the config');
    expect(found).toContain('0c2e:0b87');
    expect(found).toMatch(/<button(?![^>]*disabled)[^>]*>Use this scanner<\/button>/);
    expect(html).toContain('No devices are set up');
    const weighing = rowOf(html, 'scale');
    expect(weighing).toContain('Connected');
    expect(weighing).toContain('300 g');
  });

  it('shows a settled weight as the one that counts', () => {
    const weighing = rowOf(render([scale({ condition: 'stable', value: 1234, unit: 'g', grams: 1234, isSettled: true, at: 2 })]), 'scale');
    expect(weighing).toContain('1234 g');
    expect(weighing).toContain('(stable, counts)');
  });
});
