import { connect } from 'node:net';
import { PrinterError, type PortJob, type PrinterPort } from './printer-port';

/**
 * Port 9100 ("raw", JetDirect): the document's bytes go over one TCP connection, which the
 * printer closes when it has them. Used for ZPL label printers. A connection that breaks after
 * bytes were written may have printed: that failure is reported as maybe-delivered, never retried.
 */
export function createRawTcpPrinter(options: { host: string; port: number; timeoutMs?: number }): PrinterPort {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const description = `raw-tcp:${options.host}:${options.port}`;
  return {
    description,
    plan: (job) => `${description}#${job.id}`,
    print(job: PortJob) {
      return new Promise<void>((resolve, reject) => {
        let isWritten = false;
        const socket = connect({ host: options.host, port: options.port });
        socket.setTimeout(timeoutMs);
        const fail = (message: string) => {
          socket.destroy();
          reject(new PrinterError(message, { isMaybeDelivered: isWritten }));
        };
        socket.once('connect', () => {
          socket.end(job.body, () => {
            isWritten = true;
          });
        });
        socket.once('timeout', () => fail(`The printer at ${options.host}:${options.port} did not answer`));
        socket.once('error', (error: NodeJS.ErrnoException) => fail(`PRINTER_OFFLINE: cannot reach the printer at ${options.host}:${options.port} (${error.code ?? error.message})`));
        socket.once('close', (hadError) => {
          if (!hadError) resolve();
        });
      });
    },
    // A raw printer keeps no record we could ask.
    wasDelivered: async () => null,
  };
}
