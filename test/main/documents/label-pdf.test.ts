import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import bwipjs from 'bwip-js/node';
import { firstPageSize, fitsLabelStock, labelPageOf, pngLabelPdf } from '../../../electron/main/documents/label-pdf';
import { decodeBarcodes, missingTools, pdfPageSizes } from './pdf-tools';

function blankPdf(size: string | [number, number]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('label');
    doc.end();
  });
}

describe('label pages', () => {
  it.each([
    ['A6', 'A6', true],
    ['4x6 in', [288, 432], true],
    ['100x150 mm', [283.46, 425.2], true],
    ['4x6 in landscape', [432, 288], true],
    ['A4', 'A4', false],
    ['Letter', 'LETTER', false],
  ] as const)('%s', async (_name, size, fits) => {
    const page = firstPageSize(await blankPdf(typeof size === 'string' ? size : [size[0], size[1]]));
    expect(page).not.toBeNull();
    const kind = labelPageOf(page ?? { width: 0, height: 0 });
    expect(fitsLabelStock(kind)).toBe(fits);
    if (_name === 'A4') expect(kind).toBe('A4');
  });

  it('answers null for a PDF whose page objects it cannot read', () => {
    expect(firstPageSize(Buffer.from('%PDF-1.7\n...compressed object streams...'))).toBeNull();
  });
});

describe.skipIf(missingTools.length > 0)('a PNG label', () => {
  it('is put on a 4x6 page, upright, and still scans', async () => {
    for (const rotate of ['N', 'R'] as const) {
      // A carrier's label picture: a tracking barcode, landscape ('R') or upright ('N').
      const png = await bwipjs.toBuffer({ bcid: 'code128', text: '3SPNG0001', scale: 4, height: 20, rotate, backgroundcolor: 'FFFFFF', paddingwidth: 16, paddingheight: 16 });
      const pdf = await pngLabelPdf(png);
      expect(pdfPageSizes(pdf)).toEqual([{ width: 288, height: 432 }]);
      expect(decodeBarcodes(pdf, { dpi: 200 })).toContain('3SPNG0001');
    }
  });
});
