import { reasonText } from '../i18n';
import type { Language } from '../../../shared/domain';
import type { Parcel } from '../../../shared/packing';
import { formatClock } from '../format';
import { formatCountdown } from '../format-duration';
import type { Translate } from '../i18n';
import type { ParcelAction } from '../stores/history';

interface Props {
  parcel: Parcel;
  t: Translate;
  language: Language;
  now: number;
  busy: ParcelAction | null;
  onCancel: () => void;
  onReprint: (document: 'label' | 'packing_slip') => void;
  /** Opens the document as the print journal kept it (the demo's folder printers show nothing else). */
  onView: (document: 'label' | 'packing_slip') => void;
  /** Downloads the lots CSV of the parcel's order; offered only where the order has lots. */
  onLots: () => void;
}

export function ParcelRow({ parcel, t, language, now, busy, onCancel, onReprint, onView, onLots }: Props) {
  const until = parcel.canCancelUntil ? Date.parse(parcel.canCancelUntil) : Number.NaN;
  const left = Number.isNaN(until) ? 0 : until - now;
  const hasShipment = parcel.idshipment !== null && parcel.state !== 'cancelled';
  const canCancel = hasShipment && left > 0;
  const isBusy = busy !== null;
  // Each box its own shipment (the carrier took no parcels): each names it.
  const isShippedPerBox = new Set(parcel.boxes.map((b) => b.idshipment)).size > 1;
  const hasDocument = (kind: 'label' | 'packing_slip') => hasShipment && parcel.printJobs.some((job) => job.kind === kind);

  return (
    <tr className={`parcel parcel--${parcel.state}`} data-idpicklist={parcel.idpicklist}>
      <th scope="row" className="parcel__picklist">
        {parcel.picklistid}
      </th>
      <td>{parcel.customer}</td>
      <td>
        <span className="parcel__time">{formatClock(parcel.packedAt, language) ?? parcel.packedAt}</span>
        <span className="parcel__sub">{parcel.packer?.name ?? '—'}</span>
        {parcel.packedAfterCutOff ? (
          <span className="parcel__sub parcel__late" data-testid="packed-after-cut-off">
            {t('history.afterCutOff', { time: parcel.packedAfterCutOff })}
          </span>
        ) : null}
      </td>
      <td>
        <span>{parcel.shippingMethod ?? '—'}</span>
        {parcel.boxes.length > 1 ? (
          <ol className="parcel__boxes" aria-label={t('history.boxes', { count: parcel.boxes.length })}>
            {parcel.boxes.map((box) => (
              <li key={box.box} className="parcel__sub parcel__tracking" data-box={box.box}>
                {t('history.box', { box: box.box, count: parcel.boxes.length })}: {box.trackingCode ?? t('history.noTracking')}
                {isShippedPerBox && box.idshipment !== null ? <span className="muted"> ({t('history.boxShipment', { idshipment: box.idshipment })})</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <span className="parcel__sub parcel__tracking">{parcel.trackingCode ?? t('history.noTracking')}</span>
        )}
      </td>
      <td>
        <span className={`badge parcel__state parcel__state--${parcel.state}`}>{t(`history.state.${parcel.state}`)}</span>
        {parcel.cancelledBy ? (
          <span className="parcel__sub" data-testid="cancelled-by">
            {t('history.cancelledBy', { name: parcel.cancelledBy.name, time: formatClock(parcel.cancelledAt ?? '', language) ?? '' })}
          </span>
        ) : null}
        {parcel.cancelReason ? (
          <span className="parcel__sub" data-testid="cancel-reason">
            {t('history.cancelReason', { reason: parcel.cancelReason })}
          </span>
        ) : null}
      </td>
      <td>
        {parcel.printJobs.length ? (
          <ul className="parcel__jobs">
            {parcel.printJobs.map((job) => (
              <li key={job.id} className={`parcel__job parcel__job--${job.status}`}>
                {job.box === null ? t(`history.print.${job.kind}`) : t('history.print.ofBox', { document: t(`history.print.${job.kind}`), box: job.box })}: {t(`history.printState.${job.status}`)}
                {job.reason || job.error ? <span className="parcel__job-error"> ({job.reason ? reasonText(language, job.reason) : job.error})</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{t('history.print.none')}</span>
        )}
      </td>
      <td>
        <div className="parcel__actions">
          <div className="parcel__cancel">
            <button type="button" className="button button--small" disabled={!canCancel || isBusy} onClick={onCancel}>
              {busy === 'cancel' ? t('history.busy') : t('history.cancel')}
            </button>
            <span className="hint" data-testid="cancel-why">
              {canCancel ? t('history.cancelLeft', { time: formatCountdown(left) }) : hasShipment ? t('history.cancelClosed') : t('history.cancelNone')}
            </span>
          </div>
          <button type="button" className="button button--small" disabled={isBusy || parcel.state === 'cancelled'} onClick={() => onReprint('label')}>
            {busy === 'label' ? t('history.busy') : t('history.reprintLabel')}
          </button>
          <button type="button" className="button button--small" disabled={isBusy} onClick={() => onReprint('packing_slip')}>
            {busy === 'packing_slip' ? t('history.busy') : t('history.reprintSlip')}
          </button>
          {hasDocument('label') ? (
            <button type="button" className="button button--small button--quiet" onClick={() => onView('label')}>
              {t('history.viewLabel')}
            </button>
          ) : null}
          {hasDocument('packing_slip') ? (
            <button type="button" className="button button--small button--quiet" onClick={() => onView('packing_slip')}>
              {t('history.viewSlip')}
            </button>
          ) : null}
          {parcel.lotOrder ? (
            <button type="button" className="button button--small button--quiet" data-testid="lots-csv" title={t('history.lotsCsvTitle', { order: parcel.lotOrder.orderid })} onClick={onLots}>
              {t('history.lotsCsv')}
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
