import type { Reason } from '../../../shared/reasons';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PrintJobEvent } from '../../../shared/packing';
import type { ProductSummary } from '../../../shared/printing';
import { toApiError, type ApiClient, type ApiError } from '../api';

/** What a label is printed for: a search result, or a pack line (which knows no barcode). */
export type LabelProduct = Pick<ProductSummary, 'idproduct' | 'productcode' | 'name'>;

/** The labels last sent, followed through `print.job` until they printed or failed. */
export interface LabelJob {
  jobId: number;
  product: LabelProduct;
  copies: number;
  status: PrintJobEvent['status'];
  error: string | null;
  /** Packdesk's own reason for a failure, worded on screen; `error` is the printer's words. */
  reason: Reason | null;
}

export interface ProductLabelsStore {
  isOpen: boolean;
  /** What the search field shows. */
  query: string;
  /** The query the results belong to; null before the first search. */
  searchedQuery: string | null;
  results: ProductSummary[];
  isSearching: boolean;
  searchError: ApiError | null;
  selected: LabelProduct | null;
  isPrinting: boolean;
  printError: ApiError | null;
  job: LabelJob | null;
  /** Opens the dialog afresh, with a product already chosen (from a pack line) or none. */
  open(product?: LabelProduct | null): void;
  close(): void;
  /** Typing: searches once the typing pauses. */
  setQuery(query: string): void;
  /** A scanned code or Enter: searches at once; a scan that finds one product chooses it. */
  searchNow(query: string, options?: { selectSingle?: boolean }): Promise<void>;
  select(product: LabelProduct): void;
  print(copies: number): Promise<boolean>;
  /** Follows `print.job` for the labels sent from here; returns the unsubscribe. */
  start(): () => void;
}

export interface ProductLabelsOptions {
  /** How long typing must pause before a search goes out. */
  searchDelayMs?: number;
}

export const minCopies = 1;
export const maxCopies = 99;

/** How many jobs' events are remembered in case one arrives before its products.printLabel answer. */
const earlyEventLimit = 20;

export function createProductLabelsStore(api: ApiClient, options: ProductLabelsOptions = {}): StoreApi<ProductLabelsStore> {
  const searchDelayMs = options.searchDelayMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let searchSeq = 0;
  const earlyEvents = new Map<number, PrintJobEvent>();

  function cancelTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return createStore<ProductLabelsStore>()((set, get) => ({
    isOpen: false,
    query: '',
    searchedQuery: null,
    results: [],
    isSearching: false,
    searchError: null,
    selected: null,
    isPrinting: false,
    printError: null,
    job: null,

    open(product = null) {
      cancelTimer();
      searchSeq += 1;
      set({
        isOpen: true,
        query: product?.productcode ?? '',
        searchedQuery: null,
        results: [],
        isSearching: false,
        searchError: null,
        selected: product,
        isPrinting: false,
        printError: null,
        job: null,
      });
      // The line's own productcode finds the product, so the list shows what will print.
      if (product) void get().searchNow(product.productcode);
    },

    close() {
      cancelTimer();
      searchSeq += 1;
      set({ isOpen: false, isSearching: false });
    },

    setQuery(query) {
      cancelTimer();
      set({ query });
      if (!query.trim()) {
        // Nothing to search for: forget an answer still on its way, and the old results.
        searchSeq += 1;
        set({ results: [], searchedQuery: null, isSearching: false, searchError: null });
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        void get().searchNow(query);
      }, searchDelayMs);
    },

    async searchNow(query, { selectSingle = false } = {}) {
      cancelTimer();
      const text = query.trim().slice(0, 100);
      if (!text) return;
      searchSeq += 1;
      const seq = searchSeq;
      set({ query, isSearching: true, searchError: null });
      try {
        const results = await api.invoke('products.search', { query: text });
        // Typing goes on while an answer travels: only the newest search may fill the list.
        if (seq !== searchSeq) return;
        const single = selectSingle && results.length === 1 ? results[0] : undefined;
        set({ results, searchedQuery: text, isSearching: false, ...(single ? { selected: single } : {}) });
      } catch (error) {
        if (seq !== searchSeq) return;
        set({ isSearching: false, searchError: toApiError(error) });
      }
    },

    select(product) {
      set({ selected: product, printError: null });
    },

    async print(copies) {
      const product = get().selected;
      if (!product || get().isPrinting) return false;
      set({ isPrinting: true, printError: null });
      try {
        const jobId = await api.invoke('products.printLabel', { idproduct: product.idproduct, copies });
        // The job's events may have come before this answer: start from the newest of them.
        const early = earlyEvents.get(jobId);
        earlyEvents.clear();
        set({
          isPrinting: false,
          job: { jobId, product, copies, status: early?.status ?? 'queued', error: early?.error ?? null, reason: early?.reason ?? null },
        });
        return true;
      } catch (error) {
        set({ isPrinting: false, printError: toApiError(error) });
        return false;
      }
    },

    start() {
      return api.on('print.job', (event) => {
        if (event.kind !== 'product_label') return;
        const { job, isPrinting } = get();
        if (job && job.jobId === event.id) {
          set({ job: { ...job, status: event.status, error: event.error, reason: event.reason } });
          return;
        }
        if (!isPrinting) return;
        earlyEvents.set(event.id, event);
        if (earlyEvents.size > earlyEventLimit) {
          const oldest = earlyEvents.keys().next().value;
          if (oldest !== undefined) earlyEvents.delete(oldest);
        }
      });
    },
  }));
}

export function parseCopies(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const copies = Number.parseInt(text, 10);
  return copies >= minCopies && copies <= maxCopies ? copies : null;
}

export const selectIsLabelDialogOpen = (s: ProductLabelsStore): boolean => s.isOpen;
export const selectLabelQuery = (s: ProductLabelsStore): string => s.query;
export const selectLabelSearchedQuery = (s: ProductLabelsStore): string | null => s.searchedQuery;
export const selectLabelResults = (s: ProductLabelsStore): ProductSummary[] => s.results;
export const selectIsLabelSearching = (s: ProductLabelsStore): boolean => s.isSearching;
export const selectLabelSearchError = (s: ProductLabelsStore): ApiError | null => s.searchError;
export const selectLabelProduct = (s: ProductLabelsStore): LabelProduct | null => s.selected;
export const selectIsLabelPrinting = (s: ProductLabelsStore): boolean => s.isPrinting;
export const selectLabelPrintError = (s: ProductLabelsStore): ApiError | null => s.printError;
export const selectLabelJob = (s: ProductLabelsStore): LabelJob | null => s.job;
