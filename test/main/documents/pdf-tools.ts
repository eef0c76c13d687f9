import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTools } from '../../helpers/requires-tool';

/*
 * What a person (pdftotext) and a scanner (pdftoppm + zbarimg) see of a generated PDF. poppler-utils
 * and zbar-tools are installed by npm run setup:test; where they are missing the tests that need them skip
 * and the run's summary says so.
 */

export const missingTools = requireTools(['pdftotext', 'pdftoppm', 'pdfinfo', 'pdfimages', 'zbarimg'], 'poppler-utils zbar-tools');

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-doc-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in page order (pdftotext separates pages with a form feed). */
export function pdfPages(pdf: Buffer): string[] {
  const text = withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  return text.split('\f').slice(0, -1);
}

export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
}

/** Page sizes in points, from pdfinfo. */
export function pdfPageSizes(pdf: Buffer): Array<{ width: number; height: number }> {
  const info = withFile(pdf, (file) => execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' }));
  return [...info.matchAll(/Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** Every barcode zbarimg reads on the given page, rendered at `dpi`. */
export function decodeBarcodes(pdf: Buffer, options: { page?: number; dpi?: number } = {}): string[] {
  const page = String(options.page ?? 1);
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(options.dpi ?? 150), '-f', page, '-l', page, '-png', file, join(dir, 'page')]);
    const image = readdirSync(dir).find((f) => f.endsWith('.png'));
    if (!image) return [];
    const result = spawnSync('zbarimg', ['--quiet', '--raw', join(dir, image)], { encoding: 'utf8' });
    return result.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  });
}

/** How many images the PDF draws (pdfimages -list: two header lines, then a line per image or its soft mask). */
export function pdfImageCount(pdf: Buffer): number {
  const list = withFile(pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return list
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
}
