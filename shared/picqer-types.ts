import type { PicklistStatus } from './domain';
import type { ShippingExtraField } from './packing';

/*
 * Picqer's records as the client hands them to the rest of main (see electron/main/picqer/types.ts):
 * plain data, no Node, so db/ can store them without importing from picqer/.
 */

export interface PicqerTag {
  idtag: number;
  title: string;
  color: string | null;
  textColor: string | null;
}

export interface PicqerWarehouse {
  idwarehouse: number;
  name: string;
  active: boolean;
}

export interface PicqerUser {
  iduser: number;
  username: string;
  firstname: string | null;
  lastname: string | null;
  emailaddress: string | null;
  language: string | null;
  admin: boolean;
  active: boolean;
  idpacking_station: number | null;
}

export interface PicqerShippingProfile {
  idshippingprovider_profile: number;
  name: string;
  standard: boolean;
  active: boolean;
}

export interface PicqerShippingProvider {
  idshippingprovider: number;
  name: string;
  provider: string;
  active: boolean;
  profiles: PicqerShippingProfile[];
}

export interface PicqerPackaging {
  idpackaging: number;
  name: string;
  barcode: string | null;
  length: number | null;
  width: number | null;
  height: number | null;
  /** Picqer's "use in automatic advice": the packagings the station advises from. */
  use_in_auto_advice: boolean;
  active: boolean;
}

export interface PicqerTemplate {
  idtemplate: number;
  name: string;
  default: boolean;
}

export interface PicqerProduct {
  idproduct: number;
  productcode: string;
  name: string;
  barcode: string | null;
  productcode_supplier: string | null;
  type: string;
  active: boolean;
  weight: number | null;
  /** cm, as Picqer keeps them; the box advice needs all three. */
  length: number | null;
  width: number | null;
  height: number | null;
  images: string[];
  updated: string | null;
  raw: unknown;
}

export interface PicqerPickLocation {
  idlocation: number | null;
  name: string;
  amount: number;
}

export interface PicqerPicklistLine {
  idpicklist_product: number;
  idproduct: number;
  idorder_product: number | null;
  productcode: string;
  name: string;
  remarks: string | null;
  amount: number;
  amount_picked: number;
  stocklocation: string | null;
  has_parts: boolean;
  partof_idpicklist_product: number | null;
  pick_locations: PicqerPickLocation[];
}

export interface PicqerPicklist {
  idpicklist: number;
  picklistid: string;
  idorder: number | null;
  idwarehouse: number;
  idcustomer: number | null;
  idtemplate: number | null;
  idshippingprovider_profile: number | null;
  deliveryname: string | null;
  deliverycontact: string | null;
  deliveryaddress: string | null;
  deliveryaddress2: string | null;
  deliveryzipcode: string | null;
  deliverycity: string | null;
  deliveryregion: string | null;
  deliverycountry: string | null;
  emailaddress: string | null;
  telephone: string | null;
  reference: string | null;
  assigned_to_iduser: number | null;
  urgent: boolean;
  preferred_delivery_date: string | null;
  status: PicklistStatus;
  paused_reason: string | null;
  snoozed_until: string | null;
  totalproducts: number;
  totalpicked: number;
  weight: number | null;
  comment_count: number;
  tags: PicqerTag[];
  created: string | null;
  updated: string | null;
  closed_at: string | null;
  products: PicqerPicklistLine[];
  raw: unknown;
}

export interface PicqerOrderField {
  idorderfield: number;
  title: string;
  value: string | null;
}

export interface PicqerOrder {
  idorder: number;
  orderid: string;
  reference: string | null;
  status: string;
  paused_reason: string | null;
  customer_remarks: string | null;
  language: string | null;
  idtemplate: number | null;
  preferred_delivery_date: string | null;
  deliveryname: string | null;
  deliverycountry: string | null;
  invoicename: string | null;
  /**
   * The rest of both addresses, for the packing slip. Optional so that an order built by hand (a
   * test, an older fixture) without them still type-checks; the schema always fills them.
   */
  deliverycontact?: string | null;
  deliveryaddress?: string | null;
  deliveryaddress2?: string | null;
  deliveryzipcode?: string | null;
  deliverycity?: string | null;
  deliveryregion?: string | null;
  invoicecontact?: string | null;
  invoiceaddress?: string | null;
  invoiceaddress2?: string | null;
  invoicezipcode?: string | null;
  invoicecity?: string | null;
  invoiceregion?: string | null;
  invoicecountry?: string | null;
  emailaddress: string | null;
  telephone: string | null;
  orderfields: PicqerOrderField[];
  tags: PicqerTag[];
  created: string | null;
  updated: string | null;
  raw: unknown;
}

