import bwipjs from 'bwip-js/node';
import { renderPdf } from './pdf';
import type { ShipmentRecord } from './state';
import type { RawParcel } from './types';

/** A6 in PDF points (105 x 148 mm). */
export const a6Points: [number, number] = [297.64, 419.53];

async function trackingBarcode(code: string): Promise<Buffer> {
  // A white background and quiet zone, or thermal printers and scanners read the bars badly.
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: code,
    scale: 3,
    height: 14,
    includetext: false,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 12,
    paddingheight: 6,
  });
}

function parcelsOf(record: ShipmentRecord, parcelNumber: number | null): Array<{ parcel: RawParcel; index: number }> {
  const all = record.shipment.parcels.map((parcel, index) => ({ parcel, index }));
  return parcelNumber === null ? all : all.filter((p) => p.index === parcelNumber - 1);
}

/** The carrier label as Picqer links it: one A6 page per parcel (all parcels when none is named). */
export async function labelPdf(record: ShipmentRecord, parcelNumber: number | null): Promise<Buffer | null> {
  const parcels = parcelsOf(record, parcelNumber);
  if (parcels.length === 0) return null;
  const barcodes = await Promise.all(parcels.map((p) => trackingBarcode(p.parcel.tracking_code)));
  const { shipment, label } = record;
  const total = shipment.parcels.length;
  return renderPdf(a6Points, 14, ({ doc, safe }) => {
    parcels.forEach(({ parcel, index }, n) => {
      if (n > 0) doc.addPage({ size: a6Points, margin: 14 });
      const width = a6Points[0] - 28;
      doc.fontSize(20).text(safe(shipment.public_providername), 14, 14, { width });
      doc.fontSize(8).text(safe(`${shipment.profile_name} · DEMO LABEL, NOT VALID FOR SHIPPING`), { width });
      doc.moveDown(0.6).fontSize(8).text(safe('Afzender: Demo Warehouse, Oudegracht 1, 3511 AA Utrecht, NL'), { width });
      doc.moveDown(0.6).fontSize(9).text('Aan / To:', { width });
      doc.fontSize(13).text(safe(label.name), { width });
      for (const line of label.lines) doc.fontSize(11).text(safe(line), { width });
      doc.fontSize(13).text(safe(label.country), { width });
      doc.moveDown(0.6).fontSize(8).text(safe(`Ref: ${label.reference ?? '-'}   Gewicht: ${String(parcel.weight)} g   Colli ${String(index + 1)}/${String(total)}`), { width });
      const barcode = barcodes[n];
      if (barcode) doc.image(barcode, 14, 300, { fit: [width, 80], align: 'center' });
      doc.fontSize(10).text(parcel.tracking_code, 14, 386, { width, align: 'center' });
    });
  });
}

function zplField(text: string): string {
  // ^FH lets _XX hex escapes carry the characters that would otherwise end the field.
  return `^FH^FD${text.replace(/_/g, '_5F').replace(/\^/g, '_5E').replace(/~/g, '_7E')}^FS`;
}

/** The same label in ZPL for 203 dpi thermal printers, UTF-8 (^CI28), one ^XA..^XZ per parcel. */
export function labelZpl(record: ShipmentRecord, parcelNumber: number | null): string | null {
  const parcels = parcelsOf(record, parcelNumber);
  if (parcels.length === 0) return null;
  const { shipment, label } = record;
  return parcels
    .map(({ parcel, index }) => {
      const rows: string[] = ['^XA', '^CI28', '^PW832', '^LL1184', '^LH0,0'];
      rows.push(`^FO40,40^A0N,60,60${zplField(shipment.public_providername)}`);
      rows.push(`^FO40,110^A0N,24,24${zplField(`${shipment.profile_name} - DEMO LABEL`)}`);
      rows.push(`^FO40,170^A0N,28,28${zplField('Aan / To:')}`);
      let y = 210;
      for (const line of [label.name, ...label.lines, label.country]) {
        rows.push(`^FO40,${String(y)}^A0N,40,40${zplField(line)}`);
        y += 50;
      }
      rows.push(`^FO40,${String(y + 20)}^A0N,24,24${zplField(`Ref: ${label.reference ?? '-'}  ${String(parcel.weight)} g  ${String(index + 1)}/${String(shipment.parcels.length)}`)}`);
      rows.push(`^FO60,820^BY3^BCN,220,Y,N,N${zplField(parcel.tracking_code)}`);
      rows.push('^XZ');
      return rows.join('\n');
    })
    .join('\n')
    .concat('\n');
}
