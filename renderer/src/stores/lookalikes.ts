import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lookalike } from '../../../shared/packing';
import type { ApiClient } from '../api';

/** The look-alike warnings of the picklist on screen; read once when it opens. */
export interface LookalikesStore {
  idpicklist: number | null;
  warnings: Lookalike[];
  /** Reads the warnings for a picklist (null: nothing open). A failed read shows none: the pack screen works without. */
  load(idpicklist: number | null): Promise<void>;
}

export function createLookalikesStore(api: ApiClient): StoreApi<LookalikesStore> {
  return createStore<LookalikesStore>()((set, get) => ({
    idpicklist: null,
    warnings: [],
    async load(idpicklist) {
      if (idpicklist === get().idpicklist) return;
      set({ idpicklist, warnings: [] });
      if (idpicklist === null) return;
      try {
        const warnings = await api.invoke('pack.lookalikes', { idpicklist });
        if (get().idpicklist === idpicklist) set({ warnings });
      } catch {
        // Only a warning: the packer can pack without it.
      }
    },
  }));
}

export const selectLookalikes = (s: LookalikesStore): Lookalike[] => s.warnings;
