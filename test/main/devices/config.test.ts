import { describe, expect, it } from 'vitest';
import { defaultDevicesConfig, parseDevicesConfig } from '../../../electron/main/devices/config';

describe('devices config section', () => {
  it('configures nothing by default', () => {
    expect(defaultDevicesConfig()).toEqual({ scanners: [], scale: null, pollMs: 2_000 });
    expect(parseDevicesConfig(undefined)).toEqual(defaultDevicesConfig());
  });

  it('fills in defaults and reads USB ids the way lsusb prints them', () => {
    const config = parseDevicesConfig({
      scanners: [
        { kind: 'hid-pos', vendorId: '0c2e', productId: '0x0B87' },
        { kind: 'hid-pos' },
        { kind: 'serial', path: '/dev/ttyACM0' },
        { kind: 'serial', path: 'COM3', baudRate: 115200, terminator: 'none' },
      ],
      scale: { kind: 'hid', vendorId: 2338 },
    });
    expect(config.scanners).toEqual([
      { kind: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b87, auto: false, layout: 'auto' },
      { kind: 'hid-pos', auto: true, layout: 'auto' },
      { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600, terminator: 'CR', timeoutMs: undefined },
      { kind: 'serial', path: 'COM3', baudRate: 115200, terminator: 'none', timeoutMs: 50 },
    ]);
    expect(config.scale).toEqual({ kind: 'hid', vendorId: 0x0922, auto: false, stableReadings: 3 });
  });

  const rejects: Array<[string, unknown, string]> = [
    ['a scanner kind it does not know', { scanners: [{ kind: 'usb' }] }, 'devices.scanners[0].kind: kind must be "hid-pos"'],
    ['a serial scanner without a path', { scanners: [{ kind: 'serial' }] }, 'devices.scanners[0].path: path must be the serial port'],
    ['a baud rate that is text', { scanners: [{ kind: 'serial', path: '/dev/ttyS0', baudRate: '9600' }] }, 'devices.scanners[0].baudRate: baudRate must be a number'],
    ['a terminator in lower case', { scanners: [{ kind: 'serial', path: '/dev/ttyS0', terminator: 'cr' }] }, 'devices.scanners[0].terminator: terminator must be one of CR, LF, CRLF, none'],
    ['a USB id that is not hex', { scanners: [{ kind: 'hid-pos', vendorId: 'honeywell' }] }, 'devices.scanners[0].vendorId: vendorId must be a USB id'],
    ['a product id without a vendor id', { scale: { kind: 'hid', productId: '8003' } }, 'devices.scale.vendorId: vendorId is needed with productId'],
    ['auto off with nothing to find the device by', { scanners: [{ kind: 'hid-pos', auto: false }] }, 'devices.scanners[0].vendorId: vendorId (and productId) are needed when auto is false'],
    ['zero stable readings', { scale: { kind: 'hid', stableReadings: 0 } }, 'devices.scale.stableReadings: stableReadings must be at least 1'],
    ['one serial port for two scanners', { scanners: [{ kind: 'serial', path: '/dev/ttyS0' }, { kind: 'serial', path: '/dev/ttyS0' }] }, 'devices.scanners[1].path: /dev/ttyS0 is already used by scanners[0]'],
    ['a misspelt field', { scanners: [{ kind: 'serial', path: '/dev/ttyS0', baudrate: 9600 }] }, 'devices.scanners[0]: Unrecognized key: "baudrate"'],
  ];
  for (const [what, input, message] of rejects) {
    it(`refuses ${what}, naming the field`, () => {
      expect(() => parseDevicesConfig(input)).toThrow(message);
    });
  }
});
