import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reasonText } from '../../../shared/i18n';
import type { Reason } from '../../../shared/reasons';
import { requireTools } from '../../helpers/requires-tool';
import { createManualClock, systemClock } from '../../../electron/main/infra/clock';
import { createLogger } from '../../../electron/main/infra/log';
import { createNodeSerialPort, SerialUnavailable } from '../../../electron/main/devices/serial-port';
import { createSerialFramer, createSerialScanner, type SerialScanner, type SerialTerminator } from '../../../electron/main/devices/serial-scanner';
import type { ScanDetails } from '../../../electron/main/devices/types';

const log = createLogger('test-serial');

describe('cutting serial bytes into codes', () => {
  function framer(terminator: SerialTerminator, timeoutMs?: number) {
    const clock = createManualClock();
    const codes: string[] = [];
    const f = createSerialFramer({ terminator, timeoutMs, clock, onCode: (b) => codes.push(b.toString('latin1')) });
    return { clock, codes, f };
  }

  it('CR: one code per CR, however the bytes are chunked', () => {
    const { f, codes } = framer('CR');
    f.push(Buffer.from('59012341'));
    f.push(Buffer.from('23457\rP2026-'));
    expect(codes).toEqual(['5901234123457']);
    f.push(Buffer.from('00012\r\r'));
    expect(codes).toEqual(['5901234123457', 'P2026-00012']);
  });

  it('LF and CRLF end codes at their own terminator only', () => {
    const lf = framer('LF');
    lf.f.push(Buffer.from('A1\nB2\r\n'));
    expect(lf.codes).toEqual(['A1', 'B2\r']);
    const crlf = framer('CRLF');
    crlf.f.push(Buffer.from('A1\r'));
    crlf.f.push(Buffer.from('\nB\r2\r\n'));
    expect(crlf.codes).toEqual(['A1', 'B\r2']);
  });

  it('none: a pause of timeoutMs ends a code', () => {
    const { f, codes, clock } = framer('none', 50);
    f.push(Buffer.from('ABC'));
    clock.advance(30);
    f.push(Buffer.from('DEF'));
    clock.advance(49);
    expect(codes).toEqual([]);
    clock.advance(1);
    expect(codes).toEqual(['ABCDEF']);
    f.push(Buffer.from('XYZ'));
    clock.advance(50);
    expect(codes).toEqual(['ABCDEF', 'XYZ']);
  });

  it('with a terminator and a timeout, a code whose terminator never comes still ends', () => {
    const { f, codes, clock } = framer('CR', 200);
    f.push(Buffer.from('12345\r678'));
    expect(codes).toEqual(['12345']);
    clock.advance(200);
    expect(codes).toEqual(['12345', '678']);
  });
});

const hasSocat = requireTools(['socat'], 'socat').length === 0;

/** A pseudo-terminal pair: the scanner end, and the end a test writes the scanner's bytes into. */
class PtyPair {
  private process: ChildProcess | null = null;
  constructor(
    readonly scannerEnd: string,
    readonly hostEnd: string,
  ) {}

