import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/log';
import { splitAim } from '../../../shared/barcode';
import { decodeScanBytes, symbologyName } from './barcode-report';
import { SerialUnavailable, type SerialConnection, type SerialPortPort } from './serial-port';
import type { DeviceStatus, ScanDetails } from './types';
import { aside, reason, type Reason } from '../../../shared/reasons';
import { englishOf } from '../packing/reasons';
import { DEFAULT_SERIAL_TIMEOUT_MS } from '../../../shared/devices-config';

/*
 * A scanner on a serial port (RS-232, or USB in its serial/CDC-ACM mode). It sends each code as
 * bytes followed by the suffix it was set up with; with no suffix, a pause ends a code. When the
 * port disappears (USB cable out) the scanner is reopened every few seconds until it is back.
 */

export type SerialTerminator = 'CR' | 'LF' | 'CRLF' | 'none';

const CR = 0x0d;
const LF = 0x0a;

export interface SerialFramerOptions {
  terminator: SerialTerminator;
  /** A code ends when no byte came for this long; needed with `none`, optional otherwise. */
  timeoutMs?: number;
  clock: Clock;
  onCode(bytes: Buffer): void;
}

export interface SerialFramer {
  push(chunk: Buffer): void;
  /** Bytes received that no terminator ended yet. */
  pending(): number;
  /** Ends the current code now (the port closed), as the pause would have. */
  flush(): void;
  /** Forgets the bytes of an unfinished code; returns how many there were. */
  discard(): number;
}

/** Cuts the byte stream into codes at the terminator, or at a pause. Bytes of one code may come in many chunks. */
export function createSerialFramer(options: SerialFramerOptions): SerialFramer {
  let buffer = Buffer.alloc(0);
  let timer: { cancel(): void } | null = null;
  const timeoutMs = options.timeoutMs;

  const emit = (bytes: Buffer) => {
    if (bytes.length > 0) options.onCode(bytes);
  };

  const cut = () => {
    for (;;) {
      let end = -1;
      let skip = 1;
      if (options.terminator === 'CR') end = buffer.indexOf(CR);
      else if (options.terminator === 'LF') end = buffer.indexOf(LF);
      else if (options.terminator === 'CRLF') {
        end = buffer.indexOf('\r\n', 0, 'latin1');
        skip = 2;
      }
      if (end === -1) return;
      emit(buffer.subarray(0, end));
      buffer = buffer.subarray(end + skip);
    }
  };

  const arm = () => {
    timer?.cancel();
    timer = null;
    if (timeoutMs === undefined || buffer.length === 0) return;
    timer = options.clock.setTimeout(() => {
      timer = null;
      const bytes = buffer;
      buffer = Buffer.alloc(0);
      emit(bytes);
    }, timeoutMs);
  };

  return {
    push(chunk) {
      buffer = Buffer.concat([buffer, chunk]);
      if (options.terminator !== 'none') cut();
      arm();
    },
    pending: () => buffer.length,
    flush() {
      timer?.cancel();
      timer = null;
      const bytes = buffer;
      buffer = Buffer.alloc(0);
      emit(bytes);
    },
    discard() {
      timer?.cancel();
      timer = null;
      const count = buffer.length;
      buffer = Buffer.alloc(0);
      return count;
    },
  };
}

/**
 * The code in one framed message: stray CR/LF of a suffix that differs from the configured one,
 * NUL padding and a leading AIM identifier come off; a GS inside (FNC1 of GS1 codes) stays.
 */
export function serialCode(bytes: Buffer): { code: string; details: ScanDetails } | null {
  const text = decodeScanBytes(bytes).replace(/^[\0\r\n]+/, '').replace(/[\0\r\n\t]+$/, '');
  const { code, aim } = splitAim(text);
  if (code.length === 0) return null;
  return { code, details: { aim, symbology: symbologyName(aim) } };
}

export interface SerialScannerOptions {
  serial: SerialPortPort;
  clock: Clock;
  log: Logger;
  path: string;
  baudRate: number;
  terminator: SerialTerminator;
  timeoutMs?: number;
  /** How long to wait before trying a port that is missing or failed again. */
  retryMs?: number;
  onScan(code: string, details: ScanDetails): void;
  onChange(): void;
}

