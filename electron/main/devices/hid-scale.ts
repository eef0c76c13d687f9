import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/log';
import { createHidDeviceSource, type HidDeviceSource } from './hid-device-source';
import type { HidMonitor } from './hid-monitor';
import { USAGE_PAGE_SCALE, type HidDeviceInfo, type HidPort } from './hid-port';
import { createStabilityTracker, parseScaleReport } from './scale-report';
import type { DeviceStatus, ScaleReading, StableWeight } from './types';

/*
 * A USB HID scale. It sends a report several times a second; every one updates the reading on
 * the Devices screen (only when it changed), and a weight is handed on once it settled.
 */

export interface HidScaleOptions {
  port: HidPort;
  monitor: HidMonitor;
  clock: Clock;
  log: Logger;
  vendorId?: number;
  productId?: number;
  isAuto: boolean;
  /** How many identical stable readings in a row make a weight count. */
  stableReadings: number;
  isTaken?: (path: string) => boolean;
  onWeight(weight: StableWeight, device: HidDeviceInfo): void;
  onChange(): void;
}

export interface HidScale {
  readonly status: DeviceStatus;
  readonly device: HidDeviceInfo | null;
  readonly claimedPath: string | null;
  /** The latest reading; null before the first and after the scale went away. */
  readonly reading: ScaleReading | null;
  start(): void;
  stop(): Promise<void>;
}

const sameReading = (a: ScaleReading | null, b: ScaleReading) =>
  a !== null && a.condition === b.condition && a.value === b.value && a.unit === b.unit && a.isSettled === b.isSettled;

export function createHidScale(options: HidScaleOptions): HidScale {
  const tracker = createStabilityTracker(options.stableReadings);
  let reading: ScaleReading | null = null;

  const source: HidDeviceSource = createHidDeviceSource({
    port: options.port,
    monitor: options.monitor,
    clock: options.clock,
    log: options.log,
    selector: { usagePage: USAGE_PAGE_SCALE, vendorId: options.vendorId, productId: options.productId, isAuto: options.isAuto },
    isTaken: options.isTaken,
    onOpened() {
      tracker.reset();
      reading = null;
    },
    onLost() {
      // A weight read before the scale went away is not the weight on it now.
      tracker.reset();
      reading = null;
    },
    onReport(report, device) {
      const sample = parseScaleReport(report);
      if (!sample) return;
      const { reading: next, settled } = tracker.next(sample, options.clock.now());
      const hasChanged = !sameReading(reading, next);
      reading = next;
      if (settled) options.onWeight(settled, device);
      // Scales repeat themselves several times a second; the screen only needs to hear of changes.
      if (hasChanged) options.onChange();
    },
    onChange: options.onChange,
  });

  return {
    get status() {
      return source.status;
    },
    get device() {
      return source.device;
    },
    get claimedPath() {
      return source.claimedPath;
    },
    get reading() {
      return reading;
    },
    start: () => source.start(),
    stop: () => source.stop(),
  };
}
