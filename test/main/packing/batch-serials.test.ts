import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GS } from '../../../shared/barcode';
import { reasonText } from '../../../shared/i18n';
import { said } from '../../helpers/answer-words';
import { upsertPicklistBatchDetail } from '../../../electron/main/db/queries/picklist-batches';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { product } from '../db/factories';
import { batchDetail, codes, createHarness, outboxRows, redMug14, routerOf, scan, slotsOf, type Harness } from './harness';

/*
 * Serials in a batch (issues 17 and 18): a red mug carries the station's serial tag. The batch is
 * the one of batch.test.ts, in this slot order:
 *   1: 5008 red mug x1      2: 5009 blue mug x1     3: 5003 (paused in Picqer)
 *   4: 5011 red mug x2      5: 5010 red mug x1
 * A red mug scanned without its serial is routed to its slot and waits there for the serial; it
 * counts (and a full slot's label prints) only when the serial comes. A serial is one unit's:
 * one already counted anywhere in the batch is refused.
 */


function serialRows(harness: Harness) {
  return harness.db
    .prepare("SELECT outcome, idpicklist, serial FROM scan_events WHERE idproduct = 101 AND outcome NOT IN ('command') ORDER BY id")
    .all() as Array<{ outcome: string; idpicklist: number | null; serial: string | null }>;
}

describe('serials in a batch', () => {
  let h: Harness;
  const start = async (type: 'normal' | 'singles' = 'normal') => {
    h = createHarness({ serialTag: 'Serial' });
    upsertProducts(
      h.db,
      [product({ idproduct: 101, name: 'Red mug', barcode: codes.redMug, weight: 310, raw: { idproduct: 101, tags: [{ idtag: 5, title: 'Serial' }] } })],
      new Date(h.clock.now()).toISOString(),
    );
    upsertPicklistBatchDetail(h.db, batchDetail(type), new Date(h.clock.now()).toISOString());
    expect(await scan(h.service, '101')).toMatchObject({ kind: 'batch_opened' });
  };
  afterEach(() => h.cleanup());

  it('routes a unit scanned without its serial to its slot, asks for the serial, and counts it when the serial comes', async () => {
    await start();
    const asked = said(await scan(h.service, codes.redMug));
    expect(asked).toMatchObject({ kind: 'product', outcome: 'serial_needed', slot: 1, picklistid: expect.any(String), product: { idproduct: 101 } });
    expect(asked.said).toBe('Scan or type the serial number of Red mug.');
    // Nothing counted, nothing handed over: the picklist's label waits for the serial.
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:waiting:0/1');
    expect(outboxRows(h.db, 5008)).toEqual([]);
    // main's view says so, so a reloaded screen asks again.
    expect(h.service.batch()?.serialWanted).toMatchObject({ idproduct: 101, name: 'Red mug', slot: 1 });
    expect(h.batches.at(-1)?.serialWanted).toMatchObject({ slot: 1 });
    expect(h.service.batch()?.lastScan).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    expect(h.service.awaitsSerial()).toBe(true);

    // The mug scanned again is not its serial.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ kind: 'product', outcome: 'serial_needed', slot: 1 });
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:waiting:0/1');
    expect(await scan(h.service, 'SN-0001')).toMatchObject({ kind: 'product', outcome: 'all_verified', slot: 1, product: { idproduct: 101 } });
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:sent:1/1');
    expect(outboxRows(h.db, 5008).map((r) => r.kind)).toEqual(['pick', 'ship', 'documents', 'close']);
    expect(h.service.batch()?.serialWanted).toBeNull();
    expect(h.service.awaitsSerial()).toBe(false);
    expect(serialRows(h)).toEqual([
      { outcome: 'serial_needed', idpicklist: 5008, serial: null },
      { outcome: 'all_verified', idpicklist: 5008, serial: 'SN-0001' },
    ]);
  });

  it('refuses a serial already counted anywhere in the batch, in both languages, and takes a typed one', async () => {
    await start();
    expect(await scan(h.service, `01${redMug14}21SN-7`)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 4 });
    const twice = said(h.service.giveSerial(' sn-7 '));
    expect(twice).toMatchObject({ outcome: 'serial_needed', slot: 4, reason: { code: 'batch.serialTaken', params: { serial: 'sn-7', batchid: '101' } } });
    expect(twice.said).toBe('Serial number sn-7 is already packed in batch 101: scan the serial of this unit.');
    expect(twice.reason ? reasonText('nl', twice.reason) : null).toBe('Serienummer sn-7 is al ingepakt in batch 101: scan het serienummer van dit exemplaar.');
    expect(h.service.batch()?.serialWanted).toMatchObject({ slot: 4 });
    expect(slotsOf(h.service.batch())?.[3]).toBe('4:5011:waiting:0/2');
    // A GS1 string whose AI 21 is taken is asked again as well.
    expect(await scan(h.service, `01${redMug14}21SN-7`)).toMatchObject({ outcome: 'serial_needed', slot: 4, reason: { code: 'batch.serialTaken' } });
    expect(h.service.giveSerial('SN-8')).toMatchObject({ outcome: 'counted', slot: 4 });
    expect(slotsOf(h.service.batch())?.[3]).toBe('4:5011:packing:1/2');
    expect(serialRows(h).filter((r) => r.outcome !== 'serial_needed')).toEqual([
      { outcome: 'all_verified', idpicklist: 5008, serial: 'SN-7' },
      { outcome: 'counted', idpicklist: 5011, serial: 'SN-8' },
    ]);
  });

  it('a scanned GS1 string gives its AI 21 to the waiting unit; one unit per serial whatever the quantity', async () => {
    await start();
    expect(await routerOf(h.service).submit({ code: codes.redMug, source: 'wedge', multiplier: 2 })).toMatchObject({ outcome: 'serial_needed', amount: 1, slot: 1 });
    expect(await scan(h.service, `01${redMug14}10L1\u001d21SN-9`)).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(serialRows(h).at(-1)).toEqual({ outcome: 'all_verified', idpicklist: 5008, serial: 'SN-9' });
    expect(await routerOf(h.service).submit({ code: `01${redMug14}21SN-10`, source: 'wedge', multiplier: 2 })).toMatchObject({ outcome: 'counted', amount: 1, slot: 4 });
  });

  it('PD:CANCEL drops the waiting unit and the batch stays open; UNDO drops it too', async () => {
    await start();
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    expect(await scan(h.service, 'PD:CANCEL')).toMatchObject({ kind: 'command', reason: null });
    expect(h.service.batch()?.idpicklistBatch).toBe(3301);
    expect(h.service.batch()?.serialWanted).toBeNull();
    // The slot panel no longer asks for a serial nobody waits for, on this screen or a reloaded one.
    expect(h.service.batch()?.lastScan).toBeNull();
    expect(h.batches.at(-1)?.lastScan).toBeNull();
    expect(() => h.service.giveSerial('SN-1')).toThrow();
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:waiting:0/1');
    // The next red mug asks again. UNDO takes the last counted unit back and drops the waiting one, as in single packing.
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    expect(h.service.giveSerial('SN-1')).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(await scan(h.service, `01${redMug14}21SN-2`)).toMatchObject({ outcome: 'counted', slot: 4 });
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 4 });
    expect(await scan(h.service, 'PD:UNDO')).toMatchObject({ kind: 'command', reason: null });
    expect(h.service.batch()?.serialWanted).toBeNull();
    expect(slotsOf(h.service.batch())?.[3]).toBe('4:5011:waiting:0/2');
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
  });

  it('a GS1 string scanned as the serial is checked for its best-before date before the unit goes in its slot', async () => {
    await start();
    h.state.settings = { ...h.state.settings, minShelfLifeDays: 30 };
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    expect(await scan(h.service, `01${redMug14}17261110` + `10OLD${GS}21SN-OLD`)).toMatchObject({ outcome: 'short_dated', slot: null });
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:waiting:0/1');
    // The refused unit is set aside: nothing waits for a serial any more, and the next scan is a product again.
    expect(h.service.batch()?.serialWanted).toBeNull();
    expect(h.service.awaitsSerial()).toBe(false);
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
  });

  it('a singles batch prints no label before the serial is given', async () => {
    await start('singles');
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    expect(outboxRows(h.db, 5008)).toEqual([]);
    expect(slotsOf(h.service.batch())?.[0]).toBe('1:5008:waiting:0/1');
    expect(h.service.giveSerial('SN-1')).toMatchObject({ outcome: 'all_verified', slot: 1 });
    expect(outboxRows(h.db, 5008).map((r) => r.kind)).toEqual(['pick', 'ship', 'documents', 'close']);
  });

  it('a restart drops the waiting unit, as in single packing: it is scanned again', async () => {
    await start();
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    const restarted = h.restart();
    expect(restarted.batch()?.serialWanted).toBeNull();
    expect(restarted.awaitsSerial()).toBe(false);
    expect(slotsOf(restarted.batch())?.[0]).toBe('1:5008:waiting:0/1');
    expect(await scan(restarted, codes.redMug)).toMatchObject({ outcome: 'serial_needed', slot: 1 });
    expect(restarted.giveSerial('SN-1')).toMatchObject({ outcome: 'all_verified', slot: 1 });
  });

  it('products without the tag count at once', async () => {
    await start();
    expect(await scan(h.service, codes.blueMug)).toMatchObject({ outcome: 'all_verified', slot: 2 });
    expect(h.service.batch()?.serialWanted).toBeNull();
  });
});

