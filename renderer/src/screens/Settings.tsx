import { Fragment, useEffect, useRef, useState } from 'react';
import { printerName, type DocumentType, type PrinterInfo } from '../../../shared/printing';
import { DisplaySettings } from '../components/DisplaySettings';
import { ErrorMessage } from '../components/ErrorMessage';
import { StationSettings } from '../components/StationSettings';
import { PackingStationChooser } from '../components/PackingStationChooser';
import { PrinterEditor } from '../components/PrinterEditor';
import { LeadStatus, ShiftLeadSettings } from '../components/ShiftLeadSettings';
import { useReasonText, useT } from '../i18n/use-t';
import { selectLead } from '../stores/app';
import { planStationPrinters } from '../../../shared/station-printers';
import { useApp, usePrinters, useStores } from '../stores/context';
import { needsLead } from '../stores/lead';
import {
  selectCupsQueues,
  selectHasPrintersLoaded,
  selectIsPrintersLoading,
  selectPackingStations,
  selectPrinterSaved,
  selectPrinters,
  selectPrintersError,
  selectTestError,
  selectTesting,
  selectTests,
} from '../stores/printers';

/**
 * The station's printers: where each comes from (the config file, or chosen here, which wins),
 * their health, a test print each, and a way to choose another. Product labels print from here
 * too, for a shift lead without a picklist.
 */
