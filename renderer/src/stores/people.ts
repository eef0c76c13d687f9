import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PracticeScore } from '../../../shared/people';
import { toApiError, type ApiClient, type ApiError } from '../api';

/** Practice mode and the badge sheet: what a shift lead does for the people at a station. */
export interface PeopleStore {
  isBusy: boolean;
  error: ApiError | null;
  /** The score of the practice that just ended, until it is dismissed. */
  score: PracticeScore | null;
  startPractice(): Promise<boolean>;
  stopPractice(): Promise<boolean>;
  dismissScore(): void;
  /** The badges of every active packer, or of one, as a PDF. */
  badges(iduser?: number): Promise<{ filename: string; pdfBase64: string } | null>;
}

export function createPeopleStore(api: ApiClient, onAppState: (revision: number) => Promise<void>): StoreApi<PeopleStore> {
  return createStore<PeopleStore>()((set) => ({
    isBusy: false,
    error: null,
    score: null,

    async startPractice() {
      set({ isBusy: true, error: null, score: null });
      try {
        await onAppState((await api.invoke('practice.start', {})).revision);
        set({ isBusy: false });
        return true;
      } catch (error) {
        set({ isBusy: false, error: toApiError(error) });
        return false;
      }
    },

    async stopPractice() {
      set({ isBusy: true, error: null });
      try {
        const score = await api.invoke('practice.stop', {});
        set({ isBusy: false, score });
        return true;
      } catch (error) {
        set({ isBusy: false, error: toApiError(error) });
        return false;
      }
    },

    dismissScore() {
      set({ score: null });
    },

    async badges(iduser) {
      set({ isBusy: true, error: null });
      try {
        const sheet = await api.invoke('packer.badges', iduser === undefined ? {} : { iduser });
        set({ isBusy: false });
        return sheet;
      } catch (error) {
        set({ isBusy: false, error: toApiError(error) });
        return null;
      }
    },
  }));
}

export const selectIsPeopleBusy = (s: PeopleStore): boolean => s.isBusy;
export const selectPeopleError = (s: PeopleStore): ApiError | null => s.error;
export const selectPracticeScore = (s: PeopleStore): PracticeScore | null => s.score;
