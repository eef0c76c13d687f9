import type { Language } from '../../shared/domain';
import { localeOf } from './i18n';

/** hh:mm in the station's language, 24-hour as on a warehouse clock. */
export function formatClock(iso: string, language: Language): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export function formatDateTime(iso: string, language: Language): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A delivery date as "Tue 4 Jun". Picqer sends a plain date (YYYY-MM-DD); parsed as local so it
 * never shifts a day in time zones west of UTC.
 */
export function formatDeliveryDate(value: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}
