import { memo } from 'react';
import type { BatchSlot } from '../../../shared/batch';
import type { Translate } from '../i18n';
import { useReasonText } from '../i18n/use-t';

interface Props {
  slot: BatchSlot;
  isLast: boolean;
  t: Translate;
}

/** One slot as a row: its number, picklist, customer, count and state, in words beside the colour. */
export const BatchSlotCard = memo(function BatchSlotCard({ slot, isLast, t }: Props) {
  const words = useReasonText();
  return (
    <li
      className={`slot-card slot-card--${slot.state}${isLast ? ' slot-card--last' : ''}`}
      data-slot-card={slot.slot}
      data-state={slot.state}
      data-idpicklist={slot.idpicklist}
      aria-current={isLast ? 'true' : undefined}
    >
      <span className="slot-card__number" aria-label={t('batch.slot.name', { slot: slot.slot })}>
        {slot.slot}
      </span>
      <span className="slot-card__picklist">
        {slot.picklistid}
        {slot.alias ? <span className="slot-card__alias"> · {slot.alias}</span> : null}
      </span>
      <span className="slot-card__customer" title={slot.customer}>
        {slot.customer}
      </span>
      <span className="slot-card__count">{t('batch.slot.count', { verified: slot.verifiedUnits, units: slot.units })}</span>
      <span className="slot-card__state">
        {t(`batch.state.${slot.state}`)}
        {isLast ? <span className="slot-card__last">{t('batch.slot.last')}</span> : null}
      </span>
      {slot.reason ? <span className="slot-card__reason">{words(slot.reason)}</span> : null}
    </li>
  );
});
