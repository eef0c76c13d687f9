import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { systemClock, type Clock } from '../infra/clock';
import { createLogger, registerSecret } from '../infra/log';
import { checkDocumentBody, checkDocumentUrl, checkRedirect, isPdf, maxBytesFor, maxRedirects } from './url-policy';
import { badResponse, errorFromResponse, isHtmlAnswer, PicqerError } from './errors';
import { defaultMaxResponseBytes, sendHttp, type FetchLike, type HttpRequest, type HttpResponse } from './http';
import { paginate, parsePage } from './pagination';
import { sharedScheduler, type RequestScheduler, type SchedulerOptions, type SchedulerStats } from './scheduler';
import {
  commentSchema,
  orderSchema,
  packagingSchema,
  parseWith,
  parseWithRaw,
  pdfEnvelopeSchema,
  pickingContainerSchema,
  picklistBatchDetailSchema,
  picklistBatchSchema,
  picklistSchema,
  productSchema,
  shipmentSchema,
  shippingMethodSchema,
  shippingProviderSchema,
  tagSchema,
  templateSchema,
  userSchema,
  warehouseSchema,
  packingStationSchema,
  type ParseResult,
} from './schemas';
import type {
  CommentResource,
  CreateShipmentInput,
  DownloadedDocument,
  DownloadOptions,
  OrderFilter,
  Page,
  PickingContainerFilter,
  PicklistBatchFilter,
  PicqerBatchApi,
  PicqerPackingStationApi,

  PickLinesResult,
  PicklistFilter,
  PicqerActions,
  PicqerApi,
  PicqerComment,
  PicqerOrder,
  PicqerPicklist,
  PicqerProduct,
  PicqerShipment,
  PicqerShippingMethod,
  ProductFilter,
  RequestOptions,
  RequestPriority,
} from './types';

const log = createLogger('picqer');

export interface PicqerClientOptions {
  apiKey: string;
  /** `acme` for https://acme.picqer.com. One of subdomain or baseUrl. */
  subdomain?: string;
  /** Any Picqer-compatible base URL; `/api/v1` is appended (and tolerated if already there). */
  baseUrl?: string;
  /** The whole User-Agent; or give appVersion and projectUrl and it is built as `Packdesk/<version> (<url>)`. */
  userAgent?: string;
  appVersion?: string;
  projectUrl?: string;
  clock?: Clock;
  fetch?: FetchLike;
  /** Per-request deadline for everything but shipment creation. Default 30 s. */
  timeoutMs?: number;
  /** Carriers can take a while to hand out a label. Default 60 s. */
  shipmentTimeoutMs?: number;
  /** Bigger answers are refused as BAD_RESPONSE, cut off while they stream. Default 8 MB. */
  maxResponseBytes?: number;
  /** Defaults to the scheduler shared by every client for this base URL and key. */
  scheduler?: RequestScheduler;
  /** Used only when this client is the first for its key and no scheduler is given. */
  schedulerOptions?: SchedulerOptions;
  /** Time zone for dates written to Picqer (snooze). Default Europe/Amsterdam. */
  timeZone?: string;
}

/**
 * What happened to one request on the wire, for the connection watch. `sent` when the scheduler
 * lets it go; then exactly one of `answered` (the status line came back), `failed` (no status
 * line: refused, reset, timed out, DNS) or `abandoned` (its caller gave up first).
 */
export type ExchangeEvent =
  | {
      kind: 'sent';
      id: number;
      /** Its own deadline is longer than the usual one (a shipment: carriers take their time). */
      isSlowAllowed: boolean;
    }
  | { kind: 'answered'; id: number; status: number; contentType: string | null }
  | { kind: 'failed'; id: number; reason: string; hasConnected: boolean }
  | { kind: 'abandoned'; id: number };

