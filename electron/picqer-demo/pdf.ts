import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/*
 * pdfkit's built-in Helvetica only covers WinAnsi, so Łódź or Ørsted would come out wrong. Use a
 * Unicode TrueType font where the machine has one; otherwise fold the text to what Helvetica can
 * show rather than print garbage.
 */
const unicodeFontCandidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

let unicodeFont: string | null | undefined;

function findUnicodeFont(): string | null {
  if (unicodeFont === undefined) unicodeFont = unicodeFontCandidates.find((path) => existsSync(path)) ?? null;
  return unicodeFont;
}

export interface PdfText {
  doc: PDFKit.PDFDocument;
  /** Text safe for the font in use. */
  safe(text: string): string;
}

const winAnsiFallback: Record<string, string> = { Ł: 'L', ł: 'l', ź: 'z', Ź: 'Z', ś: 's', Ś: 'S', ń: 'n', ą: 'a', ę: 'e', ć: 'c', ż: 'z', Ż: 'Z' };

export function renderPdf(size: [number, number] | string, margin: number, draw: (pdf: PdfText) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size, margin, info: { Title: 'Packdesk demo', Producer: 'Packdesk demo backend', CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const font = findUnicodeFont();
    if (font) doc.font(font);
    const safe = font ? (text: string) => text : (text: string) => Array.from(text, (ch) => (ch.charCodeAt(0) <= 0xff ? ch : (winAnsiFallback[ch] ?? '?'))).join('');
    try {
      draw({ doc, safe });
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
