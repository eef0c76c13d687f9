import type { DeviceEntry } from '../../../shared/devices';
import type { DevicesConfig } from '../../../shared/devices-config';
import type { ScanSource } from '../../../shared/packing';
import { maxScanInputLength } from '../../../shared/scan-input';
import type { Clock } from '../infra/clock';
import { createDeviceManager, type DeviceManager } from './device-manager';
import { createNodeHidPort, type HidPort } from './hid-port';
import type { StableWeight } from './types';
import { createNodeSerialPort, type SerialPortPort } from './serial-port';

/*
 * The station's scanners and scale: one device manager at a time, built from the devices config
 * in force, and built again when Settings changes that config. Scans are handed on one at a time
 * and in order, as a packer's scans come: the next waits for the answer to the one before.
 */

export interface StationDevicesDeps {
  config: DevicesConfig;
  ports?: { hid: HidPort; serial: SerialPortPort };
  clock: Clock;
  onScan(input: { code: string; aim: string | null; source: Extract<ScanSource, 'hid' | 'serial'> }, device: string): Promise<void>;
  onWeight(weight: StableWeight): void;
  onChange(list: DeviceEntry[]): void;
}

export interface StationDevices {
  list(): DeviceEntry[];
  refresh(): Promise<void>;
  /** Closes the devices and opens them again from a new config. */
  reconfigure(config: DevicesConfig): Promise<void>;
  stop(): Promise<void>;
}

export async function startStationDevices(deps: StationDevicesDeps): Promise<StationDevices> {
  // Created once: node-hid and serialport load on first use, and reloading them gains nothing.
  const hid = deps.ports?.hid ?? createNodeHidPort();
  const serial = deps.ports?.serial ?? createNodeSerialPort();
  let scans: Promise<void> = Promise.resolve();

  const build = async (config: DevicesConfig): Promise<DeviceManager> => {
    const manager = createDeviceManager({ config, hid, serial, clock: deps.clock });
    manager.onScan((code, source, device, details) => {
      // The AIM identifier travels apart, as the wedge sends it: the barcode index reads GS1 codes by it.
      // Bounded like the contract's input; the scan guard refuses what is too long to be a barcode.
      const input = { code: code.slice(0, maxScanInputLength), aim: details.aim, source };
      scans = scans.then(() => deps.onScan(input, device));
    });
    manager.onWeight((weight) => deps.onWeight(weight));
    manager.onChange(() => deps.onChange(manager.list()));
    await manager.start();
    return manager;
  };

  let manager = await build(deps.config);
  return {
    list: () => manager.list(),
    refresh: () => manager.refresh(),
    async reconfigure(config) {
      await manager.stop();
      manager = await build(config);
      deps.onChange(manager.list());
    },
    stop: () => manager.stop(),
  };
}
