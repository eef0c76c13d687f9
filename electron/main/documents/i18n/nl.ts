import { twoDigits, type DocumentCatalogue } from './catalogue';

const nl: DocumentCatalogue = {
  packingSlip: 'Pakbon',
  order: 'Bestelling',
  picklist: 'Picklijst',
  date: 'Datum',
  deliveryAddress: 'Afleveradres',
  invoiceAddress: 'Factuuradres',
  reference: 'Referentie',
  productcode: 'Productcode',
  product: 'Product',
  amount: 'Aantal',
  remarks: 'Opmerking',
  customerRemarks: 'Opmerkingen van de klant',
  box: (current, total) => `Doos ${current} van ${total}`,
  page: (current, total) => `pagina ${current} van ${total}`,
  formatDate: (d) => `${twoDigits(d.getDate())}-${twoDigits(d.getMonth() + 1)}-${d.getFullYear()}`,
  lot: (value) => `Partij ${value}`,
  bestBefore: (date) => `THT ${date}`,
  serial: (value) => `serienr. ${value}`,
};

export default nl;
