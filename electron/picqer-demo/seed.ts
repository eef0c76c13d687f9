import { formatDate, formatDateTime } from './dates';
import { withCheckDigit } from './gtin';
import { createPrng, type Prng } from './prng';
import * as catalog from './seed-catalog';
import type {
  PicklistStatus,
  ProductPart,
  RawComment,
  RawOrder,
  RawOrderProduct,
  RawPackaging,
  RawPickingContainer,
  RawPicklist,
  RawPicklistBatch,
  RawPackingStation,
  RawStationPrinter,
  RawPicklistLine,
  RawProduct,
  RawShippingProvider,
  RawTag,
  RawTemplate,
  RawUser,
  RawWarehouse,
  ProductType,
} from './types';

export interface SeedOptions {
  seed?: number | string;
  products?: number;
  picklists?: number;
  /** Where the demo serves product images, e.g. http://127.0.0.1:8080. Part of the data. */
  baseUrl: string;
}

export const defaultProductCount = 320;
export const defaultPicklistCount = 90;

/** Everything a fresh demo account holds. Plain arrays and records, so it serialises as-is. */
export interface DemoSeed {
  warehouses: RawWarehouse[];
  users: RawUser[];
  apiUserId: number;
  tags: RawTag[];
  shippingProviders: RawShippingProvider[];
  packagings: RawPackaging[];
  templates: RawTemplate[];
  products: RawProduct[];
  /** Parts of composition products, keyed by the composition's idproduct. */
  parts: Record<string, ProductPart[]>;
  orders: RawOrder[];
  picklists: RawPicklist[];
  /** Comments per picklist, keyed by idpicklist. */
  picklistComments: Record<string, RawComment[]>;
  pickingContainers: RawPickingContainer[];
  /** Open picklist batches; a snapshot written before the demo had batches has none. */
  picklistBatches?: RawPicklistBatch[];
  /** Packing stations with their printers; a snapshot written before the demo had them has none. */
  packingStations?: RawPackingStation[];
}

const firstProductId = 2_400_001;
const firstPicklistId = 9_000_001;
const firstOrderId = 7_000_001;
const firstPicklistProductId = 88_000_001;
const firstOrderProductId = 55_000_001;
const day = 86_400_000;

/**
 * Lot-tracked products (issue 18): food and care products whose units carry a GS1 DataMatrix with
 * lot and best-before date. Picqer has no field of its own for this; an account keeps it in a
 * product field, as here.
 */
export const lotTrackedField = { idproductfield: 42, title: 'Lot en THT' } as const;

/** The two products (by index) that share one barcode, as happens with relabelled stock. */
export const sharedBarcodeIndexes = [4, 5] as const;

function productType(index: number): ProductType {
  if (index % 40 === 7) return 'virtual_composition';
  if (index % 97 === 13) return 'unlimited_stock';
  return 'normal';
}

function barcodeFor(index: number, prng: Prng): string | null {
  const roll = index < 12 ? 0.5 : prng.next();
  if (index === 6 || index === 8) return null;
  if (index % 23 === 11 || roll > 0.92) return null;
  if (index % 11 === 3 || roll > 0.84) {
    return withCheckDigit(`0${String(prng.int(1000, 9999))}${String(index).padStart(6, '0')}`);
  }
  return withCheckDigit(`87${String(prng.int(100, 999))}${String(index).padStart(7, '0')}`);
}

