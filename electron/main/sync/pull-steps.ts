import type { Database } from 'better-sqlite3';
import type { PicqerAnswer } from '../../../shared/domain';
import { isAppError } from '../../../shared/errors';
import { upsertProducts } from '../db/queries/products';
import { missingOrderIds, openPicklistCounts, removePicklists, replacePickingContainers, upsertPicklists, vanishedOpenPicklists } from '../db/queries/picklists';
import { replaceShippingProviders } from '../db/queries/shipping-profiles';
import { replaceTemplates } from '../db/queries/templates';
import { replaceUsers } from '../db/queries/users';
import { replaceWarehouses } from '../db/queries/warehouses';
import { readSyncState, writeSyncState } from '../db/queries/sync-state';
import { answerOf } from '../picqer/errors';
import { pageSize } from '../picqer/pagination';
import type { Logger } from '../infra/log';
import type { Page, PicqerActions, PicqerApi, PicqerBatchApi, PicqerOrder, PicqerPicklist, PicqerProduct, RequestOptions, SkippedRecord } from '../picqer/types';
import { upsertOrders } from '../db/queries/orders';
import { replacePackagings } from '../db/queries/packagings';
import { upsertTags } from '../db/queries/tags';
import { picklistsInActivePackSession } from '../db/queries/pack-sessions';
import { batchesNeedingDetail, removeUnlistedOpenBatches, upsertPicklistBatchDetail, upsertPicklistBatches } from '../db/queries/picklist-batches';

/** Sync reads picking containers and picklist batches when the client offers them (the full client does). */
export type PullApi = PicqerApi & Partial<Pick<PicqerActions, 'listPickingContainers'>> & Partial<Pick<PicqerBatchApi, 'listPicklistBatches' | 'getPicklistBatch'>>;

/** What every step needs; built per run by pull.ts. */
export interface StepContext {
  db: Database;
  api: PullApi;
  idwarehouse: number;
  log: Logger;
  /** ISO time for synced_at and sync_state. */
  now(): string;
  request: RequestOptions;
  progress(phase: string, done: number, total: number | null): void;
  queueChanged(idpicklists: number[]): void;
  /** Names the request about to be made, so a failure can say which list and page it was. */
  at(list: string, offset: number | null): void;
}

export const openPicklistStatuses = ['new', 'paused', 'snoozed'] as const;

export const bootstrapPhases = [
  'warehouses',
  'users',
  'shipping-providers',
  'packagings',
  'tags',
  'templates',
  'picking-containers',
  'products',
  'picklists-new',
  'picklists-paused',
  'picklists-snoozed',
  'orders',
  'missing-orders',
  'picklist-batches',
  'done',
] as const;
export type BootstrapPhase = (typeof bootstrapPhases)[number];

/** Where the bootstrap is: the phase and, for paged phases, the offset of the next page. */
export interface BootstrapPosition {
  phase: BootstrapPhase;
  offset: number;
}

export const keys = {
  bootstrap: (idwarehouse: number) => `bootstrap:${idwarehouse}`,
  picklistCursor: (idwarehouse: number) => `picklists-sinceid:${idwarehouse}`,
  productCursor: 'products-updated-after',
  lastSyncedAt: (idwarehouse: number) => `last-synced-at:${idwarehouse}`,
  taskRanAt: (task: string, idwarehouse: number) => `task-ran-at:${task}:${idwarehouse}`,
  skipped: (idwarehouse: number) => `skipped-records:${idwarehouse}`,
  unavailable: (idwarehouse: number) => `unavailable-lists:${idwarehouse}`,
  /** Set while /products answers the whole catalogue to updated_after: what the last walk cost. */
  productFilterIgnored: 'products-updated-after-ignored',
};

/*
 * Only products, picklists and orders are needed to pack. Every other list (warehouses, users,
 * shipping providers, packagings, tags, templates, picking containers) is optional: a backend or
 * an account may not offer it (404, or 401/403 for a feature the account lacks), or fail on it
 * (5xx, an answer that cannot be read). Sync then goes on without it, notes it here for the status
 * bar, and asks again with the next refresh of that list. Offline and rate limits are not the
 * list's fault: they stop the pass as before, to be retried with backoff.
 */
export interface UnavailableList {
  answer: PicqerAnswer;
  at: string;
}

