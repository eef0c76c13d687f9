import { useT } from '../i18n/use-t';
import { useSession } from '../stores/context';
import { selectDeparture } from '../stores/session';
import { ScanAnswerPanel } from './ScanAnswerPanel';

/** Above the queue: ready for the next scan, and what became of the parcel just packed. */
export function ReadyPanel() {
  const t = useT();
  const departure = useSession(selectDeparture);

  return (
    <section className="ready" aria-label={t('ready.prompt')}>
      {departure ? (
        <p className={`ready__departure ready__departure--${departure.kind}`} role="status" data-testid="departure">
          {departure.kind === 'batch'
            ? t(departure.isDone ? 'ready.batchDone' : 'ready.batchLeft', { batchid: departure.picklistid, count: departure.parcelsSent })
            : departure.kind === 'problem'
            ? t('ready.problem', { picklistid: departure.picklistid })
            : departure.state === 'labels_pending'
              ? t('ready.sentPending', { picklistid: departure.picklistid })
              : t('ready.sent', { picklistid: departure.picklistid })}
        </p>
      ) : null}
      <ScanAnswerPanel isCompact />
      <p className="ready__prompt">{t('ready.prompt')}</p>
    </section>
  );
}
