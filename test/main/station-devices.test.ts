import { currentSession } from '../helpers/answer-words';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import type { DeviceEntry } from '../../shared/devices';
import { readScan, toGtin14 } from '../../shared/barcode';
import { type PackSession, type ScanAnswer } from '../../shared/packing';
import { createFakeHidPort, type FakeHidPort } from '../../electron/main/devices/fake-hid-port';
import type { HidDeviceInfo } from '../../electron/main/devices/hid-port';
import type { SerialPortPort } from '../../electron/main/devices/serial-port';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';
import { gramsReport, scanReport } from './devices/reports';
import { withDevice, withoutDevice, type DevicesConfig } from '../../shared/devices-config';

/*
 * Scans and weights from devices main reads itself reach packing exactly as wedge scans do, and
 * the renderer hears about each through the scan.answered and devices.changed events.
 */

const cleanups = useCleanups();

const scanner: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', usagePage: 0x8c, usage: 2, product: 'Voyager 1602g', serialNumber: 'V1' };
const scale: HidDeviceInfo = { vendorId: 0x0922, productId: 0x8003, path: '/dev/hidraw7', usagePage: 0x8d, usage: 0x20, product: 'M10 Digital Postal Scale' };
const noSerial: SerialPortPort = {
  open: () => Promise.reject(new Error('no serial ports in this test')),
};


/** Thrown inside vi.waitFor while the answer is not there yet; the last one is the timeout's message. */
const stillWaiting = (what: string): never => {
  throw new Error(`still waiting for ${what}`);
};
const patience = { timeout: 5_000, interval: 10 };

