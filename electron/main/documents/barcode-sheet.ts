import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { slipFonts } from './fonts';

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

function barcodePng(text: string): Promise<Buffer> {
  // A white background and a quiet zone of padding: decoders need the margin around the bars.
  return bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 3,
    height: 16,
    includetext: true,
    textxalign: 'center',
    backgroundcolor: 'FFFFFF',
    paddingwidth: 12,
    paddingheight: 8,
  });
}

const perPage = 5;
const rowHeight = 140;

export async function renderBarcodeSheet(sheet: BarcodeSheet): Promise<Buffer> {
  const images = await Promise.all(sheet.entries.map((entry) => barcodePng(entry.code)));
  const fonts = slipFonts();
  return new Promise<Buffer>((resolve, reject) => {
    // A fixed creation date: the same sheet renders to the same bytes.
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: sheet.title, Producer: 'Packdesk', CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
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
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
