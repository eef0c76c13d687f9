import type { PicqerOrder, PicqerPicklist } from '../picqer/types';
import type { OutboxPayloads } from './outbox-rows';

/*
 * The re-check right before a shipment is made (DESIGN.md "The pack loop" step 3): Picqer is the
 * truth, and anything that changed there since the packer verified the box stops the parcel
 * with a sentence the packer can act on. No shipment is better than the wrong one.
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

const noShipment = 'No shipment was made.';

function lineChanges(input: RecheckInput): string[] {
  const { picklist, payload } = input;
  const packed = new Map(payload.lines.map((l) => [l.idpicklist_product, l.amount]));
  const changes: string[] = [];
  for (const line of picklist.products) {
    const amount = packed.get(line.idpicklist_product);
    if (amount === undefined) {
      // Compositions are packed by their parts: a part of a packed parent, or a parent whose
      // parts were packed, is covered.
      if (line.partof_idpicklist_product !== null && packed.has(line.partof_idpicklist_product)) continue;
      if (line.has_parts && picklist.products.some((p) => p.partof_idpicklist_product === line.idpicklist_product && packed.has(p.idpicklist_product))) continue;
      changes.push(`${line.name} (${line.amount}) was added`);
    } else if (amount !== line.amount) {
      changes.push(`${line.name}: ${line.amount} now, ${amount} packed`);
    }
  }
  for (const id of packed.keys()) {
    if (!picklist.products.some((p) => p.idpicklist_product === id)) changes.push(`${input.lineName(id) ?? `line ${id}`} was removed`);
  }
  return changes;
}

/** The reason to stop, in one plain sentence; null when Picqer still has what the packer packed. */
export function recheckBeforeShipment(input: RecheckInput): string | null {
  const { picklist, order, payload } = input;
  const name = picklist.picklistid;
  switch (picklist.status) {
    case 'paused':
      return `Picqer paused picklist ${name}${picklist.paused_reason ? `: ${picklist.paused_reason}` : ''}. ${noShipment}`;
    case 'cancelled':
      return `Picklist ${name} was cancelled in Picqer. ${noShipment}`;
    case 'closed':
      if (input.isClosedByOwnPick) break;
      return `Picklist ${name} was already closed in Picqer. ${noShipment}`;
    case 'snoozed':
      return `Picklist ${name} was snoozed in Picqer. ${noShipment}`;
    default:
      break;
  }
  if (order?.status === 'cancelled') return `Order ${order.orderid} was cancelled in Picqer. ${noShipment}`;
  if (order?.status === 'paused') return `Order ${order.orderid} was paused in Picqer${order.paused_reason ? `: ${order.paused_reason}` : ''}. ${noShipment}`;
  const changes = lineChanges(input);
  if (changes.length > 0) return `The lines of picklist ${name} changed in Picqer since it was packed (${changes.join('; ')}). ${noShipment}`;
  const assigned = picklist.assigned_to_iduser;
  if (payload.iduser !== null && assigned !== null && assigned !== payload.iduser) {
    return `Picklist ${name} is now assigned to ${input.userName(assigned) ?? `user ${assigned}`} in Picqer. ${noShipment}`;
  }
  return null;
}
