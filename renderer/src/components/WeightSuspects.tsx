import type { WeightSuspect } from '../../../shared/weights';
import type { ApiError } from '../api';
import type { Translate } from '../i18n';
import { ErrorMessage } from './ErrorMessage';

/*
 * The shift lead's list of products whose catalogue weight looks wrong (issue 18): what the
 * station measured on single-product parcels beside what Picqer says. The station changes nothing;
 * the lead checks the product and corrects it in Picqer.
 */
export function WeightSuspects({ suspects, error, t, onRetry }: { suspects: WeightSuspect[] | null; error: ApiError | null; t: Translate; onRetry?: () => void }) {
  return (
    <section className="weight-suspects" aria-labelledby="weight-suspects-title">
      <h2 id="weight-suspects-title">{t('stats.weightSuspects.title')}</h2>
      <p className="stats-table__sub">{t('stats.weightSuspects.intro')}</p>
      {error ? <ErrorMessage error={error} t={t} title={t('stats.weightSuspects.loadFailed')} onRetry={onRetry} /> : null}
      {suspects === null ? null : suspects.length === 0 ? (
        <p className="history__empty">{t('stats.weightSuspects.none')}</p>
      ) : (
        <div className="queue__table-wrap">
          <table className="queue-table stats-table">
            <caption className="visually-hidden">{t('stats.weightSuspects.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stats.weightSuspects.product')}</th>
                <th scope="col">{t('stats.weightSuspects.catalogue')}</th>
                <th scope="col">{t('stats.weightSuspects.measured')}</th>
                <th scope="col">{t('stats.weightSuspects.parcels')}</th>
                <th scope="col">{t('stats.weightSuspects.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {suspects.map((s) => (
                <tr key={s.idproduct} className="queue-row" data-idproduct={s.idproduct}>
                  <th scope="row">
                    {s.name}
                    <span className="stats-table__sub">{s.productcode}</span>
                  </th>
                  <td data-figure="catalogue">{t('stats.weightSuspects.grams', { grams: s.catalogueWeight })}</td>
                  <td data-figure="measured">{t('stats.weightSuspects.grams', { grams: s.measuredWeight })}</td>
                  <td data-figure="parcels">{s.parcels}</td>
                  <td data-figure="difference">{t('stats.weightSuspects.percent', { percent: s.percent })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
