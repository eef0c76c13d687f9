import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { commandBarcodePrefix, scanCommands, type ScanCommand } from '../../../shared/packing';

/*
 * The command sheet: one A4 page with a barcode per command, so a packer drives the station from
 * the scanner alone (DESIGN.md "Who uses it"). Code 128 reads on every scanner a warehouse has.
 */

const labels: Record<'nl' | 'en', { title: string; hint: string; commands: Record<ScanCommand, string> }> = {
  nl: {
    title: 'Packdesk: commando-barcodes',
    hint: 'Scan een barcode om het commando uit te voeren.',
    commands: { COMPLETE: 'Afronden', UNDO: 'Laatste scan ongedaan maken', PROBLEM: 'Probleem melden', REPRINT: 'Opnieuw printen', CANCEL: 'Annuleren' },
  },
  en: {
    title: 'Packdesk: command barcodes',
    hint: 'Scan a barcode to run its command.',
    commands: { COMPLETE: 'Complete', UNDO: 'Undo last scan', PROBLEM: 'Report a problem', REPRINT: 'Reprint', CANCEL: 'Cancel' },
  },
};

export function commandSheetLabel(language: 'nl' | 'en', command: ScanCommand): string {
  return labels[language].commands[command];
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

/** The sheet as a PDF, labels in the station's language. */
export async function renderCommandSheet(language: 'nl' | 'en'): Promise<Buffer> {
  const text = labels[language];
  const images = await Promise.all(scanCommands.map((command) => barcodePng(`${commandBarcodePrefix}${command}`)));
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: text.title, Producer: 'Packdesk', CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.font('Helvetica-Bold').fontSize(22).text(text.title, 48, 48);
      doc.font('Helvetica').fontSize(11).text(text.hint, 48, 78);
      const rowHeight = 140;
      scanCommands.forEach((command, i) => {
        const top = 112 + i * rowHeight;
        doc.font('Helvetica-Bold').fontSize(20).text(text.commands[command], 48, top);
        doc.image(images[i] as Buffer, 48, top + 30, { fit: [360, 95] });
      });
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
