import type { Person } from '../../../shared/domain';
import { isAppError } from '../../../shared/errors';
import type { ScanSource } from '../../../shared/packing';
import {
  cachedShippingProfiles,
  completingStatuses,
  getPackOrder,
  getPackPicklist,
  getPackSession,
  hasPendingAssign,
  insertPackSession,
  insertScanEvent,
  latestPackSessionForPicklist,
  markPackSessionLeft,
  reopenPackSession,
  resumableStatuses,
  setLocalAssignee,
  type PackPicklist,
  type PackSessionRecord,
  type StoredComment,
  type StoredProfile,
} from '../db/queries/pack-sessions';
import { discardSessionRows } from '../db/queries/outbox';
import { upsertOrders } from '../db/queries/picklists';
import { defaultShippingMethod } from '../picqer/client';
import { enqueueOutbox } from '../sync/outbox-rows';
import type { PackContext } from './context';
import { beingCompleted, blockedReason } from './messages';
import type { RefreshedPicklist } from '../sync/pull';

/*
 * Opening a picklist: re-read it from Picqer when online (the cache may be a minute old and a
 * paused or cancelled order must not be packed), refuse it when it cannot be packed, then
 * create or resume its session and assign it through the outbox, in one transaction.
 */

export interface RemoteRead {
  isOnline: boolean;
  /** Picqer says the picklist does not exist (any more). */
  isGone: boolean;
  /** Picqer's shipping methods for the picklist, with its default; null when not read. */
  profiles: { list: StoredProfile[]; selected: number | null } | null;
  comments: StoredComment[] | null;
}

const requestOptions = { priority: 'interactive' as const };

export async function readRemote(ctx: PackContext, idpicklist: number): Promise<RemoteRead> {
  const { deps, db, log } = ctx;
  const read: RemoteRead = { isOnline: deps.isOnline(), isGone: false, profiles: null, comments: null };
  if (!read.isOnline) return read;
  let refreshed: RefreshedPicklist | null;
  try {
    refreshed = (await deps.refreshPicklist(idpicklist)) ?? null;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return { ...read, isGone: true };
    log.warn('picklist re-read failed; packing from the cache', { idpicklist, error: String(error) });
    return { ...read, isOnline: false };
  }
  const picklist = getPackPicklist(db, idpicklist);
  // Every request here is paid from the budget all stations on the key share (README,
  // Benchmarks): the order is not read twice, and comments only when Picqer counts some.
  const isOrderFresh = refreshed?.isOrderRead ?? false;
  const hasNoComments = refreshed?.commentCount === 0;
  // A picklist that names its shipping profile needs no shippingmethods call to know its default:
  // the cached profiles offer the choice, and Picqer still judges a changed profile at shipment.
  const knownProfiles = picklist ? profilesFromPicklist(ctx, picklist) : null;
  const [order, methods, comments] = await Promise.allSettled([
    picklist?.idorder && !isOrderFresh ? deps.api.getOrder(picklist.idorder, requestOptions) : Promise.resolve(null),
    knownProfiles ? Promise.resolve(null) : deps.api.getShippingMethods(idpicklist, requestOptions),
    hasNoComments ? Promise.resolve([]) : deps.api.listComments('picklists', idpicklist, requestOptions),
  ]);
  if (order.status === 'fulfilled' && order.value) {
    const changed = upsertOrders(db, [order.value], ctx.now());
    if (changed.length > 0) deps.onQueueChanged(changed);
  } else if (order.status === 'rejected') {
    log.warn('order re-read failed', { idpicklist, error: String(order.reason) });
  }
  if (knownProfiles) {
    read.profiles = knownProfiles;
  } else if (methods.status === 'fulfilled' && methods.value) {
    read.profiles = {
      list: methods.value.map((m) => ({ idshippingprovider_profile: m.idshippingprovider_profile, name: m.name, isSelected: m.selected })),
      selected: defaultShippingMethod(methods.value)?.idshippingprovider_profile ?? null,
    };
  } else if (methods.status === 'rejected') {
    log.warn('shipping methods not read', { idpicklist, error: String(methods.reason) });
  }
  if (comments.status === 'fulfilled') {
    read.comments = comments.value.map((c) => ({ author: c.author ?? 'Picqer', body: c.body, created: c.created_at }));
  } else {
    log.warn('comments not read', { idpicklist, error: String(comments.reason) });
  }
  return read;
}

/** Offline: the picklist's own profile, else the standard one, from the cached providers. */
function cachedProfiles(ctx: PackContext, picklist: PackPicklist): { list: StoredProfile[]; selected: number | null } {
  const cached = cachedShippingProfiles(ctx.db);
  const selected =
    cached.find((p) => p.idshippingprovider_profile === picklist.idshippingproviderProfile)?.idshippingprovider_profile ??
    picklist.idshippingproviderProfile ??
    cached.find((p) => p.isStandard)?.idshippingprovider_profile ??
    null;
  return {
    list: cached.map((p) => ({ idshippingprovider_profile: p.idshippingprovider_profile, name: p.name, isSelected: p.idshippingprovider_profile === selected })),
    selected,
  };
}

