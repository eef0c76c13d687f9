import { z } from 'zod';
import { picklistStatus } from '../../../shared/domain';
import type { ShippingExtraField } from '../../../shared/packing';
import type { PackingStation, StationPrinter } from '../../../shared/station-printers';
import type {
  PicqerComment,
  PicqerOrder,
  PicqerPackaging,
  PicqerParcel,
  PicqerParcelDocument,
  PicqerBatchPicklist,
  PicqerBatchProduct,
  PicqerBatchUser,
  PicqerPickingContainer,
  PicqerPicklist,
  PicqerPicklistBatch,
  PicqerPicklistBatchDetail,
  PicqerPicklistLine,
  PicqerProduct,
  PicqerShipment,
  PicqerShippingMethod,
  PicqerShippingProvider,
  PicqerTag,
  PicqerTemplate,
  PicqerUser,
  PicqerWarehouse,
} from './types';

/*
 * Picqer's payloads as they arrive, folded into the types in types.ts. Unknown fields are
 * ignored, numbers may come as strings, and every field that has had two names or two shapes
 * is accepted in both.
 */

const intLike = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const numberLike = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const textLike = z.union([z.string(), z.number().transform(String)]);
const boolLike = z.union([
  z.boolean(),
  z.number().transform((n) => n !== 0),
  z.enum(['true', 'false', '1', '0', '']).transform((s) => s === 'true' || s === '1'),
]);

function emptyToNull(value: unknown): unknown {
  return value === '' ? null : value;
}

const idOrNull = z.preprocess(emptyToNull, intLike.nullish()).transform((v) => v ?? null);
const numberOrNull = z.preprocess(emptyToNull, numberLike.nullish()).transform((v) => v ?? null);
const textOrNull = textLike.nullish().transform((v) => v ?? null);
/** Barcodes and the like, where an empty string means "none". */
const codeOrNull = textLike.nullish().transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v));

function textOr(fallback: string) {
  return textLike.nullish().transform((v) => v ?? fallback);
}

function numberOr(fallback: number) {
  return z.preprocess(emptyToNull, numberLike.nullish()).transform((v) => v ?? fallback);
}

function boolOr(fallback: boolean) {
  return boolLike.nullish().transform((v) => v ?? fallback);
}

function listOf<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((v): Array<z.output<T>> => v ?? []);
}

const tagFields = {
  idtag: intLike,
  color: textOrNull,
  textColor: textLike.nullish(),
  text_color: textLike.nullish(),
};

const tagObject = z.object({ ...tagFields, title: textLike }).transform(
  (t): PicqerTag => ({ idtag: t.idtag, title: t.title, color: t.color, textColor: t.textColor ?? t.text_color ?? null }),
);

/** A tag inside an object keyed by its title; the title may or may not be repeated inside. */
const keyedTagValue = z.object({ ...tagFields, title: textLike.nullish() });

/** `tags` as an array of tag objects (picklists since 2025-10-02) or an object keyed by title (orders, older picklists). */
export const tagsSchema = z
  .union([
    z.array(tagObject),
    z.record(z.string(), keyedTagValue).transform((byTitle): PicqerTag[] =>
      Object.entries(byTitle).map(([key, t]) => ({
        idtag: t.idtag,
        title: t.title ?? key,
        color: t.color,
        textColor: t.textColor ?? t.text_color ?? null,
      })),
    ),
  ])
  .nullish()
  .transform((v): PicqerTag[] => v ?? []);

export const tagSchema = tagObject;

export const warehouseSchema = z
  .object({ idwarehouse: intLike, name: textLike, active: boolOr(true) })
  .transform((w): PicqerWarehouse => w);

export const userSchema = z
  .object({
    iduser: intLike,
    username: textOr(''),
    firstname: textOrNull,
    first_name: textOrNull,
    lastname: textOrNull,
    last_name: textOrNull,
    emailaddress: textOrNull,
    language: textOrNull,
    admin: boolOr(false),
    active: boolOr(true),
    idpacking_station: idOrNull,
  })
  .transform(
    (u): PicqerUser => ({
      iduser: u.iduser,
      username: u.username,
      firstname: u.firstname ?? u.first_name,
      lastname: u.lastname ?? u.last_name,
      emailaddress: u.emailaddress,
      language: u.language,
      admin: u.admin,
      active: u.active,
      idpacking_station: u.idpacking_station,
    }),
  );

