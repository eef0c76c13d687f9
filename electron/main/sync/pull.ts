import type { Database } from 'better-sqlite3';
import type { SyncStatus, SyncStep } from '../../../shared/domain';
import { isAppError } from '../../../shared/errors';
import type { Clock } from '../infra/clock';
import { getPackPicklist, upsertPicklists } from '../db/queries/picklists';
import { upsertPicklistBatchDetail } from '../db/queries/picklist-batches';
import { readSyncState, writeSyncState } from '../db/queries/sync-state';
import { createLogger, type Logger } from '../infra/log';
import { answerOf } from '../picqer/errors';
import {
  keys,
  openSetRequestCost,
  pullChangedProducts,
  pullNewPicklists,
  readBootstrapPosition,
  readUnavailable,
  refreshOpenSet,
  refreshReferenceData,
  runBootstrap,
  skippedCount,
  type ProductFilterIgnored,
  type PullApi,
  type StepContext,
} from './pull-steps';
import { hasOrder, upsertOrders } from '../db/queries/orders';

/*
 * The request budget. Idle, a station makes per hour: 60 picklist polls, 12 product polls (one
 * page each when nothing changed), 6 reference requests, and open-set refreshes (new, paused,
 * snoozed, picking containers; one page per 100 open picklists). The open set is what grows with
 * the warehouse: 5,000 open picklists are 50+ pages, which every 15 minutes alone would be 3.5
 * requests a minute. So its interval stretches with its size to cost at most one request per
 * `openSetMsPerRequest` on average: small warehouses keep the 15 minutes, a large one refreshes
 * every hour or two. Nothing is packed from a stale row, because opening a picklist re-reads it.
 * Altogether at most about 1.8 requests per idle minute, under the benchmark's 2 (see docs/benchmarks.md,
 * Benchmarks). Everything the packer does goes through refreshPicklist and the pack loop.
 *
 * A backend that ignores `updated_after` turns the one-page product poll into a walk of the whole
 * catalogue. The product interval then stretches the same way, to the walk's pages times
 * productsMs (so it still costs one request per productsMs on average) and at least referenceMs.
 */
export interface PullSyncIntervals {
  /** New picklists via `sinceid`. */
  picklistsMs: number;
  /** Changed products via `updated_after`. */
  productsMs: number;
  /** Re-list the open set, so remotely closed, cancelled or paused picklists leave or change. */
  openSetMs: number;
  /** Stretches openSetMs for a large open set: a refresh of N requests waits at least N times this. */
  openSetMsPerRequest: number;
  /** Warehouses, users, shipping providers, packagings, tags, templates. */
  referenceMs: number;
  /** First retry after an offline or error result; doubles per failure up to retryMaxMs. */
  retryMinMs: number;
  retryMaxMs: number;
}

export const defaultIntervals: PullSyncIntervals = {
  picklistsMs: 60_000,
  productsMs: 5 * 60_000,
  openSetMs: 15 * 60_000,
  openSetMsPerRequest: 2 * 60_000,
  referenceMs: 60 * 60_000,
  retryMinMs: 5_000,
  retryMaxMs: 5 * 60_000,
};

export interface PullSyncDeps {
  db: Database;
  api: PullApi;
  clock: Clock;
  idwarehouse: number;
  onStatus(status: SyncStatus): void;
  /** After a commit: the picklists whose queue rows changed (added, changed or removed). */
  onQueueChanged(idpicklists: number[]): void;
  intervals?: Partial<PullSyncIntervals>;
  log?: Logger;
}

/** What a picklist re-read already fetched, so opening does not ask Picqer twice. */
export interface RefreshedPicklist {
  /** The order was read from Picqer in the same refresh. */
  isOrderRead: boolean;
  /** Picqer's comment_count, or null when its answer did not carry one. */
  commentCount: number | null;
}

export interface PullSync {
  start(): void;
  stop(): Promise<void>;
  /** Runs everything now (bootstrap, or every incremental step) and answers the status after. */
  syncNow(): Promise<SyncStatus>;
  status(): SyncStatus;
  /** Re-reads one picklist (and its order when not cached) for the packer; errors are thrown. */
  refreshPicklist(idpicklist: number, signal?: AbortSignal): Promise<RefreshedPicklist>;
  /**
   * Re-reads a batch being packed (issue 17): its detail, then each of its picklists that the
   * cache lacks or whose status the batch reports otherwise. Answers whether the batch was read
   * (false where the backend has no batches).
   */
  refreshBatch(idpicklistBatch: number, options: { priority: 'interactive' | 'background'; signal?: AbortSignal }): Promise<boolean>;
}

type Task = 'picklists' | 'products' | 'openSet' | 'reference';