async function station(hid: FakeHidPort): Promise<{ station: StartedStation; answers: Array<EventPayload<'scan.answered'>>; lists: DeviceEntry[][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-devices-'));
  const config = join(dir, 'station.json');
  writeFileSync(
    config,
    JSON.stringify({
      backend: { demo: true },
      warehouse: 1829,
      station: { name: 'Pack 4', language: 'en' },
      devices: { scanners: [{ kind: 'hid-pos', vendorId: '0c2e' }], scale: { kind: 'hid', vendorId: '0922', stableReadings: 2 } },
    }),
  );
  const started = await startStation({ argv: ['--config', config, '--data-dir', join(dir, 'data')], env: {}, mode: 'web', devicePorts: { hid, serial: noSerial } });
  cleanups.push(() => started.stop());
  const answers: Array<EventPayload<'scan.answered'>> = [];
  const lists: DeviceEntry[][] = [];
  started.events.subscribe((name, payload) => {
    if (name === 'scan.answered') answers.push(payload as EventPayload<'scan.answered'>);
    if (name === 'devices.changed') lists.push(payload as DeviceEntry[]);
  });
  await started.dispatch('sync.now', {});
  return { station: started, answers, lists };
}

describe('devices through the station', () => {
  it('signs in, opens and packs from a HID POS scanner, and a settled scale weight fills the parcel weight', async () => {
    const hid = createFakeHidPort();
    hid.plug(scanner);
    hid.plug(scale);
    const { station: started, answers } = await station(hid);
    const devices = value<DeviceEntry[]>(await started.dispatch('devices.list', {}));
    expect(devices.map((d) => [d.id, d.status.state])).toEqual(expect.arrayContaining([['scanners[0]', 'connected'], ['scale', 'connected']]));

    hid.send(scanner.path, scanReport(']C0', started.signBadge(22)));
    const signedIn = await vi.waitFor(() => answers.find((a) => a.answer?.kind === 'signed_in') ?? stillWaiting('the badge answer'), patience);
    expect(signedIn).toMatchObject({ source: 'hid', device: expect.stringContaining('Voyager'), answer: { name: 'Sanne Müller' } });

    const [first] = value<Array<{ picklistid: string }>>(await started.dispatch('queue.list', {}));
    hid.send(scanner.path, scanReport(']C0', first?.picklistid ?? ''));
    await vi.waitFor(() => answers.find((a) => a.answer?.kind === 'opened') ?? stillWaiting('the opened answer'), patience);
    const session = (await currentSession(started)) as PackSession;
    expect(session.picklistid).toBe(first?.picklistid);

    hid.send(scanner.path, scanReport(']E0', 'NO-SUCH-CODE-1'));
    const unknown = await vi.waitFor(() => answers.find((a) => a.answer?.code.includes('NO-SUCH-CODE-1')) ?? stillWaiting('the unknown answer'), patience);
    expect(unknown.answer).toMatchObject({ kind: 'product', outcome: 'unknown_barcode' });

    hid.send(scale.path, gramsReport(4, 1234));
    hid.send(scale.path, gramsReport(4, 1234));
    const weighed = await vi.waitFor(() => {
      const current = started.handlers['pack.current']({});
      const session = current instanceof Promise ? undefined : current.session;
      return session?.shipping.weight === 1234 ? session : stillWaiting('the weight from the scale');
    }, patience);
    expect(weighed.shipping.weight).toBe(1234);
  });

  it('answers a device scan with no packer signed in like a wedge scan, and lists an unplug', async () => {
    const hid = createFakeHidPort();
    hid.plug(scanner);
    const { station: started, answers, lists } = await station(hid);
    hid.send(scanner.path, scanReport(']E0', '5901234123457'));
    const answer = await vi.waitFor(() => answers[0] ?? stillWaiting('an answer'), patience);
    expect(answer.answer).toMatchObject({ kind: 'no_packer' });
    hid.unplug(scanner.path);
    await vi.waitFor(() => lists.find((list) => list.some((d) => d.id === 'scanners[0]' && d.status.state === 'disconnected')) ?? stillWaiting('the unplug'), patience);
    value(await started.dispatch('devices.refresh', {}));
    const after = value<DeviceEntry[]>(await started.dispatch('devices.list', {}));
    expect(after.find((d) => d.id === 'scanners[0]')?.status.state).toBe('disconnected');
  });
});

describe('AIM identifiers from every source', () => {
  it('a GS1-128 scan that only its ]C1 identifier marks as GS1 finds its product from the wedge as from a HID scanner', async () => {
    const hid = createFakeHidPort();
    hid.plug(scanner);
    const { station: started, answers } = await station(hid);
    hid.send(scanner.path, scanReport(']C0', started.signBadge(22)));
    await vi.waitFor(() => answers.find((a) => a.answer?.kind === 'signed_in') ?? stillWaiting('the badge answer'), patience);
    const [first] = value<Array<{ picklistid: string }>>(await started.dispatch('queue.list', {}));
    hid.send(scanner.path, scanReport(']C0', first?.picklistid ?? ''));
    await vi.waitFor(() => answers.find((a) => a.answer?.kind === 'opened') ?? stillWaiting('the opened answer'), patience);
    const session = (await currentSession(started)) as PackSession;

    // Two units still to scan of a product with a GTIN, so both scans count.
    let line: { idproduct: number; gtin: string } | undefined;
    for (const l of session.lines.filter((l) => l.amount - l.verified >= 2)) {
      const [product] = value<Array<{ idproduct: number; barcode: string | null }>>(await started.dispatch('products.search', { query: l.productcode }));
      const gtin = product?.idproduct === l.idproduct && product.barcode ? toGtin14(product.barcode) : null;
      if (gtin) {
        line = { idproduct: l.idproduct, gtin };
        break;
      }
    }
    if (!line) throw new Error('the demo picklist has no line with two units of a GTIN product');
    // A best-before date (AI 17, fixed length, so no FNC1 follows) before the GTIN (AI 01): only
    // the symbology identifier says this is a GS1 element string rather than a code of its own.
    const code = `1726123101${line.gtin}`;
    expect(readScan(code, null).gtin).toBeNull();
    // Without the identifier the same text is a code of its own, which no product has.
    const withoutHint = value<ScanAnswer>(await started.dispatch('scan.submit', { code, source: 'wedge' }));
    expect(withoutHint).toMatchObject({ kind: 'product', outcome: 'unknown_barcode' });

    const fromWedge = value<ScanAnswer>(await started.dispatch('scan.submit', { code, aim: ']C1', source: 'wedge' }));
    expect(fromWedge).toMatchObject({ kind: 'product', outcome: expect.stringMatching(/^(counted|line_complete)$/), product: { idproduct: line.idproduct } });

    const before = answers.length;
    hid.send(scanner.path, scanReport(']C1', code));
    const fromHid = await vi.waitFor(() => answers[before] ?? stillWaiting('the HID answer'), patience);
    expect(fromHid.answer).toMatchObject({ kind: 'product', outcome: expect.stringMatching(/^(counted|line_complete|all_verified)$/), product: { idproduct: line.idproduct } });
    expect(fromHid.code).toBe(code);

  });
});

describe('device scans while the packer has a dialog open', () => {
  it('are held, not acted on behind it, and answered in order when it closes', async () => {
    const hid = createFakeHidPort();
    hid.plug(scanner);
    const { station: started, answers } = await station(hid);
    hid.send(scanner.path, scanReport(']C0', started.signBadge(22)));
    await vi.waitFor(() => answers.find((a) => a.answer?.kind === 'signed_in') ?? stillWaiting('the badge answer'), patience);
    const [first] = value<Array<{ picklistid: string }>>(await started.dispatch('queue.list', {}));
    hid.send(scanner.path, scanReport(']C0', first?.picklistid ?? ''));
    await vi.waitFor(() => answers.find((a) => a.answer?.kind === 'opened') ?? stillWaiting('the opened answer'), patience);

    // The Problem dialog (or confirm by hand) is open on the screen.
    value(await started.dispatch('scan.hold', { isHeld: true }));
    const before = answers.length;
    hid.send(scanner.path, scanReport(']E0', 'NO-SUCH-CODE-2'));
    hid.send(scanner.path, scanReport(']E0', 'NO-SUCH-CODE-3'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers.length).toBe(before);

    value(await started.dispatch('scan.hold', { isHeld: false }));
    await expect.poll(() => answers.length, { ...patience, message: 'the held scans answered' }).toBeGreaterThanOrEqual(before + 2);
    expect(answers.slice(before).map((a) => a.code)).toEqual([expect.stringContaining('NO-SUCH-CODE-2'), expect.stringContaining('NO-SUCH-CODE-3')]);
  });
});

describe('choosing devices in the app', () => {
  it('puts a found scanner to use, keeps the choice over a restart, stops using it, and goes back to the file', async () => {
    const hid = createFakeHidPort();
    hid.plug(scanner);
    const dir = mkdtempSync(join(tmpdir(), 'pd-devices-config-'));
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 6', language: 'en' } }));
    const argv = ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')];
    const first = await startStation({ argv, env: {}, mode: 'web', devicePorts: { hid, serial: noSerial } });
    cleanups.push(() => first.stop());
    const found = value<DeviceEntry[]>(await first.dispatch('devices.list', {}));
    expect(found).toEqual([expect.objectContaining({ kind: 'scanner', status: { state: 'available' }, configKey: null })]);
    const { config, source } = value<{ config: DevicesConfig; source: string }>(await first.dispatch('devices.config', {}));
    expect(source).toBe('default');

    value(await first.dispatch('devices.configure', { devices: withDevice(config, found[0] as DeviceEntry) }));
    const used = value<DeviceEntry[]>(await first.dispatch('devices.list', {}));
    expect(used).toEqual([expect.objectContaining({ id: 'scanners[0]', configKey: 'devices.scanners[0]', status: expect.objectContaining({ state: 'connected' }) })]);
    const refused = await first.dispatch('devices.configure', { devices: { ...config, scanners: [{ kind: 'serial', path: '', baudRate: 9600, terminator: 'CR' }] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/path/);
    await first.stop();

    const second = await startStation({ argv, env: {}, mode: 'web', devicePorts: { hid, serial: noSerial } });
    cleanups.push(() => second.stop());
    expect(value<{ source: string }>(await second.dispatch('devices.config', {})).source).toBe('settings');
    expect(value<DeviceEntry[]>(await second.dispatch('devices.list', {}))[0]?.status.state).toBe('connected');
    const current = value<{ config: DevicesConfig }>(await second.dispatch('devices.config', {})).config;
    value(await second.dispatch('devices.configure', { devices: withoutDevice(current, 'devices.scanners[0]') }));
    const stopped = value<DeviceEntry[]>(await second.dispatch('devices.list', {}));
    expect(stopped).toEqual([expect.objectContaining({ status: { state: 'available' } })]);
    value(await second.dispatch('devices.configure', { useFile: true }));
    expect(value<{ source: string }>(await second.dispatch('devices.config', {})).source).toBe('default');
  });
});
