import { describe, expect, it } from 'vitest';
import { productLabelPageSize, productSymbology, renderProductLabel } from '../../../electron/main/documents/product-label';
import { decodeBarcodes, missingTools, pdfPageSizes, pdfText } from './pdf-tools';

const ean = { name: 'Fietsbel Ærø chroom', productcode: 'BEL-001', barcode: '8712345000011' };
const code128 = { name: 'Straße-Schloss', productcode: 'SLOT-77', barcode: 'ABC-12345' };

describe('product label symbology', () => {
  it('EAN-13 only for a valid EAN-13, Code 128 of the barcode or productcode otherwise', () => {
    expect(productSymbology(ean)).toEqual({ kind: 'ean13', data: '8712345000011' });
    expect(productSymbology({ ...ean, barcode: '8712345000012' })).toEqual({ kind: 'code128', data: '8712345000012' });
    expect(productSymbology(code128)).toEqual({ kind: 'code128', data: 'ABC-12345' });
    expect(productSymbology({ ...code128, barcode: null })).toEqual({ kind: 'code128', data: 'SLOT-77' });
    expect(productSymbology({ ...code128, barcode: '  ' })).toEqual({ kind: 'code128', data: 'SLOT-77' });
  });
});

describe('product label ZPL', () => {
  it('an EAN-13 label: ^BE with the 12 data digits, name and code, copies as ^PQ', async () => {
    const zpl = (await renderProductLabel(ean, { format: 'zpl', copies: 3 })).toString('utf8');
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain('^CI28');
    expect(zpl).toMatch(/\^BEN,80,Y,N\^FD871234500001\^FS/);
    expect(zpl).toContain('^FDFietsbel Ærø chroom^FS');
    expect(zpl).toContain('^FDBEL-001^FS');
    expect(zpl).toContain('^PQ3');
    expect(zpl).not.toContain('^BC');
  });

  it('a Code 128 label: ^BC, and ^ ~ _ in data go hex-escaped so they cannot start a command', async () => {
    const zpl = (await renderProductLabel({ name: 'Bolt ^XZ ~JA', productcode: 'A_1', barcode: null }, { format: 'zpl', copies: 1 })).toString('utf8');
    expect(zpl).toMatch(/\^BCN,80,Y,N,N,A\^FH\^FDA_5F1\^FS/);
    expect(zpl).toContain('^FDBolt _5EXZ _7EJA^FS');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('^BE');
  });
});

describe.skipIf(missingTools.length > 0)('product label PDF', () => {
  for (const [kind, input] of [['EAN-13', ean], ['Code 128', code128]] as const) {
    it(`${kind}: 50x30 mm, one page per copy, text intact, barcode decodes`, async () => {
      const pdf = await renderProductLabel(input, { format: 'pdf', copies: 2 });
      const sizes = pdfPageSizes(pdf);
      expect(sizes).toHaveLength(2);
      for (const page of sizes) {
        expect(page.width).toBeCloseTo(productLabelPageSize[0], 0);
        expect(page.height).toBeCloseTo(productLabelPageSize[1], 0);
      }
      const text = pdfText(pdf);
      expect(text).toContain(input.name);
      expect(text).toContain(input.productcode);
      expect(decodeBarcodes(pdf, { dpi: 300 })).toEqual([input.barcode]);
    });
  }
});
