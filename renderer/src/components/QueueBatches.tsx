import { useT } from '../i18n/use-t';
import { useQueue, useStores } from '../stores/context';
import { selectBatches } from '../stores/queue';

/** The warehouse's open batches, above the picklists: a batch opens here or by scanning its number. */
export function QueueBatches() {
  const t = useT();
  const { scanner } = useStores();
  const batches = useQueue(selectBatches);
  if (batches.length === 0) return null;

  return (
    <section className="queue-batches" aria-labelledby="queue-batches-title">
      <h2 id="queue-batches-title" className="queue-batches__title">
        {t('queue.batches.title')}
      </h2>
      <table className="queue-table queue-batches__table" aria-labelledby="queue-batches-title">
        <thead>
          <tr>
            <th scope="col">{t('queue.batches.col.batch')}</th>
            <th scope="col">{t('queue.batches.col.type')}</th>
            <th scope="col">{t('queue.batches.col.size')}</th>
            <th scope="col">{t('queue.col.assigned')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('queue.batches.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {batches.map((batch) => {
            const whyNot = `queue-batch-why-${batch.idpicklistBatch}`;
            return (
              <tr key={batch.idpicklistBatch} className="queue-batch" data-idpicklist-batch={batch.idpicklistBatch} data-can-open={batch.canOpen}>
                <th scope="row" className="queue-batch__id">
                  {batch.picklistBatchid}
                </th>
                <td>{t(`batch.type.${batch.type}`)}</td>
                <td className="queue-row__size">
                  <span>{t('batch.picklists', { count: batch.totalPicklists })}</span>
                  <span className="queue-row__sub">{t('queue.batches.products', { count: batch.totalProducts })}</span>
                </td>
                <td>{batch.assignedTo ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
                <td className="queue-batch__action">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t('queue.batches.openAria', { batchid: batch.picklistBatchid })}
                    aria-describedby={batch.canOpen ? undefined : whyNot}
                    disabled={!batch.canOpen}
                    onClick={() => void scanner.openBatch(batch.idpicklistBatch)}
                  >
                    {t('queue.batches.open')}
                  </button>
                  {batch.canOpen ? null : (
                    <span className="queue-batch__why" id={whyNot}>
                      {t('queue.batches.cannotOpen')}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
