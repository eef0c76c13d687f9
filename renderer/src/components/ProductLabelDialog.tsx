import { useReasonText } from '../i18n/use-t';
import type { Reason } from '../../../shared/reasons';
import { useEffect, useId, useRef, useState } from 'react';
import { parseCommandBarcode } from '../../../shared/packing';
import { printerName } from '../../../shared/printing';
import type { Translate } from '../i18n';
import { usePrinters, useProductLabels, useStores } from '../stores/context';
import { selectHasPrintersLoaded, selectPrinters } from '../stores/printers';
import {
  parseCopies,
  selectIsLabelPrinting,
  selectIsLabelSearching,
  selectLabelJob,
  selectLabelPrintError,
  selectLabelProduct,
  selectLabelQuery,
  selectLabelResults,
  selectLabelSearchError,
  selectLabelSearchedQuery,
  maxCopies,
  minCopies,
  type LabelJob,
} from '../stores/product-labels';
import { ErrorMessage } from './ErrorMessage';

/**
 * Finds a product (typed or scanned) and prints its labels on the product-label printer, then
 * follows the job. Not a ui-store dialog: it opens over any screen, the pack screen included,
 * and its own store says whether it is open.
 */
export function ProductLabelDialog({ t }: { t: Translate }) {
  const words = useReasonText();
  const { productLabels, printers, scanner } = useStores();
  const query = useProductLabels(selectLabelQuery);
  const searchedQuery = useProductLabels(selectLabelSearchedQuery);
  const results = useProductLabels(selectLabelResults);
  const isSearching = useProductLabels(selectIsLabelSearching);
  const searchError = useProductLabels(selectLabelSearchError);
  const selected = useProductLabels(selectLabelProduct);
  const isPrinting = useProductLabels(selectIsLabelPrinting);
  const printError = useProductLabels(selectLabelPrintError);
  const job = useProductLabels(selectLabelJob);
  const printerList = usePrinters(selectPrinters);
  const hasPrinters = usePrinters(selectHasPrintersLoaded);
  const [copies, setCopies] = useState('1');
  const [showCopiesProblem, setShowCopiesProblem] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const parsedCopies = parseCopies(copies);
  const printer = printerList.find((p) => p.documentType === 'productLabel') ?? null;
  const close = () => productLabels.getState().close();

  // While the dialog is open a scan is a product to label, never a scan into the open box.
  useEffect(
    () =>
      scanner.capture(({ code }) => {
        if (parseCommandBarcode(code) === 'CANCEL') productLabels.getState().close();
        else void productLabels.getState().searchNow(code, { selectSingle: true });
      }),
    [scanner, productLabels],
  );

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // From a pack line the product is chosen already: what is left is how many.
    const first = productLabels.getState().selected ? `${id}-copies` : `${id}-search`;
    const field = ref.current?.querySelector<HTMLElement>(`#${CSS.escape(first)}`);
    (field ?? ref.current)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [productLabels, id]);

  // The ui store's dialogs close on Escape through the scan controller; this one is not among
  // them, so it hears Escape itself, wherever focus is.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') productLabels.getState().close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [productLabels]);

  useEffect(() => {
    if (!printers.getState().hasLoaded && !printers.getState().isLoading) void printers.getState().load();
  }, [printers]);

  const searchStatus = isSearching
    ? t('productLabel.searching')
    : searchedQuery !== null && results.length === 0
      ? t('productLabel.noResults', { query: searchedQuery })
      : '';

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog product-label-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        ref={ref}
        data-testid="product-label-dialog"
      >
        <header className="dialog__header">
          <h2 id={`${id}-title`} className="dialog__title">
            {t('productLabel.title')}
          </h2>
          <button type="button" className="button button--small button--quiet" onClick={close}>
            {t('dialog.close')}
          </button>
        </header>
        <div className="dialog__body">
          <form
            role="search"
            className="product-label-dialog__search"
            onSubmit={(event) => {
              event.preventDefault();
              void productLabels.getState().searchNow(query);
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-search`}>{t('productLabel.search')}</label>
              <input
                id={`${id}-search`}
                type="search"
                className="input"
                autoComplete="off"
                spellCheck={false}
                maxLength={100}
                aria-describedby={`${id}-search-hint`}
                value={query}
                onChange={(event) => productLabels.getState().setQuery(event.target.value)}
              />
              <p className="hint" id={`${id}-search-hint`}>
                {t('productLabel.searchHint')}
              </p>
            </div>
          </form>
          {searchError ? <ErrorMessage error={searchError} t={t} title={t('productLabel.searchFailed')} /> : null}
          <p className="product-label-dialog__search-status" role="status">
            {searchStatus}
          </p>

          {results.length > 0 ? (
            <fieldset className="product-results">
              <legend>{t('productLabel.results')}</legend>
              <ul className="choices" data-testid="product-results">
                {results.map((product) => (
                  <li key={product.idproduct}>
                    <label className="choice product-result">
                      <input
                        type="radio"
                        name={`${id}-product`}
                        checked={selected?.idproduct === product.idproduct}
                        onChange={() => productLabels.getState().select(product)}
                      />
                      <span className="product-result__name">{product.name}</span>
                      <code className="product-result__code">{product.productcode}</code>
                      <span className="product-result__barcode">{product.barcode ?? t('productLabel.noBarcode')}</span>
                      {product.isActive ? null : <span className="badge badge--paused">{t('productLabel.inactive')}</span>}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : null}

          <form
            className="product-label-dialog__print"
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              setShowCopiesProblem(true);
              if (parsedCopies === null) return;
              await productLabels.getState().print(parsedCopies);
            }}
          >
            <div className="product-label-dialog__selected" data-testid="label-product">
              <span className="product-label-dialog__selected-label">{t('productLabel.selected')}</span>{' '}
              {selected ? (
                <strong>
                  {selected.name} <code>{selected.productcode}</code>
                </strong>
              ) : (
                <span className="muted">{t('productLabel.noneSelected')}</span>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-copies`}>{t('productLabel.copies')}</label>
              <input
                id={`${id}-copies`}
                type="number"
                className="input input--short"
                min={minCopies}
                max={maxCopies}
                step={1}
                inputMode="numeric"
                autoComplete="off"
                aria-invalid={showCopiesProblem && parsedCopies === null ? true : undefined}
                aria-describedby={`${id}-copies-hint${showCopiesProblem && parsedCopies === null ? ` ${id}-copies-problem` : ''}`}
                value={copies}
                onChange={(event) => setCopies(event.target.value)}
                onBlur={() => setShowCopiesProblem(true)}
              />
              <p className="hint" id={`${id}-copies-hint`}>
                {t('productLabel.copiesHint')}
              </p>
              {showCopiesProblem && parsedCopies === null ? (
                <p className="form-problem" id={`${id}-copies-problem`}>
                  {t('productLabel.copiesInvalid')}
                </p>
              ) : null}
            </div>
            {hasPrinters && printer ? (
              printer.driver ? (
                <p className="hint">{t('productLabel.printer', { printer: printer.config ? printerName(printer.config) : (printer.description ?? printer.driver) })}</p>
              ) : (
                <p className="form-problem">{t('productLabel.noPrinter')}</p>
              )
            ) : null}
            {printError ? (
              <ErrorMessage
                error={printError}
                t={t}
                title={t('productLabel.printFailed')}
                // Here NOT_CONFIGURED is the product-label printer, not the station: "not set up yet" would send the packer to Setup.
                sentence={printError.code === 'NOT_CONFIGURED' ? t('productLabel.noPrinter') : undefined}
              />
            ) : null}
            <div className="dialog__actions">
              <button type="submit" className="button button--primary button--large" disabled={!selected || parsedCopies === null || isPrinting}>
                {isPrinting ? t('productLabel.printing') : t('productLabel.print')}
              </button>
            </div>
            <p className="product-label-dialog__job" role="status" data-testid="label-job" data-status={job?.status}>
              {job ? <span className={`label-job label-job--${job.status}`}>{jobText(job, t, words)}</span> : null}
            </p>
          </form>
        </div>
        <p className="dialog__hint">{t('dialog.escHint')}</p>
      </div>
    </div>
  );
}

function jobText(job: LabelJob, t: Translate, words: (reason: Reason) => string): string {
  const what = t('productLabel.job', { count: job.copies, product: job.product.name });
  switch (job.status) {
    case 'queued':
      return t('productLabel.status.queued', { job: what });
    case 'printing':
      return t('productLabel.status.printing', { job: what });
    case 'done':
      return t('productLabel.status.done', { job: what });
    case 'failed':
      return t('productLabel.status.failed', { job: what, reason: job.reason ? words(job.reason) : (job.error ?? t('status.print.noReason')) });
  }
}