const shippingProfileSchema = z.object({
  idshippingprovider_profile: intLike,
  name: textOr(''),
  standard: boolOr(false),
  active: boolOr(true),
});

export const shippingProviderSchema = z
  .object({
    idshippingprovider: intLike,
    name: textOr(''),
    provider: textOr(''),
    active: boolOr(true),
    profiles: listOf(shippingProfileSchema),
  })
  .transform((p): PicqerShippingProvider => p);

export const packagingSchema = z
  .object({
    idpackaging: intLike,
    name: textOr(''),
    barcode: codeOrNull,
    length: numberOrNull,
    width: numberOrNull,
    height: numberOrNull,
    use_in_auto_advice: boolOr(false),
    active: boolOr(true),
  })
  .transform((p): PicqerPackaging => p);

export const templateSchema = z
  .object({ idtemplate: intLike, name: textOr(''), default: boolOr(false) })
  .transform((t): PicqerTemplate => t);

const imageSchema = z.union([textLike, z.object({ url: z.string() }).transform((i) => i.url)]);

export const productSchema = z
  .object({
    idproduct: intLike,
    productcode: textLike,
    name: textOr(''),
    barcode: codeOrNull,
    productcode_supplier: codeOrNull,
    type: textLike.nullish(),
    unlimitedstock: boolLike.nullish(),
    active: boolOr(true),
    weight: numberOrNull,
    length: numberOrNull,
    width: numberOrNull,
    height: numberOrNull,
    images: listOf(imageSchema),
    updated: textOrNull,
  })
  .transform(
    (p): Omit<PicqerProduct, 'raw'> => ({
      idproduct: p.idproduct,
      productcode: p.productcode,
      name: p.name,
      barcode: p.barcode,
      productcode_supplier: p.productcode_supplier,
      type: p.type ?? (p.unlimitedstock ? 'unlimited_stock' : 'normal'),
      active: p.active,
      weight: p.weight,
      length: p.length,
      width: p.width,
      height: p.height,
      images: p.images,
      updated: p.updated,
    }),
  );

const pickLocationSchema = z.object({ idlocation: idOrNull, name: textOr(''), amount: numberOr(0) });

export const picklistLineSchema = z
  .object({
    idpicklist_product: intLike,
    idproduct: intLike,
    idorder_product: idOrNull,
    productcode: textOr(''),
    name: textOr(''),
    remarks: textOrNull,
    amount: numberLike,
    amount_picked: numberLike.nullish(),
    amountpicked: numberLike.nullish(),
    stocklocation: textOrNull,
    stock_location: textOrNull,
    has_parts: boolOr(false),
    partof_idpicklist_product: idOrNull,
    pick_locations: listOf(pickLocationSchema),
  })
  .transform(
    (l): PicqerPicklistLine => ({
      idpicklist_product: l.idpicklist_product,
      idproduct: l.idproduct,
      idorder_product: l.idorder_product,
      productcode: l.productcode,
      name: l.name,
      remarks: l.remarks,
      amount: l.amount,
      amount_picked: l.amount_picked ?? l.amountpicked ?? 0,
      stocklocation: l.stocklocation ?? l.stock_location,
      has_parts: l.has_parts,
      partof_idpicklist_product: l.partof_idpicklist_product,
      pick_locations: l.pick_locations,
    }),
  );

