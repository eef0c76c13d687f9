import { useEffect } from 'react';
import { documentTypes, printerName } from '../../../shared/printing';
import { useReasonText, useT } from '../i18n/use-t';
import { openPdf } from '../pdf';
import { selectStationName, selectWarehouse } from '../stores/app';
import { useApp, useOnboarding, usePrinters, useStores } from '../stores/context';
import { selectIsOnboarding, selectIsScannerChecked } from '../stores/onboarding';
import { selectPrinters, selectTesting, selectTests } from '../stores/printers';

/**
 * After Setup: what is left before the first parcel, in order. Each printer gets a test print
 * right here; the scanner self-test is one click away; badges can be printed for the shift.
 */
export function FirstRunChecklist() {
  const t = useT();
  const words = useReasonText();
  const { onboarding, printers, ui, people, lead } = useStores();
  const isOpen = useOnboarding(selectIsOnboarding);
  const isScannerChecked = useOnboarding(selectIsScannerChecked);
  const list = usePrinters(selectPrinters);
  const tests = usePrinters(selectTests);
  const testing = usePrinters(selectTesting);
  const stationName = useApp(selectStationName);
  const warehouse = useApp(selectWarehouse);

  useEffect(() => {
    if (isOpen) void printers.getState().load();
  }, [isOpen, printers]);
  if (!isOpen) return null;

  const mark = (isDone: boolean) => (
    <span className={`checklist__mark${isDone ? ' checklist__mark--done' : ''}`} aria-hidden="true">
      {isDone ? '✓' : '•'}
    </span>
  );
  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('checklist.title')}</h2>
      <ol className="checklist__steps">
        <li>
          {mark(true)} {t('checklist.connected', { station: stationName ?? '', warehouse: warehouse?.name ?? '' })}
        </li>
        {documentTypes.map((documentType) => {
          const printer = list.find((p) => p.documentType === documentType);
          const test = tests[documentType];
          const isDone = test?.status === 'done';
          return (
            <li key={documentType} data-checklist={documentType}>
              {mark(isDone)} {t('checklist.printer', { document: t(`settings.document.${documentType}`) })}{' '}
              <span className="checklist__state">
                {!printer?.driver
                  ? t('checklist.printerNone')
                  : isDone
                    ? t('checklist.printed')
                    : test?.status === 'failed'
                      ? t('checklist.printFailed', { reason: test.reason ? words(test.reason) : (test.error ?? '') })
                      : test
                        ? t('settings.test.queued')
                        : printer.config
                          ? printerName(printer.config)
                          : ''}
              </span>{' '}
              {printer?.driver ? (
                <button type="button" className="button button--small" disabled={testing !== null} onClick={() => void printers.getState().testPrint(documentType)}>
                  {t('settings.test.button')}
                </button>
              ) : null}{' '}
              <button type="button" className="button button--small button--quiet" onClick={() => ui.getState().show('settings')}>
                {t('checklist.choosePrinter')}
              </button>
            </li>
          );
        })}
        <li data-checklist="scanner">
          {mark(isScannerChecked)} {t('checklist.scanner')}{' '}
          <button type="button" className="button button--small" onClick={() => ui.getState().show('devices')}>
            {t('checklist.scannerOpen')}
          </button>
        </li>
        <li>
          {mark(false)} {t('checklist.badges')}{' '}
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() =>
              lead.getState().ask(async () => {
                const sheet = await people.getState().badges();
                if (sheet) openPdf(sheet.filename, sheet.pdfBase64);
              })
            }
          >
            {t('people.badges')}
          </button>
        </li>
      </ol>
      <button type="button" className="button" onClick={() => onboarding.getState().finish()}>
        {t('checklist.done')}
      </button>
    </section>
  );
}
