import { describe, expect, it } from 'vitest';
import { changedLineOf, lineOfAnswer, nextLineOf } from '../../renderer/src/use-scanned-line';
import { answerFixture, packLineFixture, sessionFixture } from './fake-api';

/*
 * Issue 14: the pack screen rings the line just scanned and marks the next one to scan. Which line
 * that is comes from the lines themselves, so two lines of one product are told apart.
 */

describe('the line just scanned', () => {
  it('is the line whose count changed, not another line of the same product', () => {
    const first = packLineFixture(1, { idproduct: 77, amount: 1, verified: 1 });
    const second = packLineFixture(2, { idproduct: 77, amount: 2, verified: 0 });
    const other = packLineFixture(3);
    const after = [first, { ...second, verified: 1 }, other];
    expect(changedLineOf([first, second, other], after)).toBe(2);
  });

  it('is none when no count changed (an unknown barcode, a wrong item)', () => {
    const lines = [packLineFixture(1), packLineFixture(2)];
    expect(changedLineOf(lines, [...lines])).toBeNull();
    // A new copy of an unchanged line is not a scan either.
    expect(changedLineOf(lines, lines.map((line) => ({ ...line })))).toBeNull();
  });

  it('is the part, when a set and its part change together', () => {
    const set = packLineFixture(1, { isComposition: true, amount: 1 });
    const part = packLineFixture(2, { parentId: 1, amount: 2 });
    expect(changedLineOf([set, part], [{ ...set, verified: 1 }, { ...part, verified: 2 }])).toBe(2);
  });

  it('comes from the last answer when the pack screen comes back: the last counted line of that product', () => {
    const lines = [packLineFixture(1, { idproduct: 77, verified: 1 }), packLineFixture(2, { idproduct: 77, amount: 2, verified: 1 }), packLineFixture(3)];
    const lastScan = { outcome: 'counted' as const, code: '8710000000077', amount: 1, productName: 'Muts geel', at: '2026-12-03T10:00:00.000Z' };
    const session = sessionFixture({ lines, lastScan });
    const product = { idproduct: 77, name: 'Muts geel', productcode: 'MG', image: null };
    expect(lineOfAnswer(session, answerFixture({ outcome: 'counted', product, code: '8710000000077' }))).toBe(2);
    // An answer that is not this picklist's last scan says nothing about it.
    expect(lineOfAnswer(sessionFixture({ lines }), answerFixture({ outcome: 'counted', product, code: '8710000000077' }))).toBeNull();
  });
});

describe('the next line to scan', () => {
  it('is the first line in the picklist’s order still short, a set by its parts', () => {
    const lines = [
      packLineFixture(1, { verified: 1 }),
      packLineFixture(2, { isComposition: true }),
      packLineFixture(3, { parentId: 2, amount: 2, verified: 1 }),
      packLineFixture(4),
    ];
    expect(nextLineOf(lines)).toBe(3);
    expect(nextLineOf(lines.map((line) => ({ ...line, verified: line.amount })))).toBeNull();
  });
});
