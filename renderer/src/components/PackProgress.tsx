import type { Translate } from '../i18n';

/** "7 / 12" and a bar, big enough to read from across the desk. */
export function PackProgress({ verified, units, t }: { verified: number; units: number; t: Translate }) {
  const percent = units > 0 ? Math.min(100, Math.round((verified / units) * 100)) : 0;
  const isDone = units > 0 && verified >= units;
  return (
    <div className={`progress${isDone ? ' progress--done' : ''}`} data-testid="pack-progress">
      <p className="progress__label">{t('pack.progress.label')}</p>
      <p className="progress__numbers">
        <span className="progress__verified">{verified}</span>
        <span className="progress__sep"> / </span>
        <span className="progress__units">{units}</span>
      </p>
      <div className="progress__bar" role="progressbar" aria-label={t('pack.progress.label')} aria-valuemin={0} aria-valuemax={units} aria-valuenow={verified}>
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
