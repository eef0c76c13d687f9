import { renderPdf } from './pdf';
import type { RawOrder, RawPicklist } from './types';

const words = {
  nl: { title: 'Pakbon', order: 'Bestelling', reference: 'Referentie', picklist: 'Picklijst', product: 'Product', amount: 'Aantal', remarks: 'Opmerkingen' },
  en: { title: 'Packing slip', order: 'Order', reference: 'Reference', picklist: 'Picklist', product: 'Product', amount: 'Qty', remarks: 'Remarks' },
};

/** The customer's packing slip for a picklist, in the order's language. */
export function packingListPdf(picklist: RawPicklist, order: RawOrder | undefined): Promise<Buffer> {
  const t = order?.language === 'en' ? words.en : words.nl;
  return renderPdf('A4', 50, ({ doc, safe }) => {
    doc.fontSize(22).text(t.title);
    doc.moveDown(0.5).fontSize(10);
    if (order) doc.text(safe(`${t.order}: ${order.orderid}`));
    doc.text(safe(`${t.reference}: ${picklist.reference ?? '-'}`));
    doc.text(safe(`${t.picklist}: ${picklist.picklistid}`));
    doc.moveDown();
    const address = [picklist.deliveryname, picklist.deliverycontact, picklist.deliveryaddress, picklist.deliveryaddress2, `${picklist.deliveryzipcode} ${picklist.deliverycity}`, picklist.deliverycountry];
    for (const line of address) if (line) doc.fontSize(11).text(safe(line));
    doc.moveDown();
    doc.fontSize(10).text(safe(`${t.amount}    ${t.product}`), { underline: true });
    for (const line of picklist.products) {
      const indent = line.partof_idpicklist_product === null ? '' : '      ';
      doc.text(safe(`${indent}${String(line.amount).padStart(3, ' ')} x  ${line.productcode}  ${line.name}`));
    }
    if (order?.customer_remarks) {
      doc.moveDown().fontSize(10).text(safe(`${t.remarks}: ${order.customer_remarks}`));
    }
    for (const field of order?.orderfields ?? []) doc.fontSize(10).text(safe(`${field.title}: ${field.value}`));
  });
}
