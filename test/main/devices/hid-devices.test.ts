import { afterEach, describe, expect, it } from 'vitest';
import { reasonText } from '../../../shared/i18n';
import type { Reason } from '../../../shared/reasons';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createLogger } from '../../../electron/main/infra/log';
import { createFakeHidPort, type FakeHidPort } from '../../../electron/main/devices/fake-hid-port';
import { createHidMonitor, type HidMonitor } from '../../../electron/main/devices/hid-monitor';
import { createNodeHidPort, type HidDeviceInfo } from '../../../electron/main/devices/hid-port';
import { createHidScale, type HidScale } from '../../../electron/main/devices/hid-scale';
import { createHidScanner, type HidScanner } from '../../../electron/main/devices/hid-scanner';
import type { ScanDetails, StableWeight } from '../../../electron/main/devices/types';

const POLL_MS = 2_000;
const log = createLogger('test-devices');

/** Lets the promise chains of list/open run, as the event loop would between two USB events. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

const honeywell: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b87,
  path: '/dev/hidraw3',
  usagePage: 0x8c,
  usage: 0x02,
  product: 'Voyager 1602g',
  manufacturer: 'Honeywell',
  serialNumber: '16001B2F0C',
};
const honeywellKeyboard: HidDeviceInfo = { ...honeywell, path: '/dev/hidraw2', usagePage: 0x01, usage: 0x06 };
const zebra: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1300, path: '/dev/hidraw5', usagePage: 0x8c, usage: 0x02, product: 'Symbol Bar Code Scanner' };
const dymo: HidDeviceInfo = { vendorId: 0x0922, productId: 0x8003, path: '/dev/hidraw7', usagePage: 0x8d, usage: 0x20, product: 'M10 10 Kg Digital Postal Scale' };

function scanReport(aim: string, data: string, isContinued = false): Buffer {
  const out = Buffer.alloc(64);
  out[0] = 0x02;
  out[1] = data.length;
  out.write(aim, 2, 'latin1');
  out.write(data, 5, 'latin1');
  out[63] = isContinued ? 1 : 0;
  return out;
}

const weight = (status: number, grams: number) => Buffer.from([0x03, status, 0x02, 0x00, grams & 0xff, grams >> 8]);

interface Rig {
  clock: ReturnType<typeof createManualClock>;
  port: FakeHidPort;
  monitor: HidMonitor;
  /** Moves the clock by one poll interval and lets the poll and any open finish. */
  nextPoll(): Promise<void>;
}

let stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

function rig(): Rig {
  const clock = createManualClock();
  const port = createFakeHidPort();
  const monitor = createHidMonitor({ port, clock, pollMs: POLL_MS, log });
  stops.push(() => monitor.stop());
  return {
    clock,
    port,
    monitor,
    async nextPoll() {
      clock.advance(POLL_MS);
      await settle();
    },
  };
}

function scanner(r: Rig, options: { vendorId?: number; productId?: number; isAuto: boolean }) {
  const scans: Array<{ code: string; device: string; details: ScanDetails }> = [];
  let changes = 0;
  const source: HidScanner = createHidScanner({
    port: r.port,
    monitor: r.monitor,
    clock: r.clock,
    log,
    ...options,
    onScan: (code, device, details) => scans.push({ code, device: device.path, details }),
    onChange: () => changes++,
  });
  stops.push(() => source.stop());
  return { source, scans, changes: () => changes };
}

