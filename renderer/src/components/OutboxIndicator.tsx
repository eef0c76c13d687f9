import { answerText } from '../picqer-answer';

import { useT } from '../i18n/use-t';
import { useOutbox, useSync } from '../stores/context';
import { selectFailedChanges, selectLabelsPending, selectOutboxLastAnswer, selectOutboxLastError, selectOutboxStatus, selectPendingChanges } from '../stores/outbox';
import { selectSyncState } from '../stores/sync';

/**
 * What this station still has to tell Picqer: waiting changes ("Offline: 3 changes waiting" when
 * the connection is gone), labels pending, and how many changes were set aside (the changes
 * themselves, with what to do about them, are in the problems tray). One line in the status bar:
 * what does not fit is cut with an ellipsis and said whole in the title.
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

  // "All changes sent" beside changes set aside would say they were sent: they were not.
  const text =
    pending === 0
      ? failed > 0
        ? null
        : t('status.outbox.synced')
      : isOffline
        ? t('status.outbox.offline', { count: pending })
        : t('status.outbox.pending', { count: pending });
  const labelsText = labels.length ? t('status.outbox.labels', { count: labels.length }) : null;
  const failedText = failed > 0 ? t('status.outbox.failed', { count: failed }) : null;
  // Picqer's answer, worded here; main's English error text stays in the log.
  const errorText = failed > 0 && lastError && lastAnswer ? t('status.outbox.lastError', { message: answerText(lastAnswer, t) }) : null;
  const title = [isOffline ? t('offline.packing') : null, text, labelsText && `${labelsText}: ${labels.map((l) => l.picklistid).join(', ')}`, failedText, errorText]
    .filter(Boolean)
    .join('\n');

  return (
    <div className={`outbox outbox--${tone}`} role="status" data-testid="outbox" title={title}>
      {text ? <span className="outbox__text">{text}</span> : null}
      {labelsText ? <span className="outbox__labels">{labelsText}</span> : null}
      {failedText ? (
        <span className="outbox__failed">
          {failedText}
          {errorText ? <span className="outbox__error"> · {errorText}</span> : null}
        </span>
      ) : null}
      {isOffline ? <span className="visually-hidden"> {t('offline.packing')}</span> : null}
    </div>
  );
}
