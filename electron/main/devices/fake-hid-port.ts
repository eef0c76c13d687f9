import { EventEmitter } from 'node:events';
import type { HidConnection, HidDeviceInfo, HidPort } from './hid-port';

/*
 * A HID port for tests and for demos on machines without the hardware: a test plugs and unplugs
 * devices and pushes input reports, the code under test sees what it would see from node-hid.
 */

class FakeConnection extends EventEmitter implements HidConnection {
  isClosed = false;

  async close(): Promise<void> {
    this.end();
  }

  /** Ends the connection the way an unplug does: an error from the read loop, then close. */
  fail(error: Error): void {
    if (this.isClosed) return;
    this.emit('error', error);
    this.end();
  }

  end(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.emit('close');
    this.removeAllListeners();
  }
}

export interface FakeHidPort extends HidPort {
  /** Makes the device appear in the next `list()`. */
  plug(device: HidDeviceInfo): void;
  /**
   * Removes the device; an open connection to it fails like node-hid's does, unless `isSilent`:
   * then it only leaves the list, as with drivers that do not report the read failure.
   */
  unplug(path: string, options?: { isSilent?: boolean }): void;
  /** Delivers one input report to whoever has the device open; false when nobody has. */
  send(path: string, report: Buffer | number[]): boolean;
  /** The next `open(path)` fails with this message (once), e.g. a permission error. */
  failNextOpen(path: string, message: string): void;
  /** Every `list()` fails with this message until called with null. */
  failList(message: string | null): void;
  isOpen(path: string): boolean;
  /** How many times `list()` ran: the poll interval is checked against it. */
  readonly listCount: number;
}

export function createFakeHidPort(): FakeHidPort {
  const devices = new Map<string, HidDeviceInfo>();
  const open = new Map<string, FakeConnection>();
  const openFailures = new Map<string, string>();
  let listFailure: string | null = null;
  let listCount = 0;

  return {
    get listCount() {
      return listCount;
    },
    async list() {
      listCount++;
      if (listFailure) throw new Error(listFailure);
      return [...devices.values()].map((d) => ({ ...d }));
    },
    async open(path) {
      const failure = openFailures.get(path);
      if (failure) {
        openFailures.delete(path);
        throw new Error(failure);
      }
      if (!devices.has(path)) throw new Error(`could not open HID device ${path}`);
      if (open.get(path)?.isClosed === false) throw new Error(`HID device ${path} is already open`);
      const connection = new FakeConnection();
      connection.once('close', () => {
        if (open.get(path) === connection) open.delete(path);
      });
      open.set(path, connection);
      return connection;
    },
    plug(device) {
      devices.set(device.path, { ...device });
    },
    unplug(path, options) {
      devices.delete(path);
      if (!options?.isSilent) open.get(path)?.fail(new Error('could not read from HID device'));
    },
    send(path, report) {
      const connection = open.get(path);
      if (!connection || connection.isClosed) return false;
      connection.emit('data', Buffer.from(report));
      return true;
    },
    failNextOpen(path, message) {
      openFailures.set(path, message);
    },
    failList(message) {
      listFailure = message;
    },
    isOpen(path) {
      return open.get(path)?.isClosed === false;
    },
  };
}
