import type { Person } from '../../../shared/domain';
import { isAppError } from '../../../shared/errors';
import type { AlreadyPacked, ScanSource } from '../../../shared/packing';
import {
  completingStatuses,
  getPackSession,
  insertPackSession,
  latestPackSessionForPicklist,
  markPackSessionLeft,
  reopenPackSession,
  setPackSessionBatch,
  resumableStatuses,
  type PackSessionRecord,
  type StoredComment,
} from '../db/queries/pack-sessions';
import { discardSessionRows, enqueueOutbox, hasPendingAssign } from '../db/queries/outbox';
import type { PackContext } from './context';
import { beingCompleted, blockedReason } from './reasons';
import { alreadyPackedReason, standingParcel } from './parcel-guard';
import { reason, type Reason } from '../../../shared/reasons';
import { choiceFromMethods, type ProfileChoice } from './shipping';
import type { RefreshedPicklist } from '../sync/pull';
import { cachedShippingProfiles } from '../db/queries/shipping-profiles';
import { getPackOrder } from '../db/queries/orders';
import { getPackPicklist, setLocalAssignee, type PackPicklist } from '../db/queries/picklists';
import { recordScanEvent } from '../db/queries/scan-events';
import { scanEventOf } from './scan-event';

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
  profiles: ProfileChoice | null;
  comments: StoredComment[] | null;
}

/** How long an open's re-read may take before the packer goes on from the cache alone. */
export const openRereadDeadlineMs = 1_500;

/** Nothing read from Picqer (yet): the open goes by the cache. */
export function cacheOnly(isOnline: boolean): RemoteRead {
  return { isOnline, isGone: false, profiles: null, comments: null };
}

/**
 * Re-reads the picklist for an open, beside it: one request for the picklist (its order only when
 * the cache lacks it), its shipping methods only when it names no profile of its own, its comments
 * only when Picqer counts some. Every request jumps the queue and is given up at `signal`.
 */
