import type { Clock } from '../main/infra/clock';
import { formatDateTime, parseDateTime } from './dates';
import { DemoApiError, missing, notFound, picqerErrorCodes, wrongStatus } from './errors';
import { buildLines, locationName, newPicklist, totals, type DemoSeed, type Ids, type LineRequest } from './seed';
import { carrierKeys } from './seed-catalog';
import { defaultVariants, type DemoVariants } from './variants';
import type {
  OrderStatus,
  PicklistStatus,
  ProductPart,
  RawComment,
  RawOrder,
  RawOrderField,
  RawPackaging,
  RawParcel,
  RawPickingContainer,
  RawPicklist,
  RawPicklistBatch,
  RawPackingStation,
  RawPicklistLine,
  RawProduct,
  RawShipment,
  RawShippingMethod,
  RawShippingProfile,
  RawShippingProvider,
  RawTag,
  RawTemplate,
  RawUser,
  RawWarehouse,
} from './types';

export const shipmentCancelWindowMs = 5 * 60_000;

export interface ProductFilter {
  productcode?: string;
  updated_after?: string;
  idproducts?: number[];
  search?: string;
  type?: string;
}

export interface PicklistFilter {
  status?: string;
  idwarehouse?: number;
  picklistid?: string;
  sinceid?: number;
  beforeid?: number;
  assigned_to_iduser?: number;
}

export interface OrderFilter {
  search?: string;
  reference?: string;
  orderid?: string;
  status?: string;
  idwarehouse?: number;
  sinceid?: number;
}

/** The pick body as Picqer accepts it: a line id, or a product (productcode or idproduct). */
export interface PickInput {
  idpicklist_product?: unknown;
  product?: unknown;
  amount?: unknown;
}

export interface ShipmentInput {
  idshippingprovider_profile?: unknown;
  idshippingprofile?: unknown;
  weight?: unknown;
  idpackaging?: unknown;
  parcels?: unknown;
  extra_fields?: unknown;
  extrafields?: unknown;
}

export interface NewOrderInput {
  lines: Array<{ idproduct: number; amount: number }>;
  idwarehouse?: number;
  /** `processing` (default) creates a picklist straight away; `concept` waits for /process. */
  status?: 'processing' | 'concept';
  reference?: string;
  deliveryname?: string;
  deliverycountry?: string;
  language?: 'nl' | 'en';
  customer_remarks?: string | null;
  tags?: string[];
  urgent?: boolean;
  preferred_delivery_date?: string | null;
  orderfields?: RawOrderField[];
  idshippingprovider_profile?: number | null;
}

export interface CancelOrderOptions {
  force?: boolean;
}

export interface ShipmentRecord {
  shipment: RawShipment;
  createdAt: number;
  /** Address and weight snapshot for the label document. */
  label: { name: string; lines: string[]; country: string; reference: string | null };
  /** The extra fields the shipment was made with (pickup point...), as the demo accepted them. */
  extraFields: Record<string, string>;
}

/**
 * Everything the demo account holds, as JSON: what an embedded demo writes to the data dir after
 * each change and reads back at start, so a restart carries on with the same ids.
 */
export interface DemoSnapshot {
  version: 1;
  /** The base URL the links inside were made with; a demo on another port rewrites them. */
  baseUrl: string;
  seed: DemoSeed;
  shipments: Array<[number, ShipmentRecord]>;
  closedByPicking: number[];
  ids: Record<string, number>;
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function asId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

export interface PicklistBatchFilter {
  idwarehouse?: number;
  assigned_to_iduser?: number;
  type?: string;
  status?: string;
}

/** A batch as GET /picklists/batches lists it (picqer.com/en/api/picklist-batches). */
export type PicklistBatchView = Omit<RawPicklistBatch, 'idpicklists'> & {
  status: 'open' | 'completed';
  completed_by: RawPicklistBatch['assigned_to'];
  total_products: number;
  total_picklists: number;
  completed_at: string | null;
};

export interface PicklistBatchDetailView extends PicklistBatchView {
  picklists: Array<{
    idpicklist: number;
    picklistid: string;
    reference: string | null;
    alias: string | null;
    status: PicklistStatus;
    total_products: number;
    delivery_name: string;
    has_notes: boolean;
    has_customer_remarks: boolean;
    customer_remarks: string | null;
    created_at: string;
  }>;
  products: Array<{
    idproduct: number;
    productcode: string;
    name: string;
    stock_location: string | null;
    image: string | null;
    picklists: Array<{ idpicklist: number; amount: number; amount_picked: number; amount_collected: number }>;
  }>;
}

function raiseDemo(error: DemoApiError): never {
  throw error;
}

/**
 * The demo account's data and every change a Picqer user or the API can make to it. Refusals
 * throw DemoApiError with the status and error_code Picqer answers with; the HTTP layer only
 * translates. Objects handed out are the live records (tests may inspect and change them).
 */
export class DemoState {
  readonly warehouses: RawWarehouse[];
  readonly users: RawUser[];
  readonly tags: RawTag[];
  readonly shippingProviders: RawShippingProvider[];
  readonly packagings: RawPackaging[];
  readonly templates: RawTemplate[];
  readonly products: RawProduct[];
  readonly picklists: RawPicklist[];
  readonly orders: RawOrder[];
  readonly pickingContainers: RawPickingContainer[];
  readonly picklistBatches: RawPicklistBatch[];
  readonly packingStations: RawPackingStation[];
  readonly parts: Map<number, ProductPart[]>;
  readonly apiUserId: number;

  private readonly clock: Clock;
  private readonly baseUrl: string;
  private readonly productById = new Map<number, RawProduct>();
  private readonly productByCode = new Map<string, RawProduct>();
  private readonly picklistById = new Map<number, RawPicklist>();
  private readonly orderById = new Map<number, RawOrder>();
  private readonly comments = new Map<number, RawComment[]>();
  private readonly shipments = new Map<number, ShipmentRecord>();
  private readonly snoozed = new Set<number>();
  /** Picklists closed by their last pick (variant pickall-closes), which may still get their shipment. */
  private readonly closedByPicking = new Set<number>();
  private readonly variants: DemoVariants;
  private readonly ids: Ids & { product: number; picklist: number; order: number; comment: number; shipment: number; parcel: number; document: number; orderNumber: number };