/** A document of one parcel: a label (PDF or ZPL), customs papers, or something else. */
export interface PicqerParcelDocument {
  idparcel_document: number | null;
  type: string;
  size: string | null;
  format: string;
  url: string;
}

export interface PicqerParcel {
  idparcel: number | null;
  idpackaging: number | null;
  weight: number | null;
  tracking_code: string | null;
  tracking_url: string | null;
  documents: PicqerParcelDocument[];
}

/** A shipment with its labels always under `parcels[].documents[]`, whichever shape Picqer sent. */
export interface PicqerShipment {
  idshipment: number;
  idpicklist: number | null;
  idorder: number | null;
  idpackaging: number | null;
  idshippingprovider_profile: number | null;
  provider: string | null;
  providername: string | null;
  profile_name: string | null;
  carrier_key: string | null;
  trackingcode: string | null;
  tracktraceurl: string | null;
  weight: number | null;
  cancelled: boolean;
  created: string | null;
  parcels: PicqerParcel[];
  raw: unknown;
}

export interface PicqerShippingMethod {
  idshippingprovider_profile: number;
  name: string;
  provider: string | null;
  /** Picqer's default for this picklist; false too when Picqer sends no `selected` flag at all. */
  selected: boolean;
  extra_fields: ShippingExtraField[];
}

export interface PicqerComment {
  idcomment: number;
  body: string;
  created_at: string | null;
  /** The author's full name (else username), when Picqer sends the author. */
  author?: string | null;
}

export interface PicqerPickingContainer {
  idpicking_container: number;
  idpicklist: number | null;
  name: string;
  barcode: string | null;
}

/*
 * Picklist batches (GET /picklists/batches, GET /picklists/batches/{id}). The list fields are the
 * ones picqer.com/en/api/picklist-batches documents. The detail's `picklists[]` and `products[]`
 * entries are not tabled there; their fields are the ones production Picqer clients read
 * (idpicklist, picklistid, reference, alias, status, total_products, delivery_name; per product
 * idproduct, productcode, name, stock_location and `picklists[]` with amount, amount_picked,
 * amount_collected), so everything past the ids is optional with a stated default.
 */

export type PicklistBatchType = 'singles' | 'normal';
export type PicklistBatchStatus = 'open' | 'completed';

export interface PicqerBatchUser {
  iduser: number;
  full_name: string | null;
  username: string | null;
}

export interface PicqerPicklistBatch {
  idpicklist_batch: number;
  /** The per-account number printed on the batch PDF; Picqer's example sends it as a number. */
  picklist_batchid: string;
  idwarehouse: number | null;
  type: PicklistBatchType;
  status: PicklistBatchStatus;
  assigned_to: PicqerBatchUser | null;
  completed_by: PicqerBatchUser | null;
  total_products: number;
  total_picklists: number;
  completed_at: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** One picklist as the batch detail lists it, in Picqer's order. */
export interface PicqerBatchPicklist {
  idpicklist: number;
  /** '' when the entry carries only the id. */
  picklistid: string;
  reference: string | null;
  /** The picklist's short name in the batch (tote or slot), when Picqer sends one. */
  alias: string | null;
  /** null when the entry carries no status. */
  status: PicklistStatus | null;
  total_products: number | null;
  delivery_name: string | null;
}

export interface PicqerBatchProductPicklist {
  idpicklist: number;
  amount: number;
  /** 0 when absent. */
  amount_picked: number;
  /** 0 when absent. */
  amount_collected: number;
}

export interface PicqerBatchProduct {
  idproduct: number;
  productcode: string;
  name: string;
  stock_location: string | null;
  picklists: PicqerBatchProductPicklist[];
}

export interface PicqerPicklistBatchDetail extends PicqerPicklistBatch {
  picklists: PicqerBatchPicklist[];
  products: PicqerBatchProduct[];
}
