import { z } from 'zod';

/*
 * Carrier cut-offs: the time of day a shipping profile's parcels must be packed by to leave with
 * today's pickup. The queue puts what must leave first at the top, so every function here takes
 * the time as a parameter (the screen's clock, a test's fixed one). Times are the station's local
 * time of day; weekends are not special (a carrier that does not come on Sunday is a later issue).
 */

/** A time of day as HH:MM, 00:00 to 23:59. */
export const cutOffTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM, for example 16:00');

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The next pickup for a cut-off: today's while it is still ahead, from the cut-off on tomorrow's. */
export function nextCutOff(time: string, now: number): { at: number; isToday: boolean } {
  const minutes = minutesOf(time);
  const day = new Date(now);
  const today = new Date(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minutes / 60), minutes % 60).getTime();
  if (now < today) return { at: today, isToday: true };
  return { at: new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1, Math.floor(minutes / 60), minutes % 60).getTime(), isToday: false };
}

/** What the order needs of a queue row. */
export interface CutOffOrdered {
  idpicklist: number;
  isUrgent: boolean;
  /** The cut-off of the picklist's shipping profile, HH:MM; null: none set (or no profile). */
  cutOff: string | null;
  preferredDeliveryDate: string | null;
  created: string | null;
}

const nullsLast = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * What must leave first: urgent, then the nearest next pickup (picklists without a cut-off after
 * those with one), then the preferred delivery date, then oldest first. A new array.
 */
export function orderByCutOff<T extends CutOffOrdered>(items: readonly T[], now: number): T[] {
  const pickups = new Map<string, number>();
  const pickupOf = (time: string | null) => {
    if (time === null) return Number.POSITIVE_INFINITY;
    let pickup = pickups.get(time);
    if (pickup === undefined) {
      pickup = nextCutOff(time, now).at;
      pickups.set(time, pickup);
    }
    return pickup;
  };
  return [...items].sort(
    (a, b) =>
      Number(b.isUrgent) - Number(a.isUrgent) ||
      compareNumbers(pickupOf(a.cutOff), pickupOf(b.cutOff)) ||
      nullsLast(a.preferredDeliveryDate, b.preferredDeliveryDate) ||
      nullsLast(a.created, b.created) ||
      a.idpicklist - b.idpicklist,
  );
}

const compareNumbers = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

/** The picklists whose carrier still comes today: what must leave today. */
export function mustLeaveToday(items: readonly Pick<CutOffOrdered, 'cutOff'>[], now: number): number {
  return items.filter((item) => item.cutOff !== null && nextCutOff(item.cutOff, now).isToday).length;
}

/** A parcel packed at or after its carrier's cut-off on the day it was packed missed that day's pickup. */
export function isPackedAfterCutOff(packedAt: string, cutOff: string): boolean {
  const packed = new Date(packedAt);
  return packed.getHours() * 60 + packed.getMinutes() >= minutesOf(cutOff);
}
