import { useEffect, useState } from 'react';
import { formatClock } from '../format';
import { useT } from '../i18n/use-t';
import { selectLanguage, selectLead } from '../stores/app';
import { useApp, useLead, useStores, useUsers } from '../stores/context';
import { needsLead, selectLeadBusy, selectLeadError, selectLeadNotice } from '../stores/lead';
import { activeUsersByName, selectUsers } from '../stores/users';
import { ErrorMessage } from './ErrorMessage';

const pinPattern = /^\d{4,12}$/;

/** Whether a lead unlocked the station, and who, with the lock; or that nothing is locked at all. */
export function LeadStatus() {
  const t = useT();
  const { lead } = useStores();
  const state = useApp(selectLead);
  const language = useApp(selectLanguage);
  if (!state) return null;
  if (!state.isProtected) {
    return (
      <p className="lead-status lead-status--open" role="status" data-testid="lead-status">
        {t('lead.noPin')}
      </p>
    );
  }
  if (!state.isUnlocked) {
    return (
      <p className="lead-status lead-status--locked" data-testid="lead-status">
        <span>{t('lead.locked')}</span>{' '}
        <button type="button" className="button button--primary" data-testid="lead-unlock-open" onClick={() => lead.getState().ask(() => undefined)}>
          {t('lead.unlock')}
        </button>
      </p>
    );
  }
  const time = state.unlockedUntil ? (formatClock(state.unlockedUntil, language) ?? state.unlockedUntil) : '';
  return (
    <p className="lead-status lead-status--unlocked" data-testid="lead-status">
      <span>{state.unlockedBy ? t('lead.unlockedBy', { name: state.unlockedBy.name, time }) : t('lead.unlockedPin', { time })}</span>{' '}
      <button type="button" className="button" data-testid="lead-lock" onClick={() => void lead.getState().lock()}>
        {t('lead.lock')}
      </button>
    </p>
  );
}

/** Settings' shift-lead section: the PIN and who the leads are. Shown only while it may be changed. */
export function ShiftLeadSettings() {
  const t = useT();
  const { lead, users: usersStore } = useStores();
  const state = useApp(selectLead);
  const users = activeUsersByName(useUsers(selectUsers));
  const isBusy = useLead(selectLeadBusy);
  const error = useLead(selectLeadError);
  const notice = useLead(selectLeadNotice);
  const [pin, setPin] = useState('');
  const [chosen, setChosen] = useState<number[] | null>(null);

  useEffect(() => {
    void usersStore.getState().load();
  }, [usersStore]);

  if (!state || needsLead(state)) return null;
  const leads = chosen ?? state.leads;
  const isPinValid = pinPattern.test(pin);

  return (
    <div className="lead-settings" data-testid="lead-settings">
      <p className="settings__hint">{t('lead.settings.hint')}</p>
      <form
        className="field"
        onSubmit={async (event) => {
          event.preventDefault();
          if (isPinValid && (await lead.getState().configure({ pin }, 'pinSaved'))) setPin('');
        }}
      >
        <label htmlFor="lead-new-pin">{t('lead.settings.pin')}</label>
        <input
          id="lead-new-pin"
          className="input"
          data-testid="lead-new-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={12}
          value={pin}
          onChange={(event) => setPin(event.target.value.trim())}
        />
        {pin && !isPinValid ? <p className="hint">{t('lead.settings.pinInvalid')}</p> : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" data-testid="lead-save-pin" disabled={isBusy || !isPinValid}>
            {t('lead.settings.savePin')}
          </button>
          {state.hasPin ? (
            <button type="button" className="button button--quiet" disabled={isBusy} onClick={() => void lead.getState().configure({ pin: null }, 'pinRemoved')}>
              {t('lead.settings.removePin')}
            </button>
          ) : null}
        </div>
      </form>
      <fieldset className="lead-settings__leads">
        <legend>{t('lead.settings.leads')}</legend>
        {users.map((user) => (
          <label key={user.iduser} className="lead-settings__lead">
            <input
              type="checkbox"
              checked={leads.includes(user.iduser)}
              onChange={(event) => setChosen(event.target.checked ? [...leads, user.iduser] : leads.filter((id) => id !== user.iduser))}
            />{' '}
            {user.name}
          </label>
        ))}
        <button
          type="button"
          className="button"
          disabled={isBusy || chosen === null}
          onClick={async () => {
            if (await lead.getState().configure({ leads }, 'leadsSaved')) setChosen(null);
          }}
        >
          {t('lead.settings.saveLeads')}
        </button>
      </fieldset>
      <p role="status" className="settings__saved" data-testid="lead-notice">
        {notice ? t(`lead.settings.${notice}`) : null}
      </p>
      {error ? <ErrorMessage error={error} t={t} /> : null}
    </div>
  );
}
