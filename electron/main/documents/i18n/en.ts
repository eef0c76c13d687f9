import type { DocumentCatalogue } from './catalogue';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const en: DocumentCatalogue = {
  packingSlip: 'Packing slip',
  order: 'Order',
  picklist: 'Picklist',
  date: 'Date',
  deliveryAddress: 'Delivery address',
  invoiceAddress: 'Invoice address',
  reference: 'Reference',
  productcode: 'Product code',
  product: 'Product',
  amount: 'Qty',
  remarks: 'Remarks',
  customerRemarks: 'Customer remarks',
  box: (current, total) => `Box ${current} of ${total}`,
  page: (current, total) => `page ${current} of ${total}`,
  // Spelled-out months: a customer abroad cannot tell 03-04 from 04-03.
  formatDate: (d) => `${d.getDate()} ${months[d.getMonth()] ?? ''} ${d.getFullYear()}`,
  lot: (value) => `Lot ${value}`,
  bestBefore: (date) => `best before ${date}`,
  serial: (value) => `serial ${value}`,
};

export default en;
