import { slipFonts } from './fonts';
import { code128Png, renderPdf } from './pdf';

/*
 * An A4 sheet of labelled Code 128 barcodes, five to a page: the command sheet, the packers'
 * badges. Code 128 reads on every scanner a warehouse has; the Unicode font keeps names such as
 * Łukasz or Jürgen intact on a badge.
 */

export interface SheetEntry {
  /** Printed in bold above the barcode. */
  label: string;
  /** Printed under the label, smaller; optional. */
  note?: string;
  /** What the barcode carries. */
  code: string;
}

export interface BarcodeSheet {
  title: string;
  hint: string;
  entries: SheetEntry[];
}

const perPage = 5;
const rowHeight = 140;

export async function renderBarcodeSheet(sheet: BarcodeSheet): Promise<Buffer> {
  const images = await Promise.all(sheet.entries.map((entry) => code128Png(entry.code, { includeText: true })));
  const fonts = slipFonts();
  // A fixed creation date: the same sheet renders to the same bytes.
  return renderPdf({ size: 'A4', margin: 48, info: { Title: sheet.title, Producer: 'Packdesk', CreationDate: new Date(Date.UTC(2026, 0, 1)) } }, (doc) => {
    doc.registerFont('sheet', fonts.regular);
    doc.registerFont('sheet-bold', fonts.bold);
    sheet.entries.forEach((entry, i) => {
      const slot = i % perPage;
      if (slot === 0) {
        if (i > 0) doc.addPage();
        doc.font('sheet-bold').fontSize(22).text(sheet.title, 48, 48);
        doc.font('sheet').fontSize(11).text(sheet.hint, 48, 80);
      }
      const top = 112 + slot * rowHeight;
      doc.font('sheet-bold').fontSize(20).text(entry.label, 48, top);
      if (entry.note) doc.font('sheet').fontSize(10).text(entry.note, 48, top + 24);
      doc.image(images[i] as Buffer, 48, top + (entry.note ? 40 : 30), { fit: [360, 90] });
    });
    if (sheet.entries.length === 0) {
      doc.font('sheet-bold').fontSize(22).text(sheet.title, 48, 48);
      doc.font('sheet').fontSize(11).text(sheet.hint, 48, 80);
    }
  });
}
