import { plural } from '../i18n';
import { useT } from '../i18n/use-t';
import { useOutbox, useSync } from '../stores/context';
import { selectFailedChanges, selectLabelsPending, selectOutboxLastError, selectOutboxStatus, selectPendingChanges } from '../stores/outbox';
import { selectSyncState } from '../stores/sync';

/** What this station still has to tell Picqer: waiting changes, labels pending, failures. */
export function OutboxIndicator() {
  const t = useT();
  const status = useOutbox(selectOutboxStatus);
  const pending = useOutbox(selectPendingChanges);
  const failed = useOutbox(selectFailedChanges);
  const labels = useOutbox(selectLabelsPending);
  const lastError = useOutbox(selectOutboxLastError);
  const syncState = useSync(selectSyncState);
  if (!status) return null;
  const isOffline = syncState === 'offline';
  const tone = failed > 0 ? 'bad' : isOffline && pending > 0 ? 'warn' : pending > 0 || labels.length > 0 ? 'busy' : 'ok';

  return (
    <div className={`outbox outbox--${tone}`} role="status" data-testid="outbox">
      <span className="outbox__text">
        {pending === 0
          ? t('status.outbox.synced')
          : isOffline
            ? t(plural(pending, 'status.outbox.offline.one', 'status.outbox.offline.other'), { count: pending })
            : t(plural(pending, 'status.outbox.pending.one', 'status.outbox.pending.other'), { count: pending })}
      </span>
      {labels.length ? (
        <span className="outbox__labels" title={labels.map((l) => l.picklistid).join(', ')}>
          {t(plural(labels.length, 'status.outbox.labels.one', 'status.outbox.labels.other'), { count: labels.length })}
        </span>
      ) : null}
      {failed > 0 ? (
        <span className="outbox__failed">
          {t(plural(failed, 'status.outbox.failed.one', 'status.outbox.failed.other'), { count: failed })}
          {lastError ? <span className="outbox__error"> · {t('status.outbox.lastError', { message: lastError })}</span> : null}
        </span>
      ) : null}
    </div>
  );
}
