import { describe, expect, it } from 'vitest';
import { isPackedAfterCutOff, mustLeaveToday, nextCutOff, orderByCutOff, type CutOffOrdered } from '../../shared/cut-off';
import { shippingSettings } from '../../shared/settings';

// Local times, so the tests mean the same on a station in any time zone.
const at = (hours: number, minutes = 0, day = 3) => new Date(2026, 11, day, hours, minutes).getTime();

function item(idpicklist: number, patch: Partial<CutOffOrdered> = {}): CutOffOrdered {
  return { idpicklist, isUrgent: false, cutOff: null, preferredDeliveryDate: null, created: '2026-12-01 09:00:00', ...patch };
}

const ids = (items: CutOffOrdered[]) => items.map((i) => i.idpicklist);

describe('the next cut-off', () => {
  it('is today while the cut-off is still ahead, and tomorrow from the cut-off on', () => {
    expect(nextCutOff('16:00', at(14, 40))).toEqual({ at: at(16, 0), isToday: true });
    expect(nextCutOff('16:00', at(16, 0))).toEqual({ at: at(16, 0, 4), isToday: false });
    expect(nextCutOff('16:00', at(17, 30))).toEqual({ at: at(16, 0, 4), isToday: false });
  });
});

describe('the queue ordered by the truck', () => {
  it('puts urgent first, then the nearest cut-off, then picklists without one', () => {
    const items = [
      item(1),
      item(2, { cutOff: '17:00' }),
      item(3, { cutOff: '16:00' }),
      item(4, { isUrgent: true }),
    ];
    expect(ids(orderByCutOff(items, at(14, 0)))).toEqual([4, 3, 2, 1]);
  });

  it('moves a carrier whose truck has left behind the ones still to come today', () => {
    const items = [item(1, { cutOff: '12:00' }), item(2, { cutOff: '16:00' })];
    expect(ids(orderByCutOff(items, at(11, 0)))).toEqual([1, 2]);
    // After 12:00 the 12:00 carrier's next pickup is tomorrow, after today's 16:00.
    expect(ids(orderByCutOff(items, at(12, 30)))).toEqual([2, 1]);
    // After 16:00 both are tomorrow: 12:00 comes first again.
    expect(ids(orderByCutOff(items, at(16, 30)))).toEqual([1, 2]);
  });

  it('then by preferred delivery date (none last), then oldest first, then by id', () => {
    const items = [
      item(5, { cutOff: '16:00', created: '2026-12-02 08:00:00' }),
      item(6, { cutOff: '16:00', preferredDeliveryDate: '2026-12-05' }),
      item(7, { cutOff: '16:00', preferredDeliveryDate: '2026-12-04' }),
      item(8, { cutOff: '16:00', created: '2026-12-01 08:00:00' }),
      item(9, { cutOff: '16:00', created: '2026-12-01 08:00:00' }),
    ];
    expect(ids(orderByCutOff(items, at(10, 0)))).toEqual([7, 6, 8, 9, 5]);
  });

  it('leaves the list it was given as it was', () => {
    const items = [item(1), item(2, { cutOff: '16:00' })];
    orderByCutOff(items, at(10, 0));
    expect(ids(items)).toEqual([1, 2]);
  });
});

describe('must leave today', () => {
  it('counts the picklists whose cut-off is still ahead today', () => {
    const items = [item(1, { cutOff: '12:00' }), item(2, { cutOff: '16:00' }), item(3), item(4, { cutOff: '16:00' })];
    expect(mustLeaveToday(items, at(11, 0))).toBe(3);
    expect(mustLeaveToday(items, at(13, 0))).toBe(2);
    expect(mustLeaveToday(items, at(16, 0))).toBe(0);
  });
});

describe('packed after the cut-off', () => {
  it('is a parcel packed at or after its carrier’s cut-off on that day', () => {
    expect(isPackedAfterCutOff(new Date(at(15, 59)).toISOString(), '16:00')).toBe(false);
    expect(isPackedAfterCutOff(new Date(at(16, 0)).toISOString(), '16:00')).toBe(true);
    expect(isPackedAfterCutOff(new Date(at(18, 10)).toISOString(), '16:00')).toBe(true);
    expect(isPackedAfterCutOff(new Date(at(7, 0)).toISOString(), '16:00')).toBe(false);
  });
});

describe('the cut-off setting', () => {
  it('takes a time per shipping profile and refuses what is not a time or a profile twice', () => {
    expect(shippingSettings.safeParse({ cutOffs: [{ idshippingproviderProfile: 12, time: '16:00' }] }).success).toBe(true);
    expect(shippingSettings.safeParse({ cutOffs: [{ idshippingproviderProfile: 12, time: '24:00' }] }).success).toBe(false);
    expect(shippingSettings.safeParse({ cutOffs: [{ idshippingproviderProfile: 12, time: '4pm' }] }).success).toBe(false);
    expect(shippingSettings.safeParse({ cutOffs: [{ idshippingproviderProfile: 0, time: '16:00' }] }).success).toBe(false);
    const twice = shippingSettings.safeParse({
      cutOffs: [
        { idshippingproviderProfile: 12, time: '16:00' },
        { idshippingproviderProfile: 12, time: '17:00' },
      ],
    });
    expect(twice.success).toBe(false);
  });
});
