import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StatsSummary } from '../../../shared/contract';
import type { WeightSuspect } from '../../../shared/weights';
import { toApiError, type ApiClient, type ApiError } from '../api';

export type StatsCsvKind = 'scans' | 'summary';

export interface StatsStore {
  /** The day asked for; null asks for the station's today (the browser's clock may be elsewhere). */
  day: string | null;
  /** A shift id of the station; null for the whole day. */
  shift: string | null;
  summary: StatsSummary | null;
  isLoading: boolean;
  error: ApiError | null;
  /** The file being made, so only its button says so. */
  exporting: StatsCsvKind | null;
  exportError: ApiError | null;
  /** Products whose weighed parcels say their catalogue weight is off; null until read. Not tied to the day on screen. */
  weightSuspects: WeightSuspect[] | null;
  weightSuspectsError: ApiError | null;
  setDay(day: string | null): Promise<void>;
  setShift(shift: string | null): Promise<void>;
  load(): Promise<void>;
  loadWeightSuspects(): Promise<void>;
  /** The CSV file of the day and shift on screen; null when main refused (the error is kept). */
  exportCsv(kind: StatsCsvKind): Promise<{ filename: string; csv: string } | null>;
  /** While the Stats screen shows today, reads again when a parcel's label comes in (the weights to check on any day); returns the unsubscribe. */
  follow(): () => void;
}

export function createStatsStore(api: ApiClient): StoreApi<StatsStore> {
  let requestSeq = 0;

  return createStore<StatsStore>()((set, get) => {
    const query = () => {
      const { day, shift } = get();
      return { ...(day === null ? {} : { day }), ...(shift === null ? {} : { shift }) };
    };

    return {
      day: null,
      shift: null,
      summary: null,
      isLoading: false,
      error: null,
      exporting: null,
      exportError: null,
      weightSuspects: null,
      weightSuspectsError: null,

      async loadWeightSuspects() {
        try {
          set({ weightSuspects: await api.invoke('stats.weightSuspects', {}), weightSuspectsError: null });
        } catch (error) {
          set({ weightSuspectsError: toApiError(error) });
        }
      },

      async load() {
        requestSeq += 1;
        const seq = requestSeq;
        set({ isLoading: true });
        try {
          const summary = await api.invoke('stats.summary', query());
          // A newer day or shift was asked for while this one was on its way.
          if (seq !== requestSeq) return;
          set({ summary, isLoading: false, error: null });
        } catch (error) {
          if (seq !== requestSeq) return;
          set({ isLoading: false, error: toApiError(error) });
        }
      },

      setDay(day) {
        set({ day, exportError: null });
        return get().load();
      },

      setShift(shift) {
        set({ shift, exportError: null });
        return get().load();
      },

      async exportCsv(kind) {
        set({ exporting: kind, exportError: null });
        try {
          const file = await api.invoke('stats.exportCsv', { ...query(), kind });
          set({ exporting: null });
          return file;
        } catch (error) {
          set({ exporting: null, exportError: toApiError(error) });
          return null;
        }
      },

      follow() {
        return api.on('history.changed', () => {
          const { day, summary } = get();
          if (day === null || day === summary?.today) void get().load();
          // A new parcel may add to the catalogue weights to check, whatever day is on screen.
          void get().loadWeightSuspects();
        });
      },
    };
  });
}

export const selectStatsSummary = (s: StatsStore): StatsSummary | null => s.summary;
/** The day on screen: the one asked for, else the today main answered with. */
export const selectStatsDay = (s: StatsStore): string | null => s.day ?? s.summary?.day ?? null;
export const selectStatsToday = (s: StatsStore): string | null => s.summary?.today ?? null;
export const selectStatsShift = (s: StatsStore): string | null => s.shift;
export const selectIsStatsLoading = (s: StatsStore): boolean => s.isLoading;
export const selectStatsError = (s: StatsStore): ApiError | null => s.error;
export const selectStatsExporting = (s: StatsStore): StatsCsvKind | null => s.exporting;
export const selectStatsExportError = (s: StatsStore): ApiError | null => s.exportError;
export const selectWeightSuspects = (s: StatsStore): WeightSuspect[] | null => s.weightSuspects;
export const selectWeightSuspectsError = (s: StatsStore): ApiError | null => s.weightSuspectsError;
