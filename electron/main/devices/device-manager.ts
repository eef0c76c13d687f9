import type { Clock } from '../infra/clock';
import { createLogger, type Logger } from '../infra/log';
import type { DevicesConfig } from './config';
import { hidDeviceName } from './hid-device-source';
import { createHidMonitor, type HidMonitor } from './hid-monitor';
import { USAGE_PAGE_BARCODE_SCANNER, USAGE_PAGE_SCALE, usbId, type HidDeviceInfo, type HidPort } from './hid-port';
import { createHidScale, type HidScale } from './hid-scale';
import { createHidScanner, type HidScanner } from './hid-scanner';
import type { SerialPortPort } from './serial-port';
import { createSerialScanner, type SerialScanner } from './serial-scanner';
import type { DeviceEntry, DeviceStatus, ScanDetails, StableWeight } from './types';

/*
 * Every scanner and scale the station reads itself, built from the `devices` config section.
 * Scans go out in the order they were read, each exactly once to every listener; a scan read
 * before anyone listens waits for the first listener instead of being dropped.
 */

export type ScanListener = (code: string, source: 'hid' | 'serial', device: string, details: ScanDetails) => void;
export type WeightListener = (weight: StableWeight, device: string) => void;

export interface DeviceManagerOptions {
  config: DevicesConfig;
  hid: HidPort;
  serial: SerialPortPort;
  clock: Clock;
  log?: Logger;
}

export interface DeviceManager {
  /** Opens what is configured and reads the USB device list once before it resolves. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reads the USB device list now (the Devices screen's refresh), instead of at the next poll. */
  refresh(): Promise<void>;
  /** Every configured device, and every HID scanner and scale that is plugged in but not configured. */
  list(): DeviceEntry[];
  onScan(listener: ScanListener): () => void;
  /** A weight that settled on the scale (stable for the configured number of readings). */
  onWeight(listener: WeightListener): () => void;
  /** Something in `list()` changed: a state, a device, a scale reading. Several changes at once are told once. */
  onChange(listener: () => void): () => void;
}

interface PendingScan {
  code: string;
  source: 'hid' | 'serial';
  device: string;
  details: ScanDetails;
}

/** Scans held for a listener that is not there yet: enough for any start-up, bounded so a station without one cannot grow forever. */
const MAX_HELD_SCANS = 1_000;

type Configured =
  | { kind: 'hid-scanner'; key: string; source: HidScanner; label: string }
  | { kind: 'serial-scanner'; key: string; source: SerialScanner }
  | { kind: 'scale'; key: string; source: HidScale; label: string };

function entryFromHid(device: HidDeviceInfo | null): Pick<DeviceEntry, 'vendorId' | 'productId' | 'manufacturer' | 'serialNumber' | 'path'> {
  return {
    vendorId: device?.vendorId ?? null,
    productId: device?.productId ?? null,
    manufacturer: device?.manufacturer ?? null,
    serialNumber: device?.serialNumber ?? null,
    path: device?.path ?? null,
  };
}