export function Settings() {
  const t = useT();
  const words = useReasonText();
  const { printers, productLabels } = useStores();
  const list = usePrinters(selectPrinters);
  const queues = usePrinters(selectCupsQueues);
  const hasLoaded = usePrinters(selectHasPrintersLoaded);
  const isLoading = usePrinters(selectIsPrintersLoading);
  const error = usePrinters(selectPrintersError);
  const testing = usePrinters(selectTesting);
  const tests = usePrinters(selectTests);
  const testError = usePrinters(selectTestError);
  const saved = usePrinters(selectPrinterSaved);
  const [editing, setEditing] = useState<DocumentType | null>(null);
  const packingStations = usePrinters(selectPackingStations);
  const [chosenStation, setChosenStation] = useState<number | null>(null);
  const changeButtons = useRef(new Map<DocumentType, HTMLButtonElement>());
  const isLocked = needsLead(useApp(selectLead) ?? undefined);

  useEffect(() => {
    void printers.getState().load();
  }, [printers]);

  const takeStation = () => {
    const station = packingStations.stations.find((s) => s.idpacking_station === chosenStation);
    if (!station) return;
    void printers
      .getState()
      .takeStationPrinters(station.name, planStationPrinters(station, queues).choices)
      .then((isTaken) => {
        if (isTaken) setChosenStation(null);
      });
  };

  const closeEditor = (documentType: DocumentType) => {
    setEditing(null);
    // Keyboard users go on from where they started, not from the top of the page.
    changeButtons.current.get(documentType)?.focus();
  };

  const testStatus = (documentType: DocumentType) => {
    const test = tests[documentType];
    if (!test) return null;
    const text =
      test.status === 'done'
        ? t('settings.test.done')
        : test.status === 'failed'
          ? t('settings.test.failed', { reason: test.reason ? words(test.reason) : (test.error ?? t('status.print.noReason')) })
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
        {printer.health?.reason || printer.health?.message ? (
          <span className="printer-health__message"> {printer.health.reason ? words(printer.health.reason) : printer.health.message}</span>
        ) : null}
      </span>
    );
  };

  const source = (printer: PrinterInfo) =>
    printer.source ? (
      <span className={`printer-source printer-source--${printer.source}`} data-testid={`printer-source-${printer.documentType}`}>
        {t(`settings.source.${printer.source}`)}
      </span>
    ) : (
      <span className="printer-source" data-testid={`printer-source-${printer.documentType}`}>
        {t('settings.source.none')}
      </span>
    );

  if (isLocked) {
    // Settings change the station for everyone: a shift lead unlocks them first (main refuses otherwise).
    return (
      <section className="settings" aria-labelledby="settings-title">
        <header className="settings__header">
          <h1 id="settings-title">{t('settings.title')}</h1>
        </header>
        <LeadStatus />
      </section>
    );
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <LeadStatus />
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
          <p className="settings__saved" role="status" data-testid="printer-saved">
            {saved ? t(`settings.saved.${saved.kind}`, { document: t(`settings.document.${saved.documentType}`) }) : null}
          </p>
          <table className="queue-table settings-table printers-table" data-testid="printers">
            <thead>
              <tr>
                <th scope="col">{t('settings.col.document')}</th>
                <th scope="col">{t('settings.col.printer')}</th>
                <th scope="col">{t('settings.col.source')}</th>
                <th scope="col">{t('settings.col.health')}</th>
                <th scope="col">{t('settings.col.test')}</th>
                <th scope="col">{t('settings.col.change')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((printer) => {
                const isEditing = editing === printer.documentType;
                const editorId = `printer-editor-${printer.documentType}`;
                const documentName = t(`settings.document.${printer.documentType}`);
                return (
                  <Fragment key={printer.documentType}>
                    <tr data-document-type={printer.documentType} className={isEditing ? 'settings-table__row--editing' : undefined}>
                      <th scope="row">{documentName}</th>
                      <td className="printers-table__printer" title={printer.description ?? undefined}>{printer.config ? printerName(printer.config) : '—'}</td>
                      <td>{source(printer)}</td>
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
                      <td>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('settings.change.label', { document: documentName })}
                          aria-expanded={isEditing}
                          aria-controls={isEditing ? editorId : undefined}
                          ref={(element) => {
                            if (element) changeButtons.current.set(printer.documentType, element);
                            else changeButtons.current.delete(printer.documentType);
                          }}
                          onClick={() => setEditing(isEditing ? null : printer.documentType)}
                        >
                          {t('settings.change.button')}
                        </button>
                      </td>
                    </tr>
                    {isEditing ? (
                      <tr className="settings-table__editor" data-editor-for={printer.documentType}>
                        <td colSpan={6}>
                          <PrinterEditor printer={printer} queues={queues} t={t} id={editorId} onClose={() => closeEditor(printer.documentType)} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>

          <section className="settings__packing-stations" aria-labelledby="settings-packing-stations">
            <h2 id="settings-packing-stations">{t('settings.stations.title')}</h2>
            <PackingStationChooser
              state={packingStations}
              queues={queues}
              chosen={chosenStation}
              t={t}
              reasonText={words}
              onLoad={() => void printers.getState().loadPackingStations()}
              onChoose={setChosenStation}
              onApply={takeStation}
            />
          </section>

          <h2>{t('settings.cups.title')}</h2>
          <p className="settings__hint">{t('settings.cups.hint')}</p>
          {queues.length === 0 ? (
            <p className="settings__empty">{t('settings.cups.none')}</p>
          ) : (
            <ul className="settings__queues" data-testid="cups-queues">
              {queues.map((queue) => (
                <li key={`${queue.source}:${queue.name}`}>
                  <code>{queue.name}</code> {t(`settings.health.${queue.state}`)}
                  {queue.message ? <span className="printer-health__message"> {queue.message}</span> : null}
                  {queue.source === 'system' ? <span className="settings__system"> {t('settings.cups.system')}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      <section className="settings__product-labels" aria-labelledby="settings-product-labels">
        <h2 id="settings-product-labels">{t('settings.productLabels.title')}</h2>
        <p className="settings__hint">{t('settings.productLabels.hint')}</p>
        <button type="button" className="button" onClick={() => productLabels.getState().open(null)}>
          {t('settings.productLabels.open')}
        </button>
      </section>

      <section className="settings__station" aria-labelledby="settings-station">
        <h2 id="settings-station">{t('stationSettings.title')}</h2>
        <p className="settings__hint">{t('stationSettings.hint')}</p>
        <StationSettings />
      </section>

      <section className="settings__lead" aria-labelledby="settings-lead">
        <h2 id="settings-lead">{t('lead.settings.title')}</h2>
        <ShiftLeadSettings />
      </section>

      <section className="settings__display" aria-labelledby="settings-display">
        <h2 id="settings-display">{t('display.title')}</h2>
        <DisplaySettings />
      </section>
    </section>
  );
}
