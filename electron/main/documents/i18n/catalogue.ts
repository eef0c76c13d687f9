/*
 * The words printed on documents a customer receives (the packing slip), one file per language.
 * A third language is one more file of this shape plus its line in ./index.ts.
 */
export interface DocumentCatalogue {
  packingSlip: string;
  order: string;
  picklist: string;
  date: string;
  deliveryAddress: string;
  invoiceAddress: string;
  reference: string;
  productcode: string;
  product: string;
  amount: string;
  remarks: string;
  customerRemarks: string;
  /** "box 2 of 3": the slip of one box of a parcel of several. */
  box(current: number, total: number): string;
  /** "page 2 of 5" */
  page(current: number, total: number): string;
  /** The slip's date as the customer writes it. */
  formatDate(date: Date): string;
  /** Under a line: the lot, best-before date and serial of units packed (issue 18); each part optional. */
  lot(value: string): string;
  bestBefore(date: string): string;
  serial(value: string): string;
}

export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
