import type { OutboxProblem } from '../../../shared/contract';
import { formatClock } from '../format';
import { answerText } from '../picqer-answer';
import { errorKey, type Translate } from '../i18n';
import { useReasonText, useT } from '../i18n/use-t';
import { selectLanguage } from '../stores/app';
import { useApp, useOutbox, useStores } from '../stores/context';
import {
  selectConfirmingDiscard,
  selectLabelledParcels,
  selectOutboxProblems,
  selectProblemBusy,
  selectProblemError,
} from '../stores/outbox';

function ProblemRow({ problem, t }: { problem: OutboxProblem; t: Translate }) {
  const words = useReasonText();
  const { outbox, lead } = useStores();
  const busy = useOutbox(selectProblemBusy);
  const confirming = useOutbox(selectConfirmingDiscard);
  const isConfirming = confirming === problem.id;
  const isBusy = busy === problem.id;
  return (
    <li className="print-failures__item outbox-problems__item" data-testid="outbox-problem" data-id={problem.id}>
      <span className="outbox-problems__what">
        <strong>{t('outbox.problem.item', { picklist: problem.picklistid ?? t('outbox.problem.noPicklist'), kind: t(`outbox.kind.${problem.kind}`) })}</strong>
        {' · '}
        {/* Why the parcel stopped, and Picqer's answer, in the packer's language; main's English only when it has neither. */}
        {problem.why ? <span data-testid="outbox-problem-why">{words(problem.why)} </span> : null}
        {problem.answer ? (
          <span data-testid="outbox-problem-answer">
            {t('outbox.problem.picqerAnswered', { answer: answerText(problem.answer, t) })} {t(`outbox.problem.todo.${problem.answer.code === 'CONFLICT' ? 'refused' : 'other'}`)}
          </span>
        ) : problem.why ? null : (
          problem.reason
        )}
        {problem.heldBack > 0 ? (
          <span className="outbox-problems__held">
            {' · '}
            {t('outbox.problem.heldBack', { count: problem.heldBack })}
          </span>
        ) : null}
      </span>
      {isConfirming ? (
        <span className="outbox-problems__confirm" role="group" aria-label={t('outbox.problem.discardQuestion')}>
          <span>{t('outbox.problem.discardQuestion')}</span>
          <button type="button" className="button button--small button--primary" disabled={busy !== null} onClick={() => lead.getState().ask(() => void outbox.getState().discardProblem(problem.id))}>
            {t('outbox.problem.discardYes')}
          </button>
          <button type="button" className="button button--small button--quiet" disabled={isBusy} onClick={() => outbox.getState().cancelDiscard()}>
            {t('outbox.problem.keep')}
          </button>
        </span>
      ) : (
        <>
          <button
            type="button"
            className="button button--small"
            disabled={busy !== null || !problem.canRetry}
            onClick={() => void outbox.getState().retryProblem(problem.id)}
          >
            {isBusy ? t('outbox.problem.retrying') : t('outbox.problem.retry')}
          </button>
          <button type="button" className="button button--small button--quiet" disabled={busy !== null} onClick={() => outbox.getState().askDiscard(problem.id)}>
            {t('outbox.problem.discard')}
          </button>
        </>
      )}
    </li>
  );
}

/**
 * Changes Picqer did not take (a refusal, or a parcel stopped because the picklist changed there),
 * each with its reason, a retry and a discard that asks first; and the parcels that waited for
 * their labels and got them, until the packer has seen them.
 */
export function OutboxProblems() {
  const t = useT();
  const { outbox } = useStores();
  const language = useApp(selectLanguage);
  const problems = useOutbox(selectOutboxProblems);
  const labelled = useOutbox(selectLabelledParcels);
  const error = useOutbox(selectProblemError);
  if (problems.length === 0 && labelled.length === 0) return null;
  return (
    <>
      {problems.length > 0 ? (
        <section className="outbox-problems" aria-label={t('outbox.problems.title')} data-testid="outbox-problems">
          <h3 className="problems-tray__section">{t('outbox.problems.title')}</h3>
          <p className="hint outbox-problems__hint">{t('outbox.problems.hint')}</p>
          <ul className="print-failures" role="alert">
            {problems.map((problem) => (
              <ProblemRow key={problem.id} problem={problem} t={t} />
            ))}
            {error ? <li className="print-failures__item">{t('outbox.problem.actionFailed', { reason: error.message || t(errorKey(error.code)) })}</li> : null}
          </ul>
        </section>
      ) : null}
      {labelled.length > 0 ? (
        <section className="outbox-labelled" aria-label={t('outbox.labelled.title')}>
          <h3 className="problems-tray__section">{t('outbox.labelled.title')}</h3>
          <ul className="print-failures" role="status" data-testid="outbox-labelled">
            {labelled.map((parcel) => (
              <li key={`${parcel.idpicklist}@${parcel.at}`} className="print-failures__item">
                <span>{t('outbox.labelled.item', { picklist: parcel.picklistid, time: formatClock(parcel.at, language) ?? '' })}</span>
                <button type="button" className="button button--small button--quiet" onClick={() => outbox.getState().dismissLabelled(parcel)}>
                  {t('outbox.labelled.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
