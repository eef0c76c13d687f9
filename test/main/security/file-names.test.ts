import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labelPath, packingSlipPath, writeFileAtomic } from '../../../electron/main/documents/journal';
import { createFolderPrinter } from '../../../electron/main/printing/folder-printer';
import type { PortJob } from '../../../electron/main/printing/printer-port';

/*
 * Names from the backend (picklist numbers, file names in a label's headers) never become paths:
 * the journal names files by ids, the folder printer flattens the one name it uses.
 */

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-names-'));
  dirs.push(dir);
  return dir;
}

const isInside = (root: string, path: string) => {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !rel.includes(':');
};

describe('the print journal', () => {
  it('names every file by the shipment id and parcel number alone', () => {
    const root = temp();
    expect(relative(root, labelPath(root, 31001, 1, 'pdf'))).toBe(join('31001', 'label.pdf'));
    expect(relative(root, labelPath(root, 31001, 2, 'zpl'))).toBe(join('31001', 'label-2.zpl'));
    expect(relative(root, packingSlipPath(root, 31001))).toBe(join('31001', 'packing-slip.pdf'));
    writeFileAtomic(labelPath(root, 31001, 1, 'pdf'), '%PDF-');
    expect(readdirSync(join(root, '31001'))).toEqual(['label.pdf']);
  });
});

describe('the folder printer', () => {
  const hostile = ['../../etc/passwd', '..\\..\\Windows\\System32\\drivers\\etc\\hosts', '/etc/passwd', 'C:\\evil', '..', 'P\u0000123', 'a/'.repeat(200)];

  it.each(hostile)('keeps a job for picklist %j inside its folder, as one flat file name', async (picklistid) => {
    const root = temp();
    const folder = join(root, 'printer');
    const printer = createFolderPrinter(folder);
    const job: Omit<PortJob, 'target' | 'body'> = { id: 7, kind: 'label', format: 'pdf', picklistid };
    const target = printer.plan(job, Date.UTC(2026, 10, 3, 9, 30, 0));
    expect(dirname(target)).toBe(folder);
    expect(isInside(folder, target)).toBe(true);
    expect(relative(folder, target)).toMatch(/^[A-Za-z0-9._-]+$/);
    await printer.print({ ...job, target, body: Buffer.from('%PDF-') });
    expect(readdirSync(folder)).toEqual([relative(folder, target)]);
    expect(readdirSync(root)).toEqual(['printer']);
  });
});