  constructor(seed: DemoSeed, clock: Clock, baseUrl: string, variants: Partial<DemoVariants> = {}) {
    this.clock = clock;
    this.variants = { ...defaultVariants, ...variants };
    this.baseUrl = baseUrl;
    this.warehouses = seed.warehouses;
    this.users = seed.users;
    this.apiUserId = seed.apiUserId;
    this.tags = seed.tags;
    this.shippingProviders = seed.shippingProviders;
    this.packagings = seed.packagings;
    this.templates = seed.templates;
    this.products = seed.products;
    this.picklists = seed.picklists;
    this.orders = seed.orders;
    this.pickingContainers = seed.pickingContainers;
    this.picklistBatches = seed.picklistBatches ?? [];
    this.packingStations = seed.packingStations ?? [];
    this.parts = new Map(Object.entries(seed.parts).map(([id, list]) => [Number(id), list]));
    for (const p of this.products) {
      this.productById.set(p.idproduct, p);
      this.productByCode.set(p.productcode, p);
    }
    for (const p of this.picklists) {
      this.picklistById.set(p.idpicklist, p);
      if (p.status === 'snoozed') this.snoozed.add(p.idpicklist);
    }
    for (const o of this.orders) this.orderById.set(o.idorder, o);
    for (const [id, list] of Object.entries(seed.picklistComments)) this.comments.set(Number(id), list);
    const max = (values: number[], floor: number) => values.reduce((a, b) => (b > a ? b : a), floor);
    const lines = this.picklists.flatMap((p) => p.products);
    this.ids = {
      product: max(this.products.map((p) => p.idproduct), 2_400_000) + 1,
      picklist: max(this.picklists.map((p) => p.idpicklist), 9_000_000) + 1,
      order: max(this.orders.map((o) => o.idorder), 7_000_000) + 1,
      picklistProduct: max(lines.map((l) => l.idpicklist_product), 88_000_000) + 1,
      orderProduct: max(this.orders.flatMap((o) => o.products.map((l) => l.idorder_product)), 55_000_000) + 1,
      comment: max([...this.comments.values()].flat().map((c) => c.idcomment), 120_000) + 1,
      shipment: 31_000_001,
      parcel: 41_000_001,
      document: 51_000_001,
      orderNumber: this.orders.length + 1,
    };
  }

  snapshot(): DemoSnapshot {
    return {
      version: 1,
      baseUrl: this.baseUrl,
      seed: {
        warehouses: this.warehouses,
        users: this.users,
        apiUserId: this.apiUserId,
        tags: this.tags,
        shippingProviders: this.shippingProviders,
        packagings: this.packagings,
        templates: this.templates,
        products: this.products,
        parts: Object.fromEntries([...this.parts].map(([id, list]) => [String(id), list])),
        orders: this.orders,
        picklists: this.picklists,
        picklistComments: Object.fromEntries([...this.comments].map(([id, list]) => [String(id), list])),
        pickingContainers: this.pickingContainers,
        picklistBatches: this.picklistBatches,
        packingStations: this.packingStations,
      },
      shipments: [...this.shipments],
      closedByPicking: [...this.closedByPicking],
      ids: { ...this.ids },
    };
  }

  /** The demo as a snapshot left it; the snapshot's data becomes the live records. */
  static restore(snapshot: DemoSnapshot, clock: Clock, baseUrl: string, variants: Partial<DemoVariants> = {}): DemoState {
    const state = new DemoState(snapshot.seed, clock, baseUrl, variants);
    for (const [id, record] of snapshot.shipments) state.shipments.set(id, record);
    for (const id of snapshot.closedByPicking) state.closedByPicking.add(id);
    // Never hand out an id below what the snapshot had reached: a cancelled shipment's id is gone for good.
    for (const [key, next] of Object.entries(snapshot.ids)) {
      if (key in state.ids) {
        const k = key as keyof typeof state.ids;
        state.ids[k] = Math.max(state.ids[k], next);
      }
    }
    return state;
  }

  private now(): string {
    return formatDateTime(this.clock.now());
  }

