import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/log';
import type { HidMonitor, HidSnapshot } from './hid-monitor';
import { usbId, type HidConnection, type HidDeviceInfo, type HidPort } from './hid-port';
import type { DeviceStatus } from './types';
import { aside, reason, type Reason } from '../../../shared/reasons';
import { englishOf } from '../packing/reasons';

/*
 * One configured HID device (a scanner or a scale): finds it in the monitor's device list, opens
 * it, hands every input report on, and when it goes away waits for it to come back and opens it
 * again. The reports' meaning is the caller's (barcode or weight).
 */

export interface HidSelector {
  /** The usage page the device's POS collection has: 0x8C scanners, 0x8D scales. */
  usagePage: number;
  vendorId?: number;
  productId?: number;
  /** Take the first device on the usage page (narrowed by vendorId/productId when given). */
  isAuto: boolean;
}

function matchesIds(device: HidDeviceInfo, selector: HidSelector): boolean {
  if (selector.vendorId !== undefined && device.vendorId !== selector.vendorId) return false;
  if (selector.productId !== undefined && device.productId !== selector.productId) return false;
  return true;
}

/**
 * The device this selector means, of those not already in use. By usage page first; a device
 * configured by its ids is also found where the driver cannot say its usage page (libusb), and
 * as a last resort on another page, for scanners whose POS interface has a vendor-defined page.
 */
export function pickHidDevice(devices: HidDeviceInfo[], selector: HidSelector, isTaken: (path: string) => boolean = () => false): HidDeviceInfo | null {
  const free = devices.filter((d) => !isTaken(d.path) && matchesIds(d, selector));
  const onPage = free.find((d) => d.usagePage === selector.usagePage);
  if (onPage || selector.isAuto) return onPage ?? null;
  if (selector.vendorId === undefined) return null;
  return free.find((d) => !d.usagePage) ?? free[0] ?? null;
}

/** "Voyager 1602g (0c2e:0b87)": what the packer and the IT person see. */
export function hidDeviceName(device: HidDeviceInfo): string {
  return `${device.product ?? 'USB HID device'} (${usbId(device.vendorId, device.productId)})`;
}

export interface HidDeviceSource {
  readonly status: DeviceStatus;
  /** The device in use, or last in use; null before one was found. */
  readonly device: HidDeviceInfo | null;
  /** The path this source has open or is opening, so another source does not take it too. */
  readonly claimedPath: string | null;
  start(): void;
  stop(): Promise<void>;
}

export interface HidDeviceSourceOptions {
  port: HidPort;
  monitor: HidMonitor;
  clock: Clock;
  log: Logger;
  selector: HidSelector;
  isTaken?: (path: string) => boolean;
  onReport(report: Buffer, device: HidDeviceInfo): void;
  /** The device was opened (again): the caller starts from a clean state. */
  onOpened?(device: HidDeviceInfo): void;
  /** The device went away or failed; whatever was half-read from it is void. */
  onLost?(device: HidDeviceInfo): void;
  /** The status or the device changed. */
  onChange(): void;
}

export function createHidDeviceSource(options: HidDeviceSourceOptions): HidDeviceSource {
  const { log, clock } = options;
  let status: DeviceStatus = { state: 'not-found' };
  let device: HidDeviceInfo | null = null;
  let connection: HidConnection | null = null;
  let openingPath: string | null = null;
  let unsubscribe: (() => void) | null = null;
  let isStopped = true;
  let lastErrorLogged: string | null = null;

  const setStatus = (next: DeviceStatus) => {
    status = next;
    options.onChange();
  };

  /** The screen words the reason; the log and the comparison use its English. */
  const fail = (why: Reason) => {
    const message = englishOf(why);
    if (message !== lastErrorLogged) log.warn('HID device cannot be used', { device: device ? hidDeviceName(device) : null, error: message });
    lastErrorLogged = message;
    if (status.state !== 'error' || status.message !== message) setStatus({ state: 'error', message, reason: why, since: clock.now() });
  };

  /** The open device is gone: forget the connection, keep the device for the Devices screen. */
  const lose = (reason: string) => {
    const lost = connection;
    if (!lost || !device) return;
    connection = null;
    log.warn('HID device disconnected', { device: hidDeviceName(device), reason });
    options.onLost?.(device);
    setStatus({ state: 'disconnected', since: clock.now() });
    void lost.close().catch(() => undefined);
  };

  const open = async (candidate: HidDeviceInfo) => {
    openingPath = candidate.path;
    try {
      const opened = await options.port.open(candidate.path);
      if (isStopped) {
        await opened.close().catch(() => undefined);
        return;
      }
      connection = opened;
      device = candidate;
      lastErrorLogged = null;
      opened.on('data', (report) => {
        if (connection === opened) options.onReport(report, candidate);
      });
      opened.on('error', (error) => {
        if (connection === opened) lose(error.message);
      });
      opened.on('close', () => {
        if (connection === opened) lose('closed');
      });
      log.info('HID device connected', { device: hidDeviceName(candidate), path: candidate.path });
      options.onOpened?.(candidate);
      setStatus({ state: 'connected', since: clock.now() });
    } catch (error) {
      if (isStopped) return;
      device = candidate;
      fail(openErrorReason(candidate, error));
    } finally {
      openingPath = null;
    }
  };

  const onSnapshot = (snapshot: HidSnapshot) => {
    if (isStopped || openingPath) return;
    if (connection && device) {
      const openPath = device.path;
      if (!snapshot.error && !snapshot.devices.some((d) => d.path === openPath)) lose('unplugged');
      return;
    }
    if (snapshot.error) {
      fail(reason('device.hidUnavailable', { aside: aside(snapshot.error) }));
      return;
    }
    const candidate = pickHidDevice(snapshot.devices, options.selector, options.isTaken);
    if (candidate) {
      void open(candidate);
      return;
    }
    // Nothing to open: a device that was here is disconnected (since it went), else not found.
    if (status.state === 'error') setStatus(device ? { state: 'disconnected', since: clock.now() } : { state: 'not-found' });
  };

  return {
    get status() {
      return status;
    },
    get device() {
      return device;
    },
    get claimedPath() {
      return openingPath ?? (connection && device ? device.path : null);
    },
    start() {
      if (!isStopped) return;
      isStopped = false;
      unsubscribe = options.monitor.subscribe(onSnapshot);
    },
    async stop() {
      isStopped = true;
      unsubscribe?.();
      unsubscribe = null;
      const open = connection;
      connection = null;
      if (open) await open.close().catch(() => undefined);
    },
  };
}

/** Linux answers a missing udev rule with a bare "cannot open": say what to do about it. */
function openErrorReason(device: HidDeviceInfo, error: unknown): Reason {
  const said = aside(error instanceof Error ? error.message : String(error));
  const name = hidDeviceName(device);
  return process.platform === 'linux'
    ? reason('device.cannotOpenUdev', { name, aside: said, path: device.path, usbId: usbId(device.vendorId, device.productId) })
    : reason('device.cannotOpen', { name, aside: said });
}
