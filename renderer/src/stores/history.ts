import type { CommandAck } from '../../../shared/packing';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Parcel } from '../../../shared/packing';
import { toApiError, type ApiClient, type ApiError } from '../api';

export type ParcelAction = 'cancel' | 'label' | 'packing_slip';

export interface HistoryStore {
  parcels: Parcel[];
  hasLoaded: boolean;
  isLoading: boolean;
  error: ApiError | null;
  /** The parcel and action in flight, so only that button says it is busy. */
  busy: { idpicklist: number; action: ParcelAction } | null;
  actionError: ApiError | null;
  isMakingSheet: boolean;
  sheetError: ApiError | null;
  load(): Promise<void>;
  /** The printable command barcode sheet (PDF, base64). */
  commandSheet(): Promise<{ filename: string; pdfBase64: string } | null>;
  cancelShipment(idpicklist: number, reason: string): Promise<boolean>;
  reprint(idpicklist: number, document: 'label' | 'packing_slip'): Promise<boolean>;
  /** A parcel's label or packing slip from the print journal (PDF, base64), to look at. */
  viewDocument(idpicklist: number, document: 'label' | 'packing_slip'): Promise<{ filename: string; pdfBase64: string } | null>;
  /** An order's lots, best-before dates and serials as CSV, by a row's order or as a lead typed it; null (and actionError) when there is none. */
  lotsCsv(target: { idorder: number } | { order: string }): Promise<{ filename: string; csv: string } | null>;
  /** REPRINT command barcode: the label of the parcel packed last at this station. */
  reprintLast(): Promise<boolean>;
  /** Re-reads on `history.changed` and follows the parcels' print jobs (`print.job`); returns the unsubscribe. */
  start(): () => void;
}

/** Newest first. */
function byPackedAt(parcels: Parcel[]): Parcel[] {
  return [...parcels].sort((a, b) => b.packedAt.localeCompare(a.packedAt));
}

export function createHistoryStore(api: ApiClient): StoreApi<HistoryStore> {
  let requestSeq = 0;

  return createStore<HistoryStore>()((set, get) => {
    async function act(idpicklist: number, action: ParcelAction, call: () => Promise<CommandAck>): Promise<boolean> {
      set({ busy: { idpicklist, action }, actionError: null });
      try {
        // An acknowledgement: the parcels it changed are read again (history.changed said so too).
        await call();
        set({ busy: null });
        await get().load();
        return true;
      } catch (error) {
        set({ busy: null, actionError: toApiError(error) });
        return false;
      }
    }

    return {
      parcels: [],
      hasLoaded: false,
      isLoading: false,
      error: null,
      busy: null,
      actionError: null,
      isMakingSheet: false,
      sheetError: null,

      async commandSheet() {
        set({ isMakingSheet: true, sheetError: null });
        try {
          const sheet = await api.invoke('commands.sheet', {});
          set({ isMakingSheet: false });
          return sheet;
        } catch (error) {
          set({ isMakingSheet: false, sheetError: toApiError(error) });
          return null;
        }
      },

      async load() {
        requestSeq += 1;
        const seq = requestSeq;
        set({ isLoading: true });
        try {
          const parcels = await api.invoke('history.list', {});
          if (seq !== requestSeq) return;
          set({ parcels: byPackedAt(parcels), hasLoaded: true, isLoading: false, error: null });
        } catch (error) {
          if (seq !== requestSeq) return;
          set({ isLoading: false, error: toApiError(error) });
        }
      },

      cancelShipment(idpicklist, reason) {
        return act(idpicklist, 'cancel', () => api.invoke('history.cancelShipment', { idpicklist, reason }));
      },

      reprint(idpicklist, document) {
        return act(idpicklist, document, () => api.invoke('history.reprint', { idpicklist, document }));
      },

      async viewDocument(idpicklist, document) {
        set({ actionError: null });
        try {
          return await api.invoke('history.document', { idpicklist, document });
        } catch (error) {
          set({ actionError: toApiError(error) });
          return null;
        }
      },

      async lotsCsv(target) {
        set({ actionError: null });
        try {
          return await api.invoke('history.lotsCsv', target);
        } catch (error) {
          set({ actionError: toApiError(error) });
          return null;
        }
      },

      async reprintLast() {
        if (!get().hasLoaded) await get().load();
        const last = get().parcels.find((p) => p.state !== 'cancelled');
        if (!last) return false;
        return get().reprint(last.idpicklist, 'label');
      },

      start() {
        const offChanged = api.on('history.changed', () => void get().load());
        // A label retried from the status bar prints without any history.changed: History would
        // still say "failed" beside a label lying on the printer.
        const offPrint = api.on('print.job', (job) => {
          if ((job.kind !== 'label' && job.kind !== 'packing_slip') || job.idpicklist === null || !get().hasLoaded) return;
          const parcels = get().parcels;
          const parcel = parcels.find((p) => p.idpicklist === job.idpicklist);
          if (!parcel) return;
          if (!parcel.printJobs.some((j) => j.id === job.id)) {
            void get().load();
            return;
          }
          const printJobs = parcel.printJobs.map((j) => (j.id === job.id ? { ...j, status: job.status, error: job.error, reason: job.reason } : j));
          set({ parcels: parcels.map((p) => (p === parcel ? { ...p, printJobs } : p)) });
        });
        return () => {
          offChanged();
          offPrint();
        };
      },
    };
  });
}

export const selectParcels = (s: HistoryStore): Parcel[] => s.parcels;
export const selectHasHistoryLoaded = (s: HistoryStore): boolean => s.hasLoaded;
export const selectIsHistoryLoading = (s: HistoryStore): boolean => s.isLoading;
export const selectHistoryError = (s: HistoryStore): ApiError | null => s.error;
export const selectHistoryBusy = (s: HistoryStore) => s.busy;
export const selectHistoryActionError = (s: HistoryStore): ApiError | null => s.actionError;
export const selectIsMakingSheet = (s: HistoryStore): boolean => s.isMakingSheet;
export const selectSheetError = (s: HistoryStore): ApiError | null => s.sheetError;
