import { nextCutOff } from '../../shared/cut-off';
import type { Translate } from './i18n';

/** "PostNL 16:00 · in 1 h 20 min" while today's pickup is ahead, "PostNL 16:00 · tomorrow" after it. */
export function cutOffText(t: Translate, carrier: string | null, time: string, now: number): string {
  const next = nextCutOff(time, now);
  const name = carrier ?? t('queue.cutOff.carrier');
  if (!next.isToday) return t('queue.cutOff.tomorrow', { carrier: name, time });
  // Rounded up: "in 0 min" would say the truck is here while it is not yet.
  const total = Math.max(1, Math.ceil((next.at - now) / 60_000));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const left =
    hours === 0
      ? t('queue.cutOff.minutes', { minutes })
      : minutes === 0
        ? t('queue.cutOff.hours', { hours })
        : t('queue.cutOff.hoursMinutes', { hours, minutes });
  return t('queue.cutOff.today', { carrier: name, time, left });
}
