import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../renderer/src/stores/session';
import { shareEqual } from '../../renderer/src/stores/structural-share';
import { createFakeApi, packLineFixture, sessionFixture } from './fake-api';

// A scan's session arrives twice (in the answer and as session.changed) and changes one line of
// many: the second changes nothing on screen, and the first renders only the row that changed.
describe('session store: the same session twice, one line changed', () => {
  let rev = 0;
  it('a session equal to the one shown changes nothing and notifies nobody', () => {
    const store = createSessionStore(createFakeApi());
    const first = sessionFixture();
    store.getState().apply({ revision: (rev += 1), session: first, batch: null });
    let notified = 0;
    const off = store.subscribe(() => (notified += 1));
    store.getState().apply({ revision: (rev += 1), session: structuredClone(first), batch: null });
    expect(notified).toBe(0);
    expect(store.getState().session).toBe(first);
    off();
  });

  it('keeps the lines that did not change as the same objects', () => {
    const store = createSessionStore(createFakeApi());
    const lines = [packLineFixture(1, { amount: 2 }), packLineFixture(2), packLineFixture(3)];
    store.getState().apply({ revision: (rev += 1), session: sessionFixture({ lines }), batch: null });
    const before = store.getState().session;
    const next = sessionFixture({
      lines: [packLineFixture(1, { amount: 2, verified: 1 }), packLineFixture(2), packLineFixture(3)],
      lastScan: { outcome: 'counted', code: 'PD-1', amount: 1, productName: 'Product 1', at: '2026-11-22T10:00:00.000Z' },
    });
    store.getState().apply({ revision: (rev += 1), session: next, batch: null });
    const after = store.getState().session;
    expect(after).toEqual(next);
    expect(after?.lines[0]).not.toBe(before?.lines[0]);
    expect(after?.lines[0]?.verified).toBe(1);
    expect(after?.lines[1]).toBe(before?.lines[1]);
    expect(after?.lines[2]).toBe(before?.lines[2]);
    expect(after?.order).toBe(before?.order);
  });

  it('sees every difference: a removed key, a shorter list, null for an object', () => {
    expect(shareEqual({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    expect(shareEqual([1, 2, 3], [1, 2])).toEqual([1, 2]);
    expect(shareEqual({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
    const previous = { a: { b: 1 }, c: [1] };
    expect(shareEqual(previous, { a: { b: 1 }, c: [1] })).toBe(previous);
  });
});
