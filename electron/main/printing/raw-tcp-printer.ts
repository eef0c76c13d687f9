import { connect, type Socket } from 'node:net';
import type { PrinterHealth } from '../../../shared/printing';
import { aside, reason, type Reason } from '../../../shared/reasons';
import { healthOf, PrinterError, type PortJob, type PrinterPort } from './printer-port';

/**
 * Port 9100 ("raw", JetDirect): the document's bytes go over one TCP connection, which the
 * printer closes when it has them. Used for ZPL label printers. A connection that breaks after
 * bytes were written may have printed: that failure is reported as maybe-delivered, never retried.
 * A printer that cannot be reached at all is a plain failure: nothing was sent, so the queue
 * waits and tries again (backoff) until it is back.
 */

export interface RawTcpOptions {
  host: string;
  port: number;
  /** What the printer takes; only a ZPL printer is asked for its status with ~HS. */
  format?: 'zpl' | 'pdf';
  /** How long to wait for the printer to accept the connection. */
  connectTimeoutMs?: number;
  /** How long a connected printer may stay silent (taking the bytes, answering ~HS). */
  timeoutMs?: number;
}

const STX = '\x02';
const ETX = '\x03';

/** The flags of a ZPL printer's `~HS` answer that matter at a packing station. */
export interface HostStatus {
  isPaperOut: boolean;
  isPaused: boolean;
  isBufferFull: boolean;
  isHeadUp: boolean;
  isRibbonOut: boolean;
  labelsRemaining: number;
}

/**
 * Parses the three STX...ETX framed, comma separated lines a ZPL printer answers to `~HS`
 * (ZPL II programming guide, "Host Status Return"). Line 1: interface settings, paper out flag,
 * pause flag, label length, formats in buffer, buffer full flag, ... Line 2: function settings,
 * unused, head up flag, ribbon out flag, thermal transfer flag, print mode, width mode, label
 * waiting flag, labels remaining in batch, ... Line 3: password and RAM. Returns null for anything
 * that is not such an answer (a PDF printer on 9100 says nothing, or something else entirely).
 */
export function parseHostStatus(text: string): HostStatus | null {
  const lines = text
    .split(STX)
    .map((part) => part.split(ETX)[0]?.trim() ?? '')
    .filter((part) => part.length > 0);
  if (lines.length < 2) return null;
  const first = lines[0]?.split(',') ?? [];
  const second = lines[1]?.split(',') ?? [];
  if (first.length < 6 || second.length < 9) return null;
  const flag = (value: string | undefined) => value?.trim() === '1';
  return {
    isPaperOut: flag(first[1]),
    isPaused: flag(first[2]),
    isBufferFull: flag(first[5]),
    isHeadUp: flag(second[2]),
    isRibbonOut: flag(second[3]),
    labelsRemaining: Number.parseInt(second[8] ?? '0', 10) || 0,
  };
}

/** The one state a packer needs to act on, most urgent first: a head left open also reads as paused. */
export function hostStatusHealth(status: HostStatus): PrinterHealth {
  if (status.isHeadUp) return healthOf('head_open', reason('printer.headOpen'));
  if (status.isPaperOut) return healthOf('paper_out', reason('printer.labelsOut'));
  if (status.isRibbonOut) return healthOf('ribbon_out', reason('printer.ribbonOut'));
  if (status.isPaused) return healthOf('paused', reason('printer.pausedOnPrinter'));
  if (status.isBufferFull) return healthOf('printing', reason('printer.bufferFull'));
  return healthOf('ready', null);
}

export function createRawTcpPrinter(options: RawTcpOptions): PrinterPort {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const where = `${options.host}:${options.port}`;
  const description = `raw-tcp:${where}`;

  /** Connects within the connect timeout; the socket's idle timeout is set to `timeoutMs` after. */
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: options.host, port: options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterError(reason('printer.connectTimeout', { where, seconds: Math.round(connectTimeoutMs / 1000) })));
      }, connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setTimeout(timeoutMs);
        resolve(socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new PrinterError(reason('printer.unreachable', { where, aside: aside(error.code ?? error.message) })));
      });
    });

  const send = (socket: Socket, body: Buffer) =>
    new Promise<void>((resolve, reject) => {
      let isWritten = false;
      const fail = (why: () => Reason) => {
        socket.destroy();
        reject(new PrinterError(why(), { isMaybeDelivered: isWritten }));
      };
      // A job whose bytes were written may have printed: the sentence for it says so.
      socket.once('timeout', () => fail(() => (isWritten ? reason('print.rawStoppedAnswering', { where }) : reason('print.rawNoAnswer', { where }))));
      socket.once('error', (error: NodeJS.ErrnoException) =>
        fail(() => reason(isWritten ? 'print.rawConnectionBrokeMidJob' : 'print.rawConnectionBroke', { where, aside: aside(error.code ?? error.message) })),
      );
      socket.once('close', (hadError) => {
        if (!hadError) resolve();
      });
      // A printer may answer; what it says is not ours to read here, but it must not stall the socket.
      socket.resume();
      socket.end(body, () => {
        isWritten = true;
      });
    });

  /** Sends ~HS and collects the three framed lines, or whatever came before the timeout. */
  const askHostStatus = async (): Promise<string> => {
    const socket = await open();
    return new Promise<string>((resolve) => {
      let text = '';
      const done = () => {
        socket.destroy();
        resolve(text);
      };
      const timer = setTimeout(done, Math.min(timeoutMs, 3_000));
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.split(ETX).length > 3) {
          clearTimeout(timer);
          done();
        }
      });
      socket.once('error', () => {
        clearTimeout(timer);
        done();
      });
      socket.once('close', () => {
        clearTimeout(timer);
        done();
      });
      socket.write('~HS');
    });
  };

  return {
    description,
    plan: (job) => `${description}#${job.id}`,
    async print(job: PortJob) {
      const socket = await open();
      await send(socket, job.body);
    },
    // A raw printer keeps no record we could ask.
    wasDelivered: async () => null,
    async health(): Promise<PrinterHealth> {
      try {
        if (options.format === 'pdf') {
          // Opening a connection is all a raw PDF printer lets us ask without printing.
          const socket = await open();
          socket.destroy();
          return healthOf('ready', reason('printer.acceptsConnections', { where }));
        }
        const status = parseHostStatus(await askHostStatus());
        if (!status) return healthOf('unknown', reason('printer.noStatusAnswer', { where }));
        return hostStatusHealth(status);
      } catch (error) {
        return error instanceof PrinterError ? healthOf('offline', error.reason) : { state: 'offline', message: String(error), reason: null };
      }
    },
  };
}