  async start(): Promise<void> {
    this.process = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.scannerEnd}`, `pty,raw,echo=0,link=${this.hostEnd}`], { stdio: 'ignore' });
    await expect.poll(() => existsSync(this.scannerEnd) && existsSync(this.hostEnd), { timeout: 5_000, interval: 10, message: 'socat to create the pseudo-terminals' }).toBe(true);
  }

  write(text: string): void {
    const fd = openSync(this.hostEnd, constants.O_WRONLY | constants.O_NOCTTY);
    try {
      writeSync(fd, Buffer.from(text, 'latin1'));
    } finally {
      closeSync(fd);
    }
  }

  /** Ends socat the way a pulled USB cable ends a port: both terminals go away. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

describe.skipIf(!hasSocat)('serial scanner on a real pseudo-terminal (socat)', () => {
  let dir = '';
  let pty: PtyPair | null = null;
  let scanner: SerialScanner | null = null;

  afterEach(async () => {
    await scanner?.stop();
    await pty?.stop();
    scanner = null;
    pty = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function setUp(terminator: SerialTerminator, timeoutMs?: number) {
    dir = mkdtempSync(join(tmpdir(), 'packdesk-serial-'));
    pty = new PtyPair(join(dir, 'scanner'), join(dir, 'host'));
    const scans: Array<{ code: string; details: ScanDetails }> = [];
    scanner = createSerialScanner({
      serial: createNodeSerialPort(),
      clock: systemClock,
      log,
      path: pty.scannerEnd,
      baudRate: 9600,
      terminator,
      timeoutMs,
      retryMs: 100,
      onScan: (code, details) => scans.push({ code, details }),
      onChange: () => undefined,
    });
    return { pty, scanner, scans };
  }

  it('reads CR-terminated scans in order, across chunk boundaries, with the AIM identifier taken off', async () => {
    const { pty, scanner, scans } = setUp('CR');
    await pty.start();
    scanner.start();
    await expect.poll(() => scanner.status.state, { timeout: 5_000, interval: 10, message: 'the port to open' }).toBe('connected');

    pty.write(']E05901');
    await new Promise((resolve) => setTimeout(resolve, 30));
    pty.write('234123457\rP2026-00012\r]C10108712345678906\x1d10LOT42\r');
    await expect.poll(() => scans.length, { timeout: 5_000, interval: 10, message: 'three scans' }).toBe(3);
    expect(scans).toEqual([
      { code: '5901234123457', details: { aim: ']E0', symbology: 'EAN-13' } },
      { code: 'P2026-00012', details: { aim: null, symbology: null } },
      { code: '0108712345678906\x1d10LOT42', details: { aim: ']C1', symbology: 'GS1-128' } },
    ]);
  });

  it('without a terminator, ends each code after the configured pause', async () => {
    const { pty, scanner, scans } = setUp('none', 80);
    await pty.start();
    scanner.start();
    await expect.poll(() => scanner.status.state, { timeout: 5_000, interval: 10, message: 'the port to open' }).toBe('connected');

    pty.write('8712345678906');
    await expect.poll(() => scans.length, { timeout: 5_000, interval: 10, message: 'the first scan' }).toBe(1);
    pty.write('PD:COMPLETE');
    await expect.poll(() => scans.length, { timeout: 5_000, interval: 10, message: 'the second scan' }).toBe(2);
    expect(scans.map((s) => s.code)).toEqual(['8712345678906', 'PD:COMPLETE']);
  });

  it('is not-found while the port is missing and opens it when it appears', async () => {
    const { pty, scanner, scans } = setUp('CR');
    scanner.start();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(scanner.status).toEqual({ state: 'not-found' });

    await pty.start();
    await expect.poll(() => scanner.status.state, { timeout: 5_000, interval: 10, message: 'the port to open' }).toBe('connected');
    pty.write('4006381333931\r');
    await expect.poll(() => scans.length, { timeout: 5_000, interval: 10, message: 'a scan' }).toBe(1);
    expect(scans[0]?.code).toBe('4006381333931');
  });

  it('says disconnected when the port disappears and reconnects by itself when it is back', async () => {
    const { pty, scanner, scans } = setUp('CR');
    await pty.start();
    scanner.start();
    await expect.poll(() => scanner.status.state, { timeout: 5_000, interval: 10, message: 'the port to open' }).toBe('connected');
    pty.write('1111111111116\r');
    await expect.poll(() => scans.length, { timeout: 5_000, interval: 10, message: 'the first scan' }).toBe(1);

    const before = Date.now();
    await pty.stop();
    await expect.poll(() => scanner.status.state, { timeout: 5_000, interval: 10, message: 'the disconnect' }).toBe('disconnected');
    expect(scanner.status.state === 'disconnected' && scanner.status.since).toBeGreaterThanOrEqual(before);

    await pty.start();
    await expect.poll(() => scanner.status.state, { timeout: 5_000, interval: 10, message: 'the reconnect' }).toBe('connected');
    pty.write('2222222222222\r');
    await expect.poll(() => scans.length, { timeout: 5_000, interval: 10, message: 'the scan after the reconnect' }).toBe(2);
    expect(scans.map((s) => s.code)).toEqual(['1111111111116', '2222222222222']);
  });
});

/** A scanner on /dev/ttyACM0 whose port fails to open with `error`, once it shows the failure. */
async function failingToOpen(error: Error) {
  const scanner = createSerialScanner({
    serial: { open: () => Promise.reject(error) },
    clock: createManualClock(),
    log,
    path: '/dev/ttyACM0',
    baudRate: 9600,
    terminator: 'CR',
    retryMs: 60_000,
    onScan: () => undefined,
    onChange: () => undefined,
  });
  scanner.start();
  await vi.waitFor(() => expect(scanner.status.state).toBe('error'));
  return scanner;
}

describe('a serial scanner that cannot be opened', () => {
  it('says why as a reason the screen words, with the English for the log', async () => {
    const refused = Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyACM0'), { code: 'EACCES' });
    const scanner = await failingToOpen(refused);
    const status = scanner.status;
    if (status.state !== 'error') throw new Error('not an error');
    expect(status.reason?.code).toBe(process.platform === 'linux' ? 'device.cannotOpenDialout' : 'device.cannotOpen');
    expect(status.reason?.params).toMatchObject({ name: '/dev/ttyACM0', aside: ' (Error: Permission denied, cannot open /dev/ttyACM0)' });
    expect(status.message).toMatch(/^Cannot open \/dev\/ttyACM0 \(Error: Permission denied/);
    expect(reasonText('nl', status.reason as Reason)).toMatch(/^Kan \/dev\/ttyACM0 niet openen/);
    await scanner.stop();
  });
});

describe('serial ports where the serialport module cannot load', () => {
  it('says so as a reason, not as an English sentence inside another', async () => {
    const scanner = await failingToOpen(new SerialUnavailable('serialport: no native build'));
    const status = scanner.status;
    expect(status.state === 'error' && status.reason).toEqual({ code: 'device.serialUnavailable', params: { aside: ' (serialport: no native build)' } });
    await scanner.stop();
  });

  it('is not taken for an unplugged scanner when the loader says a file is missing', async () => {
    // A native library the module needs is absent: its words name a missing file, the port is not.
    const said = 'serialport: libudev.so.1: cannot open shared object file: No such file or directory';
    const scanner = await failingToOpen(new SerialUnavailable(said));
    const status = scanner.status;
    expect(status.state === 'error' && status.reason).toEqual({ code: 'device.serialUnavailable', params: { aside: ` (${said})` } });
    await scanner.stop();
  });
});
