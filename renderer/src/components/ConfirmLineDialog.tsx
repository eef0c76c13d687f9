import { useState } from 'react';
import type { PackLine } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { selectSessionBusy, selectSessionError } from '../stores/session';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

/** A line without a barcode, confirmed by hand: how many, and why (logged with the scan event). */
export function ConfirmLineDialog({ line, t }: { line: PackLine; t: Translate }) {
  const { scanner, ui } = useStores();
  const busy = useSession(selectSessionBusy);
  const error = useSession(selectSessionError);
  const remaining = Math.max(1, line.amount - line.verified);
  const [amount, setAmount] = useState(String(remaining));
  const [reason, setReason] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const parsed = Number.parseInt(amount, 10);
  const isAmountValid = /^\d+$/.test(amount) && parsed >= 1 && parsed <= remaining;
  const isReasonValid = reason.trim().length >= 3;

  return (
    <Dialog title={t('confirm.title', { product: line.name })} t={t} initialFocus="first-field" testId="confirm-line">
      <form
        className="dialog__form"
        onSubmit={async (event) => {
          event.preventDefault();
          setShowProblems(true);
          if (!isAmountValid || !isReasonValid) return;
          const ok = await scanner.confirmLine({ idpicklist_product: line.idpicklist_product, amount: parsed, reason: reason.trim() });
          if (ok) ui.getState().closeDialog();
        }}
      >
        <div className="field">
          <label htmlFor="confirm-amount">{t('confirm.amount')}</label>
          <input
            id="confirm-amount"
            className="input input--short"
            inputMode="numeric"
            autoComplete="off"
            value={amount}
            onChange={(event) => setAmount(event.target.value.replace(/[^\d]/g, '').slice(0, 4))}
          />
          <p className="hint">{t('confirm.remaining', { count: line.amount - line.verified })}</p>
        </div>
        <div className="field">
          <label htmlFor="confirm-reason">{t('confirm.reason')}</label>
          <input id="confirm-reason" className="input" autoComplete="off" maxLength={200} value={reason} onChange={(event) => setReason(event.target.value)} />
          <p className="hint">{t('confirm.reasonHint')}</p>
          {showProblems && !isReasonValid ? <p className="form-problem">{t('confirm.reasonTooShort')}</p> : null}
        </div>
        {error ? <ErrorMessage error={error} t={t} title={t('pack.actionFailed')} /> : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary button--large" disabled={busy !== null || !isAmountValid}>
            {t('confirm.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
