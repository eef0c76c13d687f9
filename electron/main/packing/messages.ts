import type { PackOrder, PackPicklist } from '../db/queries/pack-sessions';

/*
 * The plain sentences the pack loop answers with. The renderer translates outcome kinds; these
 * carry the specifics (Picqer's own reason verbatim) and name the picklist or product.
 */

/** Why a picklist cannot be packed now, or null when it can. */
export function blockedReason(picklist: PackPicklist, order: PackOrder | null, idwarehouse: number): string | null {
  const name = `Picklist ${picklist.picklistid}`;
  switch (picklist.status) {
    case 'paused':
      return picklist.pausedReason ? `${name} is paused in Picqer: ${picklist.pausedReason}` : `${name} is paused in Picqer.`;
    case 'cancelled':
      return `${name} was cancelled in Picqer.`;
    case 'snoozed':
      return picklist.snoozedUntil ? `${name} is snoozed until ${picklist.snoozedUntil}.` : `${name} is snoozed in Picqer.`;
    case 'closed':
      // Whether cancelling a shipment reopens its picklist is not settled by Picqer's docs; when
      // Picqer keeps it closed, only reopening it there makes it packable again.
      if (picklist.isShipmentCancelled) return `${name} is closed in Picqer although its shipment was cancelled: reopen it there to pack it again.`;
      return `${name} is already closed: it has been packed.`;
    case 'new':
      break;
  }
  if (picklist.idwarehouse !== idwarehouse) return `${name} belongs to another warehouse.`;
  if (order?.status === 'paused') {
    return order.pausedReason ? `Order ${order.orderid} is paused in Picqer: ${order.pausedReason}` : `Order ${order.orderid} is paused in Picqer.`;
  }
  if (order?.status === 'cancelled') return `Order ${order.orderid} was cancelled in Picqer.`;
  return null;
}

export const beingCompleted = (picklistid: string) => `Picklist ${picklistid} is being completed at this station already.`;
export const partialScan = 'Partial or misread scan: scan again.';
export const quantityWithoutPicklist = 'Open a picklist before scanning a quantity.';
export const notInCache = (what: string) => `No picklist found for "${what}".`;
export const assignedTo = (picklistid: string, name: string) =>
  `Picklist ${picklistid} is assigned to ${name} in Picqer. Take it over to pack it here.`;