  /** Picqer wakes snoozed picklists by itself once `snoozed_until` has passed. */
  wakeSnoozed(): void {
    if (this.snoozed.size === 0) return;
    const now = this.clock.now();
    for (const id of this.snoozed) {
      const picklist = this.picklistById.get(id);
      const until = picklist?.snoozed_until ? parseDateTime(picklist.snoozed_until) : null;
      if (!picklist || picklist.status !== 'snoozed') {
        this.snoozed.delete(id);
      } else if (until !== null && until <= now) {
        this.snoozed.delete(id);
        picklist.status = 'new';
        picklist.snoozed_until = null;
        this.touchPicklist(picklist);
      }
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  me(): RawUser {
    const user = this.users.find((u) => u.iduser === this.apiUserId);
    if (!user) throw notFound('User');
    return user;
  }

  findProduct(idproduct: number): RawProduct | undefined {
    return this.productById.get(idproduct);
  }

  getProduct(idproduct: number): RawProduct {
    const product = this.productById.get(idproduct);
    if (!product) throw notFound('Product');
    return product;
  }

  listProducts(filter: ProductFilter = {}): RawProduct[] {
    let list: RawProduct[];
    if (filter.productcode !== undefined) {
      const one = this.productByCode.get(filter.productcode);
      list = one ? [one] : [];
    } else if (filter.idproducts) {
      list = [...new Set(filter.idproducts)].sort((a, b) => a - b).flatMap((id) => this.productById.get(id) ?? []);
    } else {
      list = this.products;
    }
    const after = filter.updated_after;
    const search = filter.search?.toLowerCase();
    const type = filter.type;
    if (after === undefined && search === undefined && type === undefined) return list;
    return list.filter(
      (p) =>
        (after === undefined || p.updated >= after) &&
        (type === undefined || p.type === type) &&
        (search === undefined ||
          p.productcode.toLowerCase().includes(search) ||
          p.name.toLowerCase().includes(search) ||
          (p.barcode ?? '').includes(search)),
    );
  }

  findPicklist(idpicklist: number): RawPicklist | undefined {
    return this.picklistById.get(idpicklist);
  }

  getPicklist(idpicklist: number): RawPicklist {
    const picklist = this.picklistById.get(idpicklist);
    if (!picklist) throw notFound('Picklist');
    return picklist;
  }

  listPicklists(filter: PicklistFilter = {}): RawPicklist[] {
    const { status, idwarehouse, picklistid, sinceid, beforeid, assigned_to_iduser } = filter;
    return this.picklists.filter(
      (p) =>
        (status === undefined || p.status === status) &&
        (idwarehouse === undefined || p.idwarehouse === idwarehouse) &&
        (picklistid === undefined || p.picklistid === picklistid) &&
        (sinceid === undefined || p.idpicklist > sinceid) &&
        (beforeid === undefined || p.idpicklist < beforeid) &&
        (assigned_to_iduser === undefined || p.assigned_to_iduser === assigned_to_iduser),
    );
  }

  findOrder(idorder: number): RawOrder | undefined {
    return this.orderById.get(idorder);
  }

  getOrder(idorder: number): RawOrder {
    const order = this.orderById.get(idorder);
    if (!order) throw notFound('Order');
    return order;
  }

  listOrders(filter: OrderFilter = {}): RawOrder[] {
    const { reference, orderid, status, idwarehouse, sinceid } = filter;
    const search = filter.search?.toLowerCase();
    return this.orders.filter(
      (o) =>
        (reference === undefined || o.reference === reference) &&
        (orderid === undefined || o.orderid === orderid) &&
        (status === undefined || o.status === status) &&
        (idwarehouse === undefined || o.warehouses.includes(idwarehouse)) &&
        (sinceid === undefined || o.idorder > sinceid) &&
        (search === undefined ||
          o.orderid.toLowerCase().includes(search) ||
          o.reference.toLowerCase().includes(search) ||
          o.deliveryname.toLowerCase().includes(search) ||
          (o.deliverycontactname ?? '').toLowerCase().includes(search) ||
          (o.emailaddress ?? '').toLowerCase().includes(search)),
    );
  }

  listComments(idpicklist: number): RawComment[] {
    this.getPicklist(idpicklist);
    return this.comments.get(idpicklist) ?? [];
  }

  listShipments(idpicklist: number): RawShipment[] {
    this.getPicklist(idpicklist);
    return [...this.shipments.values()].filter((r) => r.shipment.idpicklist === idpicklist).map((r) => r.shipment);
  }

  findShipment(idshipment: number): ShipmentRecord | undefined {
    return this.shipments.get(idshipment);
  }

  listPickingContainers(idpicklist?: number): RawPickingContainer[] {
    return idpicklist === undefined ? this.pickingContainers : this.pickingContainers.filter((c) => c.idpicklist === idpicklist);
  }

  listPicklistBatches(filter: PicklistBatchFilter = {}): PicklistBatchView[] {
    return this.picklistBatches
      .map((b) => this.batchView(b))
      .filter(
        (b) =>
          (filter.idwarehouse === undefined || b.idwarehouse === filter.idwarehouse) &&
          (filter.assigned_to_iduser === undefined || b.assigned_to?.iduser === filter.assigned_to_iduser) &&
          (filter.type === undefined || b.type === filter.type) &&
          (filter.status === undefined || b.status === filter.status),
      );
  }

  /**
   * A batch with its picklists in the batch's order and its products, each with the picklists
   * that want it. Amounts are read from the picklists' lines, so a pick on a picklist shows here
   * at once; the demo has no separate collecting step, so `amount_collected` follows the picks.
   */
  getPicklistBatch(idpicklistBatch: number): PicklistBatchDetailView {
    const batch = this.picklistBatches.find((b) => b.idpicklist_batch === idpicklistBatch) ?? raiseDemo(notFound('Picklist batch'));
    const members = this.batchMembers(batch);
    const products = new Map<number, PicklistBatchDetailView['products'][number]>();
    for (const picklist of members) {
      for (const line of picklist.products) {
        if (line.partof_idpicklist_product !== null) continue;
        let product = products.get(line.idproduct);
        if (!product) {
          product = { idproduct: line.idproduct, productcode: line.productcode, name: line.name, stock_location: line.stocklocation, image: null, picklists: [] };
          products.set(line.idproduct, product);
        }
        const entry = product.picklists.find((e) => e.idpicklist === picklist.idpicklist);
        if (entry) {
          entry.amount += line.amount;
          entry.amount_picked += line.amount_picked;
          entry.amount_collected += line.amount_picked;
        } else {
          product.picklists.push({ idpicklist: picklist.idpicklist, amount: line.amount, amount_picked: line.amount_picked, amount_collected: line.amount_picked });
        }
      }
    }
    return {
      ...this.batchView(batch),
      picklists: members.map((p) => ({
        idpicklist: p.idpicklist,
        picklistid: p.picklistid,
        reference: p.reference,
        alias: null,
        status: p.status,
        total_products: p.totalproducts,
        delivery_name: p.deliveryname,
        has_notes: (this.comments.get(p.idpicklist)?.length ?? 0) > 0,
        has_customer_remarks: false,
        customer_remarks: null,
        created_at: p.created,
      })),
      products: [...products.values()],
    };
  }

  private batchMembers(batch: RawPicklistBatch): RawPicklist[] {
    return batch.idpicklists.flatMap((id) => {
      const picklist = this.picklistById.get(id);
      return picklist && picklist.idpicklist_batch === batch.idpicklist_batch ? [picklist] : [];
    });
  }

  /** Picqer completes a batch once nothing in it is left to pick; the demo reads that from its picklists. */
  private batchView(batch: RawPicklistBatch): PicklistBatchView {
    const members = this.batchMembers(batch);
    const isDone = members.length > 0 && members.every((p) => p.status === 'closed' || p.status === 'cancelled');
    const closedAt = members.map((p) => p.closed_at ?? '').sort().at(-1) ?? '';
    const { idpicklists: _members, ...fields } = batch;
    return {
      ...fields,
      status: isDone ? 'completed' : 'open',
      completed_by: isDone ? batch.assigned_to : null,
      total_products: members.reduce((sum, p) => sum + p.totalproducts, 0),
      total_picklists: members.length,
      completed_at: isDone ? closedAt || batch.updated_at : null,
    };
  }

  private profiles(): Array<{ provider: RawShippingProvider; profile: RawShippingProfile }> {
    return this.shippingProviders.flatMap((provider) => provider.profiles.map((profile) => ({ provider, profile })));
  }

  shippingMethods(idpicklist: number): RawShippingMethod[] {
    const picklist = this.getPicklist(idpicklist);
    const active = this.profiles().filter((p) => p.provider.active && p.profile.active);
    const preferred = active.find((p) => p.profile.idshippingprovider_profile === picklist.idshippingprovider_profile);
    const chosen = preferred ?? active.find((p) => p.profile.standard) ?? active[0];
    // Picqer's docs show `extra_fields` only empty (picklist-shipments), so the item's shape here
    // is the demo's own: one required field with a default, and a pickup point. An order whose
    // webshop chose DHL Parcel Connect chose its pickup point too, which Picqer keeps and sends on
    // (picqer.com/en/api/pickup-point-data-examples): that picklist has it as the default; any
    // other picklist shipped that way needs the packer to fill it in.
    const pickupPoint = picklist.idshippingprovider_profile === 1402 ? `DHL-PP-${picklist.picklistid}` : null;
    const extraFields: Record<number, unknown[]> = {
      1401: [{ identifier: 'delivery_option', title: 'Delivery option', type: 'select', required: true, default: 'standard', options: [{ value: 'standard', title: 'Standard' }, { value: 'evening', title: 'Evening' }] }],
      1402: [{ identifier: 'pickup_point', title: 'Pickup point', type: 'text', required: true, default: pickupPoint }],
    };
    return active.map(({ provider, profile }) => ({
      idshippingprovider_profile: profile.idshippingprovider_profile,
      name: profile.name,
      provider: provider.provider,
      selected: profile === chosen?.profile,
      extra_fields: extraFields[profile.idshippingprovider_profile] ?? [],
    }));
  }

  // ---- picklist actions ----------------------------------------------------------------------

  private touchPicklist(picklist: RawPicklist): void {
    picklist.updated = this.now();
    const order = picklist.idorder === null ? undefined : this.orderById.get(picklist.idorder);
    if (!order) return;
    const entry = order.picklists.find((e) => e.idpicklist === picklist.idpicklist);
    if (entry) entry.status = picklist.status;
    order.updated = picklist.updated;
  }

  private requireStatus(picklist: RawPicklist, allowed: PicklistStatus[], action: string): void {
    if (!allowed.includes(picklist.status)) {
      throw wrongStatus(`Picklist ${picklist.picklistid} is ${picklist.status}; cannot ${action}`);
    }
  }

  private recount(picklist: RawPicklist): void {
    for (const parent of picklist.products) {
      if (!parent.has_parts) continue;
      const children = picklist.products.filter((l) => l.partof_idpicklist_product === parent.idpicklist_product);
      parent.amount_picked = Math.min(
        parent.amount,
        ...children.map((c) => Math.floor((c.amount_picked * parent.amount) / c.amount)),
      );
    }
    Object.assign(picklist, totals(picklist.products));
  }

  private findLine(picklist: RawPicklist, input: PickInput, amount: number): RawPicklistLine {
    const lineId = asId(input.idpicklist_product);
    if (input.idpicklist_product !== undefined) {
      const line = lineId === null ? undefined : picklist.products.find((l) => l.idpicklist_product === lineId);
      if (!line) throw new DemoApiError(400, picqerErrorCodes.productNotOnPicklist, 'Product to pick not found on this picklist');
      return line;
    }
    const product = input.product;
    if (typeof product !== 'string' && typeof product !== 'number') {
      throw new DemoApiError(400, picqerErrorCodes.noProductGiven, 'No product given to pick');
    }
    const asNumber = asId(product);
    const candidates = picklist.products.filter(
      (l) => l.productcode === String(product) || (asNumber !== null && l.idproduct === asNumber),
    );
    if (candidates.length === 0) throw new DemoApiError(400, picqerErrorCodes.productNotOnPicklist, 'Product to pick not found on this picklist');
    return candidates.find((l) => l.amount - l.amount_picked >= amount) ?? (candidates[0] as RawPicklistLine);
  }

  pick(idpicklist: number, input: PickInput): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    this.requireStatus(picklist, ['new'], 'pick');
    if (input.idpicklist_product === undefined && input.product === undefined) {
      throw new DemoApiError(400, picqerErrorCodes.noProductGiven, 'No product given to pick');
    }
    const amount = input.amount;
    if (!isPositiveInt(amount)) throw new DemoApiError(400, picqerErrorCodes.invalidAmount, 'Invalid amount to pick');
    const line = this.findLine(picklist, input, amount);
    if (line.has_parts) {
      const children = picklist.products.filter((l) => l.partof_idpicklist_product === line.idpicklist_product);
      const perUnit = children.map((c) => c.amount / line.amount);
      if (line.amount_picked + amount > line.amount || children.some((c, i) => c.amount_picked + amount * (perUnit[i] ?? 1) > c.amount)) {
        throw new DemoApiError(400, picqerErrorCodes.amountTooHigh, 'Amount to pick is too high');
      }
      children.forEach((c, i) => (c.amount_picked += amount * (perUnit[i] ?? 1)));
    } else {
      if (line.amount_picked + amount > line.amount) throw new DemoApiError(400, picqerErrorCodes.amountTooHigh, 'Amount to pick is too high');
      line.amount_picked += amount;
    }
    this.recount(picklist);
    this.touchPicklist(picklist);
    this.closeIfAllPicked(picklist);
    return picklist;
  }

  pickAll(idpicklist: number): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    this.requireStatus(picklist, ['new'], 'pick');
    for (const line of picklist.products) line.amount_picked = line.amount;
    this.recount(picklist);
    this.touchPicklist(picklist);
    this.closeIfAllPicked(picklist);
    return picklist;
  }