export interface SerialScanner {
  readonly status: DeviceStatus;
  readonly path: string;
  start(): void;
  stop(): Promise<void>;
}


export function createSerialScanner(options: SerialScannerOptions): SerialScanner {
  const { clock, log, path } = options;
  const retryMs = options.retryMs ?? 2_000;
  let status: DeviceStatus = { state: 'not-found' };
  let connection: SerialConnection | null = null;
  let retry: { cancel(): void } | null = null;
  let isStopped = true;
  let isOpening = false;
  let hasConnected = false;
  let lastErrorLogged: string | null = null;

  const framer = createSerialFramer({
    terminator: options.terminator,
    timeoutMs: options.terminator === 'none' ? (options.timeoutMs ?? DEFAULT_SERIAL_TIMEOUT_MS) : options.timeoutMs,
    clock,
    onCode(bytes) {
      const scanned = serialCode(bytes);
      if (scanned) options.onScan(scanned.code, scanned.details);
    },
  });

  const setStatus = (next: DeviceStatus) => {
    status = next;
    options.onChange();
  };

  const scheduleRetry = () => {
    retry?.cancel();
    retry = isStopped ? null : clock.setTimeout(() => void tryOpen(), retryMs);
  };

  /** Without a terminator the pause ends a code anyway; with one, an unterminated rest may be cut short. */
  const endPending = () => {
    if (options.terminator === 'none') {
      framer.flush();
      return;
    }
    const dropped = framer.discard();
    if (dropped > 0) log.warn('an unfinished scan was thrown away when the port closed', { path, bytes: dropped });
  };

  const lose = (opened: SerialConnection, reason: string) => {
    if (connection !== opened) return;
    connection = null;
    endPending();
    log.warn('serial scanner disconnected', { path, reason });
    setStatus({ state: 'disconnected', since: clock.now() });
    void opened.close().catch(() => undefined);
    scheduleRetry();
  };

  const tryOpen = async () => {
    retry = null;
    if (isStopped || isOpening || connection) return;
    isOpening = true;
    try {
      const opened = await options.serial.open({ path, baudRate: options.baudRate });
      if (isStopped) {
        await opened.close().catch(() => undefined);
        return;
      }
      connection = opened;
      hasConnected = true;
      lastErrorLogged = null;
      opened.on('data', (chunk) => {
        if (connection === opened) framer.push(chunk);
      });
      opened.on('error', (error) => lose(opened, error.message));
      opened.on('close', () => lose(opened, 'closed'));
      log.info('serial scanner connected', { path, baudRate: options.baudRate });
      setStatus({ state: 'connected', since: clock.now() });
    } catch (error) {
      if (isStopped) return;
      const code = (error as NodeJS.ErrnoException).code;
      const message = error instanceof Error ? error.message : String(error);
      // A module that cannot load may name a missing file (a native library): that is no unplugged port.
      const isUnavailable = error instanceof SerialUnavailable;
      const isMissing = !isUnavailable && (code === 'ENOENT' || /no such file|not found|cannot find/i.test(message));
      if (isMissing) {
        if (status.state === 'error') setStatus(hasConnected ? { state: 'disconnected', since: clock.now() } : { state: 'not-found' });
      } else {
        const why = isUnavailable ? reason('device.serialUnavailable', { aside: aside(message) }) : openErrorReason(path, message);
        const text = englishOf(why);
        if (text !== lastErrorLogged) log.warn('serial scanner cannot be opened', { path, error: message });
        lastErrorLogged = text;
        if (status.state !== 'error' || status.message !== text) setStatus({ state: 'error', message: text, reason: why, since: clock.now() });
      }
      scheduleRetry();
    } finally {
      isOpening = false;
    }
  };

  return {
    get status() {
      return status;
    },
    path,
    start() {
      if (!isStopped) return;
      isStopped = false;
      void tryOpen();
    },
    async stop() {
      isStopped = true;
      retry?.cancel();
      retry = null;
      endPending();
      const open = connection;
      connection = null;
      if (open) await open.close().catch(() => undefined);
    },
  };
}

function openErrorReason(path: string, said: string): Reason {
  const isDialout = /permission|EACCES/i.test(said) && process.platform === 'linux';
  return reason(isDialout ? 'device.cannotOpenDialout' : 'device.cannotOpen', { name: path, aside: aside(said) });
}
