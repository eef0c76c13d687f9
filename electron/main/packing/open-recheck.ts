import { dropHeldRow, releaseHeldRow } from '../db/queries/outbox';
import { getPackSession, setPackSessionRemote } from '../db/queries/pack-sessions';
import type { PackContext } from './context';
import { reason } from '../../../shared/reasons';
import { alertToStore, blockedReason, englishOf } from './reasons';
import type { RemoteRead } from './open';
import { getPackOrder } from '../db/queries/orders';
import { getPackPicklist, setLocalAssignee } from '../db/queries/picklists';

/*
 * An open answers from the cache at once; the re-read from Picqer runs beside it (issue 12). What
 * it finds is settled here, in one commit: the held assignment is sent or dropped, and the session
 * learns Picqer's shipping methods and comments, who has the picklist, and why it cannot be packed
 * now. The screen says so the moment this returns; completing stays refused while the cached
 * picklist is blocked (completionRefusal reads the same cache).
 */

export interface OpenRecheck {
  sessionId: number;
  idpicklist: number;
  iduser: number;
  isTakeOver: boolean;
  /** A parcel packed before and opened again: the packer's shipping choice is kept. */
  wasResumed: boolean;
  /** The assignment held back for this re-read, or null when none was needed. */
  heldAssignId: number | null;
}

export type RecheckOutcome = 'unchanged' | 'changed' | 'blocked';

export function settleOpen(ctx: PackContext, open: OpenRecheck, remote: RemoteRead): RecheckOutcome {
  const { db, deps } = ctx;
  const now = ctx.now();
  return db.transaction((): RecheckOutcome => {
    const record = getPackSession(db, open.sessionId);
    const picklist = getPackPicklist(db, open.idpicklist);
    if (!record || !picklist || record.status !== 'open') {
      if (open.heldAssignId !== null) releaseHeldRow(db, open.heldAssignId, now);
      return 'unchanged';
    }
    const drop = (reason: string) => {
      if (open.heldAssignId !== null) dropHeldRow(db, open.heldAssignId, reason, now);
    };
    if (!remote.isOnline) {
      // Picqer did not answer in time: the cache's view stands, and the assignment goes when it can.
      if (open.heldAssignId !== null) releaseHeldRow(db, open.heldAssignId, now);
      if (!record.isOnline) return 'unchanged';
      setPackSessionRemote(db, open.sessionId, { ...record, isOnline: false, now });
      return 'changed';
    }

    const order = picklist.idorder === null ? null : getPackOrder(db, picklist.idorder);
    const alert = remote.isGone ? reason('picklist.goneFromPicqer', { picklistid: picklist.picklistid }) : blockedReason(picklist, order, deps.idwarehouse());
    // The re-read wrote Picqer's assignee into the cache, before ours has been sent.
    const assignee = picklist.assignedTo;
    const elsewhere = !alert && assignee && assignee.iduser !== open.iduser && !open.isTakeOver ? assignee : null;
    if (alert) drop(englishOf(alert));
    else if (elsewhere) drop(`assigned to ${elsewhere.name} in Picqer`);
    else if (open.heldAssignId !== null) {
      releaseHeldRow(db, open.heldAssignId, now);
      setLocalAssignee(db, open.idpicklist, open.iduser);
    }

    // Picqer's default method replaces the cache's guess, unless a resumed parcel kept a choice.
    // Picqer's allowed methods with none selected and no own profile leave the choice to the packer.
    const read = remote.profiles;
    const kept = record.idshippingproviderProfile;
    const isKept = open.wasResumed && kept !== null && (read?.list ?? record.profiles).some((p) => p.idshippingprovider_profile === kept);
    const fromRead = read?.isFromPicqer ? read.selected : (read?.selected ?? kept);
    setPackSessionRemote(db, open.sessionId, {
      isOnline: true,
      assignedElsewhere: elsewhere ?? record.assignedElsewhere,
      alert: alert ? alertToStore(alert) : null,
      idshippingproviderProfile: read && !isKept ? fromRead : kept,
      profiles: read?.list ?? record.profiles,
      methodsReadAt: read?.isFromPicqer ? now : null,
      comments: remote.comments ?? record.comments,
      now,
    });
    return alert || elsewhere ? 'blocked' : 'changed';
  })();
}
