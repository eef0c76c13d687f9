import { parseDateTime } from './dates';
import { DemoApiError, missing, notFound, picqerErrorCodes } from './errors';
import { packingListPdf } from './packing-list';
import { presentPicklist, presentShipment, type LabelShape, type PicklistTagShape } from './present';
import type { DemoState, ShipmentInput } from './state';
import type { DemoVariants } from './variants';

export const pageSize = 100;

export interface RouteOptions {
  labelShape: LabelShape;
  picklistTagShape: PicklistTagShape;
  packinglistPdf: 'json' | 'raw';
  /** Which reading of each behaviour Picqer's docs leave open the demo plays. */
  variants: DemoVariants;
}

export interface RouteContext {
  state: DemoState;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  options: RouteOptions;
}

export type RouteResult = { status: number; json: unknown } | { status: number; bytes: Buffer; contentType: string; filename?: string };

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

const ok = (json: unknown, status = 200): RouteResult => ({ status, json });

function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw missing(`${name} must be a whole number`);
  return Number(value);
}

function textParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

/** Every list is a bare array of at most 100 items; `offset` moves through it. */
function page<T>(list: readonly T[], query: URLSearchParams, present: (item: T) => unknown = (item) => item): RouteResult {
  const offset = intParam(query, 'offset') ?? 0;
  return ok(list.slice(offset, offset + pageSize).map(present));
}

function id(ctx: RouteContext, index = 0): number {
  return Number(ctx.params[index]);
}

function picklistResult(ctx: RouteContext, picklist: Parameters<typeof presentPicklist>[0]): RouteResult {
  return ok(presentPicklist(picklist, ctx.options.picklistTagShape));
}

const listFilters = {
  products(query: URLSearchParams) {
    const idproductsText = textParam(query, 'idproducts');
    let idproducts: number[] | undefined;
    if (idproductsText !== undefined) {
      const parts = idproductsText.split(',').map((p) => p.trim()).filter((p) => p !== '');
      if (parts.some((p) => !/^\d+$/.test(p))) throw missing('idproducts must be a comma-separated list of ids');
      idproducts = parts.map(Number);
    }
    const updatedAfter = textParam(query, 'updated_after');
    if (updatedAfter !== undefined && parseDateTime(updatedAfter) === null) throw missing('updated_after must be a date as YYYY-MM-DD HH:MM:SS');
    return {
      productcode: textParam(query, 'productcode'),
      updated_after: updatedAfter === undefined || updatedAfter.length > 10 ? updatedAfter : `${updatedAfter} 00:00:00`,
      idproducts,
      search: textParam(query, 'search'),
      type: textParam(query, 'type'),
    };
  },
  picklists(query: URLSearchParams) {
    return {
      status: textParam(query, 'status'),
      idwarehouse: intParam(query, 'idwarehouse'),
      picklistid: textParam(query, 'picklistid'),
      sinceid: intParam(query, 'sinceid'),
      beforeid: intParam(query, 'beforeid'),
      assigned_to_iduser: intParam(query, 'assigned_to_iduser'),
    };
  },
  picklistBatches(query: URLSearchParams) {
    return {
      idwarehouse: intParam(query, 'idwarehouse'),
      assigned_to_iduser: intParam(query, 'assigned_to_iduser'),
      type: textParam(query, 'type'),
      status: textParam(query, 'status'),
    };
  },
  orders(query: URLSearchParams) {
    return {
      search: textParam(query, 'search'),
      reference: textParam(query, 'reference'),
      orderid: textParam(query, 'orderid'),
      status: textParam(query, 'status'),
      idwarehouse: intParam(query, 'idwarehouse'),
      sinceid: intParam(query, 'sinceid'),
    };
  },
};

const n = '(\\d+)';
const path = (text: string) => new RegExp(`^/api/v1${text.replace(/\{id\}/g, n)}/?$`);

