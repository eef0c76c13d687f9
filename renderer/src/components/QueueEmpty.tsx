import type { MessageKey } from '../i18n';
import { useT } from '../i18n/use-t';
import { selectWarehouse } from '../stores/app';
import { useApp, useQueue, useSync } from '../stores/context';
import { selectQueueShownSearch } from '../stores/queue';
import { selectSyncStatus } from '../stores/sync';

/** An empty queue always says why: a search, a sync still running, no connection, or truly nothing. */
export function QueueEmpty() {
  const t = useT();
  const search = useQueue(selectQueueShownSearch);
  const status = useSync(selectSyncStatus);
  const warehouse = useApp(selectWarehouse);

  let key: MessageKey = 'queue.empty.none';
  if (search) key = 'queue.empty.search';
  else if (status?.state === 'syncing' || (status?.state === 'idle' && !status.lastSyncedAt)) key = 'queue.empty.syncing';
  else if (status?.state === 'offline' && !status.lastSyncedAt) key = 'queue.empty.offline';
  else if ((status?.state === 'error' || status?.state === 'unauthorized') && !status.lastSyncedAt) key = 'queue.empty.syncBroken';

  return (
    <div className={`queue-empty queue-empty--${key.slice('queue.empty.'.length)}`} role="status">
      <p>{t(key, { search, warehouse: warehouse?.name ?? '' })}</p>
    </div>
  );
}
