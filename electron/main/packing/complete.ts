import type { Person } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { getPackSession, setPackSessionStatus, type PackSessionRecord } from '../db/queries/pack-sessions';
import type { PackContext } from './context';
import { blockedReason } from './reasons';
import { areAllVerified } from './scan';
import { chosenProfile, extraFieldValues, isChoiceNeeded, missingExtraField } from './shipping';
import { weightFromLines } from './session-store';
import type { ActiveSession } from './types';
import { weightRefusal } from './weight-check';
import { enqueueOutbox } from '../db/queries/outbox';

/** Why the session cannot be completed now, as an error the packer can act on; null when it can. */
export function completionRefusal(ctx: PackContext, session: ActiveSession, packer: Person | null): AppError | null {
  const { picklist } = session;
  const { picklistid } = picklist;
  if (session.record.status !== 'open') return new AppError('CONFLICT', reason('pack.notPackedAnyMore', { picklistid }));
  if (!packer) return new AppError('CONFLICT', reason('pack.signInToComplete', { picklistid }));
  if (session.record.assignedElsewhere) {
    return new AppError('CONFLICT', reason('pack.takeOverFirst', { picklistid, name: session.record.assignedElsewhere.name }));
  }
  const refusal = blockedReason(picklist, session.order, ctx.deps.idwarehouse());
  if (refusal) return new AppError('PICKLIST_BLOCKED', refusal);
  if (!areAllVerified(session.leaves)) {
    const units = session.leaves.reduce((sum, l) => sum + l.row.amount, 0);
    const verified = session.leaves.reduce((sum, l) => sum + Math.min(l.verified, l.row.amount), 0);
    return new AppError('CONFLICT', reason('pack.notComplete', { picklistid, verified, units }));
  }
  if (isChoiceNeeded(session.record)) {
    return new AppError('VALIDATION', reason('pack.chooseShippingMethod', { picklistid }));
  }
  const missing = missingExtraField(session.record);
  if (missing) {
    const method = chosenProfile(session.record)?.name ?? '?';
    return new AppError('VALIDATION', reason('pack.fillExtraField', { field: missing.title, method, picklistid }));
  }
  return weightRefusal(session, ctx.deps.settings().weightTolerance);
}

/**
 * Hands the parcel to the outbox: pick, ship (which re-checks the picklist first), documents and
 * close, in that order, in the commit that marks the session completing. The station is free for
 * the next picklist as soon as this returns.
 */
export function completeSession(ctx: PackContext, session: ActiveSession): PackSessionRecord {
  const { db, deps } = ctx;
  const packer = deps.packer();
  const refusal = completionRefusal(ctx, session, packer);
  if (refusal) throw refusal;
  const { record } = session;
  const idpicklist = session.picklist.idpicklist;
  const lines = session.leaves
    .filter((l) => l.verified > 0)
    .map((l) => ({ idpicklist_product: l.row.idpicklistProduct, amount: Math.min(l.verified, l.row.amount) }));
  const extraFields = extraFieldValues(record);
  const now = ctx.now();
  db.transaction(() => {
    setPackSessionStatus(db, record.id, 'completing', { now });
    enqueueOutbox(db, { idpicklist, kind: 'pick', payload: { packSessionId: record.id, lines } }, now);
    enqueueOutbox(
      db,
      {
        idpicklist,
        kind: 'ship',
        payload: {
          packSessionId: record.id,
          idshippingprovider_profile: record.idshippingproviderProfile,
          idpackaging: record.idpackaging,
          weight: record.weight ?? weightFromLines(session.leaves),
          // Several boxes: each with what the packer gave it; Picqer gets them as parcels. The
          // lines' weight is the whole parcel's, never box 1's alone, so an untyped box 1 has none.
          ...(session.boxes.length > 0
            ? {
                boxes: [
                  { box: 1, idpackaging: record.idpackaging, weight: record.weight },
                  ...session.boxes.map((b) => ({ box: b.box, idpackaging: b.packaging?.idpackaging ?? null, weight: b.weight })),
                ],
              }
            : {}),
          lines,
          iduser: packer?.iduser ?? null,
          ...(Object.keys(extraFields).length > 0 ? { extraFields } : {}),
        },
      },
      now,
    );
    enqueueOutbox(db, { idpicklist, kind: 'documents', payload: { packSessionId: record.id } }, now);
    enqueueOutbox(db, { idpicklist, kind: 'close', payload: { packSessionId: record.id } }, now);
  })();
  deps.kickOutbox();
  const after = getPackSession(db, record.id);
  if (!after) throw new Error(`Pack session ${record.id} vanished after its commit`);
  return after;
}