function asciiEmailPart(text: string): string {
  const folded = text
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return folded.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function generateProducts(count: number, prng: Prng, baseUrl: string): { products: RawProduct[]; parts: Record<string, ProductPart[]> } {
  const products: RawProduct[] = [];
  const parts: Record<string, ProductPart[]> = {};
  let nextPartId = 61_000_001;
  for (let i = 0; i < count; i++) {
    const idproduct = firstProductId + i;
    const type = productType(i);
    const noun = prng.pick(catalog.productNouns);
    const colour = prng.pick(catalog.productColours);
    const name = type === 'virtual_composition' ? `Set ${noun.toLowerCase()} + accessoires` : `${noun} ${colour}${prng.chance(0.3) ? ` ${prng.pick(catalog.productSizes)}` : ''}`;
    const created = catalog.seedEpoch - prng.int(30, 700) * day;
    // The cap differs per product (spread over a day, without drawing from the PRNG, so the rest of
    // the seed stays as it was): one shared cap put a fifth of the catalogue on the same second,
    // which an `updated_after` poll then re-reads every time.
    const latest = catalog.seedEpoch - day - ((i * 7_919) % 86_400) * 1000;
    const updated = Math.min(latest, created + prng.int(0, 300) * day + prng.int(0, 86_399) * 1000);
    const weight = prng.int(40, 2500);
    const stock = catalog.warehouses.map((w) => {
      const amount = type === 'virtual_composition' ? 0 : prng.int(0, 240);
      return { idwarehouse: w.idwarehouse, stock: amount, reserved: 0, reservedbackorders: 0, reservedpicklists: 0, reservedallocations: 0, freestock: amount, freepickablestock: amount };
    });
    const barcode = barcodeFor(i, prng);
    const hasImage = i % 9 !== 4 && prng.chance(0.9);
    const active = i % 151 !== 150;
    products.push({
      idproduct,
      idvatgroup: 17,
      productcode: `PD-${String(i + 1).padStart(5, '0')}`,
      name,
      price: Math.round(prng.int(195, 14_995)) / 100,
      fixedstockprice: 0,
      idsupplier: prng.chance(0.7) ? 880 + prng.int(1, 4) : null,
      productcode_supplier: prng.chance(0.6) ? `SUP-${String(prng.int(10_000, 99_999))}` : null,
      deliverytime: null,
      description: '',
      barcode,
      type,
      unlimitedstock: type === 'unlimited_stock',
      weight,
      ...dimensions(i, prng.chance(0.5) ? prng.int(5, 60) : null),
      minimum_purchase_quantity: 1,
      purchase_in_quantities_of: 1,
      hs_code: prng.chance(0.3) ? String(prng.int(10_000_000, 99_999_999)) : null,
      country_of_origin: prng.chance(0.3) ? prng.pick(['NL', 'DE', 'CN', 'PL', 'DK']) : null,
      active,
      idfulfilment_customer: null,
      productfields: prng.chance(0.25) ? [{ idproductfield: 41, title: 'Materiaal', value: prng.pick(catalog.productFieldValues) }] : [],
      images: hasImage ? [`${baseUrl}/demo-images/${idproduct}.png`] : [],
      stock,
      tags: {},
      created: formatDateTime(created),
      updated: formatDateTime(updated),
    });
  }
  const [first, second] = sharedBarcodeIndexes;
  const a = products[first];
  const b = products[second];
  if (a && b) {
    a.barcode ??= withCheckDigit('871000000044');
    b.barcode = a.barcode;
  }
  // Chosen by index, not by the PRNG, so the rest of the seed stays as it was.
  const sharedCodes = new Set([a?.barcode, b?.barcode]);
  products.forEach((product, i) => {
    const isGtin = product.barcode !== null && !sharedCodes.has(product.barcode) && /^\d{12,13}$/.test(product.barcode);
    if (i % 29 === 13 && product.type === 'normal' && product.active && isGtin) product.productfields.push({ ...lotTrackedField, value: 'ja' });
  });
  for (const product of products) {
    if (product.type !== 'virtual_composition') continue;
    const index = product.idproduct - firstProductId;
    const candidates: number[] = [];
    for (let k = 1; candidates.length < 3 && k < count; k++) {
      const other = products[(index + k * 3) % count];
      if (other && other.type === 'normal' && other.active && !candidates.includes(other.idproduct)) candidates.push(other.idproduct);
    }
    const partCount = Math.min(candidates.length, prng.int(2, 3));
    parts[String(product.idproduct)] = candidates.slice(0, partCount).map((idpart, n) => ({
      idproduct_part: nextPartId++,
      idproduct: idpart,
      amount: n === 0 ? prng.int(1, 2) : 1,
    }));
  }
  return { products, parts };
}

const specialStatuses: Array<{ status: PicklistStatus }> = [
  { status: 'paused' },
  { status: 'snoozed' },
  { status: 'snoozed' },
  { status: 'closed' },
  { status: 'closed' },
  { status: 'closed' },
  { status: 'cancelled' },
  { status: 'cancelled' },
];

function statusFor(index: number, count: number): PicklistStatus {
  const fromEnd = count - 1 - index;
  const special = specialStatuses[fromEnd];
  if (special && index >= Math.ceil(count / 2)) return special.status;
  return 'new';
}

interface Customer {
  name: string;
  contact: string | null;
  address: catalog.Address;
  language: 'nl' | 'en';
}

function addressIn(city: string): catalog.Address {
  const address = catalog.addresses.find((a) => a.city === city);
  if (!address) throw new Error(`no demo address in ${city}`);
  return address;
}

const fixedCustomers: Customer[] = [
  { name: 'Jürgen Müller', contact: null, address: addressIn('Düsseldorf'), language: 'en' },
  { name: 'Rowerowo Łódź Sp. z o.o.', contact: 'Zofia Nowak', address: addressIn('Łódź'), language: 'en' },
  { name: 'Mette Ørsted', contact: null, address: addressIn('København K'), language: 'en' },
  { name: 'Søren Ærøe', contact: null, address: addressIn('Ærøskøbing'), language: 'en' },
  { name: 'Anouk de Vries', contact: null, address: addressIn('Utrecht'), language: 'nl' },
  { name: 'Lars Schröder', contact: null, address: addressIn('Berlin'), language: 'en' },
];

function customerFor(index: number, prng: Prng): Customer {
  const fixed = fixedCustomers[index];
  if (fixed) return fixed;
  const address = prng.pick(catalog.addresses);
  const isCompany = prng.chance(0.12);
  const person = `${prng.pick(catalog.firstNames)} ${prng.pick(catalog.lastNames)}`;
  const dutch = address.country === 'NL' || address.country === 'BE';
  return {
    name: isCompany ? prng.pick(catalog.companyNames) : person,
    contact: isCompany ? person : null,
    address,
    language: dutch ? (prng.chance(0.85) ? 'nl' : 'en') : prng.chance(0.15) ? 'nl' : 'en',
  };
}

/**
 * A product's dimensions (cm) for the box advice: width and height follow from its index, not the
 * PRNG, so every other value the seed draws stays as it was; a product without a length has none.
 */
function dimensions(i: number, length: number | null): { length: number | null; width: number | null; height: number | null } {
  if (length === null) return { length: null, width: null, height: null };
  return { length, width: Math.min(length, 4 + ((i * 7) % 17)), height: 2 + ((i * 5) % 9) };
}

function randomLetters(prng: Prng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(65 + prng.int(0, 25));
  return text;
}

interface OrderBuild {
  order: RawOrder;
  picklist: RawPicklist | null;
}

export interface LineRequest {
  product: RawProduct;
  amount: number;
}

export interface Ids {
  picklistProduct: number;
  orderProduct: number;
}

/**
 * Order and picklist lines for the requested products. A virtual composition becomes a parent
 * line with `has_parts` and one child line per part (`partof_...`), as Picqer lists them.
 */
export function buildLines(
  requests: LineRequest[],
  productsById: (id: number) => RawProduct | undefined,
  parts: (id: number) => ProductPart[] | undefined,
  ids: Ids,
  locationFor: (product: RawProduct) => string,
): { orderProducts: RawOrderProduct[]; lines: RawPicklistLine[] } {
  const orderProducts: RawOrderProduct[] = [];
  const lines: RawPicklistLine[] = [];
  const add = (product: RawProduct, amount: number, parentOrder: number | null, parentLine: number | null, hasParts: boolean) => {
    const idorder_product = ids.orderProduct++;
    const idpicklist_product = ids.picklistProduct++;
    orderProducts.push({
      idorder_product,
      idproduct: product.idproduct,
      idvatgroup: product.idvatgroup,
      productcode: product.productcode,
      name: product.name,
      remarks: null,
      price: parentOrder === null ? product.price : 0,
      amount,
      amount_cancelled: 0,
      weight: product.weight,
      partof_idorder_product: parentOrder,
      has_parts: hasParts,
    });
    const location = hasParts ? null : locationFor(product);
    lines.push({
      idpicklist_product,
      idproduct: product.idproduct,
      idorder_product,
      idreturn_product_replacement: null,
      idvatgroup: product.idvatgroup,
      productcode: product.productcode,
      name: product.name,
      remarks: null,
      amount,
      amount_picked: 0,
      price: parentOrder === null ? product.price : 0,
      weight: product.weight,
      stocklocation: location,
      partof_idpicklist_product: parentLine,
      has_parts: hasParts,
      pick_locations: location === null ? [] : [{ idlocation: 30_000 + (product.idproduct % 5000), name: location, amount }],
    });
    return { idorder_product, idpicklist_product };
  };
  for (const request of requests) {
    const partList = request.product.type === 'virtual_composition' ? (parts(request.product.idproduct) ?? []) : [];
    const parent = add(request.product, request.amount, null, null, partList.length > 0);
    for (const part of partList) {
      const child = productsById(part.idproduct);
      if (child) add(child, part.amount * request.amount, parent.idorder_product, parent.idpicklist_product, false);
    }
  }
  return { orderProducts, lines };
}

export function locationName(product: RawProduct): string {
  const n = product.idproduct;
  return `${catalog.stockLocations[n % catalog.stockLocations.length] ?? 'A'}-${String((n >> 3) % 40 + 1).padStart(2, '0')}-${String(n % 7 + 1)}`;
}

/** Units on the picklist as a packer handles them: a composition counts by its parts. */
/**
 * A new picklist for (part of) an order, as Picqer makes one when an order is processed: the
 * delivery details, reference and preferences are the order's; the numbers are set from the lines.
 */
export function newPicklist(
  order: RawOrder,
  fields: { idpicklist: number; picklistid: string; idwarehouse: number; urgent: boolean; assigned_to_iduser: number | null; created: string; lines: RawPicklistLine[] },
): RawPicklist {
  return {
    idpicklist: fields.idpicklist,
    picklistid: fields.picklistid,
    idcustomer: order.idcustomer,
    idorder: order.idorder,
    idreturn: null,
    idwarehouse: fields.idwarehouse,
    idtemplate: order.idtemplate,
    idpicklist_batch: null,
    idshippingprovider_profile: order.idshippingprovider_profile,
    deliveryname: order.deliveryname,
    deliverycontact: order.deliverycontactname,
    deliveryaddress: order.deliveryaddress,
    deliveryaddress2: order.deliveryaddress2,
    deliveryzipcode: order.deliveryzipcode,
    deliverycity: order.deliverycity,
    deliveryregion: order.deliveryregion,
    deliverycountry: order.deliverycountry,
    telephone: order.telephone,
    emailaddress: order.emailaddress,
    reference: order.reference,
    assigned_to_iduser: fields.assigned_to_iduser,
    invoiced: false,
    urgent: fields.urgent,
    preferred_delivery_date: order.preferred_delivery_date,
    status: 'new',
    paused_reason: null,
    snoozed_until: null,
    closed_by_iduser: null,
    closed_at: null,
    created: fields.created,
    updated: fields.created,
    idfulfilment_customer: null,
    comment_count: 0,
    tags: Object.values(order.tags).filter((t) => t.inherit),
    products: fields.lines,
    ...totals(fields.lines),
  };
}

export function totals(lines: RawPicklistLine[]): { totalproducts: number; totalpicked: number; weight: number } {
  let totalproducts = 0;
  let totalpicked = 0;
  let weight = 0;
  for (const line of lines) {
    if (line.partof_idpicklist_product === null) weight += line.weight * line.amount;
    if (line.has_parts) continue;
    totalproducts += line.amount;
    totalpicked += line.amount_picked;
  }
  return { totalproducts, totalpicked, weight };
}

export function generateSeed(options: SeedOptions): DemoSeed {
  const seed = options.seed ?? 1;
  const productCount = Math.max(10, Math.floor(options.products ?? defaultProductCount));
  const picklistCount = Math.max(0, Math.floor(options.picklists ?? defaultPicklistCount));
  const root = createPrng(seed);
  const stamp = formatDateTime(catalog.seedEpoch - 400 * day);
  const { products, parts } = generateProducts(productCount, root.fork('products'), options.baseUrl);
  const byId = new Map(products.map((p) => [p.idproduct, p]));
  const pickable = products.filter((p) => p.active && (p.type === 'normal' || p.type === 'virtual_composition' || p.type === 'unlimited_stock'));
  const compositions = pickable.filter((p) => p.type === 'virtual_composition' && (parts[String(p.idproduct)]?.length ?? 0) > 0);
  const sharedBarcodeProduct = products[sharedBarcodeIndexes[1]];
  const prng = root.fork('orders');
  const ids: Ids = { picklistProduct: firstPicklistProductId, orderProduct: firstOrderProductId };
  const shopCounters = catalog.webshops.map((w) => w.firstOrderNumber);
  const users = catalog.users(stamp);
  const packers = users.filter((u) => u.active && u.iduser !== catalog.apiUserId);
  const activeProfiles = catalog
    .shippingProviders(stamp)
    .flatMap((p) => p.profiles)
    .filter((p) => p.active);

  const builds: OrderBuild[] = [];
  const conceptOrders = 4;
  for (let i = 0; i < picklistCount + conceptOrders; i++) {
    const isConcept = i >= picklistCount;
    const status: PicklistStatus = isConcept ? 'new' : statusFor(i, picklistCount);
    const idorder = firstOrderId + i;
    const created = catalog.seedEpoch - (picklistCount + conceptOrders - i) * 37 * 60_000 - prng.int(0, 1800) * 1000;
    const customer = customerFor(i, prng);
    const shopIndex = i === 0 ? 0 : prng.int(0, 19) === 0 ? -1 : i % catalog.webshops.length;
    const shop = catalog.webshops[shopIndex];
    let reference: string;
    if (i === 0) {
      reference = 'PS #73 / ITQRFWVHT';
      shopCounters[0] = 74;
    } else if (shop) {
      const number = shopCounters[shopIndex] ?? 1;
      shopCounters[shopIndex] = number + prng.int(1, 3);
      reference = `${shop.prefix} #${number} / ${randomLetters(prng, 9)}`;
    } else {
      reference = `Telefonische bestelling ${String(prng.int(100, 999))}`;
    }
    const lineCount = i % 6 === 2 ? 1 : prng.chance(0.4) ? 1 : prng.chance(0.5) ? prng.int(2, 3) : prng.int(4, 6);
    const requests: LineRequest[] = [];
    const used = new Set<number>();
    const addRequest = (product: RawProduct | undefined, amount: number) => {
      if (!product || used.has(product.idproduct)) return;
      used.add(product.idproduct);
      requests.push({ product, amount });
    };
    if (i % 6 === 2 && compositions.length > 0) addRequest(compositions[(i / 6) % compositions.length | 0], prng.int(1, 2));
    if (i === 2) addRequest(sharedBarcodeProduct, 1);
    while (requests.length < lineCount) addRequest(prng.pick(pickable), prng.chance(0.7) ? 1 : prng.int(2, 5));
    const { orderProducts, lines } = buildLines(requests, (id) => byId.get(id), (id) => parts[String(id)], ids, locationName);
    const language = customer.language;
    const remarks = prng.chance(0.2) || i === 1 ? prng.pick(customerRemarks(language)) : null;
    const orderTags: RawTag[] = [];
    const urgent = i % 9 === 4;
    if (urgent) orderTags.push(catalog.tags[0] as RawTag);
    for (const tag of catalog.tags.slice(1)) if (prng.chance(0.08)) orderTags.push(tag);
    const preferred = i % 7 === 3 || prng.chance(0.08) ? formatDate(catalog.seedEpoch + prng.int(1, 10) * day) : null;
    const profile = prng.chance(0.3) ? prng.pick(activeProfiles).idshippingprovider_profile : null;
    // The paused, snoozed and finished examples stay in the main warehouse, whose queue a demo shows.
    const idwarehouse = i % 5 === 4 && status === 'new' ? 1830 : 1829;
    const fields = prng.chance(0.3) || i === 1
      ? [
          { idorderfield: 11, title: language === 'nl' ? 'Cadeaubericht' : 'Gift message', value: language === 'nl' ? 'Gefeliciteerd met je verjaardag!' : 'Happy birthday!' },
          ...(prng.chance(0.5) ? [{ idorderfield: 12, title: 'Afleverinstructie', value: 'Niet in de brievenbus' }] : []),
        ]
      : [];
    const telephone = prng.chance(0.7) ? `+31 6 ${String(prng.int(10_000_000, 99_999_999))}` : null;
    const email = `${asciiEmailPart(customer.contact ?? customer.name)}${String(i)}@example.com`;
    const createdText = formatDateTime(created);
    const a = customer.address;
    const order: RawOrder = {
      idorder,
      orderid: `2026${String(i + 1).padStart(5, '0')}`,
      idcustomer: 50_001 + i,
      idtemplate: language === 'en' ? 3 : (orderTags.some((t) => t.title === 'Cadeau') ? 2 : 1),
      idshippingprovider_profile: profile,
      deliveryname: customer.name,
      deliverycontactname: customer.contact,
      deliveryaddress: a.street,
      deliveryaddress2: null,
      deliveryzipcode: a.zipcode,
      deliverycity: a.city,
      deliveryregion: a.region,
      deliverycountry: a.country,
      full_delivery_address: [customer.name, customer.contact, a.street, `${a.zipcode} ${a.city}`, a.country].filter(Boolean).join('\n'),
      invoicename: customer.name,
      invoicecontactname: customer.contact,
      invoiceaddress: a.street,
      invoiceaddress2: null,
      invoicezipcode: a.zipcode,
      invoicecity: a.city,
      invoiceregion: a.region,
      invoicecountry: a.country,
      full_invoice_address: [customer.name, customer.contact, a.street, `${a.zipcode} ${a.city}`, a.country].filter(Boolean).join('\n'),
      telephone,
      emailaddress: email,
      reference,
      customer_remarks: remarks,
      pickup_point_data: null,
      via_portal: false,
      pricelists: [],
      partialdelivery: false,
      auto_split: false,
      invoiced: false,
      preferred_delivery_date: preferred,
      discount: 0,
      calculatevat: true,
      status: isConcept ? 'concept' : 'processing',
      paused_reason: null,
      language,
      public_status_page: `${options.baseUrl}/demo-status/${String(idorder)}`,
      created: createdText,
      updated: createdText,
      warehouses: [idwarehouse],
      products: orderProducts,
      picklists: [],
      tags: Object.fromEntries(orderTags.map((t) => [t.title, t])),
      orderfields: fields,
    };
    if (isConcept) {
      builds.push({ order, picklist: null });
      continue;
    }
    const idpicklist = firstPicklistId + i;
    const picklist = newPicklist(order, {
      idpicklist,
      picklistid: `P2026-${String(i + 1).padStart(5, '0')}`,
      idwarehouse,
      urgent,
      assigned_to_iduser: status === 'new' && i % 13 === 6 ? (packers[i % packers.length]?.iduser ?? null) : null,
      created: createdText,
      lines,
    });
    applyStatus(picklist, order, status, created, prng, packers);
    Object.assign(picklist, totals(picklist.products));
    order.picklists.push({ idpicklist, picklistid: picklist.picklistid, status: picklist.status });
    builds.push({ order, picklist });
  }

  const picklists = builds.flatMap((b) => (b.picklist ? [b.picklist] : []));
  const picklistComments: Record<string, RawComment[]> = {};
  const author = packers[0] ?? users[0];
  let nextComment = 120_001;
  for (const picklist of picklists) {
    if (picklist.status !== 'paused' || !author) continue;
    const created = picklist.updated;
    picklistComments[String(picklist.idpicklist)] = [
      {
        idcomment: nextComment++,
        show_at_related: true,
        is_visible_fulfilment: false,
        body: `Gepauzeerd: ${picklist.paused_reason ?? ''}`,
        author_type: 'user',
        author: { iduser: author.iduser, username: author.username, full_name: `${author.firstname} ${author.lastname}`, image_url: null },
        source_type: 'picklist',
        source: { type: 'picklist', id: picklist.idpicklist },
        mentions: [],
        created_at: created,
        updated_at: created,
      },
    ];
    picklist.comment_count = 1;
  }

  const pickingContainers: RawPickingContainer[] = [];
  const openPicklists = picklists.filter((p) => p.status === 'new');
  for (let k = 0; k < Math.min(12, openPicklists.length); k++) {
    const picklist = openPicklists[k * 5];
    if (!picklist) break;
    pickingContainers.push({
      idpicking_container: 501 + k,
      idpicklist: picklist.idpicklist,
      name: `Bak ${String(k + 1).padStart(2, '0')}`,
      barcode: `CONT-${String(k + 1).padStart(4, '0')}`,
      created_at: picklist.created,
      updated_at: picklist.created,
    });
  }
  for (let k = 0; k < 3; k++) {
    const n = pickingContainers.length + 1;
    pickingContainers.push({ idpicking_container: 500 + n, idpicklist: null, name: `Bak ${String(n).padStart(2, '0')}`, barcode: `CONT-${String(n).padStart(4, '0')}`, created_at: stamp, updated_at: stamp });
  }

  const picklistBatches = seedBatches(openPicklists, new Set(pickingContainers.flatMap((c) => (c.idpicklist === null ? [] : [c.idpicklist]))), scannable(products), packers, stamp);

  return {
    warehouses: catalog.warehouses.map((w) => ({ ...w })),
    users,
    apiUserId: catalog.apiUserId,
    tags: catalog.tags.map((t) => ({ ...t })),
    shippingProviders: catalog.shippingProviders(stamp),
    packagings: catalog.packagings(stamp),
    templates: catalog.templates.map((t) => ({ ...t })),
    products,
    parts,
    orders: builds.map((b) => b.order),
    picklists,
    picklistComments,
    pickingContainers,
    picklistBatches,
    packingStations: seedPackingStations(),
  };
}

/**
 * Two packing stations as Picqer documents them: one office desk printing A4 on a laser printer,
 * one packing table with a ZPL label printer beside the laser printer. The printer names are the
 * kind an operating system gives, so a station with such printers can match them.
 */
function seedPackingStations(): RawPackingStation[] {
  const laser: RawStationPrinter = { idprinter: 1, name: 'Brother HL-L2350DW', format: 'a4', custom_width: null, custom_height: null, zpl_support: false, printnode_printerid: 70000001 };
  const zebra: RawStationPrinter = { idprinter: 2, name: 'Zebra GK420d', format: 'custom', custom_width: 102, custom_height: 150, zpl_support: true, printnode_printerid: 70000002 };
  const dymo: RawStationPrinter = { idprinter: 3, name: 'DYMO LabelWriter 450', format: 'custom', custom_width: 54, custom_height: 25, zpl_support: false, printnode_printerid: 70000003 };
  return [
    { idpacking_station: 1, name: 'Paktafel 1', printer_packinglists: laser, printer_shipping_labels: zebra, printer_shipping_documents: laser, printer_product_labels: dymo },
    { idpacking_station: 2, name: 'Kantoor', printer_packinglists: laser, printer_shipping_labels: laser, printer_shipping_documents: laser, printer_product_labels: null },
  ];
}

const batchWarehouse = 1829;
const normalBatchSize = 5;
const singlesBatchSize = 10;

/** Products a batch can be packed by scanning: a barcode, and no other product with the same one. */
function scannable(products: RawProduct[]): Set<number> {
  const count = new Map<string, number>();
  for (const p of products) if (p.barcode) count.set(p.barcode, (count.get(p.barcode) ?? 0) + 1);
  return new Set(products.filter((p) => p.barcode && count.get(p.barcode) === 1).map((p) => p.idproduct));
}

/**
 * Two open batches in the main warehouse, made from new picklists that already exist (so the
 * demo's counts of picklists and orders stay what they were): a `normal` batch of multi-line
 * picklists and a `singles` batch of one-unit picklists. Picklists with composition lines or a
 * product that cannot be told apart by its barcode stay out (a batch is packed by scanning), and
 * so do picking containers' picklists from the normal batch. Both are taken from the end of the
 * queue, away from the first picklists that demos and tests open by hand.
 */
function seedBatches(openPicklists: RawPicklist[], withContainer: Set<number>, canScan: Set<number>, packers: RawUser[], stamp: string): RawPicklistBatch[] {
  const candidates = openPicklists
    .filter((p) => p.idwarehouse === batchWarehouse && p.products.every((l) => !l.has_parts && l.partof_idpicklist_product === null && canScan.has(l.idproduct)))
    .reverse();
  const isSingle = (p: RawPicklist) => p.products.length === 1 && p.products[0]?.amount === 1;
  // Picking containers go with batches in Picqer; the demo's few one-unit picklists are all needed.
  const singles = candidates.filter(isSingle).slice(0, singlesBatchSize);
  const normal = candidates.filter((p) => p.products.length >= 2 && !withContainer.has(p.idpicklist)).slice(0, normalBatchSize);
  const batches: RawPicklistBatch[] = [];
  const make = (type: RawPicklistBatch['type'], members: RawPicklist[]) => {
    if (members.length === 0) return;
    const n = batches.length + 1;
    const picker = packers[n % Math.max(1, packers.length)];
    const idpicklist_batch = 3300 + n;
    for (const picklist of members) picklist.idpicklist_batch = idpicklist_batch;
    batches.push({
      idpicklist_batch,
      // A warehouse that has batched for a while: numbers of four digits, as long as a keyboard
      // wedge takes a scan to be (shorter ones need its minimum length lowered, Devices).
      picklist_batchid: 2040 + n,
      idwarehouse: batchWarehouse,
      type,
      assigned_to: picker ? { iduser: picker.iduser, full_name: `${picker.firstname} ${picker.lastname}`, username: picker.username } : null,
      created_at: stamp,
      updated_at: stamp,
      idpicklists: members.map((p) => p.idpicklist),
    });
  };
  make('normal', normal);
  make('singles', singles);
  return batches;
}

function customerRemarks(language: 'nl' | 'en'): string[] {
  return catalog.customerRemarks[language];
}

function applyStatus(picklist: RawPicklist, order: RawOrder, status: PicklistStatus, created: number, prng: Prng, packers: RawUser[]): void {
  const later = formatDateTime(created + prng.int(10, 90) * 60_000);
  picklist.status = status;
  if (status === 'new') return;
  picklist.updated = later;
  order.updated = later;
  if (status === 'paused') {
    const reason = catalog.pauseReasons[0] as string;
    picklist.paused_reason = reason;
    order.status = 'paused';
    order.paused_reason = reason;
  } else if (status === 'snoozed') {
    picklist.snoozed_until = formatDateTime(catalog.seedEpoch + prng.int(60, 90) * day);
  } else if (status === 'closed') {
    for (const line of picklist.products) line.amount_picked = line.amount;
    picklist.closed_at = later;
    picklist.closed_by_iduser = packers[0]?.iduser ?? null;
    order.status = 'completed';
  } else {
    order.status = 'cancelled';
  }
}
