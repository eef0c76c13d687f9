import type { PackingStation } from '../../../shared/station-printers';
import type { PicqerTag, PicqerWarehouse, PicqerUser, PicqerShippingProvider, PicqerPackaging, PicqerTemplate, PicqerProduct, PicqerPicklist, PicqerOrder, PicqerShipment, PicqerShippingMethod, PicqerComment, PicqerPickingContainer, PicqerPicklistBatch, PicqerPicklistBatchDetail, PicklistBatchStatus, PicklistBatchType } from '../../../shared/picqer-types';
import type { PicklistStatus } from '../../../shared/domain';

export type * from '../../../shared/picqer-types';

/*
 * What the Picqer client hands the rest of main: Picqer's field names, with the shapes Picqer has
 * used over time folded into one (tags always an array, labels always per parcel, amount_picked
 * always present). The raw payloads are parsed into these in picqer/schemas.ts; nothing outside
 * picqer/ sees a raw payload except as `raw` for debugging.
 */

/** Who may jump the queue: a packer waiting on a scan goes before background sync. */
export type RequestPriority = 'interactive' | 'background';

/** A record of a list answer that did not match the expected shape; the rest of the list is used. */
export interface SkippedRecord {
  /** The list it came from, e.g. `/warehouses`. */
  path: string;
  id: number | null;
  reason: string;
}

export interface RequestOptions {
  priority?: RequestPriority;
  signal?: AbortSignal;
  /**
   * Told about every record a whole-list method (listWarehouses, listUsers, ...) set aside, so a
   * caller can count them; pages report theirs in `Page.rejected` instead.
   */
  onSkipped?: (record: SkippedRecord) => void;
}

export interface PicklistFilter {
  status?: PicklistStatus;
  idwarehouse?: number;
  picklistid?: string;
  sinceid?: number;
  assigned_to_iduser?: number;
}

export interface ProductFilter {
  productcode?: string;
  updated_after?: string;
  idproducts?: number[];
  search?: string;
}

export interface OrderFilter {
  search?: string;
  reference?: string;
  orderid?: string;
  status?: string;
  idwarehouse?: number;
  sinceid?: number;
}

/** One page of a list endpoint, with the records that failed their schema set aside. */
export interface Page<T> {
  items: T[];
  rejected: Array<{ index: number; id: number | null; reason: string }>;
  /** Fewer than 100 items came back: there is no next page. */
  isLast: boolean;
  offset: number;
}

/** The read side of Picqer that sync and the station need. Actions are added by the pack loop. */
export interface PicqerApi {
  getMe(options?: RequestOptions): Promise<PicqerUser>;
  listWarehouses(options?: RequestOptions): Promise<PicqerWarehouse[]>;
  listUsers(options?: RequestOptions): Promise<PicqerUser[]>;
  listShippingProviders(options?: RequestOptions): Promise<PicqerShippingProvider[]>;
  listPackagings(options?: RequestOptions): Promise<PicqerPackaging[]>;
  listTags(options?: RequestOptions): Promise<PicqerTag[]>;
  listTemplates(options?: RequestOptions): Promise<PicqerTemplate[]>;
  /** Pages of products, 100 each, starting at `offset` (so a sync can resume mid-way). */
  productPages(filter?: ProductFilter, options?: RequestOptions & { offset?: number }): AsyncIterable<Page<PicqerProduct>>;
  picklistPages(filter?: PicklistFilter, options?: RequestOptions & { offset?: number }): AsyncIterable<Page<PicqerPicklist>>;
  getPicklist(idpicklist: number, options?: RequestOptions): Promise<PicqerPicklist>;
  getOrder(idorder: number, options?: RequestOptions): Promise<PicqerOrder>;
  listOrders(filter: OrderFilter, options?: RequestOptions): Promise<PicqerOrder[]>;
  /**
   * Pages of orders. Sync pulls the orders behind open picklists as `status: 'processing'` pages
   * (100 per request) rather than one request per order.
   */
  orderPages(filter?: OrderFilter, options?: RequestOptions & { offset?: number }): AsyncIterable<Page<PicqerOrder>>;
}

/*
 * Actions and the shapes they answer with. Added by the Picqer client for the pack loop; the
 * read side above is unchanged.
 */

export interface PickingContainerFilter {
  idpicklist?: number;
}

/** GET /picklists/batches filters, as picqer.com/en/api/picklist-batches lists them. */
export interface PicklistBatchFilter {
  idwarehouse?: number;
  assigned_to_iduser?: number;
  type?: PicklistBatchType;
  status?: PicklistBatchStatus;
}

/**
 * Picklist batches, read-only. An account without batches may answer 404 (or 401/403) here;
 * callers that can do without treat that as "no batches" (see sync's optional lists).
 */
/**
 * GET /packingstations (picqer.com/en/api/packingstations): the packing stations Picqer keeps with
 * a printer per kind of document. An account whose API does not offer them answers an error;
 * callers treat that as "no stations".
 */
export interface PicqerPackingStationApi {
  listPackingStations(options?: RequestOptions): Promise<PackingStation[]>;
}

