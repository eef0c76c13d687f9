import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceEntry } from '../../shared/devices';
import { stationFixture } from './fake-bridge';
import { callsOf, shots, useFakeUi } from './fake-ui';

/*
 * The Devices screen against the fake bridge: what was found, putting a found scanner to use
 * (saved over the config file), a live scale reading, and the scanner self-test taking scans.
 */

const ui = useFakeUi('devices-ui');

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
const scale: DeviceEntry = {
  ...scanner,
  id: 'scale',
  kind: 'scale',
  name: 'M10 Digital Postal Scale (0922:8003)',
  configKey: 'devices.scale',
  vendorId: 0x0922,
  productId: 0x8003,
  status: { state: 'connected', since: 1 },
  reading: { condition: 'in-motion', value: 300, unit: 'g', grams: 300, isSettled: false, at: 1 },
};

describe('Devices screen', () => {
  it('lists what was found, puts a scanner to use, follows the scale, and runs the self-test', async () => {
    const { page, errors } = await ui.open(stationFixture({ devices: [scanner, scale] }));
    await page.getByRole('navigation').getByRole('button', { name: 'Devices', exact: true }).click();
    const table = page.getByTestId('devices');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const row = table.locator(`tr[data-device="${scanner.id}"]`);
    expect(await row.textContent()).toContain('Plugged in, not in the config');
    expect(await row.textContent()).toContain('0c2e:0b87');
    expect(await page.getByText('No devices are set up').isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Use this scanner' }).click();
    await expect.poll(() => table.locator('tr[data-device="scanners[0]"]').getAttribute('data-state')).toBe('connected');
    expect(await callsOf(page, 'devices.configure')).toEqual([{ devices: { scanners: [{ kind: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b87, auto: false, layout: 'auto' }], scale: null, pollMs: 2000 } }]);
    await expect.poll(() => page.getByText('These devices were chosen here').isVisible()).toBe(true);

    // The scale's reading follows devices.changed as it comes.
    await page.evaluate(
      `window.__fake.emit('devices.changed', [${JSON.stringify({ ...scale, reading: { condition: 'stable', value: 1234, unit: 'g', grams: 1234, isSettled: true, at: 2 } })}])`,
    );
    await expect.poll(() => table.locator('tr[data-device="scale"]').textContent()).toContain('1234 g');
    expect(await table.locator('tr[data-device="scale"]').textContent()).toContain('(stable, counts)');

    // The self-test takes the next wedge scans instead of the pack session.
    await page.getByRole('button', { name: 'Start the scanner self-test' }).click();
    await page.evaluate(`(() => { for (const key of [...'AZQWMYazqwmy', 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })); })()`);
    await expect.poll(() => page.locator('.self-test__readings').textContent()).toContain('AZQWMYazqwmy');
    expect(await callsOf(page, 'scan.submit')).toEqual([]);
    await page.screenshot({ path: join(shots, 'devices.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
