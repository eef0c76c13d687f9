import { describe, expect, it } from 'vitest';
import { GS, toGtin14 } from '../../../../shared/barcode';
import type { OutboxStatus, Parcel, ScanAnswer } from '../../../../shared/packing';
import { demoSeed } from '../../../../electron/main/station/backend';
import { generateSeed, lotTrackedField } from '../../../../electron/picqer-demo/seed';
import { useCleanups, value } from '../../station-helpers';
import { demoStationDir, simplePicklists, startOnEmbeddedDemo } from './embedded-station';

/*
 * history.lotsCsv through a whole station on its embedded demo (issue 18): a lot-tracked unit
 * packed by its GS1 string, then the order's CSV asked for by History's row (idorder) and by the
 * order number a shift lead types; a wrong input is refused at the boundary.
 */

const cleanups = useCleanups();
const seed = generateSeed({ seed: demoSeed, baseUrl: 'http://127.0.0.1' });
const isTracked = (idproduct: number) => seed.products.find((p) => p.idproduct === idproduct)?.productfields.some((f) => f.idproductfield === lotTrackedField.idproductfield) ?? false;

describe('history.lotsCsv', () => {
  it('answers the CSV of a packed order by its idorder and by its order number, and refuses what is not an order', async () => {
    const picklist = simplePicklists().find((p) => p.idorder !== null && p.products.some((l) => isTracked(l.idproduct)));
    if (!picklist?.idorder) throw new Error('the demo seed has no simple picklist of an order with a lot-tracked product');
    const orderid = seed.orders.find((o) => o.idorder === picklist.idorder)?.orderid ?? '';
    expect(orderid).not.toBe('');
    const station = await startOnEmbeddedDemo(demoStationDir(), cleanups);

    expect(value<ScanAnswer>(await station.dispatch('scan.submit', { code: picklist.picklistid, source: 'wedge' })).kind).toBe('opened');
    let last: ScanAnswer | null = null;
    for (const line of picklist.products) {
      const barcode = seed.products.find((p) => p.idproduct === line.idproduct)?.barcode ?? '';
      const code = isTracked(line.idproduct) ? `]d201${toGtin14(barcode) ?? ''}10LOT-H,1${GS}17301231` : barcode;
      last = value<ScanAnswer>(await station.dispatch('scan.submit', { code, source: 'wedge', multiplier: line.amount }));
    }
    expect(last?.outcome).toBe('all_verified');
    await expect.poll(async () => value<OutboxStatus>(await station.dispatch('outbox.status', {})).pending, { timeout: 20_000, message: 'the outbox to empty' }).toBe(0);

    const parcel = value<Parcel[]>(await station.dispatch('history.list', {})).find((p) => p.idpicklist === picklist.idpicklist);
    expect(parcel?.lotOrder).toEqual({ idorder: picklist.idorder, orderid });

    const byRow = value<{ filename: string; csv: string }>(await station.dispatch('history.lotsCsv', { idorder: picklist.idorder }));
    const tracked = picklist.products.filter((l) => isTracked(l.idproduct));
    const lines = byRow.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('order,picklist,productcode,product,lot,best_before,serial,amount,packed_at,packer,station');
    expect(lines).toHaveLength(1 + tracked.length);
    for (const [i, l] of tracked.entries()) {
      expect(lines[i + 1]).toContain(`${orderid},${picklist.picklistid},`);
      expect(lines[i + 1]).toContain(`,"LOT-H,1",2030-12-31,,${l.amount},`);
      expect(lines[i + 1]?.endsWith(',Pack 1')).toBe(true);
    }
    const typed = value<{ filename: string; csv: string }>(await station.dispatch('history.lotsCsv', { order: ` ${orderid.toLowerCase()} ` }));
    expect(typed).toEqual(byRow);

    expect(await station.dispatch('history.lotsCsv', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await station.dispatch('history.lotsCsv', { idorder: picklist.idorder, order: orderid })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await station.dispatch('history.lotsCsv', { order: 'NO-SUCH-ORDER' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: { code: 'history.lotsOrderUnknown' } } });
  }, 60_000);
});