export function readUnavailable(db: Database, idwarehouse: number): Record<string, UnavailableList> {
  return readSyncState<Record<string, UnavailableList>>(db, keys.unavailable(idwarehouse)) ?? {};
}

function noteUnavailable(ctx: StepContext, list: string, entry: UnavailableList | null): void {
  const before = readUnavailable(ctx.db, ctx.idwarehouse);
  if (entry === null && !(list in before)) return;
  const next = { ...before };
  if (entry === null) delete next[list];
  else next[list] = entry;
  writeSyncState(ctx.db, keys.unavailable(ctx.idwarehouse), next, ctx.now());
}

/**
 * Reads an optional list. On a failure that belongs to the list, logs it, notes it and answers
 * null; `store` runs with the items otherwise, in one transaction with clearing the note.
 */
async function readOptional<T>(ctx: StepContext, list: string, fetch: () => Promise<T>, store: (items: T) => void, alsoWrite: () => void = () => undefined): Promise<boolean> {
  ctx.at(list, null);
  let items: T;
  try {
    items = await fetch();
  } catch (error) {
    const answer = answerOf(error);
    if (answer === null || answer.code === 'OFFLINE' || answer.code === 'RATE_LIMITED' || ctx.request.signal?.aborted) throw error;
    ctx.log.warn('went on without an optional list Picqer did not give', { list, code: answer.code, status: answer.httpStatus, reason: answer.picqerMessage });
    ctx.db.transaction(() => {
      noteUnavailable(ctx, list, { answer, at: ctx.now() });
      alsoWrite();
    })();
    return false;
  }
  ctx.db.transaction(() => {
    store(items);
    noteUnavailable(ctx, list, null);
    alsoWrite();
  })();
  return true;
}

/** Passes a list's pages through, naming each page's offset before it is asked for. */
async function* named<T>(ctx: StepContext, list: string, startOffset: number, pages: AsyncIterable<Page<T>>): AsyncGenerator<Page<T>, void, undefined> {
  ctx.at(list, startOffset);
  for await (const page of pages) {
    yield page;
    ctx.at(list, page.offset + pageSize);
  }
}

/*
 * Records Picqer sent that did not match the expected shape are set aside, not synced, and kept
 * in a ledger until they read fine again, so "N records skipped" stays visible between the polls
 * that would meet them again. A record leaves the ledger when it is read fine, when a full list
 * of its kind no longer carries it as bad, or (orders) when no open picklist needs it any more.
 */
export type SkipKind =
  | 'warehouse'
  | 'user'
  | 'shipping provider'
  | 'packaging'
  | 'tag'
  | 'template'
  | 'picking container'
  | 'picklist batch'
  | 'product'
  | 'picklist'
  | 'order';

export interface SkippedEntry {
  kind: SkipKind;
  id: number | null;
  reason: string;
  at: string;
}

type SkipLedger = Record<string, SkippedEntry>;

/** Enough for any real mix-up; a backend sending thousands of bad records is reported as "500+". */
export const maxSkippedEntries = 500;

const skipKey = (kind: SkipKind, id: number | null, reason: string) => (id === null ? `${kind}:?${reason}` : `${kind}:${id}`);

export function readSkipped(db: Database, idwarehouse: number): SkippedEntry[] {
  return Object.values(readSyncState<SkipLedger>(db, keys.skipped(idwarehouse)) ?? {});
}

export function skippedCount(db: Database, idwarehouse: number): number {
  return readSkipped(db, idwarehouse).length;
}

interface SkipUpdate {
  /** Bad records just met. */
  add?: ReadonlyArray<{ id: number | null; reason: string }>;
  /** Records of this kind just read fine. */
  clear?: readonly number[];
  /** A full list of this kind was read: what it did not report as bad is no longer skipped. */
  replace?: boolean;
}

/** Updates the ledger; call it inside the transaction that stores the records it is about. */
function updateSkipped(ctx: StepContext, kind: SkipKind, update: SkipUpdate): void {
  const key = keys.skipped(ctx.idwarehouse);
  const before = readSyncState<SkipLedger>(ctx.db, key) ?? {};
  const ledger: SkipLedger = {};
  for (const [k, entry] of Object.entries(before)) {
    if (entry.kind === kind && (update.replace || (entry.id !== null && update.clear?.includes(entry.id)))) continue;
    ledger[k] = entry;
  }
  const at = ctx.now();
  for (const record of update.add ?? []) ledger[skipKey(kind, record.id, record.reason)] = { kind, id: record.id, reason: record.reason, at };
  const entries = Object.entries(ledger);
  if (entries.length > maxSkippedEntries) {
    entries.sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    for (const [k] of entries.slice(maxSkippedEntries)) delete ledger[k];
  }
  if (Object.keys(ledger).length === 0 && Object.keys(before).length === 0) return;
  writeSyncState(ctx.db, key, ledger, at);
}

