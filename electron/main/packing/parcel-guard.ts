import { reason, type Reason } from '../../../shared/reasons';
import type { Database } from 'better-sqlite3';
import type { AlreadyPacked } from '../../../shared/packing';
import { answerOfRow, heldBackPrefix, sessionRows, type OutboxRow } from '../db/queries/outbox';
import { latestHandedOverSession } from '../db/queries/pack-sessions';
import { shipmentOfSession } from '../db/queries/shipments';

/*
 * A parcel stands from the moment the packer completes it until Picqer has closed its picklist
 * (issue 12): its shipment exists, or its pick, shipment or close is still on its way or was
 * refused. While it stands the picklist is never opened for packing again, whatever the session's
 * status says, because packing it again makes a second shipment, label and slip. It stops standing
 * only when the close lands, or when the shift lead deliberately cancels its shipment or discards
 * its unsent changes.
 */

const parcelKinds = new Set(['pick', 'ship', 'documents', 'close']);

const isUnsettled = (row: OutboxRow) => row.status === 'pending' || row.status === 'in_flight' || row.status === 'unknown';

/** The parcel of this picklist that still stands, or null when the picklist may be packed (again). */
export function standingParcel(db: Database, idpicklist: number, picklistid: string): AlreadyPacked | null {
  const session = latestHandedOverSession(db, idpicklist);
  if (!session) return null;
  const rows = sessionRows(db, session.id).filter((r) => parcelKinds.has(r.kind));
  const close = rows.find((r) => r.kind === 'close');
  if (close?.status === 'done' && close.lastError === null) return null;
  const shipment = shipmentOfSession(db, session.id);
  const unsettled = rows.filter(isUnsettled);
  // Set aside by Picqer's refusal (not a row merely held back behind another one).
  const refused = rows.find((r) => r.status === 'failed' && !r.lastError?.startsWith(heldBackPrefix));
  if (!shipment && unsettled.length === 0 && !refused) return null;
  const base = {
    idpicklist,
    picklistid,
    station: session.stationName ?? '',
    packedAt: session.completedAt ?? session.updatedAt,
    idshipment: shipment?.idshipment ?? null,
  };
  if (refused) return { ...base, state: 'failed', reason: refused.lastError, answer: answerOfRow(refused), retryId: refused.id };
  const tried = unsettled.find((r) => r.lastError !== null);
  if (unsettled.length > 0) return { ...base, state: 'waiting', reason: tried?.lastError ?? null, answer: tried ? answerOfRow(tried) : null, retryId: null };
  // The shipment stands but its close was discarded: Picqer still has the picklist open.
  return { ...base, state: 'failed', reason: close?.lastError ?? null, answer: null, retryId: null };
}

/** The sentence for the log and the answer's message. */
export function alreadyPackedReason(packed: AlreadyPacked): Reason {
  const params = { picklistid: packed.picklistid, station: packed.station, packedAt: packed.packedAt };
  if (packed.state === 'waiting') return reason('picklist.alreadyPacked', params);
  return packed.reason ? reason('picklist.alreadyPackedFailedBecause', { ...params, why: packed.reason }) : reason('picklist.alreadyPackedFailed', params);
}
