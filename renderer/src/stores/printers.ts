import type { Reason } from '../../../shared/reasons';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../shared/contract';
import type { PrintJobEvent } from '../../../shared/packing';
import type { CupsQueue, DocumentType, PrinterConfig, PrinterInfo } from '../../../shared/printing';
import type { PackingStation, StationPrinterChoice } from '../../../shared/station-printers';
import { toApiError, type ApiClient, type ApiError } from '../api';

/** The test page last sent for a document type, followed through `print.job` until it printed or failed. */
export interface TestPrint {
  documentType: DocumentType;
  jobId: number;
  status: PrintJobEvent['status'];
  error: string | null;
  /** Packdesk's own reason for a failure, worded on screen; `error` is the printer's words. */
  reason: Reason | null;
}

/** The fields of a printer that main can refuse, as `printer.<field>: why` in a VALIDATION message. */
export const printerFields = ['queue', 'media', 'host', 'port', 'format', 'path', 'printer'] as const;
export type PrinterField = (typeof printerFields)[number];

/** A printer choice main refused, kept until the next attempt so the editor can say what and where. */
export interface PrinterSaveProblem {
  documentType: DocumentType;
  error: ApiError;
  /** The field main named, when it named one the editor has. */
  field: PrinterField | null;
}

/** What the last save did, for the status line above the table. */
export interface PrinterSaved {
  documentType: DocumentType;
  kind: 'chosen' | 'none' | 'file';
}

/** Picqer's packing stations, read when asked for, to take one's printers from. */
export interface PackingStationsState {
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  stations: PackingStation[];
  /** Why there are none (the account's API does not offer them). */
  reason: Reason | null;
  error: ApiError | null;
  /** While a station's printers are being set; then what was set, or where it stopped. */
  applying: boolean;
  applied: { station: string; count: number } | null;
  /** The printer main refused while taking a station's printers; the ones before it are set. */
  refused: PrinterSaveProblem | null;
}

export function printerFieldOf(error: ApiError): PrinterField | null {
  if (error.code !== 'VALIDATION') return null;
  const match = /^printer\.(\w+):/.exec(error.message);
  const field = match?.[1];
  return printerFields.find((f) => f === field) ?? null;
}

export interface PrintersStore {
  printers: PrinterInfo[];
  queues: CupsQueue[];
  hasLoaded: boolean;
  isLoading: boolean;
  error: ApiError | null;
  /** A document type whose test print is being asked for. */
  testing: DocumentType | null;
  tests: Partial<Record<DocumentType, TestPrint>>;
  testError: ApiError | null;
  /** A document type whose printer is being saved. */
  saving: DocumentType | null;
  saveProblem: PrinterSaveProblem | null;
  saved: PrinterSaved | null;
  /** Printers with their health, and the CUPS queues found on this machine. */
  load(): Promise<void>;
  testPrint(documentType: DocumentType): Promise<boolean>;
  /** Chooses a document type's printer in Settings (null: none); it wins over the config file. */
  choosePrinter(documentType: DocumentType, printer: PrinterConfig | null): Promise<boolean>;
  /** Forgets the choice made in Settings: the config file's printer (if any) again. */
  useFilePrinter(documentType: DocumentType): Promise<boolean>;
  clearSaveProblem(): void;
  packingStations: PackingStationsState;
  loadPackingStations(): Promise<void>;
  /** Sets each matched printer through printers.set, one after another; stops at the first refusal (saveProblem says which). */
  takeStationPrinters(station: string, choices: StationPrinterChoice[]): Promise<boolean>;
  /** Follows `print.job` for the test pages; returns the unsubscribe. */
  start(): () => void;
}

/** How many test-job events to keep for an answer still on its way; more than anyone clicks at once. */
const earlyTestEventLimit = 20;

