import { ErrorMessage } from '../components/ErrorMessage';
import { QueueBatches } from '../components/QueueBatches';
import { QueueEmpty } from '../components/QueueEmpty';
import { QueueRow } from '../components/QueueRow';
import { orderByCutOff } from '../../../shared/cut-off';
import { useNow } from '../use-now';
import { useMemo } from 'react';

import { useT } from '../i18n/use-t';
import { selectLanguage } from '../stores/app';
import { useApp, useQueue, useStores } from '../stores/context';
import {
  maxSearchLength,
  selectHasQueueLoaded,
  selectIsQueueLoading,
  selectQueueCount,
  selectQueueError,
  selectQueueItems,
  selectQueueSearch,
} from '../stores/queue';

export function Queue() {
  const t = useT();
  const { queue, scanner } = useStores();
  const language = useApp(selectLanguage);
  const items = useQueue(selectQueueItems);
  const count = useQueue(selectQueueCount);
  const search = useQueue(selectQueueSearch);
  const isLoading = useQueue(selectIsQueueLoading);
  const hasLoaded = useQueue(selectHasQueueLoaded);
  const error = useQueue(selectQueueError);
  // What must leave first moves up as carriers' cut-offs pass; the countdowns tick with it.
  const now = useNow(30_000);
  const ordered = useMemo(() => orderByCutOff(items, now), [items, now]);

  return (
    <section className="queue" aria-labelledby="queue-title">
      <header className="queue__header">
        <h1 id="queue-title" className="queue__title">
          {t('queue.title')}
        </h1>
        <p className="queue__count" data-testid="queue-count" aria-live="polite">
          {hasLoaded ? t('queue.count', { count }) : null}
        </p>
        <form className="queue__search" role="search" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor="queue-search" className="queue__search-label">
            {t('queue.search.label')}
          </label>
          <input
            id="queue-search"
            type="search"
            className="input"
            value={search}
            maxLength={maxSearchLength}
            placeholder={t('queue.search.placeholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => queue.getState().setSearch(event.target.value)}
          />
          {search ? (
            <button type="button" className="button button--quiet" onClick={() => queue.getState().setSearch('')}>
              {t('queue.search.clear')}
            </button>
          ) : null}
        </form>
      </header>

      {error ? (
        <ErrorMessage error={error} t={t} title={t('queue.loadFailed')} onRetry={() => void queue.getState().load()} />
      ) : null}

      <QueueBatches />

      {!hasLoaded ? (
        isLoading ? (
          <p className="queue__loading" role="status">
            {t('queue.loading')}
          </p>
        ) : null
      ) : items.length === 0 ? (
        <QueueEmpty />
      ) : (
        <div className="queue__table-wrap">
          <table className="queue-table" aria-labelledby="queue-title" aria-busy={isLoading}>
            <thead>
              <tr>
                <th scope="col">{t('queue.col.picklist')}</th>
                <th scope="col">{t('queue.col.customer')}</th>
                <th scope="col">{t('queue.col.webshop')}</th>
                <th scope="col">{t('queue.col.size')}</th>
                <th scope="col">{t('queue.col.tags')}</th>
                <th scope="col">{t('queue.col.delivery')}</th>
                <th scope="col">{t('queue.col.pickup')}</th>
                <th scope="col">{t('queue.col.assigned')}</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((item) => (
                <QueueRow key={item.idpicklist} item={item} t={t} language={language} now={now} onOpen={(id) => void scanner.open(id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
