import { useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useT } from '../i18n/use-t';
import { wedgeProblemText } from '../scan/self-test-text';
import {
  defaultWedgeSettings,
  maxAffixLength,
  selectWedgeSettings,
  wedgeNumberLimits,
  wedgeTerminators,
  type WedgeNumberSetting,
  type WedgeSettings as Settings,
  type WedgeSettingsProblem,
  type WedgeTextSetting,
} from '../scan/settings';
import { useStores } from '../stores/context';

/** The form's copy of the settings: numbers as typed, so a half-typed number is not thrown away. */
type Draft = Record<WedgeNumberSetting, string> & Pick<Settings, 'terminator' | WedgeTextSetting>;

const numberFields: readonly WedgeNumberSetting[] = ['maxInterKeyMs', 'minLength', 'timeoutMs', 'doubleReadMs'];

function draftOf(settings: Settings): Draft {
  return {
    maxInterKeyMs: String(settings.maxInterKeyMs),
    minLength: String(settings.minLength),
    timeoutMs: String(settings.timeoutMs),
    doubleReadMs: String(settings.doubleReadMs),
    terminator: settings.terminator,
    prefix: settings.prefix,
    suffix: settings.suffix,
  };
}

/** Not a whole number becomes NaN, which the settings' own check refuses with its range. */
function settingsOf(draft: Draft): Settings {
  const number = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  return {
    maxInterKeyMs: number(draft.maxInterKeyMs),
    minLength: number(draft.minLength),
    timeoutMs: number(draft.timeoutMs),
    doubleReadMs: number(draft.doubleReadMs),
    terminator: draft.terminator,
    prefix: draft.prefix,
    suffix: draft.suffix,
  };
}

type Notice = { kind: 'saved' | 'reset' } | { kind: 'problems'; problems: WedgeSettingsProblem[] } | null;

/**
 * The wedge settings of this station: how its scanner is told from typing, what it sends around
 * a code. Saved to this computer only, applied to the detector at once.
 */
export function WedgeSettings() {
  const t = useT();
  const id = useId();
  const { scanner } = useStores();
  const saved = useStore(scanner.settings, selectWedgeSettings);
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [notice, setNotice] = useState<Notice>(null);

  const problems = notice?.kind === 'problems' ? notice.problems : [];
  const problemOf = (field: keyof Draft) => problems.find((p) => p.field === field) ?? null;
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (notice?.kind !== 'problems') setNotice(null);
  };

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found = scanner.settings.getState().save(settingsOf(draft));
    if (found.length > 0) {
      setNotice({ kind: 'problems', problems: found });
      return;
    }
    setDraft(draftOf(scanner.settings.getState().settings));
    setNotice({ kind: 'saved' });
  }

  function onReset(): void {
    scanner.settings.getState().reset();
    setDraft(draftOf(defaultWedgeSettings));
    setNotice({ kind: 'reset' });
  }

  const describedBy = (field: keyof Draft) => [`${id}-${field}-hint`, problemOf(field) ? `${id}-${field}-problem` : null].filter(Boolean).join(' ');

  const problemLine = (field: keyof Draft) => {
    const problem = problemOf(field);
    return problem ? (
      <p id={`${id}-${field}-problem`} className="form-problem">
        {wedgeProblemText(problem, t)}
      </p>
    ) : null;
  };

  const numberField = (field: WedgeNumberSetting) => {
    const { min, max } = wedgeNumberLimits[field];
    return (
      <div className="field" key={field}>
        <label htmlFor={`${id}-${field}`}>{t(`wedge.${field}.label`)}</label>
        <input
          id={`${id}-${field}`}
          className="input wedge-settings__number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={draft[field]}
          onChange={(event) => change({ [field]: event.target.value })}
          aria-invalid={problemOf(field) ? true : undefined}
          aria-describedby={describedBy(field)}
        />
        <p id={`${id}-${field}-hint`} className="hint">
          {t(`wedge.${field}.hint`)} {t('wedge.default', { value: defaultWedgeSettings[field] })}
        </p>
        {problemLine(field)}
      </div>
    );
  };

  const textField = (field: WedgeTextSetting) => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`}>{t(`wedge.${field}.label`)}</label>
      <input
        id={`${id}-${field}`}
        className="input wedge-settings__affix"
        value={draft[field]}
        maxLength={maxAffixLength}
        onChange={(event) => change({ [field]: event.target.value })}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problemOf(field) ? true : undefined}
        aria-describedby={describedBy(field)}
      />
      <p id={`${id}-${field}-hint`} className="hint">
        {t(`wedge.${field}.hint`)}
      </p>
      {problemLine(field)}
    </div>
  );

  return (
    <section className="wedge-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('wedge.title')}</h2>
      <p className="hint">{t('wedge.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <fieldset aria-describedby={`${id}-terminator-hint`}>
          <legend>{t('wedge.terminator.legend')}</legend>
          <div className="choice-row">
            {wedgeTerminators.map((terminator) => (
              <label key={terminator} className="choice">
                <input
                  type="radio"
                  name={`${id}-terminator`}
                  value={terminator}
                  checked={draft.terminator === terminator}
                  onChange={() => change({ terminator })}
                />
                <span>{t(`wedge.terminator.${terminator}`)}</span>
              </label>
            ))}
          </div>
          <p id={`${id}-terminator-hint`} className="hint">
            {t('wedge.terminator.hint')}
          </p>
        </fieldset>
        {numberFields.map(numberField)}
        {textField('prefix')}
        {textField('suffix')}
        {notice?.kind === 'problems' ? (
          <p className="form-problem" role="alert">
            {t('wedge.problems')}
          </p>
        ) : null}
        <p className="wedge-settings__status" role="status">
          {notice?.kind === 'saved' ? t('wedge.saved') : notice?.kind === 'reset' ? t('wedge.resetDone') : ''}
        </p>
        <div className="wedge-settings__actions">
          <button type="submit" className="button button--primary">
            {t('wedge.save')}
          </button>
          <button type="button" className="button" onClick={onReset}>
            {t('wedge.reset')}
          </button>
        </div>
      </form>
    </section>
  );
}
