import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createLogger, type Logger } from '../../../electron/main/infra/log';
import { parseDevicesConfig, type DevicesConfigInput } from '../../../electron/main/devices/config';
import { createDeviceManager, type DeviceManager } from '../../../electron/main/devices/device-manager';
import { createFakeHidPort, type FakeHidPort } from '../../../electron/main/devices/fake-hid-port';
import type { HidDeviceInfo } from '../../../electron/main/devices/hid-port';
import type { SerialConnection, SerialPortPort } from '../../../electron/main/devices/serial-port';
import { gramsReport, scanReport } from './reports';

const log = createLogger('test-device-manager');
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

const honeywell: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', usagePage: 0x8c, usage: 2, product: 'Voyager 1602g', serialNumber: 'V1' };
const zebra: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1300, path: '/dev/hidraw5', usagePage: 0x8c, usage: 2, product: 'Symbol Bar Code Scanner' };
const keyboard: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw0', usagePage: 0x01, usage: 6, product: 'USB Keyboard' };
const dymo: HidDeviceInfo = { vendorId: 0x0922, productId: 0x8003, path: '/dev/hidraw7', usagePage: 0x8d, usage: 0x20, product: 'M10 Digital Postal Scale' };


/** Serial ports for the manager's own logic; the serial scanner itself is tested on real pseudo-terminals. */
function createFakeSerialPort() {
  class Connection extends EventEmitter implements SerialConnection {
    async close() {
      this.emit('close');
      this.removeAllListeners();
    }
  }
  const present = new Set<string>();
  const open = new Map<string, Connection>();
  const port: SerialPortPort = {
    async open({ path }) {
      if (!present.has(path)) throw Object.assign(new Error(`Error: No such file or directory, cannot open ${path}`), { code: 'ENOENT' });
      const connection = new Connection();
      connection.once('close', () => open.delete(path));
      open.set(path, connection);
      return connection;
    },
  };
  return {
    port,
    attach: (path: string) => present.add(path),
    type: (path: string, text: string) => open.get(path)?.emit('data', Buffer.from(text, 'latin1')),
    isOpen: (path: string) => open.has(path),
  };
}

let managers: DeviceManager[] = [];
afterEach(async () => {
  for (const m of managers) await m.stop();
  managers = [];
});

function setUp(config: DevicesConfigInput, plugged: HidDeviceInfo[] = [], logger: Logger = log) {
  const clock = createManualClock();
  const hid: FakeHidPort = createFakeHidPort();
  for (const d of plugged) hid.plug(d);
  const serial = createFakeSerialPort();
  const manager = createDeviceManager({ config: parseDevicesConfig(config), hid, serial: serial.port, clock, log: logger });
  managers.push(manager);
  const nextPoll = async () => {
    clock.advance(2_000);
    await settle();
  };
  return { clock, hid, serial, manager, nextPoll };
}

