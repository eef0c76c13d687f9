import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/*
 * The print journal: every document the station fetched or made, kept under the data dir so a
 * label can be printed again (History's reprint) without asking Picqer or the carrier.
 *   <documentsDir>/<idshipment>/label.<pdf|zpl>      (label-2.<ext>, ... for further parcels)
 *   <documentsDir>/<idshipment>/packing-slip.pdf     (packing-slip-2.pdf, ... for the slips of further boxes)
 */

/**
 * Writes a file so that a reader (a printer folder watcher, a restart) sees all of it or none:
 * a temp file in the same directory, then a rename, which is atomic on one file system.
 */
export function writeFileAtomic(path: string, body: Buffer | string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, body);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function labelPath(documentsDir: string, idshipment: number, parcel: number, format: 'pdf' | 'zpl'): string {
  return join(documentsDir, String(idshipment), `${parcel > 1 ? `label-${parcel}` : 'label'}.${format}`);
}

export function packingSlipPath(documentsDir: string, idshipment: number, box = 1): string {
  return join(documentsDir, String(idshipment), box > 1 ? `packing-slip-${box}.pdf` : 'packing-slip.pdf');
}