export interface PicqerClient extends PicqerApi, PicqerActions, PicqerBatchApi, PicqerPackingStationApi {
  /** Base URL without `/api/v1`. */
  readonly baseUrl: string;
  schedulerStats(): SchedulerStats;
  /** Every request this client sends to Picqer, as it goes; returns the unsubscribe. */
  onExchange(listener: (event: ExchangeEvent) => void): () => void;
}

type Method = HttpRequest['method'];
type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

interface ApiRequest {
  method: Method;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  priority: RequestPriority;
  signal?: AbortSignal;
  timeoutMs?: number;
  accept?: string;
}

type PageOptions = RequestOptions & { offset?: number };

function resolveBaseUrl(options: PicqerClientOptions): string {
  if (options.baseUrl) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('VALIDATION', 'The backend URL must start with http:// or https://');
    return url.toString().replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  }
  if (options.subdomain) {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(options.subdomain)) throw new AppError('VALIDATION', 'Use only the Picqer subdomain, e.g. "acme"');
    return `https://${options.subdomain.toLowerCase()}.picqer.com`;
  }
  throw new AppError('NOT_CONFIGURED', 'No Picqer subdomain or base URL given');
}

function resolveUserAgent(options: PicqerClientOptions): string {
  if (options.userAgent) return options.userAgent;
  if (options.appVersion && options.projectUrl) return `Packdesk/${options.appVersion} (${options.projectUrl})`;
  // Picqer refuses anonymous clients and wants a way to reach their makers.
  throw new AppError('NOT_CONFIGURED', 'The Picqer client needs the app version and project URL for its User-Agent');
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.append(key, value.join(','));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function pad(value: string | undefined): string {
  return (value ?? '00').padStart(2, '0');
}

/** Picqer's `YYYY-MM-DD HH:MM:SS`, in the account's time zone. */
export function formatPicqerDate(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${pad(get('month'))}-${pad(get('day'))} ${pad(get('hour'))}:${pad(get('minute'))}:${pad(get('second'))}`;
}

export function createPicqerClient(options: PicqerClientOptions): PicqerClient {
  if (!options.apiKey) throw new AppError('NOT_CONFIGURED', 'No Picqer API key given');
  // From here on no log line can carry the key, whatever a library or an error message puts in it.
  registerSecret(options.apiKey);
  const baseUrl = resolveBaseUrl(options);
  const apiRoot = `${baseUrl}/api/v1`;
  const userAgent = resolveUserAgent(options);
  const clock = options.clock ?? systemClock;
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const shipmentTimeoutMs = options.shipmentTimeoutMs ?? 60_000;
  const maxBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const timeZone = options.timeZone ?? 'Europe/Amsterdam';
  const scheduler = options.scheduler ?? sharedScheduler(baseUrl, options.apiKey, { clock, ...options.schedulerOptions });
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
  const exchangeListeners = new Set<(event: ExchangeEvent) => void>();
  let nextExchangeId = 1;

  const tell = (event: ExchangeEvent) => {
    for (const listener of exchangeListeners) listener(event);
  };

  /** One send, told to the listeners; timed from when it leaves the queue, not from when it joined. */
  function observedSend(http: HttpRequest): Promise<HttpResponse> {
    if (exchangeListeners.size === 0) return sendHttp(fetchImpl, clock, http);
    const id = nextExchangeId++;
    let isOver = false;
    const end = (event: ExchangeEvent) => {
      if (isOver) return;
      isOver = true;
      tell(event);
    };
    tell({ kind: 'sent', id, isSlowAllowed: http.timeoutMs > timeoutMs });
    const sent = sendHttp(fetchImpl, clock, {
      ...http,
      onAnswer: (status, contentType) => end({ kind: 'answered', id, status, contentType }),
      onNoAnswer: (reason, hasConnected) => end({ kind: 'failed', id, reason, hasConnected }),
    });
    const abandon = () => end({ kind: 'abandoned', id });
    sent.then(abandon, abandon);
    return sent;
  }

  async function exchange(request: ApiRequest): Promise<HttpResponse> {
    const http: HttpRequest = {
      method: request.method,
      url: apiRoot + request.path + queryString(request.query),
      path: request.path,
      headers: {
        Authorization: authorization,
        'User-Agent': userAgent,
        Accept: request.accept ?? 'application/json',
        'Content-Type': 'application/json',
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      timeoutMs: request.timeoutMs ?? timeoutMs,
      maxBytes,
      signal: request.signal,
    };
    const startedAt = clock.now();
    const response = await scheduler.schedule(request.priority, () => observedSend(http), request.signal);
    log.debug('request', { method: request.method, path: request.path, status: response.status, ms: clock.now() - startedAt });
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(request.method, request.path, response.status, response.body, response.headers.get('content-type'));
    }
    return response;
  }

  function parseJson(request: ApiRequest, response: HttpResponse): unknown {
    if (response.body.length === 0) return null;
    const contentType = response.headers.get('content-type');
    const type = contentType?.split(';')[0]?.trim() || 'no content type';
    if (isHtmlAnswer(contentType, response.body)) {
      throw badResponse(request.method, request.path, response.status, `a web page came back instead of data (${type}); a proxy or login page may be in the way`);
    }
    try {
      return JSON.parse(response.body.toString('utf8'));
    } catch {
      throw badResponse(request.method, request.path, response.status, `the data is broken or cut off (${type})`);
    }
  }

  async function requestJson(request: ApiRequest): Promise<unknown> {
    return parseJson(request, await exchange(request));
  }

  function one<T>(request: ApiRequest, body: unknown, parse: (input: unknown) => ParseResult<T>): T {
    const result = parse(body);
    if (!result.ok) throw badResponse(request.method, request.path, 200, result.reason);
    return result.value;
  }

  function asArray(request: ApiRequest, body: unknown): unknown[] {
    if (!Array.isArray(body)) throw badResponse(request.method, request.path, 200, 'expected a list');
    return body;
  }

  function pages<T>(
    path: string,
    query: Record<string, QueryValue>,
    parse: (input: unknown) => ParseResult<T>,
    idField: string,
    pageOptions: PageOptions | undefined,
  ): AsyncIterable<Page<T>> {
    return {
      [Symbol.asyncIterator]: () =>
        paginate(
          async (offset) => {
            const request: ApiRequest = {
              method: 'GET',
              path,
              query: { ...query, offset: offset > 0 ? offset : undefined },
              priority: pageOptions?.priority ?? 'background',
              signal: pageOptions?.signal,
            };
            return asArray(request, await requestJson(request));
          },
          parse,
          idField,
          pageOptions?.offset ?? 0,
        ),
    };
  }

  async function collect<T>(path: string, query: Record<string, QueryValue>, parse: (input: unknown) => ParseResult<T>, idField: string, requestOptions?: RequestOptions): Promise<T[]> {
    const items: T[] = [];
    for await (const page of pages(path, query, parse, idField, requestOptions)) {
      items.push(...page.items);
      for (const rejected of page.rejected) {
        log.warn('record skipped', { path, id: rejected.id, reason: rejected.reason });
        requestOptions?.onSkipped?.({ path, id: rejected.id, reason: rejected.reason });
      }
    }
    return items;
  }

  function priorityOf(requestOptions: RequestOptions | undefined, fallback: RequestPriority): RequestPriority {
    return requestOptions?.priority ?? fallback;
  }

  const parsePicklist = (input: unknown) => parseWithRaw<PicqerPicklist>(picklistSchema, input);
  const parseProduct = (input: unknown) => parseWithRaw<PicqerProduct>(productSchema, input);
  const parseOrder = (input: unknown) => parseWithRaw<PicqerOrder>(orderSchema, input);
  const parseShipment = (input: unknown) => parseWithRaw<PicqerShipment>(shipmentSchema, input);
  const by = <T>(schema: z.ZodType<T>) => (input: unknown) => parseWith(schema, input);

  /**
   * Sends a change and reads Picqer's answer when it is the expected object. The change went
   * through once Picqer answered 2xx; an empty or unreadable answer does not undo it, so it is
   * null rather than an error.
   */
  async function postForAnswer<T>(request: ApiRequest, parse: (input: unknown) => { ok: true; value: T } | { ok: false }): Promise<T | null> {
    const response = await exchange(request);
    let answer: unknown;
    try {
      answer = response.body.length > 0 ? JSON.parse(response.body.toString('utf8')) : null;
    } catch {
      return null;
    }
    const parsed = parse(answer);
    return parsed.ok ? parsed.value : null;
  }

  /** Picklist actions: the answer is the picklist when Picqer sends one back. */
  function picklistAction(idpicklist: number, action: string, body: unknown, requestOptions?: RequestOptions): Promise<PicqerPicklist | null> {
    return postForAnswer(
      { method: 'POST', path: `/picklists/${idpicklist}/${action}`, body, priority: priorityOf(requestOptions, 'interactive'), signal: requestOptions?.signal },
      parsePicklist,
    );
  }

  const client: PicqerClient = {
    baseUrl,
    schedulerStats: () => scheduler.stats(),
    onExchange(listener) {
      exchangeListeners.add(listener);
      return () => {
        exchangeListeners.delete(listener);
      };
    },

    async getMe(requestOptions) {
      const priority = priorityOf(requestOptions, 'interactive');
      const request: ApiRequest = { method: 'GET', path: '/users/me', priority, signal: requestOptions?.signal };
      try {
        return one(request, await requestJson(request), by(userSchema));
      } catch (error) {
        // The official PHP client uses /users/me, one production client /me.
        if (!(error instanceof PicqerError) || error.code !== 'NOT_FOUND') throw error;
        const fallback: ApiRequest = { ...request, path: '/me' };
        return one(fallback, await requestJson(fallback), by(userSchema));
      }
    },
    listWarehouses: (requestOptions) => collect('/warehouses', {}, by(warehouseSchema), 'idwarehouse', requestOptions),
    listUsers: (requestOptions) => collect('/users', {}, by(userSchema), 'iduser', requestOptions),
    listShippingProviders: (requestOptions) => collect('/shippingproviders', {}, by(shippingProviderSchema), 'idshippingprovider', requestOptions),
    listPackagings: (requestOptions) => collect('/packagings', {}, by(packagingSchema), 'idpackaging', requestOptions),
    listTags: (requestOptions) => collect('/tags', {}, by(tagSchema), 'idtag', requestOptions),
    listTemplates: (requestOptions) => collect('/templates', {}, by(templateSchema), 'idtemplate', requestOptions),
    listPackingStations: (requestOptions) => collect('/packingstations', {}, by(packingStationSchema), 'idpacking_station', requestOptions),

    productPages: (filter: ProductFilter = {}, pageOptions?: PageOptions) =>
      pages('/products', { ...filter }, parseProduct, 'idproduct', pageOptions),
    picklistPages: (filter: PicklistFilter = {}, pageOptions?: PageOptions) =>
      pages('/picklists', { ...filter }, parsePicklist, 'idpicklist', pageOptions),
    orderPages: (filter: OrderFilter = {}, pageOptions?: PageOptions) => pages('/orders', { ...filter }, parseOrder, 'idorder', pageOptions),

    picklistBatchPages: (filter: PicklistBatchFilter = {}, pageOptions?: PageOptions) =>
      pages('/picklists/batches', { ...filter }, by(picklistBatchSchema), 'idpicklist_batch', pageOptions),
    listPicklistBatches: (filter: PicklistBatchFilter = {}, requestOptions?: RequestOptions) =>
      collect('/picklists/batches', { ...filter }, by(picklistBatchSchema), 'idpicklist_batch', requestOptions),
    async getPicklistBatch(idpicklistBatch, requestOptions) {
      const request: ApiRequest = { method: 'GET', path: `/picklists/batches/${idpicklistBatch}`, priority: priorityOf(requestOptions, 'interactive'), signal: requestOptions?.signal };
      return one(request, await requestJson(request), by(picklistBatchDetailSchema));
    },
    async getPicklist(idpicklist, requestOptions) {
      const request: ApiRequest = { method: 'GET', path: `/picklists/${idpicklist}`, priority: priorityOf(requestOptions, 'interactive'), signal: requestOptions?.signal };
      return one(request, await requestJson(request), parsePicklist);
    },
    async getOrder(idorder, requestOptions) {
      const request: ApiRequest = { method: 'GET', path: `/orders/${idorder}`, priority: priorityOf(requestOptions, 'interactive'), signal: requestOptions?.signal };
      return one(request, await requestJson(request), parseOrder);
    },
    listOrders: (filter, requestOptions) => collect('/orders', { ...filter }, parseOrder, 'idorder', requestOptions),

    assign: (idpicklist, iduser, requestOptions) => picklistAction(idpicklist, 'assign', { iduser }, requestOptions),
    unassign: (idpicklist, requestOptions) => picklistAction(idpicklist, 'unassign', undefined, requestOptions),
    pick: (idpicklist, line, requestOptions) =>
      picklistAction(idpicklist, 'pick', { idpicklist_product: line.idpicklist_product, amount: line.amount }, requestOptions),
    async pickLines(idpicklist, lines, requestOptions): Promise<PickLinesResult> {
      const result: PickLinesResult = { picked: [], failed: null, notAttempted: [], picklist: null };
      // One line at a time and stop at the first failure, so the caller knows exactly which
      // picks Picqer has (and, after an unknown outcome, which one to check).
      for (const [index, line] of lines.entries()) {
        try {
          const picklist = await client.pick(idpicklist, line, requestOptions);
          result.picked.push(line);
          if (picklist) result.picklist = picklist;
        } catch (error) {
          result.failed = { line, error: error instanceof Error ? error : new Error(String(error)) };
          result.notAttempted = lines.slice(index + 1);
          break;
        }
      }
      return result;
    },
    pickAll: (idpicklist, requestOptions) => picklistAction(idpicklist, 'pickall', undefined, requestOptions),
    close: (idpicklist, requestOptions) => picklistAction(idpicklist, 'close', undefined, requestOptions),
    snooze: (idpicklist, until, requestOptions) =>
      picklistAction(idpicklist, 'snooze', { snooze_until: typeof until === 'string' ? until : formatPicqerDate(until, timeZone) }, requestOptions),
    pause: (idpicklist, reason, requestOptions) => picklistAction(idpicklist, 'pause', { reason }, requestOptions),
    pauseOrder: (idorder, reason, requestOptions) =>
      postForAnswer(
        { method: 'POST', path: `/orders/${idorder}/pause`, body: { reason }, priority: priorityOf(requestOptions, 'interactive'), signal: requestOptions?.signal },
        parseOrder,
      ),
    resume: (idpicklist, requestOptions) => picklistAction(idpicklist, 'resume', undefined, requestOptions),

    addComment(resource: CommentResource, id, body, requestOptions): Promise<PicqerComment | null> {
      return postForAnswer(
        { method: 'POST', path: `/${resource}/${id}/comments`, body: { body }, priority: priorityOf(requestOptions, 'interactive'), signal: requestOptions?.signal },
        (answer) => parseWith(commentSchema, answer),
      );
    },

    listComments: (resource: CommentResource, id, requestOptions) =>
      collect(`/${resource}/${id}/comments`, {}, by(commentSchema), 'idcomment', { ...requestOptions, priority: priorityOf(requestOptions, 'interactive') }),

    async getShippingMethods(idpicklist, requestOptions) {
      const request: ApiRequest = {
        method: 'GET',
        path: `/picklists/${idpicklist}/shippingmethods`,
        priority: priorityOf(requestOptions, 'interactive'),
        signal: requestOptions?.signal,
      };
      const records = asArray(request, await requestJson(request));
      return records.map((record) => one(request, record, by(shippingMethodSchema)));
    },

    async createShipment(idpicklist, input: CreateShipmentInput, requestOptions) {
      const body: Record<string, unknown> = {
        // Picqer's docs name the profile one way and production clients another; send both.
        idshippingprovider_profile: input.idshippingprovider_profile,
        idshippingprofile: input.idshippingprovider_profile,
      };
      if (input.weight !== undefined) body.weight = input.weight;
      if (input.idpackaging !== undefined) body.idpackaging = input.idpackaging;
      if (input.parcels !== undefined) body.parcels = input.parcels;
      if (input.extra_fields !== undefined) {
        // The shipping methods list names them `extra_fields`; production clients send them as
        // `extrafields`, and Picqer's docs show no create body that settles it (picklist-shipments;
        // the PHP client passes params through). Both go, as for the profile above.
        body.extra_fields = input.extra_fields;
        body.extrafields = input.extra_fields;
      }
      const request: ApiRequest = {
        method: 'POST',
        path: `/picklists/${idpicklist}/shipments`,
        query: { return: 'shipment' },
        body,
        priority: priorityOf(requestOptions, 'interactive'),
        signal: requestOptions?.signal,
        timeoutMs: shipmentTimeoutMs,
      };
      const answer = await requestJson(request);
      if (Array.isArray(answer)) {
        const shipments = answer.map(parseShipment).flatMap((r) => (r.ok ? [r.value] : []));
        const newest = shipments.sort((a, b) => b.idshipment - a.idshipment)[0];
        if (!newest) throw badResponse(request.method, request.path, 200, 'no shipment in the answer');
        return newest;
      }
      return one(request, answer, parseShipment);
    },

    async listShipments(idpicklist, requestOptions) {
      const request: ApiRequest = {
        method: 'GET',
        path: `/picklists/${idpicklist}/shipments`,
        priority: priorityOf(requestOptions, 'interactive'),
        signal: requestOptions?.signal,
      };
      const records = asArray(request, await requestJson(request));
      return records.map((record) => one(request, record, parseShipment));
    },

    async cancelShipment(idpicklist, idshipment, requestOptions) {
      await exchange({
        method: 'DELETE',
        path: `/picklists/${idpicklist}/shipments/${idshipment}`,
        priority: priorityOf(requestOptions, 'interactive'),
        signal: requestOptions?.signal,
      });
    },

    async getPackingListPdf(idpicklist, requestOptions) {
      const request: ApiRequest = {
        method: 'GET',
        path: `/picklists/${idpicklist}/packinglistpdf`,
        priority: priorityOf(requestOptions, 'interactive'),
        signal: requestOptions?.signal,
        accept: 'application/json, application/pdf',
      };
      const response = await exchange(request);
      // Picqer documents JSON with a base64 `pdf`; some clients get the PDF bytes themselves.
      if (isPdf(response.body)) return response.body;
      const envelope = parseWith(pdfEnvelopeSchema, parseJson(request, response));
      if (!envelope.ok) throw badResponse(request.method, request.path, response.status, `no PDF in the answer (${envelope.reason})`);
      const pdf = Buffer.from(envelope.value, 'base64');
      if (!isPdf(pdf)) throw badResponse(request.method, request.path, response.status, 'the packing list is not a PDF');
      return pdf;
    },

    async downloadDocument(url, downloadOptions?: DownloadOptions): Promise<DownloadedDocument> {
      const kind = downloadOptions?.kind ?? 'label';
      const noun = kind === 'label' ? 'label' : 'image';
      const refuse = (reason: string, status: number | null, path: string) =>
        new PicqerError('BAD_RESPONSE', `Packdesk did not fetch the ${noun}: ${reason}`, { httpStatus: status, picqerErrorCode: null, outcomeUnknown: false, method: 'GET', path });
      const first = checkDocumentUrl(url);
      if (!first.ok) throw new AppError('VALIDATION', `Packdesk does not fetch this ${noun} link: ${first.reason}`);
      let target = first.value;
      // Redirects are followed by hand, each hop checked like the first link: fetch's own
      // following would let a https link bounce to plain http or to the local network.
      for (let hop = 0; ; hop++) {
        const path = target.pathname;
        const response = await sendHttp(fetchImpl, clock, {
          method: 'GET',
          url: target.toString(),
          path,
          // Label links are public; the API key stays off them (they may point at a carrier's host).
          headers: { 'User-Agent': userAgent, Accept: kind === 'label' ? 'application/pdf, application/zpl, text/plain, image/png;q=0.5' : 'image/*' },
          timeoutMs: downloadOptions?.timeoutMs ?? timeoutMs,
          maxBytes: Math.min(maxBytes, maxBytesFor(kind)),
          signal: downloadOptions?.signal,
          redirect: 'manual',
          peer: `the ${noun} server ${target.host}`,
        });
        if (response.status >= 300 && response.status < 400) {
          if (hop >= maxRedirects) throw refuse('too many redirects', response.status, path);
          const next = checkRedirect(target, response.headers.get('location'));
          if (!next.ok) throw refuse(next.reason, response.status, path);
          target = next.value;
          continue;
        }
        if (response.status < 200 || response.status >= 300) {
          // The carrier's host having trouble (5xx, 429) is worth waiting for; anything else is not.
          const status = response.status;
          const code = status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'BACKEND_ERROR' : status === 404 || status === 410 ? 'NOT_FOUND' : 'BAD_RESPONSE';
          throw new PicqerError(code, `The ${noun} server ${target.host} answered HTTP ${status}`, {
            httpStatus: status,
            picqerErrorCode: null,
            outcomeUnknown: false,
            method: 'GET',
            path,
          });
        }
        const contentType = response.headers.get('content-type');
        const checked = checkDocumentBody(kind, contentType, response.body);
        if (!checked.ok) throw refuse(checked.reason, response.status, path);
        return { body: response.body, contentType, format: checked.value.format };
      }
    },

    async listPickingContainers(filter: PickingContainerFilter = {}, requestOptions?: RequestOptions) {
      // Not paginated, per Picqer's docs ("for now").
      const request: ApiRequest = {
        method: 'GET',
        path: '/picking-containers',
        query: { ...filter },
        priority: priorityOf(requestOptions, 'interactive'),
        signal: requestOptions?.signal,
      };
      const page = parsePage(asArray(request, await requestJson(request)), 0, (record) => parseWith(pickingContainerSchema, record), 'idpicking_container');
      for (const rejected of page.rejected) {
        log.warn('record skipped', { path: request.path, id: rejected.id, reason: rejected.reason });
        requestOptions?.onSkipped?.({ path: request.path, id: rejected.id, reason: rejected.reason });
      }
      return page.items;
    },
  };
  return client;
}


/**
 * The method to ship with when the packer chose none: the one Picqer selects for the picklist,
 * else the picklist's own profile when Picqer allows it, else the only method there is. Never
 * the first of several: a picklist without a selected method waits for the packer's choice
 * (Picqer may send no `selected` flag at all, issue 13).
 */
export function defaultShippingMethod(methods: PicqerShippingMethod[], ownProfile: number | null = null): PicqerShippingMethod | null {
  return (
    methods.find((m) => m.selected) ??
    methods.find((m) => ownProfile !== null && m.idshippingprovider_profile === ownProfile) ??
    (methods.length === 1 ? (methods[0] ?? null) : null)
  );
}