describe('the slot panel after a restart', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    upsertPicklistBatchDetail(h.db, batchDetail(), new Date(h.clock.now()).toISOString());
  });
  afterEach(() => h.cleanup());

  it('shows the last slot a unit was put in, with its picklist, as before the restart', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    h.clock.advance(1_000);
    expect(await scan(h.service, codes.redMug)).toMatchObject({ outcome: 'counted', slot: 4 });
    const before = h.service.batch()?.lastScan;
    expect(before).toMatchObject({ outcome: 'counted', slot: 4, amount: 1, productName: 'Red mug', code: codes.redMug });
    const restarted = h.restart();
    expect(restarted.batch()?.lastScan).toEqual(before);
  });

  it('a multiplied scan comes back with its whole quantity', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    expect(await scan(h.service, codes.redMug, 2)).toMatchObject({ outcome: 'all_verified', slot: 4 });
    const before = h.service.batch()?.lastScan;
    expect(before).toMatchObject({ slot: 4, amount: 2 });
    expect(h.restart().batch()?.lastScan).toEqual(before);
  });

  it('shows nothing after a restart when the last unit was undone, as before it', async () => {
    await scan(h.service, '101');
    await scan(h.service, codes.redMug);
    h.clock.advance(1_000);
    await scan(h.service, codes.redMug);
    h.clock.advance(1_000);
    h.service.undo();
    expect(h.service.batch()?.lastScan).toBeNull();
    expect(h.restart().batch()?.lastScan).toBeNull();
  });

  it('a batch with nothing counted yet shows nothing', async () => {
    await scan(h.service, '101');
    expect(h.restart().batch()?.lastScan).toBeNull();
  });
});