describe('device manager', () => {
  it('with nothing configured opens nothing but lists the scanners and scales that are plugged in', async () => {
    const { hid, manager } = setUp({}, [keyboard, honeywell, dymo]);
    await manager.start();
    expect(hid.isOpen(honeywell.path)).toBe(false);
    expect(hid.isOpen(dymo.path)).toBe(false);
    expect(manager.list()).toEqual([
      expect.objectContaining({ id: 'hid:0c2e:0b87:V1', kind: 'scanner', transport: 'hid', name: 'Voyager 1602g (0c2e:0b87)', configKey: null, status: { state: 'available' } }),
      expect.objectContaining({ id: `hid:0922:8003:${dymo.path}`, kind: 'scale', name: 'M10 Digital Postal Scale (0922:8003)', status: { state: 'available' }, reading: null }),
    ]);
  });

  it('lists configured devices with their state, and the others as available', async () => {
    const { clock, manager, serial } = setUp(
      {
        scanners: [{ kind: 'hid-pos', vendorId: '0c2e', productId: '0b87' }, { kind: 'serial', path: '/dev/ttyACM0' }],
        scale: { kind: 'hid' },
      },
      [honeywell, zebra, dymo],
    );
    serial.attach('/dev/ttyACM0');
    await manager.start();
    await settle();
    const now = clock.now();
    expect(manager.list()).toEqual([
      expect.objectContaining({ id: 'scanners[0]', configKey: 'devices.scanners[0]', name: 'Voyager 1602g (0c2e:0b87)', path: honeywell.path, status: { state: 'connected', since: now } }),
      expect.objectContaining({ id: 'scanners[1]', transport: 'serial', name: '/dev/ttyACM0', status: { state: 'connected', since: now } }),
      expect.objectContaining({ id: 'scale', kind: 'scale', path: dymo.path, status: { state: 'connected', since: now }, reading: null }),
      expect.objectContaining({ id: `hid:05e0:1300:${zebra.path}`, status: { state: 'available' } }),
    ]);
  });

  it('delivers every scan once, in the order scanned, from HID and serial scanners alike', async () => {
    const { hid, serial, manager } = setUp({ scanners: [{ kind: 'hid-pos', auto: true }, { kind: 'serial', path: '/dev/ttyUSB0', terminator: 'CRLF' }] }, [honeywell]);
    serial.attach('/dev/ttyUSB0');
    const scans: string[] = [];
    const second: string[] = [];
    manager.onScan((code, source, device, details) => scans.push(`${source}|${device}|${code}|${details.symbology ?? '-'}`));
    manager.onScan((code) => second.push(code));
    await manager.start();
    await settle();

    hid.send(honeywell.path, scanReport(']E0', '5901234123457'));
    serial.type('/dev/ttyUSB0', 'P2026-');
    hid.send(honeywell.path, scanReport(']C1', '0108712345678906'));
    serial.type('/dev/ttyUSB0', '00012\r\n');
    expect(scans).toEqual([
      'hid|Voyager 1602g (0c2e:0b87)|5901234123457|EAN-13',
      'hid|Voyager 1602g (0c2e:0b87)|0108712345678906|GS1-128',
      'serial|/dev/ttyUSB0|P2026-00012|-',
    ]);
    expect(second).toEqual(['5901234123457', '0108712345678906', 'P2026-00012']);
  });

  it('holds scans read before anyone listens and hands them to the first listener, in order, once', async () => {
    const { hid, manager } = setUp({ scanners: [{ kind: 'hid-pos' }] }, [honeywell]);
    await manager.start();
    await settle();
    hid.send(honeywell.path, scanReport(']E0', '1111111111116'));
    hid.send(honeywell.path, scanReport(']E0', '2222222222222'));

    const first: string[] = [];
    manager.onScan((code) => first.push(code));
    await settle();
    hid.send(honeywell.path, scanReport(']E0', '3333333333333'));
    const late: string[] = [];
    manager.onScan((code) => late.push(code));
    await settle();
    expect(first).toEqual(['1111111111116', '2222222222222', '3333333333333']);
    expect(late).toEqual([]);
  });

  it('keeps delivering to other listeners when one of them throws, and logs the failure', async () => {
    const errors: string[] = [];
    const quiet: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (message) => errors.push(message),
      child: () => quiet,
    };
    const { hid, manager } = setUp({ scanners: [{ kind: 'hid-pos' }] }, [honeywell], quiet);
    const got: string[] = [];
    manager.onScan(() => {
      throw new Error('listener bug');
    });
    manager.onScan((code) => got.push(code));
    await manager.start();
    await settle();
    hid.send(honeywell.path, scanReport(']E0', '1111111111116'));
    hid.send(honeywell.path, scanReport(']E0', '2222222222222'));
    expect(got).toEqual(['1111111111116', '2222222222222']);
    expect(errors).toEqual(['a scan listener failed', 'a scan listener failed']);
  });

  it('gives two auto scanners two different devices', async () => {
    const { hid, manager } = setUp({ scanners: [{ kind: 'hid-pos' }, { kind: 'hid-pos' }] }, [zebra, honeywell]);
    const devices: string[] = [];
    manager.onScan((_code, _source, device) => devices.push(device));
    await manager.start();
    await settle();
    expect(manager.list().map((e) => [e.id, e.path, e.status.state])).toEqual([
      ['scanners[0]', zebra.path, 'connected'],
      ['scanners[1]', honeywell.path, 'connected'],
    ]);
    hid.send(honeywell.path, scanReport(']E0', '5901234123457'));
    hid.send(zebra.path, scanReport(']E0', '8712345678906'));
    expect(devices).toEqual(['Voyager 1602g (0c2e:0b87)', 'Symbol Bar Code Scanner (05e0:1300)']);
  });

  it('tells the Devices screen about plugs, unplugs and scale readings, and hands on settled weights', async () => {
    const { hid, manager, nextPoll, clock } = setUp({ scale: { kind: 'hid', vendorId: '0x0922', stableReadings: 2 } });
    let changes = 0;
    manager.onChange(() => changes++);
    const weights: Array<[number, string]> = [];
    manager.onWeight((w, device) => weights.push([w.grams, device]));
    await manager.start();
    await settle();
    expect(manager.list()).toEqual([expect.objectContaining({ id: 'scale', name: 'USB scale 0922', status: { state: 'not-found' } })]);

    changes = 0;
    hid.plug(dymo);
    await nextPoll();
    expect(changes).toBeGreaterThan(0);
    expect(manager.list()[0]?.status).toEqual({ state: 'connected', since: clock.now() });

    changes = 0;
    hid.send(dymo.path, gramsReport(3, 300));
    await settle();
    expect(changes).toBe(1);
    expect(manager.list()[0]?.reading).toMatchObject({ condition: 'in-motion', grams: 300, isSettled: false });

    hid.send(dymo.path, gramsReport(4, 312));
    hid.send(dymo.path, gramsReport(4, 312));
    // The scale keeps repeating itself: no news for the screen, no second weight.
    hid.send(dymo.path, gramsReport(4, 312));
    hid.send(dymo.path, gramsReport(4, 312));
    expect(weights).toEqual([[312, 'M10 Digital Postal Scale (0922:8003)']]);
    expect(manager.list()[0]?.reading).toMatchObject({ condition: 'stable', grams: 312, isSettled: true });

    changes = 0;
    hid.unplug(dymo.path);
    await settle();
    expect(changes).toBeGreaterThan(0);
    expect(manager.list()[0]).toMatchObject({ status: { state: 'disconnected' }, reading: null });
  });

  it('tells several changes that happen at once in one notice', async () => {
    const { manager, hid } = setUp({ scale: { kind: 'hid' } }, [dymo]);
    await manager.start();
    await settle();
    let changes = 0;
    manager.onChange(() => changes++);
    hid.send(dymo.path, gramsReport(3, 300));
    hid.send(dymo.path, gramsReport(3, 340));
    hid.send(dymo.path, gramsReport(3, 380));
    await settle();
    expect(changes).toBe(1);
    expect(manager.list()[0]?.reading).toMatchObject({ condition: 'in-motion', grams: 380 });
  });

  it('closes everything on stop', async () => {
    const { hid, serial, manager } = setUp({ scanners: [{ kind: 'hid-pos' }, { kind: 'serial', path: '/dev/ttyS0' }] }, [honeywell]);
    serial.attach('/dev/ttyS0');
    await manager.start();
    await settle();
    expect(hid.isOpen(honeywell.path)).toBe(true);
    expect(serial.isOpen('/dev/ttyS0')).toBe(true);
    await manager.stop();
    expect(hid.isOpen(honeywell.path)).toBe(false);
    expect(serial.isOpen('/dev/ttyS0')).toBe(false);
  });
});
