/*
 * Picqer writes dates as `YYYY-MM-DD HH:MM:SS` without a zone. The demo uses UTC throughout so
 * that seed data and tests do not depend on the machine's time zone.
 */
const pattern = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

/** Milliseconds for a Picqer date or date-time, or null when the text is not one. */
export function parseDateTime(text: string): number | null {
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return formatDate(ms) === `${y}-${mo}-${d}` ? ms : null;
}