/** The picklist's own profile when it is one of the cached active ones, with those as the choice. */
function profilesFromPicklist(ctx: PackContext, picklist: PackPicklist): { list: StoredProfile[]; selected: number | null } | null {
  const own = picklist.idshippingproviderProfile;
  if (own === null) return null;
  const profiles = cachedProfiles(ctx, picklist);
  return profiles.list.some((p) => p.idshippingprovider_profile === own) ? profiles : null;
}

export type OpenOutcome =
  | { kind: 'opened'; record: PackSessionRecord }
  | { kind: 'blocked'; message: string; picklist: PackPicklist }
  | { kind: 'not_found'; message: string };

export interface CommitOpenOptions {
  packer: Person;
  isTakeOver: boolean;
  /** The session on screen before this one: it is left (kept, resumable) in the same commit. */
  previousSessionId: number | null;
  /** The scan that opened it, logged in the same commit. */
  scan: { code: string; source: ScanSource } | null;
}

export function commitOpen(ctx: PackContext, idpicklist: number, remote: RemoteRead, options: CommitOpenOptions): OpenOutcome {
  const { db, deps } = ctx;
  const station = deps.stationName();
  const picklist = getPackPicklist(db, idpicklist);
  if (!picklist || remote.isGone) return { kind: 'not_found', message: `Picklist ${picklist?.picklistid ?? `#${idpicklist}`} was not found in Picqer.` };
  const order = picklist.idorder === null ? null : getPackOrder(db, picklist.idorder);
  const refusal = blockedReason(picklist, order, deps.idwarehouse());
  if (refusal) return { kind: 'blocked', message: refusal, picklist };

  const existing = latestPackSessionForPicklist(db, idpicklist, station);
  if (existing && completingStatuses.includes(existing.status)) return { kind: 'blocked', message: beingCompleted(picklist.picklistid), picklist };
  const resumable = existing && resumableStatuses.includes(existing.status) ? existing : null;

  const { packer } = options;
  // Picqer (and so a re-read) shows the old assignee until the outbox has sent ours.
  const assignee = hasPendingAssign(db, idpicklist, packer.iduser) ? packer : picklist.assignedTo;
  const assignedElsewhere = assignee && assignee.iduser !== packer.iduser && !options.isTakeOver ? assignee : null;
  const needsAssign = assignedElsewhere === null && assignee?.iduser !== packer.iduser;

  const profiles = remote.profiles ?? cachedProfiles(ctx, picklist);
  const keptChoice = resumable?.idshippingproviderProfile;
  const profileId =
    keptChoice !== null && keptChoice !== undefined && profiles.list.some((p) => p.idshippingprovider_profile === keptChoice) ? keptChoice : profiles.selected;
  const comments = remote.comments ?? resumable?.comments ?? [];

  const now = ctx.now();
  // The session row, the previous session left on screen, the assignment and the opening scan
  // are one commit: a crash leaves either all of it or none.
  const id = db.transaction(() => {
    const fields = {
      iduser: packer.iduser,
      isOnline: remote.isOnline,
      assignedElsewhere,
      idshippingproviderProfile: profileId,
      profiles: profiles.list,
      comments,
      now,
    };
    let sessionId: number;
    if (resumable) {
      // A parcel that stopped (Picqer changed under it) is packed again from its kept scans; its
      // set-aside changes would only repeat the old attempt, so completing sends new ones.
      if (resumable.status === 'alert') discardSessionRows(db, resumable.id, 'the picklist was opened to be packed again', now);
      reopenPackSession(db, resumable.id, fields);
      sessionId = resumable.id;
    } else {
      sessionId = insertPackSession(db, { ...fields, idpicklist, stationName: station });
    }
    if (options.previousSessionId !== null && options.previousSessionId !== sessionId) markPackSessionLeft(db, options.previousSessionId, now);
    if (needsAssign) {
      enqueueOutbox(db, { idpicklist, kind: 'assign', payload: { iduser: packer.iduser } }, now);
      setLocalAssignee(db, idpicklist, packer.iduser);
    }
    if (options.scan) {
      insertScanEvent(db, {
        packSessionId: sessionId,
        idpicklist,
        iduser: packer.iduser,
        station,
        code: options.scan.code,
        source: options.scan.source,
        quantity: 1,
        outcome: 'opened',
        idproduct: null,
        idpicklistProduct: null,
        reason: null,
        batch: null,
        scannedAt: now,
      });
    }
    return sessionId;
  })();
  if (needsAssign) deps.onQueueChanged([idpicklist]);
  // The outbox sends the assignment, and shows the stopped parcel's set-aside changes gone.
  if (needsAssign || resumable?.status === 'alert') deps.kickOutbox();
  const record = getPackSession(db, id);
  if (!record) throw new Error(`Pack session ${id} vanished after its commit`);
  return { kind: 'opened', record };
}