  /**
   * Variant pickall-closes: an account where picking the last unit closes the picklist by itself.
   * Its shipment can still be made afterwards (docs/picqer.md, "Compatibility with Picqer"); otherwise
   * such an account could not ship what it picked.
   */
  private closeIfAllPicked(picklist: RawPicklist): void {
    if (!this.variants.pickallCloses || picklist.status !== 'new') return;
    if (!picklist.products.every((l) => l.amount_picked >= l.amount)) return;
    picklist.status = 'closed';
    picklist.closed_at = this.now();
    picklist.closed_by_iduser = this.apiUserId;
    this.closedByPicking.add(picklist.idpicklist);
    this.touchPicklist(picklist);
    this.settleOrder(picklist);
  }

  /** Closing does not pick what is left: Picqer clients call pickall first when they mean it. */
  closePicklist(idpicklist: number, iduser: number = this.apiUserId): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    this.requireStatus(picklist, ['new'], 'close');
    picklist.status = 'closed';
    picklist.closed_at = this.now();
    picklist.closed_by_iduser = iduser;
    this.touchPicklist(picklist);
    this.settleOrder(picklist);
    return picklist;
  }

  cancelPicklist(idpicklist: number): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    this.requireStatus(picklist, ['new', 'paused', 'snoozed'], 'cancel');
    picklist.status = 'cancelled';
    picklist.snoozed_until = null;
    picklist.paused_reason = null;
    this.touchPicklist(picklist);
    this.settleOrder(picklist);
    return picklist;
  }

  private settleOrder(picklist: RawPicklist): void {
    const order = picklist.idorder === null ? undefined : this.orderById.get(picklist.idorder);
    if (!order || order.status === 'cancelled') return;
    const statuses = order.picklists.map((e) => this.picklistById.get(e.idpicklist)?.status ?? e.status);
    if (statuses.every((s) => s === 'closed' || s === 'cancelled')) {
      order.status = statuses.some((s) => s === 'closed') ? 'completed' : 'cancelled';
      order.updated = this.now();
    }
  }

  assignPicklist(idpicklist: number, iduser: unknown): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    if (iduser === undefined || iduser === null) throw missing('iduser is required');
    const id = asId(iduser);
    const user = id === null ? undefined : this.users.find((u) => u.iduser === id);
    if (!user || !user.active) throw new DemoApiError(400, picqerErrorCodes.itemNotFound, 'User not found');
    this.requireStatus(picklist, ['new', 'paused', 'snoozed'], 'assign');
    picklist.assigned_to_iduser = user.iduser;
    this.touchPicklist(picklist);
    return picklist;
  }

  unassignPicklist(idpicklist: number): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    this.requireStatus(picklist, ['new', 'paused', 'snoozed'], 'unassign');
    picklist.assigned_to_iduser = null;
    this.touchPicklist(picklist);
    return picklist;
  }

  snoozePicklist(idpicklist: number, snoozeUntil: unknown): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    if (typeof snoozeUntil !== 'string' || snoozeUntil.trim() === '') throw missing('snooze_until is required');
    const until = parseDateTime(snoozeUntil);
    if (until === null) throw missing('snooze_until must be a date as YYYY-MM-DD HH:MM:SS');
    if (until <= this.clock.now()) throw missing('snooze_until must be in the future');
    this.requireStatus(picklist, ['new', 'snoozed'], 'snooze');
    picklist.status = 'snoozed';
    picklist.snoozed_until = formatDateTime(until);
    this.snoozed.add(picklist.idpicklist);
    this.touchPicklist(picklist);
    return picklist;
  }

  pausePicklist(idpicklist: number, reason: unknown): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    if (typeof reason !== 'string' || reason.trim() === '') throw missing('reason is required');
    this.requireStatus(picklist, ['new', 'snoozed'], 'pause');
    picklist.status = 'paused';
    picklist.paused_reason = reason;
    picklist.snoozed_until = null;
    this.touchPicklist(picklist);
    return picklist;
  }

  resumePicklist(idpicklist: number): RawPicklist {
    const picklist = this.getPicklist(idpicklist);
    this.requireStatus(picklist, ['paused'], 'resume');
    picklist.status = 'new';
    picklist.paused_reason = null;
    this.touchPicklist(picklist);
    return picklist;
  }

  addComment(idpicklist: number, body: unknown, iduser: number = this.apiUserId): RawComment {
    const picklist = this.getPicklist(idpicklist);
    if (typeof body !== 'string' || body.trim() === '') throw missing('body is required');
    const user = this.users.find((u) => u.iduser === iduser) ?? this.me();
    const now = this.now();
    const comment: RawComment = {
      idcomment: this.ids.comment++,
      show_at_related: true,
      is_visible_fulfilment: false,
      body,
      author_type: 'user',
      author: { iduser: user.iduser, username: user.username, full_name: `${user.firstname} ${user.lastname}`, image_url: null },
      source_type: 'picklist',
      source: { type: 'picklist', id: picklist.idpicklist },
      mentions: [],
      created_at: now,
      updated_at: now,
    };
    const list = this.comments.get(idpicklist) ?? [];
    list.push(comment);
    this.comments.set(idpicklist, list);
    picklist.comment_count = list.length;
    this.touchPicklist(picklist);
    return comment;
  }

  // ---- shipments -----------------------------------------------------------------------------

  createShipment(idpicklist: number, input: ShipmentInput): RawShipment {
    const picklist = this.getPicklist(idpicklist);
    const refuse = (why: string) => new DemoApiError(400, picqerErrorCodes.cannotCreateShipment, `Cannot create shipment: ${why}`);
    const isClosedByPicking =
      picklist.status === 'closed' &&
      this.closedByPicking.has(idpicklist) &&
      ![...this.shipments.values()].some((r) => r.shipment.idpicklist === idpicklist && !r.shipment.cancelled);
    if (picklist.status !== 'new' && !isClosedByPicking) throw refuse(`picklist ${picklist.picklistid} is ${picklist.status}`);
    const rawProfile = input.idshippingprovider_profile ?? input.idshippingprofile;
    let chosen: { provider: RawShippingProvider; profile: RawShippingProfile } | undefined;
    if (rawProfile === undefined || rawProfile === null) {
      const selected = this.shippingMethods(idpicklist).find((m) => m.selected);
      chosen = this.profiles().find((p) => p.profile.idshippingprovider_profile === selected?.idshippingprovider_profile);
    } else {
      const id = asId(rawProfile);
      chosen = this.profiles().find((p) => p.profile.idshippingprovider_profile === id);
      if (!chosen) throw refuse('unknown shipping profile');
    }
    if (!chosen || !chosen.profile.active || !chosen.provider.active) throw refuse('shipping profile is not active');
    const method = this.shippingMethods(idpicklist).find((m) => m.idshippingprovider_profile === chosen.profile.idshippingprovider_profile);
    const given = input.extrafields ?? input.extra_fields ?? {};
    if (typeof given !== 'object' || given === null || Array.isArray(given)) throw refuse('extrafields must be an object');
    const extraFields = Object.fromEntries(Object.entries(given).map(([key, value]) => [key, String(value)]));
    for (const field of (method?.extra_fields ?? []) as Array<{ identifier: string; title: string; required: boolean; default: string | null }>) {
      if (field.required && !(extraFields[field.identifier] ?? field.default ?? '').trim()) throw refuse(`${field.title} is required for ${chosen.profile.name}`);
    }
    const packagingFor = (value: unknown): number | null => {
      if (value === undefined || value === null) return null;
      const id = asId(value);
      const packaging = this.packagings.find((p) => p.idpackaging === id);
      if (!packaging || !packaging.active) throw refuse('unknown packaging');
      return packaging.idpackaging;
    };
    const weightFrom = (value: unknown, fallback: number): number => {
      if (value === undefined || value === null) return fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw refuse('weight must be a whole number of grams');
      return value;
    };
    const idpackaging = packagingFor(input.idpackaging);
    const weight = weightFrom(input.weight, picklist.weight);
    let parcelInputs: Array<{ idpackaging: number | null; weight: number }>;
    if (input.parcels === undefined || input.parcels === null) {
      parcelInputs = [{ idpackaging, weight }];
    } else {
      if (!Array.isArray(input.parcels) || input.parcels.length === 0) throw refuse('parcels must be a non-empty list');
      if (input.parcels.length > 1 && (this.variants.multicolli === 'refused' || carrierKeys[chosen.provider.idshippingprovider]?.carrier_key === 'dpd_nl')) {
        throw refuse('this shipping provider does not support multicolli');
      }
      const given = this.variants.multicolli === 'ignored' ? input.parcels.slice(0, 1) : input.parcels;
      parcelInputs = given.map((p: unknown) => {
        const parcel = typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {};
        return { idpackaging: packagingFor(parcel.idpackaging ?? input.idpackaging), weight: weightFrom(parcel.weight, Math.round(weight / (input.parcels as unknown[]).length)) };
      });
    }
    const carrier = carrierKeys[chosen.provider.idshippingprovider] ?? { carrier_key: 'other', public_name: chosen.provider.name, trackUrl: `${this.baseUrl}/demo-track/` };
    const idshipment = this.ids.shipment++;
    const codeFor = (n: number) => `3SDEMO${String(idshipment).padStart(9, '0')}${n > 0 ? `-${String(n + 1)}` : ''}`;
    const parcels: RawParcel[] = parcelInputs.map((p, n) => {
      const code = codeFor(n);
      const labelBase = `${this.baseUrl}/demo-labels/${String(idshipment)}-${String(n + 1)}`;
      return {
        idparcel: this.ids.parcel++,
        idpackaging: p.idpackaging,
        weight: p.weight,
        tracking_code: code,
        tracking_url: carrier.trackUrl + code,
        documents: [
          { idparcel_document: this.ids.document++, type: 'label', format: 'pdf', size: 'A6', url: `${labelBase}.pdf` },
          { idparcel_document: this.ids.document++, type: 'label', format: 'zpl', size: 'A6', url: `${labelBase}.zpl` },
        ],
      };
    });
    const now = this.now();
    const trackingcode = codeFor(0);
    const shipment: RawShipment = {
      idshipment,
      idpicklist,
      idorder: picklist.idorder,
      idreturn: null,
      idpackaging,
      idshippingprovider: chosen.provider.idshippingprovider,
      idcompany_shippingprovider: chosen.provider.idshippingprovider,
      idcompany_shippingprovider_profile: chosen.profile.idshippingprovider_profile,
      profile_name: chosen.profile.name,
      provider: chosen.provider.provider,
      providername: chosen.provider.name,
      public_providername: carrier.public_name,
      carrier_key: carrier.carrier_key,
      labelurl: `${this.baseUrl}/demo-labels/${String(idshipment)}.pdf`,
      labelurl_pdf: `${this.baseUrl}/demo-labels/${String(idshipment)}.pdf`,
      labelurl_zpl: `${this.baseUrl}/demo-labels/${String(idshipment)}.zpl`,
      trackingcode,
      trackingurl: carrier.trackUrl + trackingcode,
      tracktraceurl: carrier.trackUrl + trackingcode,
      weight: parcels.reduce((sum, p) => sum + p.weight, 0),
      created_by_iduser: this.apiUserId,
      cancelled: false,
      created: now,
      updated: now,
      parcels,
    };
    const addressLines = [picklist.deliverycontact, picklist.deliveryaddress, picklist.deliveryaddress2, `${picklist.deliveryzipcode} ${picklist.deliverycity}`, picklist.deliveryregion].filter(
      (l): l is string => typeof l === 'string' && l !== '',
    );
    this.shipments.set(idshipment, {
      shipment,
      createdAt: this.clock.now(),
      label: { name: picklist.deliveryname, lines: addressLines, country: picklist.deliverycountry, reference: picklist.reference },
      extraFields,
    });
    this.touchPicklist(picklist);
    return shipment;
  }

  /** Picqer allows cancelling a shipment for five minutes after it was created. */
  cancelShipment(idpicklist: number, idshipment: number): RawShipment {
    this.getPicklist(idpicklist);
    const record = this.shipments.get(idshipment);
    if (!record || record.shipment.idpicklist !== idpicklist) throw notFound('Shipment');
    if (record.shipment.cancelled) throw wrongStatus('Shipment is already cancelled');
    if (this.clock.now() - record.createdAt > shipmentCancelWindowMs) {
      throw wrongStatus('Shipment can only be cancelled within 5 minutes after it was created');
    }
    record.shipment.cancelled = true;
    record.shipment.updated = this.now();
    // Cancelling within the window undoes the parcel: a picklist closed with it opens again for
    // packing (its picks stay), and an order it completed is being processed again. Variant
    // cancel-keeps-closed: the picklist stays closed, and only reopening it in Picqer packs it again.
    const picklist = this.getPicklist(idpicklist);
    if (picklist.status === 'closed' && !this.variants.cancelKeepsClosed) {
      this.closedByPicking.delete(idpicklist);
      picklist.status = 'new';
      picklist.closed_at = null;
      picklist.closed_by_iduser = null;
      this.touchPicklist(picklist);
      const order = picklist.idorder === null ? undefined : this.orderById.get(picklist.idorder);
      if (order?.status === 'completed') this.setOrderStatus(order, 'processing');
    }
    return record.shipment;
  }

  // ---- orders --------------------------------------------------------------------------------

  private picklistsOf(order: RawOrder): RawPicklist[] {
    return order.picklists.flatMap((e) => this.picklistById.get(e.idpicklist) ?? []);
  }

  private setOrderStatus(order: RawOrder, status: OrderStatus): void {
    order.status = status;
    order.updated = this.now();
  }

  processOrder(idorder: number): RawOrder {
    const order = this.getOrder(idorder);
    if (order.status !== 'concept' && order.status !== 'expected') throw wrongStatus(`Order ${order.orderid} is ${order.status}; cannot process`);
    this.setOrderStatus(order, 'processing');
    this.createPicklistFor(order, order.warehouses[0] ?? this.warehouses[0]?.idwarehouse ?? 0, false);
    return order;
  }

  pauseOrder(idorder: number, reason: unknown): RawOrder {
    const order = this.getOrder(idorder);
    if (typeof reason !== 'string' || reason.trim() === '') throw missing('reason is required');
    if (order.status !== 'processing') throw wrongStatus(`Order ${order.orderid} is ${order.status}; cannot pause`);
    order.paused_reason = reason;
    this.setOrderStatus(order, 'paused');
    for (const picklist of this.picklistsOf(order)) {
      // "All underlying picklists will be paused, except if the picklist is snoozed" (Picqer's
      // Orders API, "Pause order").
      if (picklist.status === 'new') this.pausePicklist(picklist.idpicklist, reason);
    }
    return order;
  }

  resumeOrder(idorder: number): RawOrder {
    const order = this.getOrder(idorder);
    if (order.status !== 'paused') throw wrongStatus(`Order ${order.orderid} is ${order.status}; cannot resume`);
    order.paused_reason = null;
    this.setOrderStatus(order, 'processing');
    for (const picklist of this.picklistsOf(order)) {
      if (picklist.status === 'paused') this.resumePicklist(picklist.idpicklist);
    }
    return order;
  }

  /** Without `force` only orders that are not being fulfilled yet can be cancelled. */
  cancelOrder(idorder: number, options: CancelOrderOptions = {}): RawOrder {
    const order = this.getOrder(idorder);
    if (order.status === 'completed' || order.status === 'cancelled') throw wrongStatus(`Order ${order.orderid} is ${order.status}; cannot cancel`);
    if ((order.status === 'processing' || order.status === 'paused') && !options.force) {
      throw wrongStatus(`Order ${order.orderid} is ${order.status}; cancel with force=true`);
    }
    this.setOrderStatus(order, 'cancelled');
    for (const picklist of this.picklistsOf(order)) {
      if (picklist.status === 'new' || picklist.status === 'paused' || picklist.status === 'snoozed') {
        picklist.status = 'cancelled';
        picklist.paused_reason = null;
        picklist.snoozed_until = null;
        this.touchPicklist(picklist);
      }
    }
    return order;
  }

  // ---- changing the world, as a Picqer user would -----------------------------------------------

  updateProduct(idproduct: number, patch: Partial<Omit<RawProduct, 'idproduct' | 'updated'>>): RawProduct {
    const product = this.getProduct(idproduct);
    if (patch.productcode !== undefined && patch.productcode !== product.productcode) {
      if (this.productByCode.has(patch.productcode)) throw new DemoApiError(400, picqerErrorCodes.unknown, 'Productcode already exists');
      this.productByCode.delete(product.productcode);
      this.productByCode.set(patch.productcode, product);
    }
    Object.assign(product, patch);
    product.updated = this.now();
    return product;
  }

  addProduct(input: Partial<Omit<RawProduct, 'idproduct'>> & { name: string }): RawProduct {
    const idproduct = this.ids.product++;
    const productcode = input.productcode ?? `PD-NEW-${String(idproduct)}`;
    if (this.productByCode.has(productcode)) throw new DemoApiError(400, picqerErrorCodes.unknown, 'Productcode already exists');
    const now = this.now();
    const product: RawProduct = {
      idvatgroup: 17,
      price: 9.95,
      fixedstockprice: 0,
      idsupplier: null,
      productcode_supplier: null,
      deliverytime: null,
      description: '',
      barcode: null,
      type: 'normal',
      unlimitedstock: false,
      weight: 250,
      length: null,
      width: null,
      height: null,
      minimum_purchase_quantity: 1,
      purchase_in_quantities_of: 1,
      hs_code: null,
      country_of_origin: null,
      active: true,
      idfulfilment_customer: null,
      productfields: [],
      images: [],
      stock: this.warehouses.map((w) => ({ idwarehouse: w.idwarehouse, stock: 100, reserved: 0, reservedbackorders: 0, reservedpicklists: 0, reservedallocations: 0, freestock: 100, freepickablestock: 100 })),
      tags: {},
      created: now,
      ...input,
      productcode,
      idproduct,
      updated: now,
    };
    this.products.push(product);
    this.productById.set(idproduct, product);
    this.productByCode.set(productcode, product);
    return product;
  }

  /** A new webshop order as Picqer receives it; `processing` orders get their picklist at once. */
  addOrder(input: NewOrderInput): { order: RawOrder; picklist: RawPicklist | null } {
    if (input.lines.length === 0) throw missing('An order needs at least one line');
    const requests: LineRequest[] = input.lines.map((l) => ({ product: this.getProduct(l.idproduct), amount: l.amount }));
    const idorder = this.ids.order++;
    const now = this.now();
    const idwarehouse = input.idwarehouse ?? this.warehouses[0]?.idwarehouse ?? 0;
    const tags = (input.tags ?? []).map((title) => {
      const tag = this.tags.find((t) => t.title === title);
      if (!tag) throw notFound(`Tag ${title}`);
      return tag;
    });
    const { orderProducts } = buildLines(requests, (id) => this.productById.get(id), (id) => this.parts.get(id), { ...this.ids }, locationName);
    const number = this.ids.orderNumber++;
    const name = input.deliveryname ?? 'Anna Schröder';
    const country = input.deliverycountry ?? 'NL';
    const order: RawOrder = {
      idorder,
      orderid: `2026${String(number).padStart(5, '0')}`,
      idcustomer: null,
      idtemplate: input.language === 'en' ? 3 : 1,
      idshippingprovider_profile: input.idshippingprovider_profile ?? null,
      deliveryname: name,
      deliverycontactname: null,
      deliveryaddress: 'Schloßstraße 1',
      deliveryaddress2: null,
      deliveryzipcode: '3511 AA',
      deliverycity: 'Utrecht',
      deliveryregion: null,
      deliverycountry: country,
      full_delivery_address: `${name}\nSchloßstraße 1\n3511 AA Utrecht\n${country}`,
      invoicename: name,
      invoicecontactname: null,
      invoiceaddress: 'Schloßstraße 1',
      invoiceaddress2: null,
      invoicezipcode: '3511 AA',
      invoicecity: 'Utrecht',
      invoiceregion: null,
      invoicecountry: country,
      full_invoice_address: `${name}\nSchloßstraße 1\n3511 AA Utrecht\n${country}`,
      pickup_point_data: null,
      via_portal: false,
      pricelists: [],
      telephone: null,
      emailaddress: 'klant@example.com',
      reference: input.reference ?? `DEV #${String(900 + number)} / NEWORDER${String(number % 10)}`,
      customer_remarks: input.customer_remarks ?? null,
      partialdelivery: false,
      auto_split: false,
      invoiced: false,
      preferred_delivery_date: input.preferred_delivery_date ?? null,
      discount: 0,
      calculatevat: true,
      status: input.status === 'concept' ? 'concept' : 'processing',
      paused_reason: null,
      language: input.language ?? 'nl',
      public_status_page: `${this.baseUrl}/demo-status/${String(idorder)}`,
      created: now,
      updated: now,
      warehouses: [idwarehouse],
      products: orderProducts,
      picklists: [],
      tags: Object.fromEntries(tags.map((t) => [t.title, t])),
      orderfields: input.orderfields ?? [],
    };
    this.ids.orderProduct += orderProducts.length;
    this.orders.push(order);
    this.orderById.set(idorder, order);
    const picklist = order.status === 'processing' ? this.createPicklistFor(order, idwarehouse, input.urgent ?? false) : null;
    return { order, picklist };
  }

  /** Shorthand for tests: a new processing order and its picklist. */
  addPicklist(input: NewOrderInput): RawPicklist {
    const { picklist } = this.addOrder({ ...input, status: 'processing' });
    if (!picklist) throw new Error('processing order without picklist');
    return picklist;
  }

  private createPicklistFor(order: RawOrder, idwarehouse: number, urgent: boolean): RawPicklist {
    const requests: LineRequest[] = order.products
      .filter((l) => l.partof_idorder_product === null)
      .map((l) => ({ product: this.getProduct(l.idproduct), amount: l.amount }));
    const lineIds = { picklistProduct: this.ids.picklistProduct, orderProduct: 0 };
    const { lines } = buildLines(requests, (id) => this.productById.get(id), (id) => this.parts.get(id), lineIds, locationName);
    this.ids.picklistProduct = lineIds.picklistProduct;
    // Lines point at the order's own lines, which were built from the same requests in order.
    lines.forEach((line, i) => (line.idorder_product = order.products[i]?.idorder_product ?? null));
    const idpicklist = this.ids.picklist++;
    const now = this.now();
    const picklist = newPicklist(order, {
      idpicklist,
      picklistid: `P2026-${String(idpicklist - 9_000_000).padStart(5, '0')}`,
      idwarehouse,
      urgent,
      assigned_to_iduser: null,
      created: now,
      lines,
    });
    this.picklists.push(picklist);
    this.picklistById.set(idpicklist, picklist);
    order.picklists.push({ idpicklist, picklistid: picklist.picklistid, status: 'new' });
    return picklist;
  }
}
