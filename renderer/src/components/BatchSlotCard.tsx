import { memo } from 'react';
import type { BatchSlot } from '../../../shared/batch';
import type { Translate } from '../i18n';
import { useReasonText } from '../i18n/use-t';

interface Props {
  slot: BatchSlot;
  isLast: boolean;
  t: Translate;
}

/** One slot: its number, picklist, customer, count and state, in words beside the colour. */
export const BatchSlotCard = memo(function BatchSlotCard({ slot, isLast, t }: Props) {
  const words = useReasonText();
  return (
    <li
      className={`slot-card slot-card--${slot.state}${isLast ? ' slot-card--last' : ''}`}
      data-slot-card={slot.slot}
      data-state={slot.state}
      data-idpicklist={slot.idpicklist}
      aria-current={isLast ? 'true' : undefined}
      aria-label={t('batch.slot.name', { slot: slot.slot })}
    >
      <p className="slot-card__top">
        <span className="slot-card__number">{slot.slot}</span>
        <span className="slot-card__state">{t(`batch.state.${slot.state}`)}</span>
      </p>
      <p className="slot-card__picklist">
        {slot.picklistid}
        {slot.alias ? <span className="slot-card__alias"> · {slot.alias}</span> : null}
      </p>
      <p className="slot-card__customer" title={slot.customer}>
        {slot.customer}
      </p>
      <p className="slot-card__count">{t('batch.slot.count', { verified: slot.verifiedUnits, units: slot.units })}</p>
      {isLast ? <p className="slot-card__last">{t('batch.slot.last')}</p> : null}
      {slot.reason ? <p className="slot-card__reason">{words(slot.reason)}</p> : null}
    </li>
  );
});
