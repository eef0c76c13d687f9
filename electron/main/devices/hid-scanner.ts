import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/log';
import { createBarcodeAssembler, type BarcodeAssembler, type BarcodeReportLayout } from './barcode-report';
import { createHidDeviceSource, hidDeviceName, type HidDeviceSource } from './hid-device-source';
import type { HidMonitor } from './hid-monitor';
import { USAGE_PAGE_BARCODE_SCANNER, type HidDeviceInfo, type HidPort } from './hid-port';
import type { DeviceStatus, ScanDetails } from './types';

/* A HID POS barcode scanner: its reports become whole codes, in the order they were scanned. */

export interface HidScannerOptions {
  port: HidPort;
  monitor: HidMonitor;
  clock: Clock;
  log: Logger;
  vendorId?: number;
  productId?: number;
  isAuto: boolean;
  layout?: BarcodeReportLayout;
  isTaken?: (path: string) => boolean;
  onScan(code: string, device: HidDeviceInfo, details: ScanDetails): void;
  onChange(): void;
}

export interface HidScanner {
  readonly status: DeviceStatus;
  readonly device: HidDeviceInfo | null;
  readonly claimedPath: string | null;
  start(): void;
  stop(): Promise<void>;
}

export function createHidScanner(options: HidScannerOptions): HidScanner {
  const log = options.log;
  let assembler: BarcodeAssembler | null = null;

  const makeAssembler = (device: HidDeviceInfo) =>
    createBarcodeAssembler({
      layout: options.layout ?? 'auto',
      vendorId: device.vendorId,
      onDrop: (reason) => log.warn('part of a scan was thrown away', { device: hidDeviceName(device), reason }),
    });

  const source: HidDeviceSource = createHidDeviceSource({
    port: options.port,
    monitor: options.monitor,
    clock: options.clock,
    log,
    selector: { usagePage: USAGE_PAGE_BARCODE_SCANNER, vendorId: options.vendorId, productId: options.productId, isAuto: options.isAuto },
    isTaken: options.isTaken,
    onOpened(device) {
      assembler = makeAssembler(device);
    },
    onLost(device) {
      if (assembler?.reset()) log.warn('a scan was cut off when the scanner went away', { device: hidDeviceName(device) });
      assembler = null;
    },
    onReport(report, device) {
      assembler ??= makeAssembler(device);
      const scanned = assembler.push(report, options.clock.now());
      if (scanned) options.onScan(scanned.code, device, { aim: scanned.aim, symbology: scanned.symbology });
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
    start: () => source.start(),
    stop: () => source.stop(),
  };
}
