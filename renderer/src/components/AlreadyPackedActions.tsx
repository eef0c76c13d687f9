import type { AlreadyPacked } from '../../../shared/packing';
import { formatClock } from '../format';
import { answerText } from '../picqer-answer';
import { useT } from '../i18n/use-t';
import { selectLanguage } from '../stores/app';
import { useApp, useHistory, useOutbox, useStores, useUi } from '../stores/context';

/**
 * Under an "already packed" answer: when and where the parcel was packed, what Picqer said, and
 * what a shift lead can do. Packing it again is never one of them; cancelling its shipment (asked
 * first, with a reason, recorded with who) is the deliberate way back.
 */
export function AlreadyPackedActions({ packed }: { packed: AlreadyPacked }) {
  const t = useT();
  const language = useApp(selectLanguage);
  const retry = useOutbox((s) => s.retryProblem);
  const reprint = useHistory((s) => s.reprint);
  const openDialog = useUi((s) => s.openDialog);
  const { lead } = useStores();
  const time = formatClock(packed.packedAt, language) ?? packed.packedAt;

  return (
    <div className="already-packed" data-testid="already-packed">
      <p className="already-packed__when">{t('alreadyPacked.when', { station: packed.station, time })}</p>
      {packed.answer ? (
        <p className="already-packed__reason">{t('outbox.problem.picqerAnswered', { answer: answerText(packed.answer, t) })}</p>
      ) : packed.reason ? (
        <p className="already-packed__reason">{t('alreadyPacked.reason')}</p>
      ) : null}
      <div className="already-packed__actions">
        {packed.retryId !== null ? (
          <button type="button" className="button button--small button--primary" data-testid="already-packed-retry" onClick={() => void retry(packed.retryId ?? 0)}>
            {t('alreadyPacked.retry')}
          </button>
        ) : null}
        {packed.idshipment !== null ? (
          <button type="button" className="button button--small button--primary" data-testid="already-packed-reprint" onClick={() => void reprint(packed.idpicklist, 'label')}>
            {t('history.reprintLabel')}
          </button>
        ) : null}
        {packed.idshipment !== null ? (
          <button
            type="button"
            className="button button--small button--quiet"
            data-testid="already-packed-cancel"
            onClick={() => lead.getState().ask(() => openDialog({ kind: 'cancelShipment', idpicklist: packed.idpicklist, picklistid: packed.picklistid }))}
          >
            {t('alreadyPacked.cancel')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
