import { problemReasons, type ProblemReason } from '../../../shared/packing';
import type { Translate } from '../i18n';

/** The reasons a packer reports a problem for, one to choose; none is chosen at first. */
export function ProblemReasonChoice({ reason, onChange, t }: { reason: ProblemReason | null; onChange: (reason: ProblemReason) => void; t: Translate }) {
  return (
    <fieldset>
      <legend>{t('problem.reason')}</legend>
      <div className="choice-list">
        {problemReasons.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="problem-reason" value={value} checked={reason === value} onChange={() => onChange(value)} />
            {t(`problem.reason.${value}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
