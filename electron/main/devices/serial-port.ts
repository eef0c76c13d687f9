import { EventEmitter } from 'node:events';
import type { SerialPort as NodeSerialPort } from 'serialport';

/*
 * Serial ports as a port: open one by path and read its bytes. The real implementation is the
 * serialport package (imported on first use, so a missing native binding does not stop the
 * station); tests of the serial scanner itself run it for real against socat pseudo-terminals.
 */

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
}

export interface SerialConnection {
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  /** The port closed: by `close()`, or because the device went away (unplugged USB serial adapter). */
  on(event: 'close', listener: () => void): this;
  close(): Promise<void>;
}

export interface SerialPortPort {
  open(options: SerialOpenOptions): Promise<SerialConnection>;
}

type SerialportModule = typeof import('serialport');

/** The serialport module cannot load here (no binding for this platform): no serial port can be opened. */
export class SerialUnavailable extends Error {}

let serialport: Promise<SerialportModule> | null = null;
function loadSerialport(): Promise<SerialportModule> {
  serialport ??= import('serialport').catch((error: unknown) => {
    serialport = null;
    throw new SerialUnavailable(`serialport: ${error instanceof Error ? error.message : String(error)}`);
  });
  return serialport;
}

class NodeSerialConnection extends EventEmitter implements SerialConnection {
  private isClosed = false;

  constructor(private readonly port: NodeSerialPort) {
    super();
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', (error: Error) => {
      if (!this.isClosed) this.emit('error', error);
    });
    // A vanished device closes the port with an error whose `disconnected` is true.
    port.on('close', () => this.finish());
  }

  private finish(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.emit('close');
    this.removeAllListeners();
  }

  close(): Promise<void> {
    if (this.isClosed || !this.port.isOpen) {
      this.finish();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.port.close(() => {
        this.finish();
        resolve();
      });
    });
  }
}

export function createNodeSerialPort(): SerialPortPort {
  return {
    async open({ path, baudRate }) {
      const { SerialPort } = await loadSerialport();
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
      return new NodeSerialConnection(port);
    },
  };
}
