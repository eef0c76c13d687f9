import { useEffect } from 'react';
import type { DocumentType, PrinterInfo } from '../../../shared/printing';
import { ErrorMessage } from '../components/ErrorMessage';
import { useT } from '../i18n/use-t';
import { usePrinters, useStores } from '../stores/context';
import {
  selectCupsQueues,
  selectHasPrintersLoaded,
  selectIsPrintersLoading,
  selectPrinters,
  selectPrintersError,
  selectTestError,
  selectTesting,
  selectTests,
} from '../stores/printers';

/**
 * The station's printers as the config file sets them, with their health and a test print each.
 * Read-only on purpose: twenty stations are set up from their config files, not by hand here.
 */
export function Settings() {
  const t = useT();
  const { printers } = useStores();
  const list = usePrinters(selectPrinters);
  const queues = usePrinters(selectCupsQueues);
  const hasLoaded = usePrinters(selectHasPrintersLoaded);
  const isLoading = usePrinters(selectIsPrintersLoading);
  const error = usePrinters(selectPrintersError);
  const testing = usePrinters(selectTesting);
  const tests = usePrinters(selectTests);
  const testError = usePrinters(selectTestError);

  useEffect(() => {
    void printers.getState().load();
  }, [printers]);

  const testStatus = (documentType: DocumentType) => {
    const test = tests[documentType];
    if (!test) return null;
    const text =
      test.status === 'done'
        ? t('settings.test.done')
        : test.status === 'failed'
          ? t('settings.test.failed', { reason: test.error ?? t('status.print.noReason') })
          : t('settings.test.queued');
    return (
      <span className={`settings__test settings__test--${test.status}`} role="status">
        {text}
      </span>
    );
  };

  const health = (printer: PrinterInfo) => {
    if (!printer.driver) return <span className="printer-health printer-health--none">{t('settings.printer.none')}</span>;
    const state = printer.health?.state ?? 'unknown';
    return (
      <span className={`printer-health printer-health--${state}`} data-testid={`printer-health-${printer.documentType}`}>
        <strong>{t(`settings.health.${state}`)}</strong>
        {printer.health?.message ? <span className="printer-health__message"> {printer.health.message}</span> : null}
      </span>
    );
  };

  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="settings__header">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <button type="button" className="button" disabled={isLoading} onClick={() => void printers.getState().load()}>
          {isLoading ? t('settings.checking') : t('settings.refresh')}
        </button>
      </header>
      <p className="settings__hint">{t('settings.configHint')}</p>
      {error ? <ErrorMessage error={error} t={t} title={t('settings.loadFailed')} onRetry={() => void printers.getState().load()} /> : null}
      {testError ? <ErrorMessage error={testError} t={t} title={t('settings.test.refused')} /> : null}
      {!hasLoaded ? (
        isLoading ? <p role="status">{t('settings.checking')}</p> : null
      ) : (
        <>
          <h2>{t('settings.printers')}</h2>
          <table className="queue-table settings-table" data-testid="printers">
            <thead>
              <tr>
                <th scope="col">{t('settings.col.document')}</th>
                <th scope="col">{t('settings.col.printer')}</th>
                <th scope="col">{t('settings.col.health')}</th>
                <th scope="col">{t('settings.col.test')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((printer) => (
                <tr key={printer.documentType} data-document-type={printer.documentType}>
                  <th scope="row">{t(`settings.document.${printer.documentType}`)}</th>
                  <td>{printer.description ?? '—'}</td>
                  <td>{health(printer)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={!printer.driver || testing !== null}
                      onClick={() => void printers.getState().testPrint(printer.documentType)}
                    >
                      {testing === printer.documentType ? t('settings.test.sending') : t('settings.test.button')}
                    </button>{' '}
                    {testStatus(printer.documentType)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h2>{t('settings.cups.title')}</h2>
          <p className="settings__hint">{t('settings.cups.hint')}</p>
          {queues.length === 0 ? (
            <p className="settings__empty">{t('settings.cups.none')}</p>
          ) : (
            <ul className="settings__queues" data-testid="cups-queues">
              {queues.map((queue) => (
                <li key={queue.name}>
                  <code>{queue.name}</code> {t(`settings.health.${queue.state}`)}
                  {queue.message ? <span className="printer-health__message"> {queue.message}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