/** Drops skipped orders no open picklist waits for any more (its picklist closed or left). */
function pruneSkippedOrders(ctx: StepContext): void {
  const needed = new Set(missingOrderIds(ctx.db, ctx.idwarehouse));
  const stale = readSkipped(ctx.db, ctx.idwarehouse).flatMap((e) => (e.kind === 'order' && e.id !== null && !needed.has(e.id) ? [e.id] : []));
  if (stale.length > 0) updateSkipped(ctx, 'order', { clear: stale });
}

/** Request options that collect what a whole-list method set aside. */
function collectingSkips(ctx: StepContext): { request: RequestOptions; skipped: SkippedRecord[] } {
  const skipped: SkippedRecord[] = [];
  return { request: { ...ctx.request, onSkipped: (record) => skipped.push(record) }, skipped };
}

export function readBootstrapPosition(db: Database, idwarehouse: number): BootstrapPosition {
  return readSyncState<BootstrapPosition>(db, keys.bootstrap(idwarehouse)) ?? { phase: 'warehouses', offset: 0 };
}

function nextPhase(phase: BootstrapPhase): BootstrapPhase {
  const i = bootstrapPhases.indexOf(phase);
  return bootstrapPhases[Math.min(i + 1, bootstrapPhases.length - 1)] ?? 'done';
}

function logRejected<T>(ctx: StepContext, what: string, page: Page<T>): void {
  for (const r of page.rejected) {
    ctx.log.warn(`skipped a ${what} that did not match the expected shape`, { id: r.id, offset: page.offset + r.index, reason: r.reason });
  }
}

function nextOffset<T>(page: Page<T>): number {
  return page.offset + page.items.length + page.rejected.length;
}

/** Moves the sinceid cursor past every picklist seen, rejected ones included (they are logged once). */
function bumpPicklistCursor(ctx: StepContext, page: Page<PicqerPicklist>): void {
  const ids = [...page.items.map((p) => p.idpicklist), ...page.rejected.flatMap((r) => (r.id === null ? [] : [r.id]))];
  if (ids.length === 0) return;
  const current = readSyncState<number>(ctx.db, keys.picklistCursor(ctx.idwarehouse)) ?? 0;
  const next = Math.max(current, ...ids);
  if (next > current) writeSyncState(ctx.db, keys.picklistCursor(ctx.idwarehouse), next, ctx.now());
}

function bumpProductCursor(ctx: StepContext, page: Page<PicqerProduct>): void {
  let newest = readSyncState<string>(ctx.db, keys.productCursor);
  for (const p of page.items) if (p.updated !== null && (newest === null || p.updated > newest)) newest = p.updated;
  if (newest !== null) writeSyncState(ctx.db, keys.productCursor, newest, ctx.now());
}

/** Skips a single record Picqer no longer has or sent malformed; anything else is thrown on. */
function isSkippable(error: unknown): boolean {
  return isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'BAD_RESPONSE');
}

/**
 * Runs (or continues) the bootstrap. Every step commits its data together with the position of
 * the next step, so after a crash or restart the next run starts at the page that was not yet
 * committed instead of at page 1.
 */
