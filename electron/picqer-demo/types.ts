/*
 * The demo backend's records, in Picqer's raw JSON shape (field names and nesting as the API
 * sends them). These are deliberately not the client's normalised types in picqer/types.ts: the
 * client has to parse exactly what Picqer would send.
 */

export interface RawTag {
  idtag: number;
  title: string;
  color: string;
  inherit: boolean;
  textColor: string;
}

export interface RawWarehouse {
  idwarehouse: number;
  name: string;
  accept_orders: boolean;
  counts_for_general_stock: boolean;
  priority: number;
  active: boolean;
}

export interface RawUser {
  iduser: number;
  idpacking_station: number | null;
  username: string;
  firstname: string;
  lastname: string;
  first_name: string;
  last_name: string;
  emailaddress: string;
  language: string;
  admin: boolean;
  active: boolean;
  last_login_at: string | null;
  rights: string[];
  created_at: string;
  updated_at: string;
}

export interface RawShippingProfile {
  idshippingprovider_profile: number;
  name: string;
  standard: boolean;
  active: boolean;
  created: string;
  updated: string;
}

export interface RawShippingProvider {
  idshippingprovider: number;
  name: string;
  provider: string;
  active: boolean;
  created: string;
  updated: string;
  profiles: RawShippingProfile[];
}