export const routes: Route[] = [
  { method: 'GET', pattern: path('/warehouses'), handle: (ctx) => page(ctx.state.warehouses, ctx.query) },
  {
    method: 'GET',
    pattern: path('/warehouses/{id}'),
    handle: (ctx) => ok(ctx.state.warehouses.find((w) => w.idwarehouse === id(ctx)) ?? raise(notFound('Warehouse'))),
  },
  {
    // Variant no-users-me: the key's user is not told (an API key is no user in Picqer's eyes).
    method: 'GET',
    pattern: path('/users/me'),
    handle: (ctx) => (ctx.options.variants.noUsersMe ? raise(notFound('User')) : ok(ctx.state.me())),
  },
  {
    method: 'GET',
    pattern: path('/users'),
    handle: (ctx) => page(ctx.query.get('active') === 'true' ? ctx.state.users.filter((u) => u.active) : ctx.state.users, ctx.query),
  },
  { method: 'GET', pattern: path('/users/{id}'), handle: (ctx) => ok(ctx.state.users.find((u) => u.iduser === id(ctx)) ?? raise(notFound('User'))) },
  { method: 'GET', pattern: path('/shippingproviders'), handle: (ctx) => page(ctx.state.shippingProviders, ctx.query) },
  {
    method: 'GET',
    pattern: path('/packagings'),
    handle: (ctx) => page(ctx.query.get('inactive') === 'true' ? ctx.state.packagings : ctx.state.packagings.filter((p) => p.active), ctx.query),
  },
  { method: 'GET', pattern: path('/tags'), handle: (ctx) => page(ctx.state.tags, ctx.query) },
  { method: 'GET', pattern: path('/templates'), handle: (ctx) => page(ctx.state.templates, ctx.query) },
  {
    method: 'GET',
    pattern: path('/products'),
    handle: (ctx) => {
      const filter = listFilters.products(ctx.query);
      // Variant: a backend that reads every filter but updated_after, and so answers the catalogue.
      return page(ctx.state.listProducts(ctx.options.variants.ignoresUpdatedAfter ? { ...filter, updated_after: undefined } : filter), ctx.query);
    },
  },
  { method: 'GET', pattern: path('/products/{id}'), handle: (ctx) => ok(ctx.state.getProduct(id(ctx))) },
  {
    method: 'GET',
    pattern: path('/products/{id}/parts'),
    handle: (ctx) => {
      const product = ctx.state.getProduct(id(ctx));
      const parts = ctx.state.parts.get(product.idproduct);
      if (!parts) throw new DemoApiError(404, picqerErrorCodes.itemNotFound, 'Product has no parts');
      return ok(
        parts.map((p) => {
          const part = ctx.state.findProduct(p.idproduct);
          return { ...p, productcode: part?.productcode ?? '', name: part?.name ?? '' };
        }),
      );
    },
  },
  {
    method: 'GET',
    pattern: path('/picklists'),
    handle: (ctx) => page(ctx.state.listPicklists(listFilters.picklists(ctx.query)), ctx.query, (p) => presentPicklist(p, ctx.options.picklistTagShape)),
  },
  { method: 'GET', pattern: path('/picklists/{id}'), handle: (ctx) => picklistResult(ctx, ctx.state.getPicklist(id(ctx))) },
  { method: 'POST', pattern: path('/picklists/{id}/pick'), handle: (ctx) => picklistResult(ctx, ctx.state.pick(id(ctx), ctx.body)) },
  { method: 'POST', pattern: path('/picklists/{id}/pickall'), handle: (ctx) => picklistResult(ctx, ctx.state.pickAll(id(ctx))) },
  { method: 'POST', pattern: path('/picklists/{id}/close'), handle: (ctx) => picklistResult(ctx, ctx.state.closePicklist(id(ctx))) },
  { method: 'POST', pattern: path('/picklists/{id}/cancel'), handle: (ctx) => picklistResult(ctx, ctx.state.cancelPicklist(id(ctx))) },
  { method: 'POST', pattern: path('/picklists/{id}/assign'), handle: (ctx) => picklistResult(ctx, ctx.state.assignPicklist(id(ctx), ctx.body.iduser)) },
  { method: 'POST', pattern: path('/picklists/{id}/unassign'), handle: (ctx) => picklistResult(ctx, ctx.state.unassignPicklist(id(ctx))) },
  { method: 'POST', pattern: path('/picklists/{id}/snooze'), handle: (ctx) => picklistResult(ctx, ctx.state.snoozePicklist(id(ctx), ctx.body.snooze_until)) },
  {
    // Not in Picqer's docs nor its PHP client; variant no-picklist-pause answers as for any
    // unknown route, and only the order's pause (documented) is left.
    method: 'POST',
    pattern: path('/picklists/{id}/pause'),
    handle: (ctx) =>
      ctx.options.variants.noPicklistPause
        ? raise(new DemoApiError(404, picqerErrorCodes.notImplemented, 'API function not found'))
        : picklistResult(ctx, ctx.state.pausePicklist(id(ctx), ctx.body.reason)),
  },
  { method: 'POST', pattern: path('/picklists/{id}/resume'), handle: (ctx) => picklistResult(ctx, ctx.state.resumePicklist(id(ctx))) },
  { method: 'GET', pattern: path('/picklists/{id}/comments'), handle: (ctx) => page(ctx.state.listComments(id(ctx)), ctx.query) },
  { method: 'POST', pattern: path('/picklists/{id}/comments'), handle: (ctx) => ok(ctx.state.addComment(id(ctx), ctx.body.body), 201) },
  {
    method: 'GET',
    pattern: path('/picklists/{id}/shippingmethods'),
    // no-selected-flag: the answer carries no `selected` at all, so no method is the default.
    handle: (ctx) =>
      ok(ctx.options.variants.noSelectedFlag ? ctx.state.shippingMethods(id(ctx)).map(({ selected: _selected, ...method }) => method) : ctx.state.shippingMethods(id(ctx))),
  },
  {
    method: 'GET',
    pattern: path('/picklists/{id}/shipments'),
    handle: (ctx) => ok(ctx.state.listShipments(id(ctx)).map((s) => presentShipment(s, ctx.options.labelShape))),
  },
  {
    // Picqer's default response without ?return=shipment is not documented; the demo answers with
    // the shipment object either way, which is what clients asking for it expect.
    method: 'POST',
    pattern: path('/picklists/{id}/shipments'),
    handle: (ctx) => ok(presentShipment(ctx.state.createShipment(id(ctx), ctx.body as ShipmentInput), ctx.options.labelShape), 201),
  },
  {
    method: 'DELETE',
    pattern: path('/picklists/{id}/shipments/{id}'),
    handle: (ctx) => ok(presentShipment(ctx.state.cancelShipment(id(ctx), id(ctx, 1)), ctx.options.labelShape)),
  },
  {
    method: 'GET',
    pattern: path('/picklists/{id}/packinglistpdf'),
    handle: async (ctx) => {
      const picklist = ctx.state.getPicklist(id(ctx));
      const order = picklist.idorder === null ? undefined : ctx.state.findOrder(picklist.idorder);
      const pdf = await packingListPdf(picklist, order);
      const filename = `packinglist-${picklist.picklistid}.pdf`;
      if (ctx.options.packinglistPdf === 'raw') return { status: 200, bytes: pdf, contentType: 'application/pdf', filename };
      return ok({ pdf: pdf.toString('base64'), filename });
    },
  },
  {
    method: 'GET',
    pattern: path('/picklists/batches'),
    handle: (ctx) => {
      refuseBatches(ctx);
      return page(ctx.state.listPicklistBatches(listFilters.picklistBatches(ctx.query)), ctx.query);
    },
  },
  {
    method: 'GET',
    pattern: path('/picklists/batches/{id}'),
    handle: (ctx) => {
      refuseBatches(ctx);
      const batch = ctx.state.getPicklistBatch(id(ctx));
      if (!ctx.options.variants.bareBatchEntries) return ok(batch);
      return ok({
        ...batch,
        picklists: batch.picklists.map((p) => ({ idpicklist: p.idpicklist })),
        products: batch.products.map((p) => ({ idproduct: p.idproduct, name: p.name, picklists: p.picklists.map((e) => ({ idpicklist: e.idpicklist, amount: e.amount })) })),
      });
    },
  },
  {
    method: 'GET',
    pattern: path('/packingstations'),
    handle: (ctx) => {
      // Variant: an account whose API does not offer packing stations; the wording is the demo's own.
      const refused = ctx.options.variants.noPackingStations;
      if (refused === 404) throw notFound('Packing stations');
      if (refused === 401) throw new DemoApiError(401, picqerErrorCodes.unknown, 'This API key may not read packing stations');
      if (refused === 403) throw new DemoApiError(403, picqerErrorCodes.unknown, 'Packing stations are not enabled for this account');
      return page(ctx.state.packingStations, ctx.query);
    },
  },
  {
    // Not paginated in Picqer ("for now"), so no offset handling here.
    method: 'GET',
    pattern: path('/picking-containers'),
    handle: (ctx) => {
      // Variant: an account without picking containers. The bodies are Picqer's error format; the
      // wording is the demo's own.
      const refused = ctx.options.variants.noContainers;
      if (refused === 404) throw notFound('Picking containers');
      if (refused === 401) throw new DemoApiError(401, picqerErrorCodes.unknown, 'This API key may not use picking containers');
      if (refused === 403) throw new DemoApiError(403, picqerErrorCodes.unknown, 'Picking containers are not enabled for this account');
      return ok(ctx.state.listPickingContainers(intParam(ctx.query, 'idpicklist')));
    },
  },
  {
    method: 'GET',
    pattern: path('/picking-containers/{id}'),
    handle: (ctx) => ok(ctx.state.pickingContainers.find((c) => c.idpicking_container === id(ctx)) ?? raise(notFound('Picking container'))),
  },
  { method: 'GET', pattern: path('/orders'), handle: (ctx) => page(ctx.state.listOrders(listFilters.orders(ctx.query)), ctx.query) },
  { method: 'GET', pattern: path('/orders/{id}'), handle: (ctx) => ok(ctx.state.getOrder(id(ctx))) },
  { method: 'POST', pattern: path('/orders/{id}/process'), handle: (ctx) => ok(ctx.state.processOrder(id(ctx))) },
  { method: 'POST', pattern: path('/orders/{id}/pause'), handle: (ctx) => ok(ctx.state.pauseOrder(id(ctx), ctx.body.reason)) },
  { method: 'POST', pattern: path('/orders/{id}/resume'), handle: (ctx) => ok(ctx.state.resumeOrder(id(ctx))) },
  {
    method: 'DELETE',
    pattern: path('/orders/{id}'),
    handle: (ctx) => ok(ctx.state.cancelOrder(id(ctx), { force: ctx.query.get('force') === 'true' || ctx.query.get('force') === '1' })),
  },
];

/** Variant: an account without picklist batches. Picqer's error format, the demo's own words. */
function refuseBatches(ctx: RouteContext): void {
  const refused = ctx.options.variants.noBatches;
  if (refused === 404) throw notFound('Picklist batches');
  if (refused === 401) throw new DemoApiError(401, picqerErrorCodes.unknown, 'This API key may not use picklist batches');
  if (refused === 403) throw new DemoApiError(403, picqerErrorCodes.unknown, 'Picklist batches are not enabled for this account');
}

function raise(error: DemoApiError): never {
  throw error;
}

export function matchRoute(method: string, pathname: string): { route: Route; params: string[] } | { route: null; pathKnown: boolean } {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method === method) return { route, params: match.slice(1) };
    pathKnown = true;
  }
  return { route: null, pathKnown };
}
