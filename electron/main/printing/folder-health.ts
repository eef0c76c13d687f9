import { accessSync, constants, mkdirSync } from 'node:fs';
import type { PrinterHealth } from '../../../shared/printing';
import { reason } from '../../../shared/reasons';
import { healthOf } from './printer-port';

/** A folder "printer" is ready when the folder exists (or can be made) and this user may write into it. */
export function folderHealth(path: string): PrinterHealth {
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
    return healthOf('ready', null);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return healthOf('offline', reason('printer.folderNotWritable', { path, code }));
  }
}
