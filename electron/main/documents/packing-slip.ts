import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/domain';
import { catalogues, type DocumentCatalogue } from './i18n';
import { slipFonts } from './fonts';

/*
 * The packing slip, made here instead of fetched from Picqer so that it prints offline, in the
 * order's language and on whatever paper the station's slip printer holds (A4 down to a 4x6 in
 * label). Everything a customer may have typed (names, addresses, remarks) goes through the
 * embedded DejaVu font: the PDF standard fonts have no Ł, Ø or ß beyond Latin-1 and would print
 * holes, and fonts from the OS differ per station.
 */

export const slipSizes = ['A4', 'A5', 'A6', '4x6'] as const;
export type SlipSize = (typeof slipSizes)[number];

/** Page sizes in PDF points (1/72 in). */
export const slipPageSizes: Record<SlipSize, [number, number]> = {
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  A6: [297.64, 419.53],
  '4x6': [288, 432],
};

export interface SlipLine {
  productcode: string;
  name: string;
  amount: number;
  remarks: string | null;
  /** Lot, best-before and serial of the units packed for this line, where they were scanned (issue 18). */
  units?: SlipUnit[];
}

/** Units of one line with the same lot, best-before date (ISO) and serial. */
export interface SlipUnit {
  lot: string | null;
  expiry: string | null;
  serial: string | null;
  amount: number;
}

export interface PackingSlipLine extends SlipLine {
  /** The parts of a composition, printed indented under it. */
  parts: SlipLine[];
}

export interface PackingSlipInput {
  picklistid: string;
  orderid: string | null;
  /** The webshop's own reference for the order, as the customer knows it. */
  reference: string | null;
  date: Date;
  /** Address lines, name first; empty when unknown. */
  deliveryAddress: string[];
  invoiceAddress: string[];
  lines: PackingSlipLine[];
  customerRemarks: string | null;
  orderFields: Array<{ title: string; value: string }>;
}

export interface SlipCompany {
  name: string;
  address: string[];
  logoPath?: string;
}

export interface PackingSlipOptions {
  size: SlipSize;
  language: Language;
  company: SlipCompany;
  /** The box this slip goes in, when the parcel is several boxes; each box gets its own slip. */
  box?: { box: number; of: number };
}

/** Maps a printer's media name (CUPS "A4", "iso_a6_105x148mm", "4x6", "100x150mm", ...) to a slip size; A4 when it names none. */
export function slipSizeForMedia(media: string | null | undefined): SlipSize {
  const name = (media ?? '').toLowerCase();
  if (/(^|[^a-z])a6([^0-9]|$)/.test(name)) return 'A6';
  if (/(^|[^a-z])a5([^0-9]|$)/.test(name)) return 'A5';
  if (/4x6|100x150/.test(name)) return '4x6';
  return 'A4';
}

interface Metrics {
  margin: number;
  font: number;
  small: number;
  title: number;
  barcodeHeight: number;
  /** Side by side header columns; narrow label stock stacks them so the barcode gets the full width. */
  isWide: boolean;
}

function metricsFor(size: SlipSize): Metrics {
  if (size === 'A4') return { margin: 40, font: 9.5, small: 8, title: 16, barcodeHeight: 42, isWide: true };
  if (size === 'A5') return { margin: 28, font: 8.5, small: 7.5, title: 14, barcodeHeight: 38, isWide: true };
  return { margin: 14, font: 7, small: 6.5, title: 11, barcodeHeight: 34, isWide: false };
}

function barcodePng(text: string): Promise<Buffer> {
  // A white background and padding as a quiet zone: decoders need the margin around the bars.
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: 3, height: 10, includetext: false, backgroundcolor: 'FFFFFF', paddingwidth: 10, paddingheight: 2 });
}