function hidLabel(what: string, config: { vendorId?: number; productId?: number; auto: boolean }): string {
  if (config.vendorId === undefined) return `${what} (first one found)`;
  const id = config.productId === undefined ? config.vendorId.toString(16).padStart(4, '0') : usbId(config.vendorId, config.productId);
  return `${what} ${id}`;
}

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const { config, clock } = options;
  const log = options.log ?? createLogger('devices');
  const monitor: HidMonitor = createHidMonitor({ port: options.hid, clock, pollMs: config.pollMs, log: log.child('hid') });

  const scanListeners = new Set<ScanListener>();
  const weightListeners = new Set<WeightListener>();
  const changeListeners = new Set<() => void>();
  const held: PendingScan[] = [];
  let isDraining = false;
  let isChangeQueued = false;

  const drain = () => {
    // One drain at a time keeps the order when a listener's work leads to another scan.
    if (isDraining || scanListeners.size === 0) return;
    isDraining = true;
    try {
      while (held.length > 0 && scanListeners.size > 0) {
        const scan = held.shift() as PendingScan;
        for (const listener of [...scanListeners]) {
          try {
            listener(scan.code, scan.source, scan.device, scan.details);
          } catch (error) {
            log.error('a scan listener failed', { device: scan.device, error: error instanceof Error ? error.stack : String(error) });
          }
        }
      }
    } finally {
      isDraining = false;
    }
  };

  const deliverScan = (scan: PendingScan) => {
    if (held.length >= MAX_HELD_SCANS) {
      const dropped = held.shift();
      log.warn('no one is listening for scans; the oldest held scan was dropped', { device: dropped?.device });
    }
    held.push(scan);
    drain();
  };

  const changed = () => {
    if (isChangeQueued) return;
    isChangeQueued = true;
    queueMicrotask(() => {
      isChangeQueued = false;
      for (const listener of [...changeListeners]) {
        try {
          listener();
        } catch (error) {
          log.error('a device change listener failed', { error: error instanceof Error ? error.stack : String(error) });
        }
      }
    });
  };

  const configured: Configured[] = [];
  /** A path one HID source has open or is opening is not another auto source's to take. */
  const takenBy = (key: string) => (path: string) =>
    configured.some((c) => c.key !== key && c.kind !== 'serial-scanner' && c.source.claimedPath === path);

  config.scanners.forEach((scanner, index) => {
    const key = `scanners[${index}]`;
    if (scanner.kind === 'serial') {
      const source = createSerialScanner({
        serial: options.serial,
        clock,
        log: log.child('serial'),
        path: scanner.path,
        baudRate: scanner.baudRate,
        terminator: scanner.terminator,
        timeoutMs: scanner.timeoutMs,
        retryMs: config.pollMs,
        onScan: (code, details) => deliverScan({ code, source: 'serial', device: scanner.path, details }),
        onChange: changed,
      });
      configured.push({ kind: 'serial-scanner', key, source });
      return;
    }
    const source = createHidScanner({
      port: options.hid,
      monitor,
      clock,
      log: log.child('hid-pos'),
      vendorId: scanner.vendorId,
      productId: scanner.productId,
      isAuto: scanner.auto,
      layout: scanner.layout,
      isTaken: takenBy(key),
      onScan: (code, device, details) => deliverScan({ code, source: 'hid', device: hidDeviceName(device), details }),
      onChange: changed,
    });
    configured.push({ kind: 'hid-scanner', key, source, label: hidLabel('HID POS scanner', scanner) });
  });

  if (config.scale) {
    const scale = config.scale;
    const source = createHidScale({
      port: options.hid,
      monitor,
      clock,
      log: log.child('scale'),
      vendorId: scale.vendorId,
      productId: scale.productId,
      isAuto: scale.auto,
      stableReadings: scale.stableReadings,
      isTaken: takenBy('scale'),
      onWeight: (weight, device) => {
        const name = hidDeviceName(device);
        for (const listener of [...weightListeners]) {
          try {
            listener(weight, name);
          } catch (error) {
            log.error('a weight listener failed', { error: error instanceof Error ? error.stack : String(error) });
          }
        }
      },
      onChange: changed,
    });
    configured.push({ kind: 'scale', key: 'scale', source, label: hidLabel('USB scale', scale) });
  }

  // The Devices screen also hears of devices plugged in or out that nothing is configured for.
  let lastSeen = '';
  monitor.subscribe((snapshot) => {
    const seen = snapshot.devices
      .filter((d) => d.usagePage === USAGE_PAGE_BARCODE_SCANNER || d.usagePage === USAGE_PAGE_SCALE)
      .map((d) => `${d.path}#${d.usagePage}`)
      .sort()
      .join('|');
    if (seen !== lastSeen) {
      lastSeen = seen;
      changed();
    }
  });

  const configuredEntry = (c: Configured): DeviceEntry => {
    if (c.kind === 'serial-scanner') {
      return {
        id: c.key,
        kind: 'scanner',
        transport: 'serial',
        name: c.source.path,
        configKey: `devices.${c.key}`,
        vendorId: null,
        productId: null,
        manufacturer: null,
        serialNumber: null,
        path: c.source.path,
        status: c.source.status,
        reading: null,
      };
    }
    const device = c.source.device;
    return {
      id: c.key,
      kind: c.kind === 'scale' ? 'scale' : 'scanner',
      transport: 'hid',
      name: device ? hidDeviceName(device) : c.label,
      configKey: `devices.${c.key}`,
      ...entryFromHid(device),
      status: c.source.status,
      reading: c.kind === 'scale' ? c.source.reading : null,
    };
  };

  const available: DeviceStatus = { state: 'available' };

  return {
    async start() {
      monitor.start();
      for (const c of configured) c.source.start();
      await monitor.poll();
    },
    async stop() {
      monitor.stop();
      await Promise.all(configured.map((c) => c.source.stop()));
    },
    refresh: () => monitor.poll(),
    list() {
      const entries = configured.map(configuredEntry);
      // A disconnected source's old path may belong to another device by now (Linux reuses hidraw numbers).
      const inUse = new Set(
        configured.flatMap((c) => {
          if (c.kind === 'serial-scanner') return [];
          const state = c.source.status.state;
          return [c.source.claimedPath, state === 'connected' || state === 'error' ? c.source.device?.path : null];
        }),
      );
      const listed = new Set<string>();
      for (const device of monitor.snapshot().devices) {
        const kind = device.usagePage === USAGE_PAGE_BARCODE_SCANNER ? 'scanner' : device.usagePage === USAGE_PAGE_SCALE ? 'scale' : null;
        if (!kind || inUse.has(device.path) || listed.has(device.path)) continue;
        listed.add(device.path);
        entries.push({
          id: `hid:${usbId(device.vendorId, device.productId)}:${device.serialNumber ?? device.path}`,
          kind,
          transport: 'hid',
          name: hidDeviceName(device),
          configKey: null,
          ...entryFromHid(device),
          status: available,
          reading: null,
        });
      }
      return entries;
    },
    onScan(listener) {
      scanListeners.add(listener);
      // Scans held before anyone listened go to the first listener, after this call returns.
      queueMicrotask(drain);
      return () => scanListeners.delete(listener);
    },
    onWeight(listener) {
      weightListeners.add(listener);
      return () => weightListeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
