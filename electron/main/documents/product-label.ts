import bwipjs from 'bwip-js/node';
import { hasValidCheckDigit } from '../../../shared/barcode';
import { slipFonts } from './fonts';
import { renderPdf } from './pdf';

/*
 * A label for one product (pack screen "label for this item", product search): name,
 * productcode and a barcode the station's own scanner resolves back to the product. EAN-13 when
 * the product's barcode is a valid one (what a retailer's till expects); Code 128 of the barcode
 * otherwise, or of the productcode when the product has no barcode, since both are in the
 * station's barcode index. Stock is 50x30 mm: ZPL at 203 dpi (400x240 dots) or a PDF page.
 */

export interface ProductLabelInput {
  name: string;
  productcode: string;
  barcode: string | null;
}

export interface ProductLabelOptions {
  format: 'zpl' | 'pdf';
  copies: number;
}

export type ProductSymbology = { kind: 'ean13'; data: string } | { kind: 'code128'; data: string };

/** 50 x 30 mm in PDF points. */
export const productLabelPageSize: [number, number] = [(50 / 25.4) * 72, (30 / 25.4) * 72];

const dots = { width: 400, height: 240, margin: 16 };

export function productSymbology(input: ProductLabelInput): ProductSymbology {
  const barcode = input.barcode?.trim() ?? '';
  if (/^\d{13}$/.test(barcode) && hasValidCheckDigit(barcode)) return { kind: 'ean13', data: barcode };
  return { kind: 'code128', data: barcode !== '' ? barcode : input.productcode };
}

/**
 * Field data for ^FH: the caret and tilde start ZPL commands and the underscore is ^FH's escape,
 * so all three go as hex. With ^CI28 every other character, ß and Ł included, is sent as UTF-8.
 */
function zplField(value: string): string {
  return value.replace(/[\^~_]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/[\r\n]+/g, ' ');
}

/** Code 128 modules for a text: 11 per symbol plus start, check and stop (35 with the quiet zones' share). */
function code128Modules(data: string): number {
  const symbols = /^\d+$/.test(data) ? Math.ceil(data.length / 2) : data.length;
  return symbols * 11 + 35;
}

export function productLabelZpl(input: ProductLabelInput, copies: number): string {
  const symbology = productSymbology(input);
  const usable = dots.width - 2 * dots.margin;
  let barcode: string;
  if (symbology.kind === 'ean13') {
    // ^BE takes the 12 data digits and adds the check digit itself.
    const width = 95 * 2;
    barcode = `^FO${Math.round((dots.width - width) / 2)},112^BY2^BEN,80,Y,N^FD${symbology.data.slice(0, 12)}^FS`;
  } else {
    // Two-dot modules when the code fits, one-dot modules (still 0.125 mm) when it is long.
    const module = code128Modules(symbology.data) * 2 <= usable ? 2 : 1;
    const width = code128Modules(symbology.data) * module;
    barcode = `^FO${Math.max(dots.margin, Math.round((dots.width - width) / 2))},112^BY${module}^BCN,80,Y,N,N,A^FH^FD${zplField(symbology.data)}^FS`;
  }
  return [
    '^XA',
    '^CI28',
    `^PW${dots.width}`,
    `^LL${dots.height}`,
    '^LH0,0',
    `^FO${dots.margin},14^A0N,26,26^FB${usable},2,0,L^FH^FD${zplField(input.name)}^FS`,
    `^FO${dots.margin},76^A0N,24,24^FB${usable},1,0,L^FH^FD${zplField(input.productcode)}^FS`,
    barcode,
    `^PQ${Math.max(1, Math.floor(copies))}`,
    '^XZ',
    '',
  ].join('\n');
}

function barcodePng(symbology: ProductSymbology): Promise<Buffer> {
  // A white background and padding as a quiet zone, which decoders need around the bars.
  return bwipjs.toBuffer({
    bcid: symbology.kind,
    text: symbology.data,
    scale: 4,
    height: 12,
    includetext: true,
    textxalign: 'center',
    backgroundcolor: 'FFFFFF',
    paddingwidth: symbology.kind === 'ean13' ? 14 : 8,
    paddingheight: 2,
  });
}

export async function productLabelPdf(input: ProductLabelInput, copies: number): Promise<Buffer> {
  const fonts = slipFonts();
  const png = await barcodePng(productSymbology(input));
  const [width, height] = productLabelPageSize;
  return renderPdf({ size: [width, height], margin: 0, autoFirstPage: false, info: { Title: input.productcode, Producer: 'Packdesk' } }, (doc) => {
    doc.registerFont('label', fonts.regular);
    doc.registerFont('label-bold', fonts.bold);
    const margin = 5;
    const inner = width - 2 * margin;
    // One page per copy: a PDF printer has no ^PQ, and the print driver's copies would be a
    // second, easy to forget setting.
    for (let i = 0; i < Math.max(1, Math.floor(copies)); i++) {
      doc.addPage({ size: [width, height], margin: 0 });
      doc.font('label-bold').fontSize(7).text(input.name, margin, margin, { width: inner, height: 17, ellipsis: true, lineGap: 0 });
      doc.font('label').fontSize(6).text(input.productcode, margin, margin + 18, { width: inner, lineBreak: false });
      doc.image(png, margin, margin + 27, { fit: [inner, height - margin - 27 - margin], align: 'center' });
    }
  });
}

/** The label in the printer's language: ZPL text (as bytes) or a PDF. */
export async function renderProductLabel(input: ProductLabelInput, options: ProductLabelOptions): Promise<Buffer> {
  if (options.format === 'zpl') return Buffer.from(productLabelZpl(input, options.copies), 'utf8');
  return productLabelPdf(input, options.copies);
}
