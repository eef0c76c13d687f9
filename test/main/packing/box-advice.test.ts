import { describe, expect, it } from 'vitest';
import { adviseBox, adviseBoxes, learnedChoice, productSetKey, type AdviceLine, type AdvicePackaging } from '../../../electron/main/packing/box-advice';

const boxes: AdvicePackaging[] = [
  { idpackaging: 5, name: 'Doos L', barcode: 'DOOS-L', length: 50, width: 40, height: 30 },
  { idpackaging: 3, name: 'Doos S', barcode: 'DOOS-S', length: 20, width: 15, height: 10 },
  { idpackaging: 4, name: 'Doos M', barcode: 'DOOS-M', length: 30, width: 25, height: 15 },
];
const line = (idproduct: number, amount: number, l: number | null, w: number | null, h: number | null): AdviceLine => ({ idproduct, amount, length: l, width: w, height: h });

describe('box advice: the smallest packaging that fits', () => {
  it('picks the smallest box whose volume with the fill factor holds the products', () => {
    // 2 x 10x10x10 = 2,000 cm3; Doos S is 3,000 cm3, x 0.8 = 2,400: it fits.
    expect(adviseBox([line(1, 2, 10, 10, 10)], boxes, 0.8)?.idpackaging).toBe(3);
    // 3 x 1,000 = 3,000 > 2,400: Doos M (11,250 x 0.8 = 9,000).
    expect(adviseBox([line(1, 3, 10, 10, 10)], boxes, 0.8)?.idpackaging).toBe(4);
  });

  it('needs the longest side of the box to hold the longest product side, whatever the volume', () => {
    // A thin rod 45 cm long: little volume, but only Doos L is long enough.
    expect(adviseBox([line(1, 1, 45, 2, 2)], boxes, 0.8)?.idpackaging).toBe(5);
  });

  it('gives no advice when nothing fits, a dimension is unknown, or there are no packagings', () => {
    expect(adviseBox([line(1, 1, 80, 10, 10)], boxes, 0.8)).toBeNull();
    expect(adviseBox([line(1, 1, 10, 10, 10), line(2, 1, 10, null, 10)], boxes, 0.8)).toBeNull();
    expect(adviseBox([line(1, 1, 10, 10, 10)], [], 0.8)).toBeNull();
    expect(adviseBox([], boxes, 0.8)).toBeNull();
  });

  it('leaves out a packaging whose own dimensions are unknown', () => {
    const withUnknown = [{ idpackaging: 9, name: 'Zak', barcode: null, length: null, width: 10, height: 10 }, ...boxes];
    expect(adviseBox([line(1, 1, 5, 5, 5)], withUnknown, 0.8)?.idpackaging).toBe(3);
  });
});

describe('box advice: learning from what packers chose', () => {
  it('names the same set of products the same, whatever the line order or split', () => {
    expect(productSetKey([line(2, 1, 1, 1, 1), line(1, 2, 1, 1, 1)])).toBe(productSetKey([line(1, 1, 1, 1, 1), line(2, 1, 1, 1, 1), line(1, 1, 1, 1, 1)]));
    expect(productSetKey([line(1, 2, 1, 1, 1)])).not.toBe(productSetKey([line(1, 1, 1, 1, 1)]));
  });

  it('takes the packaging the last parcels all chose once there are enough of them', () => {
    expect(learnedChoice([4, 4, 4, 4, 4], 3, 5)).toBe(4);
    expect(learnedChoice([4, 4, 4, 4, 4, 3, 3], 3, 5)).toBe(4);
  });

  it('keeps the fitted advice with too few parcels, mixed choices, or when packers followed it', () => {
    expect(learnedChoice([4, 4, 4, 4], 3, 5)).toBeNull();
    expect(learnedChoice([4, 4, 5, 4, 4], 3, 5)).toBeNull();
    expect(learnedChoice([3, 3, 3, 3, 3], 3, 5)).toBeNull();
  });
});

describe('box advice: several boxes when one does not hold the products', () => {
  it('is one box, the smallest that fits, whenever one box holds them', () => {
    expect(adviseBoxes([line(1, 2, 10, 10, 10)], boxes, 0.8)?.map((b) => b.idpackaging)).toEqual([3]);
  });

  it('fills the largest box first and gives the rest the smallest box that holds it', () => {
    // 50 x 1,000 cm3 = 50,000; Doos L holds 60,000 x 0.8 = 48,000: 48 units in it, the last 2
    // (2,000) fit Doos S (2,400).
    expect(adviseBoxes([line(1, 50, 10, 10, 10)], boxes, 0.8)?.map((b) => b.idpackaging)).toEqual([5, 3]);
    // The biggest units go first, so a large unit never waits for room behind small ones.
    // 2 x 12,000 and 24 x 1,000 fill Doos L; the other 6 x 1,000 fit Doos M (9,000).
    expect(adviseBoxes([line(1, 30, 10, 10, 10), line(2, 2, 30, 20, 20)], boxes, 0.8)?.map((b) => b.idpackaging)).toEqual([5, 4]);
  });

  it('ends when a unit fills a box to the last bit of room, whatever the rounding of decimal centimetres', () => {
    // 8 units of 918 cm3 and one of 19.44 fill 48.7 x 6.3 x 30 x 0.8 = 7,363.44 exactly: in
    // floating point the last unit fits by the sum and not by the division, which looped for ever.
    const only: AdvicePackaging[] = [{ idpackaging: 9, name: 'Flat box', barcode: null, length: 48.7, width: 6.3, height: 30 }];
    expect(adviseBoxes([line(1, 12, 3.6, 15, 17), line(2, 13, 13.5, 0.6, 2.4)], only, 0.8)?.map((b) => b.idpackaging)).toEqual([9, 9]);
  });

  it('gives no advice when a product is longer than the largest box, a dimension is unknown, or it takes more boxes than a parcel may have', () => {
    expect(adviseBoxes([line(1, 1, 80, 10, 10)], boxes, 0.8)).toBeNull();
    expect(adviseBoxes([line(1, 60, 10, 10, 10), line(2, 1, 10, null, 10)], boxes, 0.8)).toBeNull();
    // 48 units of 1,000 cm3 per Doos L: 1,000 units would take 21 boxes.
    expect(adviseBoxes([line(1, 1000, 10, 10, 10)], boxes, 0.8)).toBeNull();
  });
});