export async function runBootstrap(ctx: StepContext): Promise<void> {
  const { db, api, idwarehouse } = ctx;
  let position = readBootstrapPosition(db, idwarehouse);

  const advance = (phase: BootstrapPhase, offset: number) => {
    position = { phase, offset };
    writeSyncState(db, keys.bootstrap(idwarehouse), position, ctx.now());
  };
  const finishPhase = (write: () => void) => {
    db.transaction(() => {
      write();
      advance(nextPhase(position.phase), 0);
    })();
  };

  /**
   * One request for a whole (optional) reference list, stored with the step after it in one
   * commit; a list Picqer will not give is noted and the bootstrap goes on without it.
   */
  const referencePhase = async <T>(
    kind: SkipKind,
    fetch: (request: RequestOptions) => Promise<T[]>,
    store: (db: StepContext['db'], items: T[], syncedAt: string) => void,
  ) => {
    const { request, skipped } = collectingSkips(ctx);
    const next = nextPhase(position.phase);
    await readOptional(
      ctx,
      position.phase,
      () => fetch(request),
      (items) => {
        store(db, items, ctx.now());
        updateSkipped(ctx, kind, { replace: true, add: skipped });
      },
      () => advance(next, 0),
    );
  };

  while (position.phase !== 'done') {
    const phase = position.phase;
    ctx.progress(phase, position.offset, null);
    switch (phase) {
      case 'warehouses':
        await referencePhase('warehouse', (request) => api.listWarehouses(request), replaceWarehouses);
        break;
      case 'users':
        await referencePhase('user', (request) => api.listUsers(request), replaceUsers);
        break;
      case 'shipping-providers':
        await referencePhase('shipping provider', (request) => api.listShippingProviders(request), replaceShippingProviders);
        break;
      case 'packagings':
        await referencePhase('packaging', (request) => api.listPackagings(request), replacePackagings);
        break;
      case 'tags':
        await referencePhase('tag', (request) => api.listTags(request), upsertTags);
        break;
      case 'templates':
        await referencePhase('template', (request) => api.listTemplates(request), replaceTemplates);
        break;
      case 'picking-containers': {
        const list = api.listPickingContainers?.bind(api);
        if (list) await referencePhase('picking container', (request) => list({}, request), replacePickingContainers);
        else finishPhase(() => undefined);
        break;
      }
      case 'products': {
        let done = position.offset;
        for await (const page of named(ctx, phase, position.offset, api.productPages({}, { ...ctx.request, offset: position.offset }))) {
          logRejected(ctx, 'product', page);
          db.transaction(() => {
            upsertProducts(db, page.items, ctx.now());
            bumpProductCursor(ctx, page);
            noteProductPage(ctx, page, page.offset === 0);
            advance(page.isLast ? nextPhase(phase) : phase, page.isLast ? 0 : nextOffset(page));
          })();
          done += page.items.length + page.rejected.length;
          ctx.progress(phase, done, null);
          if (page.isLast) break;
        }
        if (position.phase === phase) finishPhase(() => undefined);
        break;
      }
      case 'picklists-new':
      case 'picklists-paused':
      case 'picklists-snoozed': {
        const status = phase === 'picklists-new' ? 'new' : phase === 'picklists-paused' ? 'paused' : 'snoozed';
        let done = position.offset;
        for await (const page of named(ctx, phase, position.offset, api.picklistPages({ idwarehouse, status }, { ...ctx.request, offset: position.offset }))) {
          logRejected(ctx, 'picklist', page);
          const changed = db.transaction(() => {
            const ids = upsertPicklists(db, page.items, ctx.now());
            bumpPicklistCursor(ctx, page);
            notePicklistPage(ctx, page, phase === 'picklists-new' && page.offset === 0);
            advance(page.isLast ? nextPhase(phase) : phase, page.isLast ? 0 : nextOffset(page));
            return ids;
          })();
          ctx.queueChanged(changed);
          done += page.items.length + page.rejected.length;
          ctx.progress(phase, done, null);
          if (page.isLast) break;
        }
        if (position.phase === phase) finishPhase(() => undefined);
        break;
      }
      case 'orders': {
        let done = position.offset;
        for await (const page of named(ctx, phase, position.offset, api.orderPages({ status: 'processing', idwarehouse }, { ...ctx.request, offset: position.offset }))) {
          logRejected(ctx, 'order', page);
          const changed = db.transaction(() => {
            const ids = upsertOrders(db, page.items, ctx.now());
            noteOrderPage(ctx, page, page.offset === 0);
            advance(page.isLast ? nextPhase(phase) : phase, page.isLast ? 0 : nextOffset(page));
            return ids;
          })();
          ctx.queueChanged(changed);
          done += page.items.length + page.rejected.length;
          ctx.progress(phase, done, null);
          if (page.isLast) break;
        }
        if (position.phase === phase) finishPhase(() => undefined);
        break;
      }
      case 'missing-orders': {
        // The open picklists whose order was not among the processing orders (paused orders,
        // orders of another status): one request each. Recomputed from the cache, so a restart
        // continues with the ones still missing.
        const missing = missingOrderIds(db, idwarehouse);
        ctx.at(phase, null);
        let done = 0;
        for (const idorder of missing) {
          const order = await fetchOrder(ctx, idorder);
          if (order) ctx.queueChanged(storeOrder(ctx, order));
          ctx.progress(phase, ++done, missing.length);
        }
        finishPhase(() => pruneSkippedOrders(ctx));
        break;
      }
      case 'picklist-batches':
        // After the open picklists, so a batch opens from the cache as soon as the station is
        // ready; optional, like the open-set refresh that keeps them current.
        await refreshOpenBatches(ctx);
        finishPhase(() => undefined);
        break;
    }
  }
}

