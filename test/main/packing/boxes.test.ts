import { afterEach, describe, expect, it } from 'vitest';
import { codes, createHarness, outboxRows, scan, type Harness } from './harness';
import { replacePackagings } from '../../../electron/main/db/queries/packagings';

/* A parcel of several boxes (multi-colli, issue 17 item 4), at the pack loop. */

let h: Harness;
afterEach(() => h.cleanup());

async function openMain(harness: Harness) {
  expect((await harness.service.open(5001)).kind).toBe('opened');
  await harness.service.settled();
}

async function verifyAll(harness: Harness) {
  await openMain(harness);
  await scan(harness.service, codes.blueMug, 3);
  await scan(harness.service, codes.redMug);
  await scan(harness.service, codes.partA, 2);
  await scan(harness.service, codes.partB);
  harness.service.confirmLine({ idpicklist_product: 50016, amount: 1, reason: 'no barcode on the sticker' });
}

function withBoxL(harness: Harness) {
  replacePackagings(
    harness.db,
    [
      { idpackaging: 3, name: 'Box S', barcode: codes.box, length: 20, width: 15, height: 10, use_in_auto_advice: false, active: true },
      { idpackaging: 4, name: 'Box L', barcode: 'BOX-L', length: 40, width: 30, height: 20, use_in_auto_advice: false, active: true },
    ],
    new Date(harness.clock.now()).toISOString(),
  );
}

describe('boxes of a parcel', () => {
  it('is one box until PD:NEWBOX; each packaging scan and weight goes to the current (last) box', async () => {
    h = createHarness();
    withBoxL(h);
    await openMain(h);
    const one = h.service.current()?.shipping;
    expect(one).toMatchObject({ currentBox: 1, boxes: [{ box: 1, packaging: null, weight: 1465, isWeightManual: false }] });

    await scan(h.service, 'box-s');
    h.service.setShipping({ weight: 900 });
    // The answer says which box the packer is on now.
    expect(await scan(h.service, 'PD:NEWBOX')).toMatchObject({ command: 'NEWBOX', reason: { code: 'pack.boxStarted', params: { box: 2 } } });
    expect(h.service.current()?.shipping.currentBox).toBe(2);
    await scan(h.service, 'BOX-L');
    h.service.setShipping({ weight: 1500 });
    h.service.newBox();
    await scan(h.service, 'box-s');

    const shipping = h.service.current()?.shipping;
    expect(shipping?.currentBox).toBe(3);
    // Box 1 is where it always was: the session's packaging and weight.
    expect(shipping).toMatchObject({ packaging: { idpackaging: 3 }, weight: 900, isWeightManual: true });
    expect(shipping?.boxes).toEqual([
      { box: 1, packaging: { idpackaging: 3, name: 'Box S' }, weight: 900, isWeightManual: true },
      { box: 2, packaging: { idpackaging: 4, name: 'Box L' }, weight: 1500, isWeightManual: true },
      { box: 3, packaging: { idpackaging: 3, name: 'Box S' }, weight: null, isWeightManual: false },
    ]);
  });

  it('sets another box by its number, and refuses a box the parcel does not have', async () => {
    h = createHarness();
    withBoxL(h);
    await openMain(h);
    h.service.newBox();
    h.service.newBox();
    h.service.setShipping({ box: 2, idpackaging: 4, weight: 700 });
    h.service.setShipping({ box: 1, weight: 800 });
    const boxes = h.service.current()?.shipping.boxes;
    expect(boxes?.map((b) => [b.box, b.packaging?.idpackaging ?? null, b.weight])).toEqual([
      [1, null, 800],
      [2, 4, 700],
      [3, null, null],
    ]);
    expect(() => h.service.setShipping({ box: 4, weight: 100 })).toThrow(/no box 4/);
  });

  it('takes the last box back while nothing is set on it', async () => {
    h = createHarness();
    await openMain(h);
    h.service.newBox();
    await scan(h.service, 'box-s');
    expect(() => h.service.removeBox()).toThrow(/Box 2 has a packaging/);
    h.service.setShipping({ idpackaging: null });
    h.service.removeBox();
    expect(h.service.current()?.shipping).toMatchObject({ currentBox: 1, boxes: [{ box: 1 }] });
    expect(() => h.service.removeBox()).toThrow(/no box/);
  });

  it('keeps the boxes over a restart', async () => {
    h = createHarness();
    await openMain(h);
    h.service.newBox();
    h.service.setShipping({ weight: 400 });
    const before = h.service.current()?.shipping;
    expect(h.restart().current()?.shipping).toEqual(before);
  });

  it('hands every box to the ship step, box 1 without a weight when none was typed (the lines weigh the whole parcel)', async () => {
    h = createHarness();
    withBoxL(h);
    await verifyAll(h);
    await scan(h.service, 'box-s');
    h.service.newBox();
    await scan(h.service, 'BOX-L');
    h.service.setShipping({ weight: 2100 });
    h.service.newBox();
    const done = h.service.complete();
    const ship = outboxRows(h.db, 5001).find((r) => r.kind === 'ship');
    expect(ship?.payload).toMatchObject({
      packSessionId: done.id,
      idpackaging: 3,
      weight: 1465,
      boxes: [
        { box: 1, idpackaging: 3, weight: null },
        { box: 2, idpackaging: 4, weight: 2100 },
        { box: 3, idpackaging: null, weight: null },
      ],
    });
  });

  it('sends no boxes for a parcel of one box', async () => {
    h = createHarness();
    await verifyAll(h);
    h.service.newBox();
    h.service.removeBox();
    h.service.complete();
    const ship = outboxRows(h.db, 5001).find((r) => r.kind === 'ship');
    expect(ship?.payload).not.toHaveProperty('boxes');
  });
});
