import { useState } from 'react';
import type { ProblemReason } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { canReportBatchProblem, selectBatchSlots, selectSessionBusy, selectSessionError } from '../stores/session';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import { ProblemReasonChoice } from './ProblemReasonChoice';

/**
 * A problem with one picklist of the open batch: the slot first, then what is wrong. Packdesk
 * reports it like a single parcel's; that slot is set aside and the rest of the batch goes on.
 */
export function BatchProblemDialog({ t }: { t: Translate }) {
  const { scanner, ui } = useStores();
  const slots = useSession(selectBatchSlots);
  const busy = useSession(selectSessionBusy);
  const error = useSession(selectSessionError);
  // Nothing chosen at first: Enter must never report a problem for a slot or reason nobody chose.
  const [idpicklist, setIdpicklist] = useState<number | null>(null);
  const [reason, setReason] = useState<ProblemReason | null>(null);
  const [note, setNote] = useState('');
  const open = slots.filter(canReportBatchProblem);
  // A slot sent or refused since it was chosen is no longer offered, nor reported.
  const chosen = open.some((slot) => slot.idpicklist === idpicklist) ? idpicklist : null;

  return (
    <Dialog title={t('batch.problem.title')} t={t} testId="batch-problem">
      <form
        className="dialog__form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (chosen === null || reason === null) return;
          const ok = await scanner.batchProblem(chosen, reason, note);
          if (ok) ui.getState().closeDialog();
        }}
      >
        <fieldset>
          <legend>{t('batch.problem.slot')}</legend>
          {open.length ? (
            <div className="choice-list batch-problem__slots">
              {open.map((slot) => (
                <label key={slot.idpicklist} className="choice" data-slot-choice={slot.slot}>
                  <input type="radio" name="batch-problem-slot" value={slot.idpicklist} checked={chosen === slot.idpicklist} onChange={() => setIdpicklist(slot.idpicklist)} />
                  <span className="batch-problem__slot">{t('batch.slot.name', { slot: slot.slot })}</span>
                  <span>
                    {slot.picklistid} · {slot.customer}
                  </span>
                </label>
              ))}
            </div>
          ) : (
            <p className="hint">{t('batch.problem.noSlots')}</p>
          )}
        </fieldset>
        <ProblemReasonChoice reason={reason} onChange={setReason} t={t} />
        <div className="field">
          <label htmlFor="batch-problem-note">{t('problem.note')}</label>
          <textarea id="batch-problem-note" className="input" rows={2} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          <p className="hint">{t('batch.problem.hint')}</p>
        </div>
        {chosen === null || reason === null ? <p className="hint">{t(chosen === null ? 'batch.problem.pickSlot' : 'problem.pickReason')}</p> : null}
        {error ? <ErrorMessage error={error} t={t} title={t('pack.actionFailed')} /> : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary button--large" disabled={busy !== null || chosen === null || reason === null}>
            {t('problem.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
