import { useT } from '../i18n/use-t';
import { selectIsPractice } from '../stores/app';
import { useApp, usePeople, useStores } from '../stores/context';
import { selectIsPeopleBusy, selectPeopleError, selectPracticeScore } from '../stores/people';
import { ErrorMessage } from './ErrorMessage';

/**
 * Across the top while practice mode is on, so nobody mistakes it for the live station; and the
 * trainee's score once it ends.
 */
export function PracticeBanner() {
  const t = useT();
  const { people } = useStores();
  const isPractice = useApp(selectIsPractice);
  const isBusy = usePeople(selectIsPeopleBusy);
  const error = usePeople(selectPeopleError);
  const score = usePeople(selectPracticeScore);

  if (score) {
    return (
      <section className="practice-banner practice-banner--score" role="status" aria-labelledby="practice-score-title">
        <h2 id="practice-score-title">{t('practice.scoreTitle')}</h2>
        <dl className="practice-score">
          <dt>{t('practice.parcels')}</dt>
          <dd data-testid="practice-parcels">{score.parcels}</dd>
          <dt>{t('practice.scans')}</dt>
          <dd>{score.scans}</dd>
          <dt>{t('practice.misScans')}</dt>
          <dd>{score.misScans}</dd>
          <dt>{t('practice.accuracy')}</dt>
          <dd>{score.accuracy === null ? '—' : t('practice.percent', { value: score.accuracy })}</dd>
          <dt>{t('practice.medianTime')}</dt>
          <dd>{score.medianSecondsPerParcel === null ? '—' : t('practice.seconds', { value: score.medianSecondsPerParcel })}</dd>
        </dl>
        <button type="button" className="button" onClick={() => people.getState().dismissScore()}>
          {t('practice.done')}
        </button>
      </section>
    );
  }
  if (!isPractice) return null;
  return (
    <section className="practice-banner" aria-label={t('practice.label')}>
      <strong>{t('practice.on')}</strong> <span>{t('practice.onHint')}</span>
      <button type="button" className="button button--small" disabled={isBusy} onClick={() => void people.getState().stopPractice()}>
        {t('practice.stop')}
      </button>
      {error ? <ErrorMessage error={error} t={t} /> : null}
    </section>
  );
}
