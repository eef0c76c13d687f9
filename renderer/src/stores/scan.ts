import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScanAnswer } from '../../../shared/packing';
import { toApiError, type ApiClient, type ApiError } from '../api';

export interface ScanStore {
  /** The answer to the last scan (or open/choose): what the packer just heard, in large type. */
  lastAnswer: ScanAnswer | null;
  /** Bumped with every answer, so the same answer twice still flashes as new. */
  answerSeq: number;
  /** Digits typed before a scan, shown until the scan uses them, Escape clears them or they lapse. */
  multiplier: number | null;
  /** When the typed multiplier lapses (Date.now() ms), for the countdown on screen. */
  multiplierExpiresAt: number | null;
  pending: number;
  /** Codes scanned while a dialog was open, waiting to be answered when it closes (oldest first). */
  held: string[];
  /** A scan that could not be submitted at all (station gone, validation). */
  error: ApiError | null;
  errorCode: string | null;
  setMultiplier(value: number | null, expiresAt?: number | null): void;
  setHeld(codes: string[]): void;
  /** Sends one scan to main, its AIM identifier beside it; scans go in the order they were made. */
  submit(code: string, multiplier: number | null, aim?: string | null): Promise<ScanAnswer | null>;
  setAnswer(answer: ScanAnswer): void;
  /** No answer to show: the station switched (practice, warehouse) and the last one was about the other. */
  clearAnswer(): void;
  /** A scan main read itself (HID, serial) and refused as a command: shown like a failed submit. */
  refuse(code: string, error: ApiError): void;
}

export function createScanStore(api: ApiClient): StoreApi<ScanStore> {
  // Scans are answered one after the other: two HTTP requests could otherwise overtake each other.
  let chain: Promise<unknown> = Promise.resolve();

  return createStore<ScanStore>()((set, get) => ({
    lastAnswer: null,
    answerSeq: 0,
    multiplier: null,
    multiplierExpiresAt: null,
    pending: 0,
    held: [],
    error: null,
    errorCode: null,

    setMultiplier(multiplier, expiresAt = null) {
      set({ multiplier, multiplierExpiresAt: multiplier === null ? null : expiresAt });
    },

    setHeld(held) {
      set({ held });
    },

    submit(code, multiplier, aim = null) {
      set((s) => ({ pending: s.pending + 1 }));
      const scanned = aim === null ? { code, source: 'wedge' as const } : { code, aim, source: 'wedge' as const };
      const input = multiplier && multiplier > 1 ? { ...scanned, multiplier } : scanned;
      const next = chain.then(async () => {
        try {
          const answer = await api.invoke('scan.submit', input);
          set((s) => ({ pending: s.pending - 1, error: null, errorCode: null }));
          return answer;
        } catch (error) {
          const apiError = toApiError(error);
          set((s) => ({ pending: s.pending - 1, error: apiError, errorCode: code }));
          return null;
        }
      });
      chain = next;
      return next;
    },

    refuse(code, error) {
      set({ error, errorCode: code });
    },

    setAnswer(answer) {
      set({ lastAnswer: answer, answerSeq: get().answerSeq + 1, error: null, errorCode: null });
    },

    clearAnswer() {
      set({ lastAnswer: null, answerSeq: get().answerSeq + 1, error: null, errorCode: null });
    },
  }));
}

export const selectLastAnswer = (s: ScanStore): ScanAnswer | null => s.lastAnswer;
export const selectAnswerSeq = (s: ScanStore): number => s.answerSeq;
export const selectMultiplier = (s: ScanStore): number | null => s.multiplier;
export const selectMultiplierExpiresAt = (s: ScanStore): number | null => s.multiplierExpiresAt;
export const selectHeldScans = (s: ScanStore): string[] => s.held;
export const selectIsScanPending = (s: ScanStore): boolean => s.pending > 0;
export const selectScanError = (s: ScanStore): ApiError | null => s.error;
export const selectScanErrorCode = (s: ScanStore): string | null => s.errorCode;
