import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SoundPlayer } from '../sound/player';
import type { SoundName } from '../sound/specs';

export const muteStorageKey = 'packdesk.muted';

export interface SoundStore {
  isMuted: boolean;
  /** The last sound asked for, muted or not: tests and the screen can follow it. */
  lastSound: SoundName | null;
  play(name: SoundName): void;
  toggleMute(): void;
}

export interface SoundStoreOptions {
  player?: SoundPlayer;
  /** Where the mute choice survives a reload (the station's own browser profile). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

export function createSoundStore(options: SoundStoreOptions = {}): StoreApi<SoundStore> {
  const { player, storage } = options;
  let isMuted = false;
  try {
    isMuted = storage?.getItem(muteStorageKey) === '1';
  } catch {
    // Storage can be unavailable (privacy settings); then the choice lasts until a reload.
  }

  return createStore<SoundStore>()((set, get) => ({
    isMuted,
    lastSound: null,
    play(name) {
      set({ lastSound: name });
      if (get().isMuted) return;
      try {
        player?.play(name);
      } catch {
        // A sound that cannot play must never stop the answer from showing.
      }
    },
    toggleMute() {
      const next = !get().isMuted;
      set({ isMuted: next });
      try {
        storage?.setItem(muteStorageKey, next ? '1' : '0');
      } catch {
        // See above.
      }
    },
  }));
}

export const selectIsMuted = (s: SoundStore): boolean => s.isMuted;
export const selectLastSound = (s: SoundStore): SoundName | null => s.lastSound;
