import { useEffect, useState } from 'react';
import { badgePrefix, parseCommandBarcode } from '../../../shared/packing';
import { formatClock } from '../format';
import type { Translate } from '../i18n';
import { selectLanguage, selectLead } from '../stores/app';
import { useApp, useLead, useStores } from '../stores/context';
import { selectLeadBusy, selectLeadError } from '../stores/lead';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  t: Translate;
}

/**
 * Asks for a shift lead before a lead's action: the station's PIN, or a listed lead's badge
 * scanned while it is open. Main checks both and holds the unlock; wrong tries are counted there.
 */
export function LeadUnlockDialog({ t }: Props) {
  const { lead, scanner, ui } = useStores();
  const busy = useLead(selectLeadBusy);
  const error = useLead(selectLeadError);
  const state = useApp(selectLead);
  const language = useApp(selectLanguage);
  const [pin, setPin] = useState('');

  // While the dialog is open a scan is a badge offered to unlock, never a scan into the open box.
  useEffect(
    () =>
      scanner.capture(({ code }) => {
        if (parseCommandBarcode(code) === 'CANCEL') ui.getState().closeDialog();
        else void lead.getState().unlock({ badge: code });
      }),
    [scanner, lead, ui],
  );

  const submit = async () => {
    const text = pin.trim();
    if (!text) return;
    setPin('');
    // A badge read into the field (a scanner typing where the cursor is) is a badge all the same.
    await lead.getState().unlock(text.toUpperCase().startsWith(badgePrefix) ? { badge: text } : { pin: text });
  };

  const lockedOutUntil = state?.lockedOutUntil ?? null;
  return (
    <Dialog title={t('lead.dialog.title')} t={t} initialFocus="first-field" testId="lead-unlock">
      <p className="dialog__lead">{t('lead.dialog.prompt')}</p>
      <form
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="lead-pin">{t('lead.dialog.pin')}</label>
        <input
          id="lead-pin"
          className="input"
          data-testid="lead-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={64}
          value={pin}
          onChange={(event) => setPin(event.target.value)}
        />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary button--large" disabled={busy || pin.trim().length === 0} data-testid="lead-unlock-submit">
            {busy ? t('lead.dialog.busy') : t('lead.dialog.unlock')}
          </button>
        </div>
      </form>
      {lockedOutUntil ? (
        <p className="dialog__warning" role="alert">
          {t('lead.dialog.lockedOut', { time: formatClock(lockedOutUntil, language) ?? lockedOutUntil })}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} t={t} /> : null}
    </Dialog>
  );
}
