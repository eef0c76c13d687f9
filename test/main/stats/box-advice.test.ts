import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, scan, type Harness } from '../packing/harness';
import { product } from '../db/factories';
import { replacePackagings } from '../../../electron/main/db/queries/packagings';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { statsSummary } from '../../../electron/main/stats/summary';
import { nowIso, tz, waitUntil } from './helpers';

/* Stats: the box advice followed or overridden, per advised packaging (issue 18). */

let h: Harness;
afterEach(() => h.cleanup());

describe('box advice in Stats', () => {
  it('counts per advised packaging how often packers followed it and how often they chose another, in the day asked', async () => {
    h = createHarness();
    waitUntil(h, '2026-11-02T09:00:00.000Z');
    replacePackagings(
      h.db,
      [
        { idpackaging: 3, name: 'Box S', barcode: 'BOX-S', length: 20, width: 15, height: 10, use_in_auto_advice: true, active: true },
        { idpackaging: 4, name: 'Box L', barcode: 'BOX-L', length: 40, width: 30, height: 20, use_in_auto_advice: true, active: true },
      ],
      nowIso(h),
    );
    upsertProducts(h.db, [product({ idproduct: 101, name: 'Red mug', weight: 310, length: 12, width: 10, height: 10 })], nowIso(h));

    // Three picklists of the red mug, each advised Box S: one followed, two overridden.
    for (const [idpicklist, code] of [[5010, 'BOX-S'], [5008, 'BOX-L'], [5007, 'BOX-L']] as const) {
      expect((await h.service.open(idpicklist, { takeOver: true })).kind).toBe('opened');
      await h.service.settled();
      expect(h.service.current()?.shipping.advice?.idpackaging).toBe(3);
      await scan(h.service, code);
      h.service.leave();
    }

    const options = { clock: h.clock, timeZone: tz, shifts: [] };
    expect(statsSummary(h.db, { day: '2026-11-02' }, options).boxAdvice).toEqual([{ idpackaging: 3, name: 'Box S', followed: 1, overridden: 2 }]);
    expect(statsSummary(h.db, { day: '2026-11-01' }, options).boxAdvice).toEqual([]);
  });
});
