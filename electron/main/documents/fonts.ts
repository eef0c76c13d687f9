import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/*
 * The Unicode font for documents, shipped in the dejavu-fonts-ttf npm package: installed with the
 * app (never fetched at run time, never taken from the OS, so every station prints the same).
 * DejaVu Sans covers Latin Extended (Ł, Ø, Æ, ß, ...), Greek and Cyrillic in TrueType, which
 * pdfkit's fontkit embeds as a subset of the glyphs used.
 */

export interface DocumentFonts {
  regular: Buffer;
  bold: Buffer;
}

let cached: DocumentFonts | null = null;

export function fontPath(file: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): string {
  return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

/** Read once per process: every slip embeds a subset of the same two files. */
export function slipFonts(): DocumentFonts {
  cached ??= { regular: readFileSync(fontPath('DejaVuSans.ttf')), bold: readFileSync(fontPath('DejaVuSans-Bold.ttf')) };
  return cached;
}
