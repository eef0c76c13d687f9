import type { BatchView } from '../../../shared/batch';
import { BatchActions } from '../components/BatchActions';
import { BatchHeader } from '../components/BatchHeader';
import { BatchSlotCallout } from '../components/BatchSlotCallout';
import { BatchSlots } from '../components/BatchSlots';
import { ErrorMessage } from '../components/ErrorMessage';
import { PackProgress } from '../components/PackProgress';
import { ScanAnswerPanel } from '../components/ScanAnswerPanel';
import { SerialPrompt } from '../components/SerialPrompt';
import { useT } from '../i18n/use-t';
import { batchCallout } from '../scan/batch-callout';
import { useScan, useSession, useUi } from '../stores/context';
import { selectLastAnswer } from '../stores/scan';
import { selectSessionError } from '../stores/session';
import { selectDialogKind } from '../stores/ui';

/**
 * A picklist batch being packed: every product scan goes to a slot, shown large; a slot whose
 * picklist is complete completes by itself while the packer goes on.
 */
export function Batch({ batch }: { batch: BatchView }) {
  const t = useT();
  const dialogKind = useUi(selectDialogKind);
  const error = useSession(selectSessionError);
  const answer = useScan(selectLastAnswer);
  const callout = batchCallout(batch, answer);
  const lastSlot = callout.kind === 'put' || callout.kind === 'takeOut' ? callout.slot : null;

  return (
    <section
      className="pack batch"
      aria-label={t('batch.title', { batchid: batch.picklistBatchid })}
      data-idpicklist-batch={batch.idpicklistBatch}
      data-batch-type={batch.type}
    >
      <div className="pack__main batch__main">
        <BatchHeader batch={batch} t={t} />
        <div className="batch__now">
          <BatchSlotCallout batch={batch} t={t} />
          <ScanAnswerPanel />
        </div>
        <SerialPrompt wanted={batch.serialWanted} t={t} />
        {batch.isOnline ? null : (
          <p className="banner banner--warn" role="status">
            {t('pack.offline')}
          </p>
        )}
        {error && dialogKind === null ? <ErrorMessage error={error} t={t} title={t('pack.actionFailed')} /> : null}
        <BatchSlots batch={batch} lastSlot={lastSlot} t={t} />
      </div>
      <aside className="pack__side">
        <PackProgress verified={batch.verifiedUnits} units={batch.units} t={t} />
        <div className="batch-parcels" data-testid="batch-parcels">
          <p className="progress__label">{t('batch.progress.parcels')}</p>
          <p className="batch-parcels__numbers">{t('batch.progress.parcelsCount', { sent: batch.parcelsSent, total: batch.slots.length })}</p>
        </div>
        <BatchActions batch={batch} t={t} />
        {batch.packaging ? <p className="batch__packaging">{t('batch.packaging', { name: batch.packaging.name })}</p> : null}
      </aside>
    </section>
  );
}
