import type { QueueItem } from '../../../shared/domain';
import { mustLeaveToday } from '../../../shared/cut-off';
import type { Translate } from '../i18n';

interface Props {
  items: readonly Pick<QueueItem, 'cutOff'>[];
  now: number;
  t: Translate;
}

/** The status bar's count of picklists whose carrier still comes today; absent where no cut-off is set. */
export function MustLeaveToday({ items, now, t }: Props) {
  if (!items.some((item) => item.cutOff !== null)) return null;
  return (
    <div className="status-bar__item status-bar__must-leave" data-testid="must-leave-today">
      <span className="status-bar__label">{t('status.mustLeaveToday')}</span>
      <span className="status-bar__value">{mustLeaveToday(items, now)}</span>
    </div>
  );
}
