/*
 * What size of page a carrier's PDF label is. A label printer holds 4x6 in (101.6x152.4 mm) or
 * 100x150 mm stock; an A6 (105x148 mm) or 4x6 page fits it at 100 % and must be sent unscaled,
 * while an A4 page (some carriers put the label in one corner of a sheet) would shrink to a
 * quarter if "fit to page" were on. The print side uses this to choose the media and to warn.
 */

import { renderPdf } from './pdf';

export type LabelPage = 'A6' | '4x6' | 'A4' | 'other';

const pointsPerMm = 72 / 25.4;
/** Within 3 mm either way: carriers round 4x6 to 100x150 mm or 102x152 mm. */
const toleranceMm = 3;

const known: Array<{ page: Exclude<LabelPage, 'other'>; widthMm: number; heightMm: number }> = [
  { page: '4x6', widthMm: 101.6, heightMm: 152.4 },
  { page: '4x6', widthMm: 100, heightMm: 150 },
  { page: 'A6', widthMm: 105, heightMm: 148 },
  { page: 'A4', widthMm: 210, heightMm: 297 },
];

/** The first page's MediaBox in points, or null where the PDF keeps its page objects compressed. */
export function firstPageSize(pdf: Buffer): { width: number; height: number } | null {
  const match = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  if (!match) return null;
  const [x0, y0, x1, y1] = match.slice(1, 5).map(Number) as [number, number, number, number];
  return { width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/** Which stock a page of this size is, either way round. */
export function labelPageOf(size: { width: number; height: number }): LabelPage {
  const [short, long] = [Math.min(size.width, size.height) / pointsPerMm, Math.max(size.width, size.height) / pointsPerMm];
  const found = known.find((k) => Math.abs(k.widthMm - short) <= toleranceMm && Math.abs(k.heightMm - long) <= toleranceMm);
  return found?.page ?? 'other';
}

/** True when the label prints at full size on 4x6 in / 100x150 mm stock without scaling. */
export function fitsLabelStock(page: LabelPage): boolean {
  return page === 'A6' || page === '4x6';
}

/**
 * A carrier label that came as a PNG, on a 4x6 in page: label printers take PDF or ZPL, and a
 * page of the label's own stock prints it 1:1. The picture is fitted and centred, turned when it
 * is wider than tall, as labels are printed upright.
 */
export function pngLabelPdf(png: Buffer): Promise<Buffer> {
  const [width, height] = [288, 432];
  const isLandscape = png.length >= 24 && png.readUInt32BE(16) > png.readUInt32BE(20);
  return renderPdf({ size: [width, height], margin: 0, info: { Title: 'Shipping label', Producer: 'Packdesk' } }, (doc) => {
    if (isLandscape) {
      doc.rotate(90, { origin: [width / 2, height / 2] });
      const [w, h] = [height, width];
      doc.image(png, (width - w) / 2, (height - h) / 2, { fit: [w, h], align: 'center', valign: 'center' });
    } else {
      doc.image(png, 0, 0, { fit: [width, height], align: 'center', valign: 'center' });
    }
  });
}
