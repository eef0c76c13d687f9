import { answerText } from '../picqer-answer';

import { useT } from '../i18n/use-t';
import { useOutbox, useSync } from '../stores/context';
import { selectFailedChanges, selectLabelsPending, selectOutboxLastAnswer, selectOutboxLastError, selectOutboxStatus, selectPendingChanges } from '../stores/outbox';
import { selectSyncState } from '../stores/sync';
import { OutboxProblems } from './OutboxProblems';

/**
 * What this station still has to tell Picqer: waiting changes ("Offline: 3 changes waiting" when
 * the connection is gone), labels pending, and the changes set aside with what to do about them.
 */
export function OutboxIndicator() {
  const t = useT();
  const status = useOutbox(selectOutboxStatus);
  const pending = useOutbox(selectPendingChanges);
  const failed = useOutbox(selectFailedChanges);
  const labels = useOutbox(selectLabelsPending);
  const lastError = useOutbox(selectOutboxLastError);
  const lastAnswer = useOutbox(selectOutboxLastAnswer);
  const syncState = useSync(selectSyncState);
  if (!status) return null;
  const isOffline = syncState === 'offline';
  const tone = failed > 0 ? 'bad' : isOffline && pending > 0 ? 'warn' : pending > 0 || labels.length > 0 ? 'busy' : 'ok';

  return (
    <>
      <div className={`outbox outbox--${tone}`} role="status" data-testid="outbox" title={isOffline ? t('offline.packing') : undefined}>
        {/* "All changes sent" beside changes set aside would say they were sent: they were not. */}
        {pending === 0 && failed > 0 ? null : (
          <span className="outbox__text">
            {pending === 0
              ? t('status.outbox.synced')
              : isOffline
                ? t('status.outbox.offline', { count: pending })
                : t('status.outbox.pending', { count: pending })}
          </span>
        )}
        {labels.length ? (
          <span className="outbox__labels" title={labels.map((l) => l.picklistid).join(', ')}>
            {t('status.outbox.labels', { count: labels.length })}
          </span>
        ) : null}
        {failed > 0 ? (
          <span className="outbox__failed">
            {t('status.outbox.failed', { count: failed })}
            {/* Picqer's answer, worded here; main's English error text stays in the log. */}
            {lastError && lastAnswer ? (
              <span className="outbox__error"> · {t('status.outbox.lastError', { message: answerText(lastAnswer, t) })}</span>
            ) : null}
          </span>
        ) : null}
        {isOffline ? <span className="visually-hidden"> {t('offline.packing')}</span> : null}
      </div>
      <OutboxProblems />
    </>
  );
}
