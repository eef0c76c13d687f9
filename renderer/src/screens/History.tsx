import { useEffect } from 'react';
import { CommandSheetButton } from '../components/CommandSheetButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { LotsSearch } from '../components/LotsSearch';
import { downloadCsv } from '../download';
import { ParcelRow } from '../components/ParcelRow';
import { useT } from '../i18n/use-t';
import { openPdf } from '../pdf';
import { selectLanguage } from '../stores/app';
import { useApp, useHistory, useStores } from '../stores/context';
import {
  selectHasHistoryLoaded,
  selectHistoryActionError,
  selectHistoryBusy,
  selectHistoryError,
  selectIsHistoryLoading,
  selectParcels,
} from '../stores/history';
import { useNow } from '../use-now';

/**
 * Today's parcels at this station: who, when, how shipped; cancel within Picqer's 5 minutes (after
 * a question that says the carrier is not told), reprint, and look at a label or slip. Above them,
 * the lots CSV of any order the station packed, whatever the day.
 */
export function History() {
  const t = useT();
  const { history, ui, lead } = useStores();
  const language = useApp(selectLanguage);
  const parcels = useHistory(selectParcels);
  const hasLoaded = useHistory(selectHasHistoryLoaded);
  const isLoading = useHistory(selectIsHistoryLoading);
  const error = useHistory(selectHistoryError);
  const actionError = useHistory(selectHistoryActionError);
  const busy = useHistory(selectHistoryBusy);
  // The countdown only needs to tick while some parcel can still be cancelled.
  const hasCountdown = parcels.some((p) => p.canCancelUntil !== null && p.state !== 'cancelled');
  const now = useNow(1000, hasCountdown);

  useEffect(() => {
    void history.getState().load();
  }, [history]);

  const downloadLots = async (target: { idorder: number } | { order: string }) => {
    const file = await history.getState().lotsCsv(target);
    if (file) downloadCsv(file.filename, file.csv);
  };

  return (
    <section className="history" aria-labelledby="history-title">
      <header className="history__header">
        <h1 id="history-title">{t('history.title')}</h1>
        <CommandSheetButton />
      </header>
      <LotsSearch t={t} onDownload={(order) => downloadLots({ order })} />
      {error ? <ErrorMessage error={error} t={t} title={t('history.loadFailed')} onRetry={() => void history.getState().load()} /> : null}
      {actionError ? <ErrorMessage error={actionError} t={t} title={t('history.actionFailed')} /> : null}
      {!hasLoaded ? (
        isLoading ? <p role="status">{t('history.loading')}</p> : null
      ) : parcels.length === 0 ? (
        <p className="history__empty">{t('history.empty')}</p>
      ) : (
        <div className="queue__table-wrap">
          <table className="queue-table history-table" aria-labelledby="history-title">
            <thead>
              <tr>
                <th scope="col">{t('history.col.picklist')}</th>
                <th scope="col">{t('history.col.customer')}</th>
                <th scope="col">
                  {t('history.col.time')} / {t('history.col.packer')}
                </th>
                <th scope="col">
                  {t('history.col.method')} / {t('history.col.tracking')}
                </th>
                <th scope="col">{t('history.col.state')}</th>
                <th scope="col">{t('history.col.print')}</th>
                <th scope="col">{t('history.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {parcels.map((parcel) => (
                <ParcelRow
                  key={parcel.idpicklist}
                  parcel={parcel}
                  t={t}
                  language={language}
                  now={now}
                  busy={busy?.idpicklist === parcel.idpicklist ? busy.action : null}
                  onCancel={() => lead.getState().ask(() => ui.getState().openDialog({ kind: 'cancelShipment', idpicklist: parcel.idpicklist, picklistid: parcel.picklistid }))}
                  onReprint={(document) => void history.getState().reprint(parcel.idpicklist, document)}
                  onLots={() => {
                    if (parcel.lotOrder) void downloadLots({ idorder: parcel.lotOrder.idorder });
                  }}
                  onView={(document) =>
                    void history
                      .getState()
                      .viewDocument(parcel.idpicklist, document)
                      .then((pdf) => {
                        if (pdf) openPdf(pdf.filename, pdf.pdfBase64);
                      })
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