export interface PicqerBatchApi {
  picklistBatchPages(filter?: PicklistBatchFilter, options?: RequestOptions & { offset?: number }): AsyncIterable<Page<PicqerPicklistBatch>>;
  listPicklistBatches(filter?: PicklistBatchFilter, options?: RequestOptions): Promise<PicqerPicklistBatch[]>;
  getPicklistBatch(idpicklistBatch: number, options?: RequestOptions): Promise<PicqerPicklistBatchDetail>;
}

export interface PickLine {
  idpicklist_product: number;
  amount: number;
}

export interface PickLinesResult {
  /** Lines Picqer confirmed, in order. */
  picked: PickLine[];
  /** The line that failed, with its error; the lines after it were not sent. */
  failed: { line: PickLine; error: Error } | null;
  notAttempted: PickLine[];
  /** The picklist as Picqer returned it after the last successful pick, when it returned one. */
  picklist: PicqerPicklist | null;
}

export interface CreateShipmentInput {
  idshippingprovider_profile: number;
  /** Grams. */
  weight?: number;
  idpackaging?: number;
  /** Multicolli, where the carrier supports it. */
  parcels?: Array<{ idpackaging?: number; weight?: number }>;
  /** The method's extra fields by key (pickup point, delivery option...). */
  extra_fields?: Record<string, string>;
}

export interface DownloadedDocument {
  body: Buffer;
  contentType: string | null;
  /** What the bytes are, checked against the Content-Type: a label's pdf / zpl / png; null for a non-PNG image. */
  format: 'pdf' | 'zpl' | 'png' | null;
}

export interface DownloadOptions {
  /** 'label' (the default): PDF, ZPL or PNG; 'image': image/*. Decides the checks and the size cap. */
  kind?: 'label' | 'image';
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type CommentResource = 'picklists' | 'orders';

/**
 * What the pack loop changes in Picqer. Picklist actions answer with the picklist when Picqer
 * sends it back and null when it sends something else (its answers are not documented).
 * Picks and shipment creation are not idempotent: on an error where `isOutcomeUnknown(error)`,
 * read the picklist (or its shipments) before trying again.
 */
export interface PicqerActions {
  assign(idpicklist: number, iduser: number, options?: RequestOptions): Promise<PicqerPicklist | null>;
  unassign(idpicklist: number, options?: RequestOptions): Promise<PicqerPicklist | null>;
  pick(idpicklist: number, line: PickLine, options?: RequestOptions): Promise<PicqerPicklist | null>;
  /** Picks the lines one after another and stops at the first failure; never throws for a line. */
  pickLines(idpicklist: number, lines: PickLine[], options?: RequestOptions): Promise<PickLinesResult>;
  pickAll(idpicklist: number, options?: RequestOptions): Promise<PicqerPicklist | null>;
  close(idpicklist: number, options?: RequestOptions): Promise<PicqerPicklist | null>;
  /** `until` as Picqer's `YYYY-MM-DD HH:MM:SS`, or a Date (written in the account's time zone). */
  snooze(idpicklist: number, until: string | Date, options?: RequestOptions): Promise<PicqerPicklist | null>;
  /**
   * POST /picklists/{id}/pause: in neither Picqer's docs nor its PHP client, so an account may
   * answer 404; `pauseOrder` is the documented way.
   */
  pause(idpicklist: number, reason: string, options?: RequestOptions): Promise<PicqerPicklist | null>;
  /** POST /orders/{idorder}/pause {reason} (picqer.com/en/api/orders, "Pause order"): pauses the order's picklists, snoozed ones excepted. */
  pauseOrder(idorder: number, reason: string, options?: RequestOptions): Promise<PicqerOrder | null>;
  resume(idpicklist: number, options?: RequestOptions): Promise<PicqerPicklist | null>;
  addComment(resource: CommentResource, id: number, body: string, options?: RequestOptions): Promise<PicqerComment | null>;
  /** The comments on a picklist or order, oldest first as Picqer lists them. */
  listComments(resource: CommentResource, id: number, options?: RequestOptions): Promise<PicqerComment[]>;
  getShippingMethods(idpicklist: number, options?: RequestOptions): Promise<PicqerShippingMethod[]>;
  createShipment(idpicklist: number, input: CreateShipmentInput, options?: RequestOptions): Promise<PicqerShipment>;
  listShipments(idpicklist: number, options?: RequestOptions): Promise<PicqerShipment[]>;
  cancelShipment(idpicklist: number, idshipment: number, options?: RequestOptions): Promise<void>;
  getPackingListPdf(idpicklist: number, options?: RequestOptions): Promise<Buffer>;
  /**
   * A public label or image URL, fetched without the API key: https only (http on loopback, for
   * the demo), redirects checked hop by hop, size capped, type checked against the bytes.
   */
  downloadDocument(url: string, options?: DownloadOptions): Promise<DownloadedDocument>;
  listPickingContainers(filter?: PickingContainerFilter, options?: RequestOptions): Promise<PicqerPickingContainer[]>;
}
