import { EventEmitter } from 'node:events';
import type { HIDAsync } from 'node-hid';

/*
 * USB HID as a port: list what is plugged in, open one device by its path, read its input
 * reports. The real implementation is node-hid; tests use fake-hid-port.ts, where a test plugs and
 * unplugs devices and pushes report bytes.
 */

/** HID usage pages of the USB HID Point of Sale Usage Tables (v1.02). */
export const USAGE_PAGE_BARCODE_SCANNER = 0x8c;
export const USAGE_PAGE_SCALE = 0x8d;

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** The OS path that opens this device: `/dev/hidraw3` on Linux, an IOService path on macOS. */
  path: string;
  /** The top-level collection's usage page; undefined where the driver cannot tell (libusb). */
  usagePage?: number;
  usage?: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
}

/** One open device. Emits `data` for every input report (the report ID first when the device numbers its reports). */
export interface HidConnection {
  on(event: 'data', listener: (report: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  /** The device is closed, by `close()` or because it went away; no events follow. */
  on(event: 'close', listener: () => void): this;
  close(): Promise<void>;
}

export interface HidPort {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidConnection>;
}

/** `0c2e:0b87`, the way lsusb and udev rules spell it. */
export function usbId(vendorId: number, productId: number): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(vendorId)}:${hex(productId)}`;
}

type NodeHid = typeof import('node-hid');

/**
 * node-hid is imported on first use, not at module load: where its native binding cannot load
 * (an unsupported platform, a missing libudev) the station still starts and the Devices screen
 * says why HID devices are unavailable.
 */
let nodeHid: Promise<NodeHid> | null = null;
function loadNodeHid(): Promise<NodeHid> {
  nodeHid ??= import('node-hid').catch((error: unknown) => {
    nodeHid = null;
    // The screen says that USB HID is not available (reason device.hidUnavailable) with these words beside it.
    throw new Error(`node-hid: ${error instanceof Error ? error.message : String(error)}`);
  });
  return nodeHid;
}

class NodeHidConnection extends EventEmitter implements HidConnection {
  private isClosed = false;

  constructor(private readonly device: HIDAsync) {
    super();
    device.on('data', (report: Buffer) => this.emit('data', report));
    // node-hid reports an unplugged device as a read error; its read loop stops after it.
    device.on('error', (error: unknown) => {
      if (this.isClosed) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    });
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      await this.device.close();
    } finally {
      this.emit('close');
      this.removeAllListeners();
    }
  }
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function createNodeHidPort(): HidPort {
  return {
    async list() {
      const hid = await loadNodeHid();
      const devices = await hid.devicesAsync();
      const out: HidDeviceInfo[] = [];
      for (const d of devices) {
        if (!d.path) continue;
        out.push({
          vendorId: d.vendorId,
          productId: d.productId,
          path: d.path,
          usagePage: d.usagePage,
          usage: d.usage,
          product: text(d.product),
          manufacturer: text(d.manufacturer),
          serialNumber: text(d.serialNumber),
        });
      }
      return out;
    },
    async open(path) {
      const hid = await loadNodeHid();
      const device = await hid.HIDAsync.open(path);
      return new NodeHidConnection(device);
    },
  };
}