export interface RawPackaging {
  idpackaging: number;
  name: string;
  barcode: string | null;
  length: number;
  width: number;
  height: number;
  use_in_auto_advice: boolean;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface RawTemplate {
  idtemplate: number;
  name: string;
  custom_css: string | null;
  default: boolean;
}

export interface RawProductStock {
  idwarehouse: number;
  stock: number;
  reserved: number;
  reservedbackorders: number;
  reservedpicklists: number;
  reservedallocations: number;
  freestock: number;
  freepickablestock: number;
}

export interface RawProductField {
  idproductfield: number;
  title: string;
  value: string;
}

export type ProductType = 'normal' | 'unlimited_stock' | 'virtual_composition' | 'composition_with_stock';

export interface RawProduct {
  idproduct: number;
  idvatgroup: number;
  productcode: string;
  name: string;
  price: number;
  fixedstockprice: number;
  idsupplier: number | null;
  productcode_supplier: string | null;
  deliverytime: number | null;
  description: string;
  barcode: string | null;
  type: ProductType;
  unlimitedstock: boolean;
  weight: number;
  length: number | null;
  width: number | null;
  height: number | null;
  minimum_purchase_quantity: number;
  purchase_in_quantities_of: number;
  hs_code: string | null;
  country_of_origin: string | null;
  active: boolean;
  idfulfilment_customer: number | null;
  productfields: RawProductField[];
  images: string[];
  stock: RawProductStock[];
  tags: Record<string, RawTag>;
  created: string;
  updated: string;
}

/** Not sent by GET /products; the demo keeps it to build composition lines and /parts. */
export interface ProductPart {
  idproduct_part: number;
  idproduct: number;
  amount: number;
}

export interface RawPickLocation {
  idlocation: number;
  name: string;
  amount: number;
}

export interface RawPicklistLine {
  idpicklist_product: number;
  idproduct: number;
  idorder_product: number | null;
  idreturn_product_replacement: number | null;
  idvatgroup: number;
  productcode: string;
  name: string;
  remarks: string | null;
  amount: number;
  amount_picked: number;
  price: number;
  weight: number;
  stocklocation: string | null;
  partof_idpicklist_product: number | null;
  has_parts: boolean;
  pick_locations: RawPickLocation[];
}

export type PicklistStatus = 'new' | 'paused' | 'snoozed' | 'closed' | 'cancelled';

export interface RawPicklist {
  idpicklist: number;
  picklistid: string;
  idcustomer: number | null;
  idorder: number | null;
  idreturn: number | null;
  idwarehouse: number;
  idtemplate: number;
  idpicklist_batch: number | null;
  idshippingprovider_profile: number | null;
  deliveryname: string;
  deliverycontact: string | null;
  deliveryaddress: string;
  deliveryaddress2: string | null;
  deliveryzipcode: string;
  deliverycity: string;
  deliveryregion: string | null;
  deliverycountry: string;
  telephone: string | null;
  emailaddress: string | null;
  reference: string | null;
  assigned_to_iduser: number | null;
  invoiced: boolean;
  urgent: boolean;
  preferred_delivery_date: string | null;
  status: PicklistStatus;
  paused_reason: string | null;
  totalproducts: number;
  totalpicked: number;
  weight: number;
  snoozed_until: string | null;
  closed_by_iduser: number | null;
  closed_at: string | null;
  created: string;
  updated: string;
  idfulfilment_customer: number | null;
  comment_count: number;
  tags: RawTag[];
  products: RawPicklistLine[];
}

export interface RawOrderProduct {
  idorder_product: number;
  idproduct: number;
  idvatgroup: number;
  productcode: string;
  name: string;
  remarks: string | null;
  price: number;
  amount: number;
  amount_cancelled: number;
  weight: number;
  partof_idorder_product: number | null;
  has_parts: boolean;
}

export interface RawOrderField {
  idorderfield: number;
  title: string;
  value: string;
}

export type OrderStatus = 'expected' | 'concept' | 'processing' | 'paused' | 'completed' | 'cancelled';

export interface RawOrder {
  idorder: number;
  orderid: string;
  idcustomer: number | null;
  idtemplate: number;
  idshippingprovider_profile: number | null;
  deliveryname: string;
  /** Orders spell it so (picqer.com/en/api/orders); picklists say `deliverycontact`. */
  deliverycontactname: string | null;
  deliveryaddress: string;
  deliveryaddress2: string | null;
  deliveryzipcode: string;
  deliverycity: string;
  deliveryregion: string | null;
  deliverycountry: string;
  full_delivery_address: string;
  invoicename: string;
  invoicecontactname: string | null;
  invoiceaddress: string;
  invoiceaddress2: string | null;
  invoicezipcode: string;
  invoicecity: string;
  invoiceregion: string | null;
  invoicecountry: string;
  full_invoice_address: string;
  telephone: string | null;
  emailaddress: string | null;
  reference: string;
  customer_remarks: string | null;
  pickup_point_data: unknown;
  via_portal: boolean;
  pricelists: number[];
  partialdelivery: boolean;
  auto_split: boolean;
  invoiced: boolean;
  preferred_delivery_date: string | null;
  discount: number;
  calculatevat: boolean;
  status: OrderStatus;
  paused_reason: string | null;
  language: string;
  public_status_page: string;
  created: string;
  updated: string;
  warehouses: number[];
  products: RawOrderProduct[];
  picklists: Array<{ idpicklist: number; picklistid: string; status: PicklistStatus }>;
  tags: Record<string, RawTag>;
  orderfields: RawOrderField[];
}

export interface RawComment {
  idcomment: number;
  show_at_related: boolean;
  is_visible_fulfilment: boolean;
  body: string;
  author_type: 'user' | 'api_key';
  author: { iduser: number; username: string; full_name: string; image_url: string | null };
  source_type: string;
  source: { type: string; id: number };
  mentions: unknown[];
  created_at: string;
  updated_at: string;
}

export interface RawParcelDocument {
  idparcel_document: number;
  type: 'label' | 'customs' | 'other';
  format: 'pdf' | 'zpl';
  size: 'A6' | 'A4';
  url: string;
}

export interface RawParcel {
  idparcel: number;
  idpackaging: number | null;
  weight: number;
  tracking_code: string;
  tracking_url: string;
  documents: RawParcelDocument[];
}

export interface RawShipment {
  idshipment: number;
  idpicklist: number;
  idorder: number | null;
  idreturn: number | null;
  idpackaging: number | null;
  idshippingprovider: number;
  idcompany_shippingprovider: number;
  idcompany_shippingprovider_profile: number;
  profile_name: string;
  provider: string;
  providername: string;
  public_providername: string;
  carrier_key: string;
  labelurl: string;
  labelurl_pdf: string;
  labelurl_zpl: string;
  trackingcode: string;
  trackingurl: string;
  tracktraceurl: string;
  weight: number;
  created_by_iduser: number;
  cancelled: boolean;
  created: string;
  updated: string;
  parcels: RawParcel[];
}

export interface RawPickingContainer {
  idpicking_container: number;
  idpicklist: number | null;
  name: string;
  barcode: string;
  created_at: string;
  updated_at: string;
}

export interface RawBatchUser {
  iduser: number;
  full_name: string;
  username: string;
}

/**
 * A picklist batch as the demo keeps it: the documented list fields that do not follow from the
 * picklists, and the picklists in the batch's order. Totals, status and the detail's picklists[]
 * and products[] are worked out from the live picklists when asked (state.ts), so picks move them.
 */
export interface RawPicklistBatch {
  idpicklist_batch: number;
  /** Picqer's example sends the per-account batch number as a number. */
  picklist_batchid: number;
  idwarehouse: number;
  type: 'singles' | 'normal';
  assigned_to: RawBatchUser | null;
  created_at: string;
  updated_at: string;
  idpicklists: number[];
}

export interface RawShippingMethod {
  idshippingprovider_profile: number;
  name: string;
  provider: string;
  selected: boolean;
  extra_fields: unknown[];
}

/** A packing station's printer as Picqer documents it (picqer.com/en/api/packingstations). */
export interface RawStationPrinter {
  idprinter: number;
  name: string;
  format: string;
  custom_width: number | null;
  custom_height: number | null;
  zpl_support: boolean;
  printnode_printerid: number;
}

export interface RawPackingStation {
  idpacking_station: number;
  name: string;
  printer_packinglists: RawStationPrinter | null;
  printer_shipping_labels: RawStationPrinter | null;
  printer_shipping_documents: RawStationPrinter | null;
  printer_product_labels: RawStationPrinter | null;
}
