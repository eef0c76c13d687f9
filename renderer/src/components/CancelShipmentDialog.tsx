import { useState } from 'react';
import type { Translate } from '../i18n';
import { selectPacker } from '../stores/app';
import { useApp, useHistory, useStores } from '../stores/context';
import { selectHistoryActionError, selectHistoryBusy } from '../stores/history';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  idpicklist: number;
  picklistid: string;
  t: Translate;
}

/**
 * Asks before a shipment is cancelled, and says what cancelling does not do: Picqer's cancel does
 * not reach the carrier, so the printed label still ships a parcel until someone destroys it.
 * Focus starts on the dialog, not on the yes, so Enter alone cancels nothing.
 */
export function CancelShipmentDialog({ idpicklist, picklistid, t }: Props) {
  const { history, ui } = useStores();
  const packer = useApp(selectPacker);
  const busy = useHistory(selectHistoryBusy);
  const error = useHistory(selectHistoryActionError);
  const [reason, setReason] = useState('');
  const hasReason = reason.trim().length >= 3;

  return (
    <Dialog title={t('cancelShipment.title', { picklist: picklistid })} t={t} testId="cancel-shipment">
      <p className="dialog__lead">{t('cancelShipment.what')}</p>
      <p className="dialog__warning" role="alert">
        {t('cancelShipment.carrier')}
      </p>
      <div className="field">
        <label htmlFor="cancel-reason">{t('cancelShipment.reason')}</label>
        <input
          id="cancel-reason"
          className="input"
          data-testid="cancel-reason"
          maxLength={200}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <p className="hint">{packer ? t('cancelShipment.logged', { packer: packer.name }) : t('cancelShipment.noPacker')}</p>
      {error ? <ErrorMessage error={error} t={t} title={t('history.actionFailed')} /> : null}
      <div className="dialog__actions">
        <button type="button" className="button button--large" onClick={() => ui.getState().closeDialog()}>
          {t('cancelShipment.keep')}
        </button>
        <button
          type="button"
          className="button button--primary button--large"
          disabled={busy !== null || packer === null || !hasReason}
          onClick={async () => {
            const ok = await history.getState().cancelShipment(idpicklist, reason.trim());
            if (ok) ui.getState().closeDialog();
          }}
        >
          {busy?.action === 'cancel' ? t('history.busy') : t('cancelShipment.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