export async function readRemote(ctx: PackContext, idpicklist: number, signal?: AbortSignal): Promise<RemoteRead> {
  const { deps, db, log } = ctx;
  const read = cacheOnly(deps.isOnline());
  if (!read.isOnline) return read;
  const requestOptions = { priority: 'interactive' as const, ...(signal ? { signal } : {}) };
  let refreshed: RefreshedPicklist | null;
  try {
    refreshed = (await deps.refreshPicklist(idpicklist, signal)) ?? null;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return { ...read, isGone: true };
    log.warn('picklist re-read failed; packing from the cache', { idpicklist, error: String(error) });
    return { ...read, isOnline: false };
  }
  const picklist = getPackPicklist(db, idpicklist);
  // Every request here is paid from the budget all stations on the key share (docs/picqer.md,
  // Benchmarks). The order is not read again when cached: pausing an order pauses its picklists
  // (Picqer's Orders API, "Pause order"), so the picklist's status already says it.
  const hasNoComments = refreshed?.commentCount === 0;
  // A picklist that names its shipping profile needs no shippingmethods call to know its default:
  // the cached profiles offer the choice, and Picqer still judges a changed profile at shipment.
  const knownProfiles = picklist ? profilesFromPicklist(ctx, picklist) : null;
  const [methods, comments] = await Promise.allSettled([
    knownProfiles ? Promise.resolve(null) : deps.api.getShippingMethods(idpicklist, requestOptions),
    hasNoComments ? Promise.resolve([]) : deps.api.listComments('picklists', idpicklist, requestOptions),
  ]);
  if (knownProfiles) {
    read.profiles = knownProfiles;
  } else if (methods.status === 'fulfilled' && methods.value) {
    read.profiles = choiceFromMethods(methods.value, picklist?.idshippingproviderProfile ?? null);
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
function cachedProfiles(ctx: PackContext, picklist: PackPicklist): ProfileChoice {
  const cached = cachedShippingProfiles(ctx.db);
  const selected =
    cached.find((p) => p.idshippingproviderProfile === picklist.idshippingproviderProfile)?.idshippingproviderProfile ??
    picklist.idshippingproviderProfile ??
    cached.find((p) => p.isStandard)?.idshippingproviderProfile ??
    null;
  return {
    list: cached.map((p) => ({ idshippingprovider_profile: p.idshippingproviderProfile, name: p.name, isSelected: p.idshippingproviderProfile === selected })),
    selected,
    isFromPicqer: false,
  };
}

/** The picklist's own profile when it is one of the cached active ones, with those as the choice. */
function profilesFromPicklist(ctx: PackContext, picklist: PackPicklist): ProfileChoice | null {
  const own = picklist.idshippingproviderProfile;
  if (own === null) return null;
  const profiles = cachedProfiles(ctx, picklist);
  return profiles.list.some((p) => p.idshippingprovider_profile === own) ? profiles : null;
}

export type OpenOutcome =
  | { kind: 'opened'; record: PackSessionRecord; heldAssignId: number | null; wasResumed: boolean }
  | { kind: 'blocked'; reason: Reason; picklist: PackPicklist }
  | { kind: 'already_packed'; reason: Reason; packed: AlreadyPacked }
  | { kind: 'not_found'; reason: Reason };

export interface CommitOpenOptions {
  packer: Person;
  isTakeOver: boolean;
  /** The session on screen before this one: it is left (kept, resumable) in the same commit. */
  previousSessionId: number | null;
  /** The scan that opened it, logged in the same commit. */
  scan: { code: string; source: ScanSource } | null;
  /**
   * Holds the assignment back this long: the re-read beside the open decides whether it is sent
   * (Picqer may show someone else has the picklist). A crash meanwhile sends it when it is due.
   */
  holdAssignMs?: number;
  /** The batch session the picklist is packed in (issue 17); absent or null: on its own. */
  batchSessionId?: number | null;
  /**
   * When the picklist is assigned to the packer in Picqer: always (packing it alone), or in a batch
   * only when someone else has it (the packer takes it over, or Picqer would refuse the shipment
   * as packed by another); an unassigned picklist in a batch costs no request.
   */
  assign?: 'always' | 'takeOverOnly';
}

export function commitOpen(ctx: PackContext, idpicklist: number, remote: RemoteRead, options: CommitOpenOptions): OpenOutcome {
  const { db, deps } = ctx;
  const station = deps.stationName();
  const picklist = getPackPicklist(db, idpicklist);
  if (!picklist || remote.isGone) return { kind: 'not_found', reason: reason('picklist.goneFromPicqer', { picklistid: picklist?.picklistid ?? `#${idpicklist}` }) };
  const order = picklist.idorder === null ? null : getPackOrder(db, picklist.idorder);
  const refusal = blockedReason(picklist, order, deps.idwarehouse());
  if (refusal) return { kind: 'blocked', reason: refusal, picklist };

  // Before anything else Picqer might say: a parcel that stands is never packed a second time.
  const packed = standingParcel(db, idpicklist, picklist.picklistid);
  if (packed) return { kind: 'already_packed', reason: alreadyPackedReason(packed), packed };
  const existing = latestPackSessionForPicklist(db, idpicklist, station);
  if (existing && completingStatuses.includes(existing.status)) return { kind: 'blocked', reason: beingCompleted(picklist.picklistid), picklist };
  const resumable = existing && resumableStatuses.includes(existing.status) ? existing : null;

  const { packer } = options;
  // Picqer (and so a re-read) shows the old assignee until the outbox has sent ours.
  const assignee = hasPendingAssign(db, idpicklist, packer.iduser) ? packer : picklist.assignedTo;
  const assignedElsewhere = assignee && assignee.iduser !== packer.iduser && !options.isTakeOver ? assignee : null;
  const needsAssign =
    assignedElsewhere === null && assignee?.iduser !== packer.iduser && (options.assign !== 'takeOverOnly' || (assignee !== null && assignee !== undefined));

  const profiles = remote.profiles ?? cachedProfiles(ctx, picklist);
  const keptChoice = resumable?.idshippingproviderProfile;
  const profileId =
    keptChoice !== null && keptChoice !== undefined && profiles.list.some((p) => p.idshippingprovider_profile === keptChoice) ? keptChoice : profiles.selected;
  const comments = remote.comments ?? resumable?.comments ?? [];

  const now = ctx.now();
  // The session row, the previous session left on screen, the assignment and the opening scan
  // are one commit: a crash leaves either all of it or none.
  const { sessionId: id, heldAssignId } = db.transaction(() => {
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
    let heldAssignId: number | null = null;
    if (resumable) {
      // A parcel that stopped (Picqer changed under it) is packed again from its kept scans; its
      // set-aside changes would only repeat the old attempt, so completing sends new ones.
      if (resumable.status === 'alert') discardSessionRows(db, resumable.id, 'the picklist was opened to be packed again', now);
      reopenPackSession(db, resumable.id, fields);
      setPackSessionBatch(db, resumable.id, options.batchSessionId ?? null);
      sessionId = resumable.id;
    } else {
      sessionId = insertPackSession(db, { ...fields, idpicklist, stationName: station, batchSessionId: options.batchSessionId ?? null });
    }
    if (options.previousSessionId !== null && options.previousSessionId !== sessionId) markPackSessionLeft(db, options.previousSessionId, now);
    if (needsAssign) {
      const hold = options.holdAssignMs ?? 0;
      const notBefore = hold > 0 ? new Date(deps.clock.now() + hold).toISOString() : null;
      const rowId = enqueueOutbox(db, { idpicklist, kind: 'assign', payload: { iduser: packer.iduser } }, now, notBefore);
      if (notBefore !== null) heldAssignId = rowId;
      setLocalAssignee(db, idpicklist, packer.iduser);
    }
    if (options.scan) {
      recordScanEvent(
        db,
        scanEventOf(deps, { id: sessionId, idpicklist }, {
          code: options.scan.code,
          source: options.scan.source,
          outcome: 'opened',
          iduser: packer.iduser,
          scannedAt: now,
        }),
      );
    }
    return { sessionId, heldAssignId };
  })();
  if (needsAssign) deps.onQueueChanged([idpicklist]);
  // The outbox sends the assignment, and shows the stopped parcel's set-aside changes gone.
  // A held assignment is kicked when the re-read beside the open settles.
  if ((needsAssign && heldAssignId === null) || resumable?.status === 'alert') deps.kickOutbox();
  const record = getPackSession(db, id);
  if (!record) throw new Error(`Pack session ${id} vanished after its commit`);
  return { kind: 'opened', record, heldAssignId, wasResumed: resumable !== null };
}