export function createPrintersStore(api: ApiClient): StoreApi<PrintersStore> {
  let requestSeq = 0;
  /**
   * Test-job events whose job id no answer has named yet. A folder printer prints at once, and the
   * job's "done" can come over the socket before printers.test answers with the id; dropped, the
   * test would say "queued" for ever.
   */
  const earlyTestEvents = new Map<number, PrintJobEvent>();
  /** The revision of the last printers.changed event. */
  let changedRevision = 0;

  return createStore<PrintersStore>()((set, get) => {
    async function save(documentType: DocumentType, input: CommandInput<'printers.set'>, kind: PrinterSaved['kind']): Promise<boolean> {
      set({ saving: documentType, saveProblem: null, saved: null });
      try {
        const { revision } = await api.invoke('printers.set', input);
        // A list read before the change would show the old printer: drop any that is on its way.
        requestSeq += 1;
        // The printers in force went out as printers.changed before the acknowledgement; read them
        // only when that event did not arrive.
        if (changedRevision < revision) set({ printers: await api.invoke('printers.list', {}) });
        set({ saving: null, isLoading: false, saved: { documentType, kind } });
        return true;
      } catch (error) {
        const apiError = toApiError(error);
        set({ saving: null, saveProblem: { documentType, error: apiError, field: printerFieldOf(apiError) } });
        return false;
      }
    }

    return {
      printers: [],
      queues: [],
      hasLoaded: false,
      isLoading: false,
      error: null,
      testing: null,
      tests: {},
      testError: null,
      saving: null,
      saveProblem: null,
      saved: null,
      packingStations: { status: 'idle', stations: [], reason: null, error: null, applying: false, applied: null, refused: null },

      async load() {
        requestSeq += 1;
        const seq = requestSeq;
        set({ isLoading: true });
        try {
          // Health takes a moment per printer (a ZPL printer is asked with ~HS); both lists at once.
          const [printers, queues] = await Promise.all([api.invoke('printers.list', {}), api.invoke('printers.discover', {})]);
          if (seq !== requestSeq) return;
          set({ printers, queues, hasLoaded: true, isLoading: false, error: null });
        } catch (error) {
          if (seq !== requestSeq) return;
          set({ isLoading: false, error: toApiError(error) });
        }
      },

      async testPrint(documentType) {
        set({ testing: documentType, testError: null });
        try {
          const jobId = await api.invoke('printers.test', { documentType });
          const current = get().tests[documentType];
          // The job's own event may have come before the answer: keep what it said.
          const early = earlyTestEvents.get(jobId);
          earlyTestEvents.delete(jobId);
          const known = current?.jobId === jobId ? current : early ? { documentType, jobId, status: early.status, error: early.error, reason: early.reason } : null;
          set({ testing: null, tests: { ...get().tests, [documentType]: known ?? { documentType, jobId, status: 'queued', error: null, reason: null } } });
          if (early && (early.status === 'done' || early.status === 'failed')) void get().load();
          return true;
        } catch (error) {
          set({ testing: null, testError: toApiError(error) });
          return false;
        }
      },

      async choosePrinter(documentType, printer) {
        return save(documentType, { documentType, printer }, printer ? 'chosen' : 'none');
      },

      async useFilePrinter(documentType) {
        return save(documentType, { documentType, useFile: true }, 'file');
      },

      clearSaveProblem() {
        set({ saveProblem: null });
      },

      async loadPackingStations() {
        set({ packingStations: { ...get().packingStations, status: 'loading', error: null, applied: null } });
        try {
          const { stations, reason } = await api.invoke('printers.packingStations', {});
          set({ packingStations: { ...get().packingStations, status: 'loaded', stations, reason } });
        } catch (error) {
          set({ packingStations: { ...get().packingStations, status: 'failed', error: toApiError(error) } });
        }
      },

      async takeStationPrinters(station, choices) {
        set({ packingStations: { ...get().packingStations, applying: true, applied: null, refused: null } });
        let count = 0;
        for (const choice of choices) {
          if (!(await get().choosePrinter(choice.documentType, choice.config))) break;
          count += 1;
        }
        const isDone = count === choices.length;
        set({ packingStations: { ...get().packingStations, applying: false, applied: isDone ? { station, count } : null, refused: isDone ? null : get().saveProblem } });
        return isDone;
      },

      start() {
        // Another screen (or tab) chose a printer: the list in force, as main sent it.
        const offChanged = api.on('printers.changed', (printers, revision) => {
          requestSeq += 1;
          changedRevision = revision;
          set({ printers });
        });
        const offJobs = api.on('print.job', (job) => {
          if (job.kind !== 'test') return;
          const tests = get().tests;
          const entry = Object.values(tests).find((t) => t.jobId === job.id);
          if (!entry) {
            earlyTestEvents.set(job.id, job);
            if (earlyTestEvents.size > earlyTestEventLimit) {
              const oldest = earlyTestEvents.keys().next().value;
              if (oldest !== undefined) earlyTestEvents.delete(oldest);
            }
            return;
          }
          set({ tests: { ...tests, [entry.documentType]: { ...entry, status: job.status, error: job.error, reason: job.reason } } });
          // A test that printed or failed says something about the printer: read health again.
          if (job.status === 'done' || job.status === 'failed') void get().load();
        });
        return () => {
          offChanged();
          offJobs();
        };
      },
    };
  });
}

export const selectPrinters = (s: PrintersStore): PrinterInfo[] => s.printers;
export const selectCupsQueues = (s: PrintersStore): CupsQueue[] => s.queues;
export const selectHasPrintersLoaded = (s: PrintersStore): boolean => s.hasLoaded;
export const selectIsPrintersLoading = (s: PrintersStore): boolean => s.isLoading;
export const selectPrintersError = (s: PrintersStore): ApiError | null => s.error;
export const selectTesting = (s: PrintersStore): DocumentType | null => s.testing;
export const selectTests = (s: PrintersStore): Partial<Record<DocumentType, TestPrint>> => s.tests;
export const selectTestError = (s: PrintersStore): ApiError | null => s.testError;
export const selectSavingPrinter = (s: PrintersStore): DocumentType | null => s.saving;
export const selectSaveProblem = (s: PrintersStore): PrinterSaveProblem | null => s.saveProblem;
export const selectPrinterSaved = (s: PrintersStore): PrinterSaved | null => s.saved;
export const selectPackingStations = (s: PrintersStore): PackingStationsState => s.packingStations;