function noteProductPage(ctx: StepContext, page: Page<PicqerProduct>, isFullListStart: boolean): void {
  updateSkipped(ctx, 'product', { replace: isFullListStart, add: page.rejected, clear: page.items.map((p) => p.idproduct) });
}

function notePicklistPage(ctx: StepContext, page: Page<PicqerPicklist>, isFullListStart: boolean): void {
  updateSkipped(ctx, 'picklist', { replace: isFullListStart, add: page.rejected, clear: page.items.map((p) => p.idpicklist) });
}

function noteOrderPage(ctx: StepContext, page: Page<PicqerOrder>, isFullListStart: boolean): void {
  updateSkipped(ctx, 'order', { replace: isFullListStart, add: page.rejected, clear: page.items.map((o) => o.idorder) });
}

/** Stores one order read by id and takes it off the skipped ledger. */
function storeOrder(ctx: StepContext, order: PicqerOrder): number[] {
  return ctx.db.transaction(() => {
    const changed = upsertOrders(ctx.db, [order], ctx.now());
    updateSkipped(ctx, 'order', { clear: [order.idorder] });
    return changed;
  })();
}

async function fetchOrder(ctx: StepContext, idorder: number): Promise<PicqerOrder | null> {
  try {
    return await ctx.api.getOrder(idorder, ctx.request);
  } catch (error) {
    if (!isSkippable(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    ctx.log.warn('skipped an order that could not be read', { idorder, reason });
    // Picqer no longer having it is not bad data; an answer that cannot be read is.
    if (isAppError(error) && error.code === 'BAD_RESPONSE') {
      ctx.db.transaction(() => updateSkipped(ctx, 'order', { add: [{ id: idorder, reason }] }))();
    }
    return null;
  }
}

/**
 * Fetches the orders of open picklists that are not cached. One missing order costs one GET;
 * several are read as pages of processing orders from just below the lowest missing id, and
 * whatever those pages did not contain is read one by one.
 */
export async function fetchMissingOrders(ctx: StepContext, maxPages = 2): Promise<void> {
  const { db, idwarehouse } = ctx;
  let missing = new Set(missingOrderIds(db, idwarehouse));
  if (missing.size >= 2) {
    const lowest = Math.min(...missing);
    let pages = 0;
    for await (const page of named(ctx, 'orders', 0, ctx.api.orderPages({ status: 'processing', idwarehouse, sinceid: lowest - 1 }, ctx.request))) {
      logRejected(ctx, 'order', page);
      ctx.queueChanged(
        db.transaction(() => {
          const changed = upsertOrders(db, page.items, ctx.now());
          // Only orders that open picklists wait for count: this list reaches past them.
          const waitedFor = page.rejected.filter((r) => r.id !== null && missing.has(r.id));
          noteOrderPage(ctx, { ...page, rejected: waitedFor }, false);
          return changed;
        })(),
      );
      missing = new Set(missingOrderIds(db, idwarehouse));
      if (page.isLast || missing.size === 0 || ++pages >= maxPages) break;
    }
  }
  ctx.at('missing-orders', null);
  for (const idorder of missing) {
    const order = await fetchOrder(ctx, idorder);
    if (order) ctx.queueChanged(storeOrder(ctx, order));
  }
}

/** New picklists of the warehouse since the highest idpicklist seen, in any status. */
export async function pullNewPicklists(ctx: StepContext): Promise<void> {
  const { db, idwarehouse } = ctx;
  const sinceid = readSyncState<number>(db, keys.picklistCursor(idwarehouse)) ?? 0;
  for await (const page of named(ctx, 'picklists', 0, ctx.api.picklistPages({ idwarehouse, sinceid }, ctx.request))) {
    logRejected(ctx, 'picklist', page);
    const changed = db.transaction(() => {
      const ids = upsertPicklists(db, page.items, ctx.now());
      bumpPicklistCursor(ctx, page);
      notePicklistPage(ctx, page, false);
      return ids;
    })();
    ctx.queueChanged(changed);
    if (page.isLast) break;
  }
  await fetchMissingOrders(ctx);
}

/** What the last walk of a backend that ignores updated_after cost, and since when it does. */
export interface ProductFilterIgnored {
  since: string;
  pages: number;
}

/**
 * Products changed since the newest `updated` seen; their codes are re-indexed on upsert.
 *
 * Picqer filters on `updated_after`, but a compatible backend may ignore it and answer the whole
 * catalogue (issue 13). That shows on the first page: products older than the cursor, which a
 * filtered answer never holds. The walk then goes on to the end (the list is not ordered by
 * `updated`, so stopping early could miss a change) and the cost is noted, so pull.ts stretches
 * the product interval; every poll still sends the filter, and one that is honoured again clears
 * the note.
 */
export async function pullChangedProducts(ctx: StepContext): Promise<void> {
  const { db } = ctx;
  const updatedAfter = readSyncState<string>(db, keys.productCursor);
  const wasIgnored = readSyncState<ProductFilterIgnored>(db, keys.productFilterIgnored);
  let isIgnored = false;
  let pages = 0;
  for await (const page of named(ctx, 'products', 0, ctx.api.productPages(updatedAfter ? { updated_after: updatedAfter } : {}, ctx.request))) {
    logRejected(ctx, 'product', page);
    if (pages++ === 0 && updatedAfter !== null) isIgnored = page.items.some((p) => p.updated !== null && p.updated < updatedAfter);
    db.transaction(() => {
      upsertProducts(db, page.items, ctx.now());
      bumpProductCursor(ctx, page);
      noteProductPage(ctx, page, false);
    })();
    if (page.isLast) break;
  }
  if (updatedAfter === null) return;
  if (isIgnored) {
    writeSyncState(db, keys.productFilterIgnored, { since: wasIgnored?.since ?? ctx.now(), pages } satisfies ProductFilterIgnored, ctx.now());
  } else if (wasIgnored) {
    ctx.log.info('Picqer filters products on updated_after again; back to the usual product poll');
    writeSyncState(db, keys.productFilterIgnored, null, ctx.now());
  }
}

/**
 * Re-lists the whole open set (new, paused, snoozed) so picklists that Picqer closed, cancelled,
 * paused or resumed change or leave the queue. A picklist no longer listed is dropped from the
 * cache, except one this station is packing: that one is read again to learn its real status.
 * `touched` holds picklists written by refreshPicklist while this ran; they are never dropped.
 */
export async function refreshOpenSet(ctx: StepContext, touched: Set<number>): Promise<void> {
  const { db, api, idwarehouse } = ctx;
  const listed = new Set<number>();
  const rejected: Page<PicqerPicklist>['rejected'] = [];
  for (const status of openPicklistStatuses) {
    for await (const page of named(ctx, `picklists-${status}`, 0, api.picklistPages({ idwarehouse, status }, ctx.request))) {
      logRejected(ctx, 'picklist', page);
      for (const p of page.items) listed.add(p.idpicklist);
      for (const r of page.rejected) if (r.id !== null) listed.add(r.id);
      rejected.push(...page.rejected);
      const changed = db.transaction(() => {
        const ids = upsertPicklists(db, page.items, ctx.now());
        bumpPicklistCursor(ctx, page);
        notePicklistPage(ctx, page, false);
        return ids;
      })();
      ctx.queueChanged(changed);
      if (page.isLast) break;
    }
  }
  // The whole open set was just read: a picklist skipped earlier that is not bad in it now was
  // fixed, or is no longer open and so no longer missed.
  db.transaction(() => updateSkipped(ctx, 'picklist', { replace: true, add: rejected }))();
  const listContainers = api.listPickingContainers?.bind(api);
  if (listContainers) {
    const { request, skipped } = collectingSkips(ctx);
    await readOptional(
      ctx,
      'picking-containers',
      () => listContainers({}, request),
      (containers) => {
        replacePickingContainers(db, containers, ctx.now());
        updateSkipped(ctx, 'picking container', { replace: true, add: skipped });
      },
    );
  }

  await refreshOpenBatches(ctx);

  const vanished = vanishedOpenPicklists(db, idwarehouse, listed).filter((id) => !touched.has(id));
  const packing = new Set(picklistsInActivePackSession(db, vanished));
  ctx.at('picklists', null);
  for (const idpicklist of packing) {
    try {
      const picklist = await api.getPicklist(idpicklist, ctx.request);
      ctx.queueChanged(upsertPicklists(db, [picklist], ctx.now()));
    } catch (error) {
      if (!isSkippable(error)) throw error;
      if (isAppError(error) && error.code === 'BAD_RESPONSE') {
        ctx.log.warn('skipped a picklist that could not be read', { idpicklist, reason: error.message });
        db.transaction(() => updateSkipped(ctx, 'picklist', { add: [{ id: idpicklist, reason: error.message }] }))();
      }
      packing.delete(idpicklist);
    }
  }
  const dropped = vanished.filter((id) => !packing.has(id) && !touched.has(id));
  removePicklists(db, dropped);
  ctx.queueChanged(dropped);
  await fetchMissingOrders(ctx);
  db.transaction(() => pruneSkippedOrders(ctx))();
}

/*
 * The warehouse's open picklist batches (issue 17), with the open set: the list (paginated), then
 * the detail of each batch that is new or changed. Batches are optional like picking containers:
 * an account or backend without them (404, 401/403) is noted and sync goes on, and a batch
 * deleted between the list and its detail (404) keeps its list row until the next refresh.
 */
async function refreshOpenBatches(ctx: StepContext): Promise<void> {
  const { db, api, idwarehouse } = ctx;
  const listBatches = api.listPicklistBatches?.bind(api);
  const getBatch = api.getPicklistBatch?.bind(api);
  if (!listBatches || !getBatch) return;
  const { request, skipped } = collectingSkips(ctx);
  await readOptional(
    ctx,
    'picklist-batches',
    async () => {
      const batches = await listBatches({ idwarehouse, status: 'open' }, request);
      const details = [];
      for (const idpicklistBatch of batchesNeedingDetail(db, batches)) {
        try {
          details.push(await getBatch(idpicklistBatch, ctx.request));
        } catch (error) {
          const answer = answerOf(error);
          if (answer?.httpStatus !== 404 && answer?.code !== 'BAD_RESPONSE') throw error;
          skipped.push({ path: `/picklists/batches/${idpicklistBatch}`, id: idpicklistBatch, reason: answer.picqerMessage ?? answer.code });
        }
      }
      return { batches, details };
    },
    ({ batches, details }) => {
      upsertPicklistBatches(db, batches, ctx.now());
      for (const detail of details) upsertPicklistBatchDetail(db, detail, ctx.now());
      removeUnlistedOpenBatches(db, idwarehouse, batches.map((b) => b.idpicklist_batch));
      updateSkipped(ctx, 'picklist batch', { replace: true, add: skipped });
    },
  );
}

/**
 * Requests one open-set refresh costs with the cache as it is: a page per 100 picklists of each
 * open status (at least one each), the picking containers and the open batches' list. A batch's
 * detail is read only when the batch changed, so it is not counted.
 */
export function openSetRequestCost(db: Database, idwarehouse: number): number {
  const counts = openPicklistCounts(db, idwarehouse);
  return openPicklistStatuses.reduce((sum, status) => sum + Math.max(1, Math.ceil(counts[status] / pageSize)), 0) + 2;
}

/** The reference lists, re-read now and then (new users, tags, profiles); each one is optional. */
export async function refreshReferenceData(ctx: StepContext): Promise<void> {
  const { db, api } = ctx;
  const list = async <T>(name: string, kind: SkipKind, fetch: (request: RequestOptions) => Promise<T[]>, store: (db: Database, items: T[], at: string) => void) => {
    const { request, skipped } = collectingSkips(ctx);
    await readOptional(
      ctx,
      name,
      () => fetch(request),
      (items) => {
        store(db, items, ctx.now());
        updateSkipped(ctx, kind, { replace: true, add: skipped });
      },
    );
  };
  await list('warehouses', 'warehouse', (r) => api.listWarehouses(r), replaceWarehouses);
  await list('users', 'user', (r) => api.listUsers(r), replaceUsers);
  await list('shipping-providers', 'shipping provider', (r) => api.listShippingProviders(r), replaceShippingProviders);
  await list('packagings', 'packaging', (r) => api.listPackagings(r), replacePackagings);
  await list('tags', 'tag', (r) => api.listTags(r), upsertTags);
  await list('templates', 'template', (r) => api.listTemplates(r), replaceTemplates);
}
