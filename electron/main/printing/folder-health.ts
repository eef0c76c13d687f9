import { accessSync, constants, mkdirSync } from 'node:fs';
import type { PrinterHealth } from '../../../shared/printing';

/** A folder "printer" is ready when the folder exists (or can be made) and this user may write into it. */
export function folderHealth(path: string): PrinterHealth {
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
    return { state: 'ready', message: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { state: 'offline', message: `Cannot write to ${path} (${code})` };
  }
}