export const picklistSchema = z
  .object({
    idpicklist: intLike,
    picklistid: textLike,
    idorder: idOrNull,
    idwarehouse: intLike,
    idcustomer: idOrNull,
    idtemplate: idOrNull,
    idshippingprovider_profile: idOrNull,
    deliveryname: textOrNull,
    deliverycontact: textOrNull,
    deliveryaddress: textOrNull,
    deliveryaddress2: textOrNull,
    deliveryzipcode: textOrNull,
    deliverycity: textOrNull,
    deliveryregion: textOrNull,
    deliverycountry: textOrNull,
    emailaddress: textOrNull,
    telephone: textOrNull,
    reference: textOrNull,
    assigned_to_iduser: idOrNull,
    urgent: boolOr(false),
    preferred_delivery_date: textOrNull,
    status: picklistStatus,
    paused_reason: textOrNull,
    snoozed_until: textOrNull,
    totalproducts: numberLike.nullish(),
    totalpicked: numberLike.nullish(),
    weight: numberOrNull,
    comment_count: numberOr(0),
    tags: tagsSchema,
    created: textOrNull,
    updated: textOrNull,
    closed_at: textOrNull,
    products: listOf(picklistLineSchema),
  })
  .transform(
    (p): Omit<PicqerPicklist, 'raw'> => ({
      ...p,
      totalproducts: p.totalproducts ?? p.products.reduce((sum, l) => sum + l.amount, 0),
      totalpicked: p.totalpicked ?? p.products.reduce((sum, l) => sum + l.amount_picked, 0),
    }),
  );

const orderFieldSchema = z.object({ idorderfield: intLike, title: textOr(''), value: textOrNull });

export const orderSchema = z
  .object({
    idorder: intLike,
    orderid: textLike,
    reference: textOrNull,
    status: textLike,
    paused_reason: textOrNull,
    customer_remarks: textOrNull,
    language: textOrNull,
    idtemplate: idOrNull,
    preferred_delivery_date: textOrNull,
    deliveryname: textOrNull,
    // Orders spell the contact names `deliverycontactname` and `invoicecontactname`
    // (picqer.com/en/api/orders, attribute table and examples); picklists say `deliverycontact`.
    // Both are read, the documented one first.
    deliverycontactname: textOrNull,
    deliverycontact: textOrNull,
    deliveryaddress: textOrNull,
    deliveryaddress2: textOrNull,
    deliveryzipcode: textOrNull,
    deliverycity: textOrNull,
    deliveryregion: textOrNull,
    deliverycountry: textOrNull,
    invoicename: textOrNull,
    invoicecontactname: textOrNull,
    invoicecontact: textOrNull,
    invoiceaddress: textOrNull,
    invoiceaddress2: textOrNull,
    invoicezipcode: textOrNull,
    invoicecity: textOrNull,
    invoiceregion: textOrNull,
    invoicecountry: textOrNull,
    emailaddress: textOrNull,
    telephone: textOrNull,
    orderfields: listOf(orderFieldSchema),
    tags: tagsSchema,
    created: textOrNull,
    updated: textOrNull,
  })
  .transform(({ deliverycontactname, invoicecontactname, ...o }): Omit<PicqerOrder, 'raw'> => ({
    ...o,
    deliverycontact: deliverycontactname ?? o.deliverycontact,
    invoicecontact: invoicecontactname ?? o.invoicecontact,
  }));

function formatFromUrl(url: string): string | null {
  const path = url.split('?')[0]?.toLowerCase() ?? '';
  if (path.endsWith('.zpl')) return 'zpl';
  if (path.endsWith('.pdf')) return 'pdf';
  return null;
}

const documentSchema = z
  .object({
    idparcel_document: idOrNull,
    type: textOr('label'),
    size: textOrNull,
    format: textLike.nullish(),
    url: z.string().min(1),
  })
  .transform(
    (d): PicqerParcelDocument => ({
      idparcel_document: d.idparcel_document,
      type: d.type.toLowerCase(),
      size: d.size,
      format: (d.format ?? formatFromUrl(d.url) ?? 'pdf').toLowerCase(),
      url: d.url,
    }),
  );

const parcelSchema = z
  .object({
    idparcel: idOrNull,
    idpackaging: idOrNull,
    weight: numberOrNull,
    tracking_code: textOrNull,
    trackingcode: textOrNull,
    tracking_url: textOrNull,
    tracktraceurl: textOrNull,
    documents: listOf(documentSchema),
  })
  .transform(
    (p): PicqerParcel => ({
      idparcel: p.idparcel,
      idpackaging: p.idpackaging,
      weight: p.weight,
      tracking_code: p.tracking_code ?? p.trackingcode,
      tracking_url: p.tracking_url ?? p.tracktraceurl,
      documents: p.documents,
    }),
  );

