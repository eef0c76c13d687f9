import { reasonText } from '../../../shared/i18n';
import { reason, reasonSchema, type Reason } from '../../../shared/reasons';
import type { PackOrder } from '../db/queries/orders';
import type { PackPicklist } from '../db/queries/picklists';

/*
 * Why the pack loop refuses or stops, as reasons (shared/reasons.ts) the screen words in the
 * station's language. Picqer's own words (a pause reason) travel as a parameter, verbatim.
 */

/** Why a picklist cannot be packed now, or null when it can. */
export function blockedReason(picklist: PackPicklist, order: PackOrder | null, idwarehouse: number): Reason | null {
  const { picklistid } = picklist;
  switch (picklist.status) {
    case 'paused':
      return picklist.pausedReason ? reason('picklist.pausedBecause', { picklistid, why: picklist.pausedReason }) : reason('picklist.paused', { picklistid });
    case 'cancelled':
      return reason('picklist.cancelled', { picklistid });
    case 'snoozed':
      return picklist.snoozedUntil ? reason('picklist.snoozedUntil', { picklistid, until: picklist.snoozedUntil }) : reason('picklist.snoozed', { picklistid });
    case 'closed':
      // Whether cancelling a shipment reopens its picklist is not settled by Picqer's docs; when
      // Picqer keeps it closed, only reopening it there makes it packable again.
      return reason(picklist.isShipmentCancelled ? 'picklist.closedShipmentCancelled' : 'picklist.closed', { picklistid });
    case 'new':
      break;
  }
  if (picklist.idwarehouse !== idwarehouse) return reason('picklist.otherWarehouse', { picklistid });
  const orderid = order?.orderid ?? '';
  if (order?.status === 'paused') return order.pausedReason ? reason('order.pausedBecause', { orderid, why: order.pausedReason }) : reason('order.paused', { orderid });
  if (order?.status === 'cancelled') return reason('order.cancelled', { orderid });
  return null;
}

export const beingCompleted = (picklistid: string): Reason => reason('picklist.beingCompleted', { picklistid });
export const partialScan: Reason = reason('scan.partial');
export const quantityWithoutPicklist: Reason = reason('scan.quantityWithoutPicklist');
export const notInCache = (code: string): Reason => reason('picklist.notInCache', { code });
export const assignedTo = (picklistid: string, name: string): Reason => reason('picklist.assignedTo', { picklistid, name });

/**
 * A session's alert as the database keeps it: a reason as JSON. A sentence written by an older
 * build, or by the outbox (which still words its stops), is shown as what stopped the parcel.
 */
export function storedAlert(text: string | null): Reason | null {
  if (text === null || text === '') return null;
  try {
    const parsed = reasonSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: a sentence.
  }
  return reason('parcel.stopped', { text });
}

export const alertToStore = (alert: Reason): string => JSON.stringify(alert);

/** A reason in English, for the log and the scan journal (its CSV export is read beside the log). */
export const englishOf = (why: Reason): string => reasonText('en', why);

/**
 * A stored error (a print job's, a set-aside change's): Packdesk's own reasons are kept as JSON,
 * anything else (a driver's or the printer's words) as text. The screen words the reason and
 * shows the text as it came.
 */
export function storedError(text: string | null): { reason: Reason | null; error: string | null } {
  if (text === null || text === '') return { reason: null, error: null };
  const why = storedAlert(text);
  return why && why.code !== 'parcel.stopped' ? { reason: why, error: englishOf(why) } : { reason: null, error: text };
}