describe('HID POS scanner on the fake port', () => {
  it('opens the configured scanner, reads its scans, and says it is connected', async () => {
    const r = rig();
    r.port.plug(honeywellKeyboard);
    r.port.plug(honeywell);
    const s = scanner(r, { vendorId: 0x0c2e, productId: 0x0b87, isAuto: false });
    s.source.start();
    r.monitor.start();
    await settle();

    expect(s.source.status).toEqual({ state: 'connected', since: r.clock.now() });
    // The keyboard interface of the same scanner is not the one to read.
    expect(r.port.isOpen(honeywell.path)).toBe(true);
    expect(r.port.isOpen(honeywellKeyboard.path)).toBe(false);

    r.port.send(honeywell.path, scanReport(']E0', '5901234123457'));
    r.port.send(honeywell.path, scanReport(']C0', 'A'.repeat(56), true));
    r.port.send(honeywell.path, scanReport(']C0', 'BC'));
    expect(s.scans).toEqual([
      { code: '5901234123457', device: honeywell.path, details: { aim: ']E0', symbology: 'EAN-13' } },
      { code: `${'A'.repeat(56)}BC`, device: honeywell.path, details: { aim: ']C0', symbology: 'Code 128' } },
    ]);
  });

  it('is not-found until the scanner is plugged in, then opens it at the next poll without being asked', async () => {
    const r = rig();
    const s = scanner(r, { vendorId: 0x0c2e, isAuto: false });
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.status).toEqual({ state: 'not-found' });

    r.port.plug(honeywell);
    r.clock.advance(POLL_MS - 1);
    await settle();
    expect(s.source.status.state).toBe('not-found');
    await r.nextPoll();
    expect(s.source.status.state).toBe('connected');
  });

  it('says disconnected (since the unplug) when unplugged and reconnects by itself when plugged back in', async () => {
    const r = rig();
    r.port.plug(honeywell);
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.status.state).toBe('connected');

    r.clock.advance(500);
    const unpluggedAt = r.clock.now();
    r.port.unplug(honeywell.path);
    await settle();
    expect(s.source.status).toEqual({ state: 'disconnected', since: unpluggedAt });

    // Still gone at the next poll: the state and its time stay as they were.
    await r.nextPoll();
    expect(s.source.status).toEqual({ state: 'disconnected', since: unpluggedAt });

    // Linux gives a replugged device a new hidraw node.
    const replugged = { ...honeywell, path: '/dev/hidraw4' };
    r.port.plug(replugged);
    await r.nextPoll();
    expect(s.source.status).toEqual({ state: 'connected', since: r.clock.now() });
    r.port.send(replugged.path, scanReport(']E0', '8712345678906'));
    expect(s.scans.map((x) => x.code)).toEqual(['8712345678906']);
  });

  it('notices an unplug from the device list even when the driver reports no read error', async () => {
    const r = rig();
    r.port.plug(honeywell);
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    r.port.unplug(honeywell.path, { isSilent: true });
    expect(r.port.isOpen(honeywell.path)).toBe(true);
    await r.nextPoll();
    expect(s.source.status.state).toBe('disconnected');
    expect(r.port.isOpen(honeywell.path)).toBe(false);
  });

  it('drops a code cut off by an unplug instead of gluing it to the next scan', async () => {
    const r = rig();
    r.port.plug(honeywell);
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    r.port.send(honeywell.path, scanReport(']C0', 'HALF-OF-A-LONG-CODE', true));
    r.port.unplug(honeywell.path);
    await settle();
    r.port.plug(honeywell);
    await r.nextPoll();
    r.port.send(honeywell.path, scanReport(']E0', '5901234123457'));
    expect(s.scans.map((x) => x.code)).toEqual(['5901234123457']);
  });

  it('shows an error with the reason when the scanner cannot be opened, and recovers once it can', async () => {
    const r = rig();
    r.port.plug(honeywell);
    r.port.failNextOpen(honeywell.path, 'could not open HID device');
    const s = scanner(r, { vendorId: 0x0c2e, productId: 0x0b87, isAuto: false });
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.status.state).toBe('error');
    expect(s.source.status.state === 'error' && s.source.status.message).toMatch(/Cannot open Voyager 1602g \(0c2e:0b87\) \(could not open HID device\)/);
    // The screen words it in the packer's language: main sends the reason, not its English.
    const why = s.source.status.state === 'error' ? s.source.status.reason : undefined;
    expect(why).toMatchObject({ code: process.platform === 'linux' ? 'device.cannotOpenUdev' : 'device.cannotOpen', params: { name: 'Voyager 1602g (0c2e:0b87)', aside: ' (could not open HID device)' } });
    expect(reasonText('nl', why as Reason)).toMatch(/^Kan Voyager 1602g \(0c2e:0b87\) niet openen \(could not open HID device\)\./);

    await r.nextPoll();
    expect(s.source.status.state).toBe('connected');
  });

  it('shows an error when USB devices cannot be listed at all', async () => {
    const r = rig();
    r.port.failList('node-hid: binding not found');
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.status).toMatchObject({ state: 'error', message: 'USB HID is not available on this system (node-hid: binding not found)', reason: { code: 'device.hidUnavailable' } });
    const why = s.source.status.state === 'error' ? s.source.status.reason : undefined;
    expect(reasonText('nl', why as Reason)).toBe('USB HID is niet beschikbaar op dit systeem (node-hid: binding not found)');

    r.port.failList(null);
    r.port.plug(honeywell);
    await r.nextPoll();
    expect(s.source.status.state).toBe('connected');
  });

  it('in auto mode takes the first barcode scanner in the list, never a scale or a keyboard', async () => {
    const r = rig();
    r.port.plug(dymo);
    r.port.plug(honeywellKeyboard);
    r.port.plug(zebra);
    r.port.plug(honeywell);
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.device?.path).toBe(zebra.path);
    expect([dymo, honeywellKeyboard, honeywell].map((d) => r.port.isOpen(d.path))).toEqual([false, false, false]);
  });

  it('reads the device list once per interval, never in a busy loop', async () => {
    const r = rig();
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    const before = r.port.listCount;
    for (let i = 0; i < 10; i++) await r.nextPoll();
    expect(r.port.listCount - before).toBe(10);
  });

  it('closes the device on stop and does not reopen it', async () => {
    const r = rig();
    r.port.plug(honeywell);
    const s = scanner(r, { isAuto: true });
    s.source.start();
    r.monitor.start();
    await settle();
    await s.source.stop();
    expect(r.port.isOpen(honeywell.path)).toBe(false);
    await r.nextPoll();
    expect(r.port.isOpen(honeywell.path)).toBe(false);
  });
});