function topLevelLabels(s: { labelurl: string | null; labelurl_pdf: string | null; labelurl_zpl: string | null }): PicqerParcelDocument[] {
  const documents: PicqerParcelDocument[] = [];
  const add = (url: string | null, format: string) => {
    if (url && !documents.some((d) => d.url === url)) documents.push({ idparcel_document: null, type: 'label', size: null, format, url });
  };
  add(s.labelurl_pdf, 'pdf');
  add(s.labelurl_zpl, 'zpl');
  if (s.labelurl) add(s.labelurl, formatFromUrl(s.labelurl) ?? 'pdf');
  return documents;
}

/** A shipment with its labels top-level (older API), per parcel (since 2025-12-16), or both. */
export const shipmentSchema = z
  .object({
    idshipment: intLike,
    idpicklist: idOrNull,
    idorder: idOrNull,
    idpackaging: idOrNull,
    idshippingprovider_profile: idOrNull,
    idcompany_shippingprovider_profile: idOrNull,
    provider: textOrNull,
    providername: textOrNull,
    profile_name: textOrNull,
    carrier_key: textOrNull,
    trackingcode: textOrNull,
    tracking_code: textOrNull,
    tracktraceurl: textOrNull,
    trackingurl: textOrNull,
    labelurl: codeOrNull,
    labelurl_pdf: codeOrNull,
    labelurl_zpl: codeOrNull,
    weight: numberOrNull,
    cancelled: boolOr(false),
    created: textOrNull,
    parcels: listOf(parcelSchema),
  })
  .transform((s): Omit<PicqerShipment, 'raw'> => {
    const labels = topLevelLabels(s);
    const trackingcode = s.trackingcode ?? s.tracking_code;
    const tracktraceurl = s.tracktraceurl ?? s.trackingurl;
    let parcels = s.parcels;
    const hasParcelLabels = parcels.some((p) => p.documents.some((d) => d.type === 'label'));
    if (parcels.length === 0 && labels.length > 0) {
      parcels = [{ idparcel: null, idpackaging: s.idpackaging, weight: s.weight, tracking_code: trackingcode, tracking_url: tracktraceurl, documents: labels }];
    } else if (parcels.length === 1 && !hasParcelLabels && labels.length > 0) {
      const only = parcels[0] as PicqerParcel;
      parcels = [{ ...only, documents: [...labels, ...only.documents] }];
    }
    return {
      idshipment: s.idshipment,
      idpicklist: s.idpicklist,
      idorder: s.idorder,
      idpackaging: s.idpackaging ?? parcels[0]?.idpackaging ?? null,
      idshippingprovider_profile: s.idshippingprovider_profile ?? s.idcompany_shippingprovider_profile,
      provider: s.provider,
      providername: s.providername,
      profile_name: s.profile_name,
      carrier_key: s.carrier_key,
      trackingcode: trackingcode ?? parcels.find((p) => p.tracking_code)?.tracking_code ?? null,
      tracktraceurl: tracktraceurl ?? parcels.find((p) => p.tracking_url)?.tracking_url ?? null,
      weight: s.weight,
      cancelled: s.cancelled,
      created: s.created,
      parcels,
    };
  });

/*
 * One of a shipping method's `extra_fields`. Picqer's docs (picqer.com/en/api/picklist-shipments,
 * "Get allowed shipping methods for picklist") show the list only empty and the official PHP
 * client passes it through untouched, so the item's names are not settled: the usual spellings
 * are read, an item without a key is dropped, and a field counts as required only when it says so.
 */
const extraFieldValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const extraFieldSchema = z
  .object({
    identifier: textOrNull.optional(),
    key: textOrNull.optional(),
    name: textOrNull.optional(),
    title: textOrNull.optional(),
    label: textOrNull.optional(),
    required: boolLike.nullish().catch(null),
    is_required: boolLike.nullish().catch(null),
    mandatory: boolLike.nullish().catch(null),
    default: extraFieldValue.nullish().catch(null),
    default_value: extraFieldValue.nullish().catch(null),
    value: extraFieldValue.nullish().catch(null),
    options: z
      .union([
        z.array(z.union([extraFieldValue.transform((v) => ({ value: v, title: v })), z.object({ value: extraFieldValue, title: extraFieldValue.nullish(), label: extraFieldValue.nullish() }).transform((o) => ({ value: o.value, title: o.title ?? o.label ?? o.value }))])),
        z.record(z.string(), extraFieldValue).transform((o) => Object.entries(o).map(([value, title]) => ({ value, title }))),
      ])
      .nullish()
      .catch(null),
  })
  .transform((f): ShippingExtraField | null => {
    const key = f.identifier ?? f.key ?? f.name ?? null;
    if (!key) return null;
    return {
      key,
      title: f.title ?? f.label ?? f.name ?? key,
      isRequired: Boolean(f.required ?? f.is_required ?? f.mandatory ?? false),
      defaultValue: f.default ?? f.default_value ?? f.value ?? null,
      options: f.options ?? [],
    };
  });

export const shippingMethodSchema = z
  .object({
    idshippingprovider_profile: intLike.nullish(),
    idshippingprofile: intLike.nullish(),
    name: textOr(''),
    provider: textOrNull,
    selected: boolOr(false),
    extra_fields: z
      .union([
        z.array(z.unknown()),
        // Keyed by the field's identifier: the key stands in when the item names none.
        z.record(z.string(), z.unknown()).transform((o) => Object.entries(o).map(([key, item]) => (item && typeof item === 'object' ? { key, ...item } : { key, default: item }))),
      ])
      .nullish(),
  })
  .refine((m) => (m.idshippingprovider_profile ?? m.idshippingprofile) != null, { message: 'shipping method without a profile id' })
  .transform(
    (m): PicqerShippingMethod => ({
      idshippingprovider_profile: (m.idshippingprovider_profile ?? m.idshippingprofile) as number,
      name: m.name,
      provider: m.provider,
      selected: m.selected,
      extra_fields: (m.extra_fields ?? []).flatMap((item) => {
        const parsed = extraFieldSchema.safeParse(item);
        return parsed.success && parsed.data ? [parsed.data] : [];
      }),
    }),
  );

const commentAuthorSchema = z.object({ full_name: textOrNull, username: textOrNull }).nullish();

export const commentSchema = z
  .object({ idcomment: intLike, body: textOr(''), created_at: textOrNull, created: textOrNull, author: commentAuthorSchema })
  .transform((c): PicqerComment => {
    const author = c.author?.full_name?.trim() || c.author?.username || null;
    return { idcomment: c.idcomment, body: c.body, created_at: c.created_at ?? c.created, ...(author ? { author } : {}) };
  });

export const pickingContainerSchema = z
  .object({ idpicking_container: intLike, idpicklist: idOrNull, name: textOr(''), barcode: codeOrNull })
  .transform((c): PicqerPickingContainer => c);

/*
 * Picklist batches. The list fields follow picqer.com/en/api/picklist-batches; `assigned_to` and
 * `completed_by` are documented as "array" and shown as an object or null. A type other than the
 * two documented ones is read as `normal`, the reading that asks nothing of the picklists' sizes.
 */
const batchUserSchema = z
  .object({ iduser: intLike, full_name: textOrNull, username: textOrNull })
  .nullish()
  .catch(null)
  .transform((u): PicqerBatchUser | null => u ?? null);

const batchFields = {
  idpicklist_batch: intLike,
  picklist_batchid: textLike,
  idwarehouse: idOrNull,
  type: z.enum(['singles', 'normal']).catch('normal'),
  status: z.enum(['open', 'completed']),
  assigned_to: batchUserSchema,
  completed_by: batchUserSchema,
  total_products: numberOr(0),
  total_picklists: numberOr(0),
  completed_at: textOrNull,
  created_at: textOrNull,
  updated_at: textOrNull,
};

export const picklistBatchSchema = z.object(batchFields).transform((b): PicqerPicklistBatch => b);

/*
 * The detail's entries are not tabled in Picqer's docs; the fields read here are the ones
 * production clients of the endpoint use. Only the ids and the per-picklist `amount` are required.
 */
