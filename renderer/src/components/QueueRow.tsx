import type { Language, QueueItem } from '../../../shared/domain';
import { formatDeliveryDate } from '../format';
import { cutOffText } from '../format-cut-off';
import type { Translate } from '../i18n';
import { TagChip } from './TagChip';

interface Props {
  item: QueueItem;
  t: Translate;
  language: Language;
  /** The screen's clock, for the countdown to the carrier's pickup. */
  now: number;
  onOpen: (idpicklist: number) => void;
}

function statusBadge(item: QueueItem, t: Translate) {
  switch (item.status) {
    case 'new':
      return null;
    case 'paused':
      return (
        <span className="badge badge--paused">
          {item.pausedReason ? t('queue.status.pausedReason', { reason: item.pausedReason }) : t('queue.status.paused')}
        </span>
      );
    case 'snoozed':
      return <span className="badge badge--snoozed">{t('queue.status.snoozed')}</span>;
    case 'closed':
      return <span className="badge badge--closed">{t('queue.status.closed')}</span>;
    case 'cancelled':
      return <span className="badge badge--closed">{t('queue.status.cancelled')}</span>;
  }
}

export function QueueRow({ item, t, language, now, onOpen }: Props) {
  const classes = ['queue-row'];
  if (item.isUrgent) classes.push('queue-row--urgent');
  if (item.status !== 'new') classes.push(`queue-row--${item.status}`);

  return (
    // The whole row opens on a click; the picklist number is the button keyboard users reach.
    <tr className={classes.join(' ')} data-idpicklist={item.idpicklist} onClick={() => onOpen(item.idpicklist)}>
      <th scope="row">
        <div className="queue-row__picklist">
          {item.isUrgent ? <span className="badge badge--urgent">{t('queue.urgent')}</span> : null}
          <button
            type="button"
            className="queue-row__picklistid"
            aria-label={t('queue.open', { picklistid: item.picklistid })}
            onClick={(event) => {
              event.stopPropagation();
              onOpen(item.idpicklist);
            }}
          >
            {item.picklistid}
          </button>
          {item.orderid ? <span className="queue-row__sub">{t('queue.order', { orderid: item.orderid })}</span> : null}
          {statusBadge(item, t)}
        </div>
      </th>
      <td className="queue-row__customer">{item.customer}</td>
      <td>
        {item.webshop ? <span className="queue-row__webshop">{item.webshop}</span> : null}
        {item.reference ? <span className="queue-row__reference">{item.reference}</span> : null}
      </td>
      <td className="queue-row__size">
        <span>{t('queue.lines', { count: item.lineCount })}</span>
        <span className="queue-row__sub">
          {t('queue.units', { count: item.units })}
        </span>
      </td>
      <td>
        {item.tags.length ? (
          <span className="tags">
            {item.tags.map((tag) => (
              <TagChip key={tag.idtag} tag={tag} />
            ))}
          </span>
        ) : null}
      </td>
      <td className="queue-row__delivery">
        {item.preferredDeliveryDate ? (
          <time dateTime={item.preferredDeliveryDate}>{formatDeliveryDate(item.preferredDeliveryDate, language)}</time>
        ) : (
          <span className="muted">{t('queue.noDate')}</span>
        )}
      </td>
      <td className="queue-row__pickup">{item.cutOff ? <span data-testid="queue-pickup">{cutOffText(t, item.carrier, item.cutOff, now)}</span> : null}</td>
      <td>{item.assignedTo ? item.assignedTo.name : <span className="muted">{t('queue.unassigned')}</span>}</td>
    </tr>
  );
}
