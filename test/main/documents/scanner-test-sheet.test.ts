import { describe, expect, it } from 'vitest';
import { languages } from '../../../shared/domain';
import { sheetCodes } from '../../../shared/scanner-self-test';
import { renderScannerTestSheet, scannerTestSheetLabel } from '../../../electron/main/documents/scanner-test-sheet';
import { decodeBarcodes, missingTools, pdfPageSizes, pdfText } from './pdf-tools';

describe.skipIf(missingTools.length > 0)('scanner test sheet', () => {
  for (const language of languages) {
    it(`(${language}) is one A4 page that shows every test value and whose barcodes decode to them`, async () => {
      const pdf = await renderScannerTestSheet(language);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPageSizes(pdf)).toEqual([{ width: 595.28, height: 841.89 }]);

      const text = pdfText(pdf);
      for (const code of sheetCodes) {
        expect(text).toContain(code.printed);
        expect(text).toContain(scannerTestSheetLabel(language, code.id));
      }

      // What a scanner sees: every code on the page, read back to exactly the value the analyser expects,
      // the GS1 code with its FNC1 as GS (0x1D) after the lot.
      const decoded = decodeBarcodes(pdf, { dpi: 200 });
      expect([...decoded].sort()).toEqual(sheetCodes.map((c) => c.value).sort());
    });
  }

  it('carries the GS1-128 code whose lot ends in a group separator', async () => {
    const decoded = decodeBarcodes(await renderScannerTestSheet('en'), { dpi: 200 });
    expect(decoded).toContain('0109501101530003' + '10LOT42A' + '\x1d' + '17301231');
  });

  it('speaks the station language', async () => {
    const nl = pdfText(await renderScannerTestSheet('nl'));
    const en = pdfText(await renderScannerTestSheet('en'));
    expect(nl).toContain('Scan de vier codes hieronder');
    expect(en).toContain('Scan the four codes below');
    expect(nl).not.toContain('Scan the four codes below');
  });
});
