import type { StatsSummary } from '../../../shared/contract';
import type { Translate } from '../i18n';

/** Stats (issue 18): per advised packaging, parcels where packers took the advice and where they chose another. */
export function BoxAdviceStats({ rows, t }: { rows: StatsSummary['boxAdvice']; t: Translate }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h2>{t('stats.advice.title')}</h2>
      <table className="queue-table stats-table" data-testid="box-advice-stats">
        <thead>
          <tr>
            <th scope="col">{t('stats.advice.packaging')}</th>
            <th scope="col">{t('stats.advice.followed')}</th>
            <th scope="col">{t('stats.advice.overridden')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.idpackaging} data-idpackaging={row.idpackaging}>
              <th scope="row">{row.name}</th>
              <td data-figure="followed">{row.followed}</td>
              <td data-figure="overridden">{row.overridden}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