/** A PNG's pixel size, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Column {
  key: 'productcode' | 'name' | 'amount' | 'remarks';
  x: number;
  width: number;
  align: 'left' | 'right';
}

function columnsFor(left: number, width: number): Column[] {
  const gap = 6;
  const code = Math.round(width * 0.2);
  const amount = Math.max(28, Math.round(width * 0.09));
  const remarks = Math.round(width * 0.24);
  const name = width - code - amount - remarks - 3 * gap;
  return [
    { key: 'productcode', x: left, width: code, align: 'left' },
    { key: 'name', x: left + code + gap, width: name, align: 'left' },
    { key: 'amount', x: left + code + gap + name + gap, width: amount, align: 'right' },
    { key: 'remarks', x: left + width - remarks, width: remarks, align: 'left' },
  ];
}

function readLogo(doc: PDFKit.PDFDocument, path: string, x: number, y: number, fit: [number, number]): number {
  try {
    doc.image(path, x, y, { fit });
    return fit[1] + 4;
  } catch {
    // A missing or unreadable logo must not stop a parcel: the slip goes out with the name only.
    return 0;
  }
}

/** Renders the slip as a PDF. Long orders run over pages with the header repeated and "page x of y". */
export async function renderPackingSlip(input: PackingSlipInput, options: PackingSlipOptions): Promise<Buffer> {
  const text: DocumentCatalogue = catalogues[options.language];
  const unitText = (unit: SlipUnit): string => {
    const [y, mo, d] = (unit.expiry ?? '').split('-').map(Number);
    const parts = [
      unit.lot === null ? null : text.lot(unit.lot),
      unit.expiry === null ? null : text.bestBefore(text.formatDate(new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1))),
      unit.serial === null ? null : text.serial(unit.serial),
    ].filter((p): p is string => p !== null);
    const said = parts.join(', ') + (unit.amount > 1 ? ` (${String(unit.amount)}x)` : '');
    return said.charAt(0).toUpperCase() + said.slice(1);
  };
  const m = metricsFor(options.size);
  const [pageWidth, pageHeight] = slipPageSizes[options.size];
  const fonts = slipFonts();
  const barcode = await barcodePng(input.picklistid);
  const barcodePixels = pngSize(barcode);

  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: [pageWidth, pageHeight],
      margin: m.margin,
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: `${text.packingSlip} ${input.orderid ?? input.picklistid}`, Producer: 'Packdesk', CreationDate: input.date },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.registerFont('slip', fonts.regular);
      doc.registerFont('slip-bold', fonts.bold);
      const left = m.margin;
      const width = pageWidth - 2 * m.margin;
      // The footer line sits inside the bottom margin's edge: pdfkit starts a new page by itself
      // for text below it, which would add blank pages while numbering.
      const footerY = pageHeight - m.margin - m.small * 1.4;
      const bottom = footerY - m.font;
      const columns = columnsFor(left, width);
      const lineGap = 1;

      const write = (value: string, x: number, y: number, w: number, font: 'slip' | 'slip-bold', size: number, align: 'left' | 'right' = 'left'): number => {
        doc.font(font).fontSize(size).text(value, x, y, { width: w, align, lineGap });
        return doc.y;
      };
      const heightOf = (value: string, w: number, font: 'slip' | 'slip-bold', size: number): number =>
        value === '' ? 0 : doc.font(font).fontSize(size).heightOfString(value, { width: w, lineGap });

      const drawCompany = (x: number, y: number, w: number): number => {
        let at = y;
        if (options.company.logoPath) at += readLogo(doc, options.company.logoPath, x, at, [Math.min(w, 140), m.title * 2.5]);
        at = write(options.company.name, x, at, w, 'slip-bold', m.font + 2);
        for (const line of options.company.address) at = write(line, x, at, w, 'slip', m.small);
        return at;
      };

      const drawIdentity = (x: number, y: number, w: number): number => {
        let at = write(text.packingSlip, x, y, w, 'slip-bold', m.title);
        // About 1.2 pt per bar module (2.5 px at 150 dpi): wide enough for every scanner and
        // zbarimg, never wider than the column.
        const modules = barcodePixels.width / 3;
        const barcodeWidth = Math.min(w, modules * 1.2);
        doc.image(barcode, x, at + 2, { width: barcodeWidth, height: m.barcodeHeight });
        at += m.barcodeHeight + 4;
        const facts: Array<[string, string]> = [];
        if (input.orderid) facts.push([text.order, input.orderid]);
        facts.push([text.picklist, input.picklistid]);
        facts.push([text.date, text.formatDate(input.date)]);
        for (const [label, value] of facts) at = write(`${label}: ${value}`, x, at, w, 'slip', m.font);
        if (options.box) at = write(text.box(options.box.box, options.box.of), x, at, w, 'slip-bold', m.font + 2);
        return at;
      };

      const drawHeader = (): number => {
        const top = m.margin;
        let y: number;
        if (m.isWide) {
          const half = (width - 12) / 2;
          y = Math.max(drawCompany(left, top, half), drawIdentity(left + half + 12, top, half));
        } else {
          y = drawIdentity(left, drawCompany(left, top, width) + 4, width);
        }
        y += 4;
        doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.6).stroke();
        return y + 6;
      };

      const drawTableHeader = (y: number): number => {
        const titles: Record<Column['key'], string> = { productcode: text.productcode, name: text.product, amount: text.amount, remarks: text.remarks };
        const h = Math.max(...columns.map((c) => heightOf(titles[c.key], c.width, 'slip-bold', m.small)));
        for (const c of columns) write(titles[c.key], c.x, y, c.width, 'slip-bold', m.small, c.align);
        const under = y + h + 1;
        doc.moveTo(left, under).lineTo(left + width, under).lineWidth(0.4).stroke();
        return under + 3;
      };

      let y = drawHeader();
      const ensureSpace = (needed: number, withTable: boolean): void => {
        if (y + needed <= bottom) return;
        doc.addPage();
        y = drawHeader();
        if (withTable) y = drawTableHeader(y);
      };

      const addressBlock = (title: string, lines: string[], w: number): number =>
        heightOf(title, w, 'slip-bold', m.small) + lines.reduce((sum, l) => sum + heightOf(l, w, 'slip', m.font), 0);
      const half = (width - 12) / 2;
      const blocks: Array<[string, string[]]> = [[text.deliveryAddress, input.deliveryAddress]];
      if (input.invoiceAddress.length > 0) blocks.push([text.invoiceAddress, input.invoiceAddress]);
      ensureSpace(Math.max(...blocks.map(([title, lines]) => addressBlock(title, lines, half))), false);
      const addressBottom = Math.max(
        ...blocks.map(([title, lines], i) => {
          const x = left + i * (half + 12);
          let at = write(title, x, y, half, 'slip-bold', m.small);
          for (const line of lines) at = write(line, x, at, half, 'slip', m.font);
          return at;
        }),
      );
      y = addressBottom + 6;

      const facts: string[] = [];
      if (input.reference) facts.push(`${text.reference}: ${input.reference}`);
      for (const field of input.orderFields) facts.push(`${field.title}: ${field.value}`);
      for (const fact of facts) {
        ensureSpace(heightOf(fact, width, 'slip', m.font), false);
        y = write(fact, left, y, width, 'slip', m.font);
      }
      if (input.customerRemarks) {
        // Before the lines, where the packer reads it while the box is still open.
        const h = heightOf(text.customerRemarks, width, 'slip-bold', m.small) + heightOf(input.customerRemarks, width, 'slip', m.font);
        ensureSpace(h, false);
        y = write(text.customerRemarks, left, y + 3, width, 'slip-bold', m.small);
        y = write(input.customerRemarks, left, y, width, 'slip', m.font);
      }
      y += 8;
      ensureSpace(m.font * 4, false);
      y = drawTableHeader(y);

      const indent = m.font * 1.2;
      const row = (line: SlipLine, isPart: boolean): void => {
        const values: Record<Column['key'], string> = {
          productcode: line.productcode,
          name: line.name,
          amount: String(line.amount),
          remarks: line.remarks ?? '',
        };
        const shift = (c: Column) => (isPart && (c.key === 'productcode' || c.key === 'name') ? indent : 0);
        const font = 'slip';
        const size = isPart ? m.small : m.font;
        const h = Math.max(...columns.map((c) => heightOf(values[c.key], c.width - shift(c), font, size))) + 2;
        ensureSpace(h, true);
        for (const c of columns) if (values[c.key] !== '') write(values[c.key], c.x + shift(c), y, c.width - shift(c), font, size, c.align);
        y += h;
        const name = columns.find((c) => c.key === 'name');
        for (const unit of line.units ?? []) {
          if (!name) break;
          const said = unitText(unit);
          const x = name.x + shift(name) + indent;
          const w = name.width - shift(name) - indent;
          const uh = heightOf(said, w, font, m.small) + 1;
          ensureSpace(uh, true);
          write(said, x, y, w, font, m.small);
          y += uh;
        }
      };
      for (const line of input.lines) {
        row(line, false);
        for (const part of line.parts) row(part, true);
      }

      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        write(text.page(i - range.start + 1, range.count), left, footerY, width, 'slip', m.small, 'right');
      }
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