const batchPicklistSchema = z
  .object({
    idpicklist: intLike,
    picklistid: textOr(''),
    reference: textOrNull,
    alias: codeOrNull,
    status: picklistStatus.nullish().catch(null),
    total_products: numberOrNull,
    delivery_name: textOrNull,
    deliveryname: textOrNull,
  })
  .transform(
    (p): PicqerBatchPicklist => ({
      idpicklist: p.idpicklist,
      picklistid: p.picklistid,
      reference: p.reference,
      alias: p.alias,
      status: p.status ?? null,
      total_products: p.total_products,
      delivery_name: p.delivery_name ?? p.deliveryname,
    }),
  );

const batchProductSchema = z
  .object({
    idproduct: intLike,
    productcode: textOr(''),
    name: textOr(''),
    stock_location: textOrNull,
    stocklocation: textOrNull,
    picklists: listOf(
      z.object({ idpicklist: intLike, amount: numberLike, amount_picked: numberOr(0), amount_collected: numberOr(0) }),
    ),
  })
  .transform(
    (p): PicqerBatchProduct => ({
      idproduct: p.idproduct,
      productcode: p.productcode,
      name: p.name,
      stock_location: p.stock_location ?? p.stocklocation,
      picklists: p.picklists,
    }),
  );

export const picklistBatchDetailSchema = z
  .object({ ...batchFields, picklists: listOf(batchPicklistSchema), products: listOf(batchProductSchema) })
  .transform((b): PicqerPicklistBatchDetail => b);

/** `{pdf: base64}` as Picqer documents it, also wrapped in `data` as the PHP client returns it. */
export const pdfEnvelopeSchema = z.union([
  z.object({ pdf: z.string().min(1) }).transform((e) => e.pdf),
  z.object({ data: z.object({ pdf: z.string().min(1) }) }).transform((e) => e.data.pdf),
]);

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The first problem, named by its field, e.g. `status: Invalid option ... (got "archived")`. */
export function describeIssue(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.map(String).join('.') || 'record';
  let received: unknown = input;
  for (const key of issue.path) {
    received = typeof received === 'object' && received !== null ? (received as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return `${path}: ${issue.message} (got ${show(received)})`;
}

/** A short picture of a bad value for the log; never the whole of a large or deep one. */
function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/**
 * Picqer's records are a few levels deep (picklist > line > pick location). A record nested far
 * deeper is junk, and storing its raw payload would overflow JSON.stringify's stack.
 */
export const maxRecordDepth = 32;

export function isWithinDepth(value: unknown, maxDepth = maxRecordDepth): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= maxDepth) return false;
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: next.depth + 1 });
    }
  }
  return true;
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, reason: describeIssue(result.error, input) };
}

/** For types that keep the payload they came from (for debugging, never for logic). */
export function parseWithRaw<T>(schema: z.ZodType<Omit<T, 'raw'>>, input: unknown): ParseResult<T> {
  if (!isWithinDepth(input)) return { ok: false, reason: `record: nested more than ${maxRecordDepth} levels deep` };
  const result = parseWith(schema, input);
  return result.ok ? { ok: true, value: { ...result.value, raw: input } as T } : result;
}

/** A packing station's printer (picqer.com/en/api/packingstations); past the id and name every field may be missing. */
const stationPrinterSchema = z
  .object({
    idprinter: intLike,
    name: textOr(''),
    format: textOrNull,
    custom_width: numberOrNull,
    custom_height: numberOrNull,
    zpl_support: boolOr(false),
  })
  .transform(
    (p): StationPrinter => ({ idprinter: p.idprinter, name: p.name, format: p.format, customWidth: p.custom_width, customHeight: p.custom_height, hasZpl: p.zpl_support }),
  );

const stationPrinterOrNull = stationPrinterSchema.nullish().transform((p) => p ?? null);

export const packingStationSchema = z
  .object({
    idpacking_station: intLike,
    name: textOr(''),
    printer_packinglists: stationPrinterOrNull,
    printer_shipping_labels: stationPrinterOrNull,
    printer_shipping_documents: stationPrinterOrNull,
    printer_product_labels: stationPrinterOrNull,
  })
  .transform(
    (s): PackingStation => ({
      idpacking_station: s.idpacking_station,
      name: s.name,
      packingSlip: s.printer_packinglists,
      label: s.printer_shipping_labels,
      documents: s.printer_shipping_documents,
      productLabel: s.printer_product_labels,
    }),
  );
