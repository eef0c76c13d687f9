import { afterEach, describe, expect, it } from 'vitest';
import { GS } from '../../../shared/barcode';
import { reasonText } from '../../../shared/i18n';
import { said } from '../../helpers/answer-words';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { product } from '../db/factories';
import { codes, createHarness, lineOf, redMug14, routerOf, scan, type Harness } from './harness';

/*
 * Serials (issue 18): a product carrying the station's serial tag counts only with its serial. A
 * scan without AI 21 holds the unit and asks for it; the next scan or a typed serial counts it
 * with that serial on its scan event; CANCEL drops it; a serial already on this picklist is refused.
 */

let h: Harness;
afterEach(() => h.cleanup());


function withSerialTag(harness: Harness, tags: unknown): void {
  upsertProducts(
    harness.db,
    [product({ idproduct: 101, name: 'Red mug', barcode: codes.redMug, weight: 310, raw: { idproduct: 101, tags } })],
    new Date(harness.clock.now()).toISOString(),
  );
}

function serialRows(harness: Harness) {
  return harness.db.prepare('SELECT outcome, idproduct, serial FROM scan_events WHERE idproduct IS NOT NULL ORDER BY id').all();
}

describe('serial numbers', () => {
  it('asks for the serial of a tagged product scanned without one, and counts it with the next scan', async () => {
    h = createHarness({ serialTag: 'Serial' });
    withSerialTag(h, [{ idtag: 5, title: 'Serial', color: '#000' }]);
    await h.service.open(5011);
    const asked = said(await scan(h.service, codes.redMug));
    expect(asked).toMatchObject({ kind: 'product', outcome: 'serial_needed', product: { idproduct: 101 }, said: 'Scan or type the serial number of Red mug.' });
    expect(asked.reason ? reasonText('nl', asked.reason) : null).toBe('Scan of typ het serienummer van Red mug.');
    expect(lineOf(h.service.current(), 50111).verified).toBe(0);
    expect(await scan(h.service, 'SN-0001')).toMatchObject({ kind: 'product', outcome: 'counted', product: { idproduct: 101 } });
    expect(lineOf(h.service.current(), 50111).verified).toBe(1);
    expect(serialRows(h)).toEqual([
      { outcome: 'serial_needed', idproduct: 101, serial: null },
      { outcome: 'counted', idproduct: 101, serial: 'SN-0001' },
    ]);
  });

  it('takes a typed serial, refuses one already on this picklist, and counts a scan with AI 21 at once', async () => {
    h = createHarness({ serialTag: 'serial' });
    // Picqer's older payloads key tags by their title.
    withSerialTag(h, { Serial: { idtag: 5, title: 'Serial' } });
    await h.service.open(5011);
    expect(await scan(h.service, `01${redMug14}21SN-7`)).toMatchObject({ outcome: 'counted' });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
    const twice = said(h.service.giveSerial(' SN-7 '));
    expect(twice).toMatchObject({ outcome: 'serial_needed', said: 'Serial number SN-7 is already packed on this picklist: scan the serial of this unit.' });
    expect(twice.reason ? reasonText('nl', twice.reason) : null).toBe('Serienummer SN-7 is al ingepakt op deze picklijst: scan het serienummer van dit exemplaar.');
    expect(lineOf(h.service.current(), 50111).verified).toBe(1);
    expect(h.service.giveSerial('SN-8')).toMatchObject({ outcome: 'all_verified' });
    expect(serialRows(h)).toEqual([
      { outcome: 'counted', idproduct: 101, serial: 'SN-7' },
      { outcome: 'serial_needed', idproduct: 101, serial: null },
      { outcome: 'serial_needed', idproduct: 101, serial: 'SN-7' },
      { outcome: 'all_verified', idproduct: 101, serial: 'SN-8' },
    ]);
  });

  it('a scanned GS1 string with AI 21 gives its serial to the waiting unit', async () => {
    h = createHarness({ serialTag: 'Serial' });
    withSerialTag(h, [{ idtag: 5, title: 'Serial' }]);
    await h.service.open(5011);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
    expect(await routerOf(h.service).submit({ code: `01${redMug14}10L1${GS}21SN-9`, source: 'wedge' })).toMatchObject({ outcome: 'counted' });
    expect(serialRows(h).at(-1)).toEqual({ outcome: 'counted', idproduct: 101, serial: 'SN-9' });
  });

  it('takes one unit per serial, whatever quantity came with the scan', async () => {
    h = createHarness({ serialTag: 'Serial' });
    withSerialTag(h, [{ idtag: 5, title: 'Serial' }]);
    await h.service.open(5011);
    expect(await routerOf(h.service).submit({ code: codes.redMug, source: 'wedge', multiplier: 2 })).toMatchObject({ outcome: 'serial_needed', amount: 1 });
    expect(await scan(h.service, 'SN-1')).toMatchObject({ outcome: 'counted' });
    expect(lineOf(h.service.current(), 50111).verified).toBe(1);
    expect(await routerOf(h.service).submit({ code: `01${redMug14}21SN-2`, source: 'wedge', multiplier: 2 })).toMatchObject({ outcome: 'all_verified' });
    expect(lineOf(h.service.current(), 50111).verified).toBe(2);
  });

  it('CANCEL drops the waiting unit and the picklist stays open', async () => {
    h = createHarness({ serialTag: 'Serial' });
    withSerialTag(h, [{ idtag: 5, title: 'Serial' }]);
    await h.service.open(5011);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
    expect(h.service.current()?.serialWanted).toMatchObject({ idproduct: 101, name: 'Red mug' });
    await scan(h.service, 'PD:CANCEL');
    expect(h.service.current()?.idpicklist).toBe(5011);
    expect(h.service.current()?.serialWanted).toBeNull();
    expect(() => h.service.giveSerial('SN-1')).toThrow();
    // The next scan is a product scan again.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
  });

  it('a product chosen among several sharing a barcode asks for its serial too', async () => {
    h = createHarness({ serialTag: 'Serial' });
    const green = h.db.prepare('SELECT name, barcode FROM products WHERE idproduct = 107').get() as { name: string; barcode: string };
    upsertProducts(
      h.db,
      [product({ idproduct: 107, name: green.name, barcode: green.barcode, raw: { idproduct: 107, tags: [{ idtag: 5, title: 'Serial' }] } })],
      new Date(h.clock.now()).toISOString(),
    );
    await h.service.open(5002);
    expect(await scan(h.service, codes.greenMug)).toMatchObject({ outcome: 'ambiguous' });
    expect(h.service.choose(107)).toMatchObject({ outcome: 'serial_needed', product: { idproduct: 107 } });
    expect(lineOf(h.service.current(), 50022).verified).toBe(0);
    expect(h.service.giveSerial('SN-G1')).toMatchObject({ outcome: 'line_complete', product: { idproduct: 107 } });
    expect(lineOf(h.service.current(), 50022).verified).toBe(1);
  });

  it('a line confirmed by hand (no barcode) still waits for its serial before it counts', async () => {
    h = createHarness({ serialTag: 'Serial' });
    upsertProducts(
      h.db,
      [product({ idproduct: 105, name: 'Sticker', barcode: null, weight: 5, raw: { idproduct: 105, tags: [{ idtag: 5, title: 'Serial' }] } })],
      new Date(h.clock.now()).toISOString(),
    );
    await h.service.open(5001);
    expect(h.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' })).toMatchObject({ outcome: 'serial_needed', product: { idproduct: 105 } });
    expect(lineOf(h.service.current(), 50016).verified).toBe(0);
    expect(h.service.giveSerial('SN-S1')).toMatchObject({ outcome: 'line_complete', product: { idproduct: 105 } });
    expect(lineOf(h.service.current(), 50016).verified).toBe(1);
    expect(serialRows(h)).toEqual([
      { outcome: 'serial_needed', idproduct: 105, serial: null },
      { outcome: 'line_complete', idproduct: 105, serial: 'SN-S1' },
    ]);
  });

  it('does not take a product barcode scanned again as the serial', async () => {
    h = createHarness({ serialTag: 'Serial' });
    withSerialTag(h, [{ idtag: 5, title: 'Serial' }]);
    await h.service.open(5011);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
    // The packer scans the mug again (or another product): still no serial, nothing counted.
    expect(said(await scan(h.service, codes.redMug))).toMatchObject({ outcome: 'serial_needed', said: 'Scan or type the serial number of Red mug.' });
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'serial_needed' });
    // Another product's DataMatrix carries a serial, but of that product.
    expect(await scan(h.service, `01${`0${codes.blueMug}`}21SN-BLUE`)).toMatchObject({ outcome: 'serial_needed' });
    expect(lineOf(h.service.current(), 50111).verified).toBe(0);
    expect(await scan(h.service, 'SN-0001')).toMatchObject({ outcome: 'counted' });
    expect(serialRows(h).filter((r) => (r as { outcome: string }).outcome !== 'serial_needed')).toEqual([{ outcome: 'counted', idproduct: 101, serial: 'SN-0001' }]);
  });

  it('a GS1 string scanned as the serial brings its lot and date too, and a short date is refused', async () => {
    h = createHarness({ serialTag: 'Serial', minShelfLifeDays: 30 });
    withSerialTag(h, [{ idtag: 5, title: 'Serial' }]);
    await h.service.open(5011);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
    // The unit's DataMatrix, scanned for its serial, says a best-before date within the 30 days.
    expect(await scan(h.service, `01${redMug14}17261110` + `10OLD${GS}21SN-9`)).toMatchObject({ outcome: 'short_dated' });
    expect(lineOf(h.service.current(), 50111).verified).toBe(0);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed' });
    expect(await scan(h.service, `01${redMug14}17270101` + `10NEW${GS}21SN-10`)).toMatchObject({ outcome: 'counted' });
    const counted = h.db.prepare("SELECT lot, expiry, serial FROM scan_events WHERE outcome = 'counted'").all();
    expect(counted).toEqual([{ lot: 'NEW', expiry: '2027-01-01', serial: 'SN-10' }]);
  });

  it('asks nothing without the setting or for a product without the tag', async () => {
    h = createHarness();
    withSerialTag(h, [{ idtag: 5, title: 'Serial' }]);
    await h.service.open(5011);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted' });
    h.state.settings = { ...h.state.settings, serialTag: 'Fragile' };
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'all_verified' });
  });
});