/** How long to wait between product polls, given what the last one learned about the filter. */
export function productIntervalMs(intervals: PullSyncIntervals, ignored: ProductFilterIgnored | null): number {
  return ignored ? Math.max(intervals.referenceMs, ignored.pages * intervals.productsMs) : intervals.productsMs;
}
const tasks: readonly Task[] = ['picklists', 'products', 'openSet', 'reference'];

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createPullSync(deps: PullSyncDeps): PullSync {
  const { db, api, clock, idwarehouse } = deps;
  const intervals: PullSyncIntervals = { ...defaultIntervals, ...deps.intervals };
  const log = deps.log ?? createLogger('sync');
  const iso = () => new Date(clock.now()).toISOString();
  const intervalOf: Record<Task, number> = {
    picklists: intervals.picklistsMs,
    products: intervals.productsMs,
    openSet: intervals.openSetMs,
    reference: intervals.referenceMs,
  };

  const skippedAtStart = skippedCount(db, idwarehouse);
  let current: SyncStatus = {
    state: 'idle',
    progress: null,
    lastSyncedAt: readSyncState<string>(db, keys.lastSyncedAt(idwarehouse)),
    message: null,
    ...(skippedAtStart > 0 ? { skipped: skippedAtStart } : {}),
  };
  /** The list and page the current pass is asking for, so a failure can name it. */
  const asking: { step: SyncStep | null } = { step: null };
  const stepNow = (): SyncStep | null => asking.step;
  let isStopped = true;
  let isHalted = false;
  let failures = 0;
  let timer: { cancel(): void } | null = null;
  let controller = new AbortController();
  let chain: Promise<void> = Promise.resolve();
  /** Picklists refreshPicklist wrote while an open-set refresh was listing; never dropped by it. */
  let touched: Set<number> | null = null;

  const setStatus = (next: SyncStatus) => {
    // Records set aside stay visible in every state until they read fine again.
    const skipped = skippedCount(db, idwarehouse);
    const unavailable = Object.entries(readUnavailable(db, idwarehouse)).map(([list, entry]) => ({ list, ...entry }));
    current = { ...next, ...(skipped > 0 ? { skipped } : {}), ...(unavailable.length > 0 ? { unavailable } : {}) };
    deps.onStatus(current);
  };

  const dueAt = (task: Task): number => {
    const ranAt = readSyncState<number>(db, keys.taskRanAt(task, idwarehouse));
    if (ranAt === null) return 0;
    const interval =
      task === 'openSet'
        ? Math.max(intervalOf.openSet, openSetRequestCost(db, idwarehouse) * intervals.openSetMsPerRequest)
        : task === 'products'
          ? productIntervalMs(intervals, readSyncState<ProductFilterIgnored>(db, keys.productFilterIgnored))
          : intervalOf[task];
    return ranAt + interval;
  };

  const context = (isInteractive: boolean): StepContext => ({
    db,
    api,
    idwarehouse,
    log,
    now: iso,
    request: { priority: 'background', signal: controller.signal },
    progress: (phase, done, total) => {
      if (isInteractive) {
        setStatus({ state: 'syncing', progress: { phase, done, total }, lastSyncedAt: current.lastSyncedAt, message: null });
      }
    },
    queueChanged: (ids) => {
      if (ids.length > 0) deps.onQueueChanged([...new Set(ids)]);
    },
    at: (list, offset) => {
      asking.step = { list, offset };
    },
  });

  const runTask = async (task: Task, ctx: StepContext) => {
    switch (task) {
      case 'picklists':
        await pullNewPicklists(ctx);
        break;
      case 'products': {
        const wasIgnored = readSyncState<ProductFilterIgnored>(db, keys.productFilterIgnored);
        await pullChangedProducts(ctx);
        const ignored = readSyncState<ProductFilterIgnored>(db, keys.productFilterIgnored);
        if (ignored && !wasIgnored) {
          log.warn('Picqer answered the whole product list to updated_after; products are now polled less often', {
            pages: ignored.pages,
            intervalMinutes: Math.round(productIntervalMs(intervals, ignored) / 60_000),
          });
        }
        break;
      }
      case 'openSet':
        touched = new Set();
        try {
          await refreshOpenSet(ctx, touched);
        } finally {
          touched = null;
        }
        break;
      case 'reference':
        await refreshReferenceData(ctx);
        break;
    }
    writeSyncState(db, keys.taskRanAt(task, idwarehouse), clock.now(), iso());
  };

  /** One pass: the bootstrap while it is unfinished, else every due (or, when forced, every) task. */
  const pass = async (isForced: boolean) => {
    const isBootstrapped = readBootstrapPosition(db, idwarehouse).phase === 'done';
    // Background polls stay quietly idle; the bootstrap and a manual sync show their progress.
    const ctx = context(isForced || !isBootstrapped);
    asking.step = null;
    try {
      if (!isBootstrapped) {
        await runBootstrap(ctx);
        const at = clock.now();
        // A reference list the bootstrap went without is asked for again by the next pass, once,
        // then with the hourly refresh: after a refused key is fixed they all come at once.
        const hasGaps = Object.keys(readUnavailable(db, idwarehouse)).some((list) => list !== 'picking-containers' && list !== 'picklist-batches');
        db.transaction(() => {
          for (const task of tasks) if (!(task === 'reference' && hasGaps)) writeSyncState(db, keys.taskRanAt(task, idwarehouse), at, iso());
        })();
      } else {
        for (const task of tasks) {
          if (isForced || dueAt(task) <= clock.now()) await runTask(task, ctx);
        }
      }
      failures = 0;
      const lastSyncedAt = iso();
      writeSyncState(db, keys.lastSyncedAt(idwarehouse), lastSyncedAt, lastSyncedAt);
      setStatus({ state: 'idle', progress: null, lastSyncedAt, message: null });
    } catch (error) {
      if (isStopped && controller.signal.aborted) return;
      failures++;
      const answer = answerOf(error);
      const step = stepNow();
      const base = { progress: null, lastSyncedAt: current.lastSyncedAt, ...(step && answer ? { failure: { step, answer } } : {}) };
      if (isAppError(error) && error.code === 'UNAUTHENTICATED') {
        isHalted = true;
        log.warn('Picqer refused the API key; sync paused until asked again', { list: step?.list, offset: step?.offset });
        setStatus({ ...base, state: 'unauthorized', message: error.message });
      } else if (isAppError(error) && error.code === 'OFFLINE') {
        log.info('Picqer unreachable; will retry', { reason: error.message });
        setStatus({ ...base, state: 'offline', message: error.message });
      } else {
        if (isAppError(error)) log.warn('sync failed; will retry', { code: error.code, reason: error.message, list: step?.list, offset: step?.offset });
        else log.error('sync failed; will retry', { stack: error instanceof Error ? error.stack : String(error) });
        setStatus({ ...base, state: 'error', message: describe(error) });
      }
    }
  };

  const scheduleNext = () => {
    timer?.cancel();
    timer = null;
    if (isStopped || isHalted) return;
    let delay: number;
    if (failures > 0) {
      delay = Math.min(intervals.retryMinMs * 2 ** (failures - 1), intervals.retryMaxMs);
    } else if (readBootstrapPosition(db, idwarehouse).phase !== 'done') {
      delay = 0;
    } else {
      delay = Math.max(0, Math.min(...tasks.map(dueAt)) - clock.now());
    }
    timer = clock.setTimeout(() => {
      timer = null;
      void enqueue(false);
    }, delay);
  };

  /** Passes never overlap: each waits for the one before it. */
  const enqueue = (isForced: boolean): Promise<void> => {
    const run = chain.then(async () => {
      if (isStopped && !isForced) return;
      await pass(isForced);
      scheduleNext();
    });
    chain = run.catch(() => undefined);
    return run;
  };

  const sync: PullSync = {
    start() {
      if (!isStopped) return;
      isStopped = false;
      isHalted = false;
      controller = new AbortController();
      scheduleNext();
    },

    async stop() {
      isStopped = true;
      timer?.cancel();
      timer = null;
      controller.abort();
      await chain;
    },

    async syncNow() {
      isHalted = false;
      failures = 0;
      if (controller.signal.aborted) controller = new AbortController();
      await enqueue(true);
      return current;
    },

    status: () => current,

    async refreshBatch(idpicklistBatch, options) {
      const getBatch = api.getPicklistBatch?.bind(api);
      if (!getBatch) return false;
      const detail = await getBatch(idpicklistBatch, options);
      upsertPicklistBatchDetail(db, detail, iso());
      const stale = detail.picklists.filter((p) => {
        const cached = getPackPicklist(db, p.idpicklist);
        return !cached || (p.status !== null && p.status !== cached.status);
      });
      // One picklist at a time: a batch's re-read never floods the key's shared budget.
      for (const p of stale) await sync.refreshPicklist(p.idpicklist, options.signal);
      return true;
    },

    async refreshPicklist(idpicklist, signal) {
      const request = { priority: 'interactive' as const, ...(signal ? { signal } : {}) };
      const picklist = await api.getPicklist(idpicklist, request);
      touched?.add(idpicklist);
      const changed = upsertPicklists(db, [picklist], iso());
      let isOrderRead = false;
      if (picklist.idorder !== null && !hasOrder(db, picklist.idorder)) {
        const order = await api.getOrder(picklist.idorder, request);
        changed.push(...upsertOrders(db, [order], iso()));
        isOrderRead = true;
      }
      if (changed.length > 0) deps.onQueueChanged([...new Set(changed)]);
      // The schema reads a missing comment_count as 0; only one Picqer actually sent counts.
      const raw: unknown = picklist.raw;
      const hasCount = typeof raw === 'object' && raw !== null && 'comment_count' in raw;
      return { isOrderRead, commentCount: hasCount ? picklist.comment_count : null };
    },
  };
  return sync;
}
