import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';

/*
 * The two things every document here does: collect a pdfkit document into one Buffer, and draw
 * a Code 128 barcode that decoders read.
 */

/** Runs `draw` on a new document and resolves with the PDF's bytes; a throw in `draw` rejects. */
export function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * A Code 128 barcode as a PNG. bwip-js draws on a transparent background by default: a white one
 * and a quiet zone of padding are what decoders need around the bars.
 */
export function code128Png(text: string, options: { includeText: boolean }): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 3,
    height: 16,
    includetext: options.includeText,
    ...(options.includeText ? { textxalign: 'center' as const } : {}),
    backgroundcolor: 'FFFFFF',
    paddingwidth: 14,
    paddingheight: 8,
  });
}
