import { describe, expect, it } from 'vitest';
import type { Lookalike } from '../../shared/packing';
import { createLookalikesStore } from '../../renderer/src/stores/lookalikes';
import { createFakeApi } from './fake-api';

const pair = (a: number, b: number): Lookalike => ({
  product: { idproduct: a, name: `Product ${a}`, productcode: `P${a}`, image: null },
  other: { idproduct: b, name: `Product ${b}`, productcode: `P${b}`, image: null },
  count: 3,
  isOtherOnPicklist: false,
});

describe('look-alike store', () => {
  it('reads the warnings once per picklist, drops a late answer for another one, and clears when none is open', async () => {
    const api = createFakeApi();
    let release: (() => void) | null = null;
    api.handle('pack.lookalikes', ({ idpicklist }) =>
      idpicklist === 1 ? new Promise<Lookalike[]>((resolve) => (release = () => resolve([pair(10, 11)]))) : [pair(20, 21)],
    );
    const store = createLookalikesStore(api);
    const first = store.getState().load(1);
    await store.getState().load(2);
    (release as (() => void) | null)?.();
    await first;
    expect(store.getState()).toMatchObject({ idpicklist: 2, warnings: [pair(20, 21)] });
    await store.getState().load(2);
    expect(api.callsOf('pack.lookalikes')).toEqual([{ idpicklist: 1 }, { idpicklist: 2 }]);
    await store.getState().load(null);
    expect(store.getState().warnings).toEqual([]);
  });

  it('shows no warning when they cannot be read', async () => {
    const api = createFakeApi();
    const store = createLookalikesStore(api);
    await store.getState().load(5);
    expect(store.getState().warnings).toEqual([]);
  });
});
