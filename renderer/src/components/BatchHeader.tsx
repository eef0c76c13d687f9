import type { BatchView } from '../../../shared/batch';
import type { Translate } from '../i18n';

export function BatchHeader({ batch, t }: { batch: BatchView; t: Translate }) {
  return (
    <header className="pack-header batch-header">
      <h1 className="pack-header__title">
        <span className="visually-hidden">{t('batch.title', { batchid: batch.picklistBatchid })}</span>
        <span aria-hidden="true">{batch.picklistBatchid}</span>
      </h1>
      <p className="batch-header__kind">
        <span className={`badge batch-header__type batch-header__type--${batch.type}`} data-batch-type={batch.type}>
          {t(`batch.type.${batch.type}`)}
        </span>
        <span>{t('batch.picklists', { count: batch.slots.length })}</span>
      </p>
    </header>
  );
}
