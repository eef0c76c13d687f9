import { answerText } from '../picqer-answer';
import { plural } from '../i18n';
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

  const text =
    pending === 0
      ? t('status.outbox.synced')
      : isOffline
        ? t(plural(pending, 'status.outbox.offline.one', 'status.outbox.offline.other'), { count: pending })
        : t(plural(pending, 'status.outbox.pending.one', 'status.outbox.pending.other'), { count: pending });
  const labelsText = labels.length ? t(plural(labels.length, 'status.outbox.labels.one', 'status.outbox.labels.other'), { count: labels.length }) : null;
  const failedText = failed > 0 ? t(plural(failed, 'status.outbox.failed.one', 'status.outbox.failed.other'), { count: failed }) : null;
  const errorText = failed > 0 && lastError ? t('status.outbox.lastError', { message: lastAnswer ? answerText(lastAnswer, t) : lastError }) : null;
  const title = [isOffline ? t('offline.packing') : null, text, labelsText && `${labelsText}: ${labels.map((l) => l.picklistid).join(', ')}`, failedText, errorText]
    .filter(Boolean)
    .join('\n');

  return (
    <div className={`outbox outbox--${tone}`} role="status" data-testid="outbox" title={title}>
      <span className="outbox__text">{text}</span>
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
