import { useState } from 'react';
import type { WeightCheck } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { selectSessionBusy } from '../stores/session';

/**
 * The weight check (issue 18): the box weighs more or less than its contents should. The parcel
 * does not complete until it is weighed again, or a shift lead lets it through with a reason.
 */
export function WeightCheckAlert({ check, t }: { check: WeightCheck | null; t: Translate }) {
  const { session: store, lead } = useStores();
  const busy = useSession(selectSessionBusy);
  const [reason, setReason] = useState('');
  if (!check?.isOff) return null;
  const sentence = t('reason.pack.weightOff', { weight: check.weight, expected: check.expected, percent: check.percent });
  if (check.override) {
    return (
      <div className="banner banner--warn" data-testid="weight-check">
        <p className="banner__text">{sentence}</p>
        <p className="banner__text">
          {check.override.by
            ? t('pack.weight.overriddenBy', { name: check.override.by.name, reason: check.override.reason })
            : t('pack.weight.overridden', { reason: check.override.reason })}
        </p>
      </div>
    );
  }
  const isReasonValid = reason.trim().length >= 3;
  return (
    <div className="banner banner--bad" role="alert" data-testid="weight-check">
      <p className="banner__title">{t('pack.weight.title')}</p>
      <p className="banner__text">{sentence}</p>
      <p className="banner__text">{t('pack.weight.recheck')}</p>
      <form
        className="weight-check__override"
        onSubmit={(event) => {
          event.preventDefault();
          if (!isReasonValid) return;
          const why = reason;
          lead.getState().ask(() => {
            void store
              .getState()
              .overrideWeight(why)
              .then((isDone) => {
                if (isDone) setReason('');
              });
          });
        }}
      >
        <label className="field">
          <span>{t('pack.weight.reason')}</span>
          <input className="input" autoComplete="off" maxLength={200} value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
        <button type="submit" className="button" disabled={!isReasonValid || busy !== null}>
          {t('pack.weight.override')}
        </button>
      </form>
    </div>
  );
}