describe('HID scale on the fake port', () => {
  function scale(r: Rig, stableReadings = 3) {
    const weights: StableWeight[] = [];
    const source: HidScale = createHidScale({
      port: r.port,
      monitor: r.monitor,
      clock: r.clock,
      log,
      isAuto: true,
      stableReadings,
      onWeight: (w) => weights.push(w),
      onChange: () => undefined,
    });
    stops.push(() => source.stop());
    return { source, weights };
  }

  it('hands on a weight once it was stable for N readings, and shows every reading', async () => {
    const r = rig();
    r.port.plug(dymo);
    const s = scale(r, 3);
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.status.state).toBe('connected');

    r.port.send(dymo.path, weight(3, 1180));
    expect(s.source.reading).toMatchObject({ condition: 'in-motion', grams: 1180, isSettled: false });
    for (let i = 0; i < 3; i++) {
      r.clock.advance(200);
      r.port.send(dymo.path, weight(4, 1204));
    }
    expect(s.weights).toEqual([{ grams: 1204, value: 1204, unit: 'g', at: r.clock.now() }]);
    expect(s.source.reading).toMatchObject({ condition: 'stable', grams: 1204, isSettled: true });
    r.port.send(dymo.path, weight(4, 1204));
    expect(s.weights).toHaveLength(1);
  });

  it('forgets the reading when the scale is unplugged and weighs again after it came back', async () => {
    const r = rig();
    r.port.plug(dymo);
    const s = scale(r, 2);
    s.source.start();
    r.monitor.start();
    await settle();
    r.port.send(dymo.path, weight(4, 750));
    r.port.unplug(dymo.path);
    await settle();
    expect(s.source.status.state).toBe('disconnected');
    expect(s.source.reading).toBeNull();

    r.port.plug(dymo);
    await r.nextPoll();
    expect(s.source.status.state).toBe('connected');
    r.port.send(dymo.path, weight(4, 750));
    expect(s.weights).toHaveLength(0);
    r.port.send(dymo.path, weight(4, 750));
    expect(s.weights.map((w) => w.grams)).toEqual([750]);
  });

  it('does not take a barcode scanner for a scale', async () => {
    const r = rig();
    r.port.plug(honeywell);
    const s = scale(r);
    s.source.start();
    r.monitor.start();
    await settle();
    expect(s.source.status.state).toBe('not-found');
    expect(r.port.isOpen(honeywell.path)).toBe(false);
  });
});

describe('node-hid port on this machine', () => {
  it('lists the USB HID devices (none on a build machine) and refuses to open one that is not there', async () => {
    const port = createNodeHidPort();
    const devices = await port.list();
    expect(Array.isArray(devices)).toBe(true);
    for (const d of devices) expect(typeof d.path).toBe('string');
    await expect(port.open('/dev/packdesk-no-such-hidraw')).rejects.toThrow();
  });
});
