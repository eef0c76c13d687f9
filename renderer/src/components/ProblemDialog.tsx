import { useState } from 'react';
import type { ProblemReason } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { selectSessionBusy, selectSessionError } from '../stores/session';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import { ProblemReasonChoice } from './ProblemReasonChoice';

/** Missing or damaged: Packdesk comments it in Picqer and takes the picklist off this station. */
export function ProblemDialog({ t }: { t: Translate }) {
  const { scanner, ui } = useStores();
  const busy = useSession(selectSessionBusy);
  const error = useSession(selectSessionError);
  // Nothing picked at first: Enter must not report a reason nobody chose (it pauses the picklist).
  const [reason, setReason] = useState<ProblemReason | null>(null);
  const [note, setNote] = useState('');

  return (
    <Dialog title={t('problem.title')} t={t} testId="problem">
      <form
        className="dialog__form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (reason === null) return;
          const ok = await scanner.problem(reason, note);
          if (ok) ui.getState().closeDialog();
        }}
      >
        <ProblemReasonChoice reason={reason} onChange={setReason} t={t} />
        <div className="field">
          <label htmlFor="problem-note">{t('problem.note')}</label>
          <textarea id="problem-note" className="input" rows={3} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          <p className="hint">{t('problem.noteHint')}</p>
        </div>
        {reason === null ? <p className="hint">{t('problem.pickReason')}</p> : null}
        {error ? <ErrorMessage error={error} t={t} title={t('pack.actionFailed')} /> : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary button--large" disabled={busy !== null || reason === null}>
            {t('problem.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
