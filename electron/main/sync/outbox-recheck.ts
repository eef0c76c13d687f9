import { reason, type Reason } from '../../../shared/reasons';
import type { PicqerOrder, PicqerPicklist } from '../picqer/types';
import type { OutboxPayloads } from '../db/queries/outbox';

/*
 * The re-check right before a shipment is made (DESIGN.md "The pack loop" step 3): Picqer is the
 * truth, and anything that changed there since the packer verified the box stops the parcel
 * with a reason the packer can act on. No shipment is better than the wrong one.
 */

export interface RecheckInput {
  picklist: PicqerPicklist;
  order: PicqerOrder | null;
  payload: OutboxPayloads['ship'];
  /**
   * The parcel's own pick closed the picklist (Picqer closes it by itself on the last pick on
   * some accounts): closed is then what the pick did, not a change made under the packer.
   */
  isClosedByOwnPick?: boolean;
  /** Name of a user for the sentence; falls back to their id. */
  userName(iduser: number): string | null;
  /** Name of a line that Picqer no longer has, from the local cache. */
  lineName(idpicklist_product: number): string | null;
}

function lineChanges(input: RecheckInput): string[] {
  const { picklist, payload } = input;
  const packed = new Map(payload.lines.map((l) => [l.idpicklist_product, l.amount]));
  // In numbers and names only, so they read the same in every language: "name +2" added,
  // "name: 3 → 2" packed → now, "name ✕" removed.
  const changes: string[] = [];
  for (const line of picklist.products) {
    const amount = packed.get(line.idpicklist_product);
    if (amount === undefined) {
      // Compositions are packed by their parts: a part of a packed parent, or a parent whose
      // parts were packed, is covered.
      if (line.partof_idpicklist_product !== null && packed.has(line.partof_idpicklist_product)) continue;
      if (line.has_parts && picklist.products.some((p) => p.partof_idpicklist_product === line.idpicklist_product && packed.has(p.idpicklist_product))) continue;
      changes.push(`${line.name} +${line.amount}`);
    } else if (amount !== line.amount) {
      changes.push(`${line.name}: ${amount} \u2192 ${line.amount}`);
    }
  }
  for (const id of packed.keys()) {
    if (!picklist.products.some((p) => p.idpicklist_product === id)) changes.push(`${input.lineName(id) ?? `#${id}`} \u2715`);
  }
  return changes;
}

/** Why a parcel stops for the picklist's status in Picqer; null while it is new (still to pack). */
export function stoppedByStatus(picklist: PicqerPicklist): Reason | null {
  const { picklistid } = picklist;
  switch (picklist.status) {
    case 'paused':
      return picklist.paused_reason ? reason('parcel.pausedBecause', { picklistid, why: picklist.paused_reason }) : reason('parcel.paused', { picklistid });
    case 'cancelled':
      return reason('parcel.cancelled', { picklistid });
    case 'closed':
      return reason('parcel.closed', { picklistid });
    case 'snoozed':
      return reason('parcel.snoozed', { picklistid });
    default:
      return null;
  }
}

/** The reason to stop; null when Picqer still has what the packer packed. */
export function recheckBeforeShipment(input: RecheckInput): Reason | null {
  const { picklist, order, payload } = input;
  const { picklistid } = picklist;
  const byStatus = picklist.status === 'closed' && input.isClosedByOwnPick ? null : stoppedByStatus(picklist);
  if (byStatus) return byStatus;
  if (order?.status === 'cancelled') return reason('parcel.orderCancelled', { orderid: order.orderid });
  if (order?.status === 'paused') {
    return order.paused_reason ? reason('parcel.orderPausedBecause', { orderid: order.orderid, why: order.paused_reason }) : reason('parcel.orderPaused', { orderid: order.orderid });
  }
  const changes = lineChanges(input);
  if (changes.length > 0) return reason('parcel.linesChanged', { picklistid, changes: changes.join('; ') });
  const assigned = picklist.assigned_to_iduser;
  if (payload.iduser !== null && assigned !== null && assigned !== payload.iduser) {
    return reason('parcel.assignedTo', { picklistid, name: input.userName(assigned) ?? `#${assigned}` });
  }
  return null;
}
