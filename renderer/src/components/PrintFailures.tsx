import { errorKey } from '../i18n';
import { useReasonText, useT } from '../i18n/use-t';
import { useOutbox, useStores } from '../stores/context';
import { selectPrintFailures, selectPrintRetryError, selectRetryingPrintJob } from '../stores/outbox';

/** Print jobs that failed, with the printer's reason and a retry, until dismissed or printed after all. */
export function PrintFailures() {
  const t = useT();
  const words = useReasonText();
  const { outbox } = useStores();
  const failures = useOutbox(selectPrintFailures);
  const retrying = useOutbox(selectRetryingPrintJob);
  const retryError = useOutbox(selectPrintRetryError);
  if (failures.length === 0) return null;
  return (
    <ul className="print-failures" role="alert" data-testid="print-failures">
      {failures.map((job) => {
        const vars = { document: t(`status.print.kind.${job.kind}`), picklistid: job.picklistid ?? (job.idpicklist === null ? '' : `#${job.idpicklist}`), reason: job.reason ? words(job.reason) : (job.error ?? t('status.print.noReason')) };
        return (
          <li key={job.id} className="print-failures__item">
            <span>{job.idpicklist !== null ? t('status.print.failed', vars) : t('status.print.failedNoPicklist', vars)}</span>
            <button
              type="button"
              className="button button--small"
              disabled={retrying !== null}
              onClick={() => void outbox.getState().retryPrintFailure(job.id)}
            >
              {retrying === job.id ? t('status.print.retrying') : t('status.print.retry')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => outbox.getState().dismissPrintFailure(job.id)}>
              {t('status.print.dismiss')}
            </button>
          </li>
        );
      })}
      {retryError ? (
        <li className="print-failures__item">{t('status.print.retryFailed', { reason: t(errorKey(retryError.code)) })}</li>
      ) : null}
    </ul>
  );
}
