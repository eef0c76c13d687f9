import type { BatchSlot, BatchView } from '../../../shared/batch';
import type { Translate } from '../i18n';
import { useReasonText } from '../i18n/use-t';
import { batchCallout } from '../scan/batch-callout';
import { outcomeHeadline, toneOfOutcome } from '../scan/answer-text';
import { useScan } from '../stores/context';
import { selectLastAnswer } from '../stores/scan';

function SlotUnder({ detail, t }: { detail: BatchSlot | null; t: Translate }) {
  const words = useReasonText();
  if (!detail) return null;
  return (
    <>
      <p className="batch-callout__picklist">
        <span className="batch-callout__picklistid">{detail.picklistid}</span>
        {detail.alias ? <span className="batch-callout__alias">{detail.alias}</span> : null}
        <span className="batch-callout__customer">{detail.customer}</span>
      </p>
      {detail.state === 'sent' ? <p className="batch-callout__state">{t('batch.callout.sent')}</p> : null}
      {detail.state === 'labels_pending' ? <p className="batch-callout__state">{t('batch.callout.pending')}</p> : null}
      {detail.reason && ['verified', 'alert', 'refused', 'problem'].includes(detail.state) ? (
        <p className="batch-callout__state">
          {t(`batch.state.${detail.state}`)}: {words(detail.reason)}
        </p>
      ) : null}
    </>
  );
}

/**
 * Where the unit just scanned goes, in a number readable from two metres: the packer looks up from
 * the scanner, sees the slot, drops the unit in. A refused scan shows why instead of a number.
 */
export function BatchSlotCallout({ batch, t }: { batch: BatchView; t: Translate }) {
  const words = useReasonText();
  const answer = useScan(selectLastAnswer);
  const callout = batchCallout(batch, answer);

  switch (callout.kind) {
    case 'none':
      return (
        <section className="batch-callout batch-callout--none" data-testid="batch-callout" data-state="none" aria-label={t('batch.callout.label')}>
          <p className="batch-callout__waiting">{t('batch.callout.waiting')}</p>
        </section>
      );
    case 'refused':
      return (
        <section className={`batch-callout batch-callout--${toneOfOutcome(callout.outcome)}`} data-testid="batch-callout" data-state="refused" aria-label={t('batch.callout.label')}>
          <p className="batch-callout__lead">{t('batch.callout.refused')}</p>
          <p className="batch-callout__why">{callout.reason ? words(callout.reason) : outcomeHeadline(callout.outcome, callout.productName, callout.code, t)}</p>
        </section>
      );
    case 'takeOut':
      return (
        <section className="batch-callout batch-callout--slot batch-callout--undo" data-testid="batch-callout" data-state="undone" aria-label={t('batch.callout.label')}>
          <SlotNumber slot={callout.slot} lead={t('batch.callout.takeOut')} aria={t('batch.callout.takeOutAria', { slot: callout.slot })} />
          <div className="batch-callout__under">
            <SlotUnder detail={callout.detail} t={t} />
          </div>
        </section>
      );
    case 'put': {
      const isComplete = callout.outcome === 'all_verified' || callout.detail?.state === 'sent' || callout.detail?.state === 'labels_pending';
      // The unit goes in this slot, but counts only once its serial is given (issue 18).
      const isSerialFirst = callout.outcome === 'serial_needed';
      const tone = isSerialFirst ? toneOfOutcome(callout.outcome) : isComplete ? 'done' : 'ok';
      return (
        <section
          className={`batch-callout batch-callout--slot batch-callout--${tone}`}
          data-testid="batch-callout"
          data-state={callout.detail?.state ?? 'unknown'}
          aria-label={t('batch.callout.label')}
        >
          <SlotNumber
            slot={callout.slot}
            lead={t(isSerialFirst ? 'batch.callout.serialFirst' : 'batch.callout.put')}
            aria={t(isSerialFirst ? 'batch.callout.serialFirstAria' : 'batch.callout.slotAria', { slot: callout.slot })}
          />
          <div className="batch-callout__under">
            <SlotUnder detail={callout.detail} t={t} />
          </div>
        </section>
      );
    }
  }
}

/** The slot's number, large: where the unit goes (or comes out of). */
function SlotNumber({ slot, lead, aria }: { slot: number; lead: string; aria: string }) {
  return (
    <div className="batch-callout__slot">
      <p className="batch-callout__lead">{lead}</p>
      <p className="batch-callout__number" data-slot={slot} aria-label={aria}>
        {slot}
      </p>
    </div>
  );
}
