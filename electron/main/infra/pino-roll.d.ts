// pino-roll ships no types: the part of its options this project uses. It resolves to the
// SonicBoom stream it writes through, which takes SonicBoom's own options (sync) as well.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  interface PinoRollOptions {
    /** The path without number and extension: `logs/packdesk` writes `logs/packdesk.1.log`, `.2.log`, ... */
    file: string;
    extension?: string;
    /** Roll when the file reaches this size: a number is MB, or `'512k'`, `'5m'`. */
    size?: string | number;
    /** With removeOtherLogFiles, how many files are kept, the one written to included. */
    limit?: { count: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    /** Every write is an fs.writeSync: a line logged is on disk when the call returns. */
    sync?: boolean;
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
