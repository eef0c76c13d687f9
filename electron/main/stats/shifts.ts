import { AppError } from '../../../shared/errors';

/*
 * Days and shifts as the warehouse floor means them: local wall-clock times in the station's time
 * zone, turned into the UTC instants the database stores. Done with Intl rather than the process
 * zone, so a test (or a station configured for another zone) gets the same answer anywhere, and a
 * day with a clock change has 23 or 25 hours instead of a shifted one.
 */

/** A shift by wall-clock times. An end at or before the start runs past midnight into the next day. */
export interface ShiftDefinition {
  id: string;
  /** HH:MM, 24-hour. */
  start: string;
  end: string;
}

/** Three eight-hour shifts; a station with other hours passes its own list. */
export const defaultShifts: readonly ShiftDefinition[] = [
  { id: 'early', start: '06:00', end: '14:00' },
  { id: 'late', start: '14:00', end: '22:00' },
  { id: 'night', start: '22:00', end: '06:00' },
];

export interface StatsHour {
  /** ISO instant the hour starts. */
  start: string;
  /** HH:MM local, what the chart's axis says. */
  label: string;
}

/** The [from, to) of a day or of one shift, and its hours for the chart. */
export interface StatsWindow {
  day: string;
  shift: ShiftDefinition | null;
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
  hours: StatsHour[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone of the machine: what "today" means at the station unless told otherwise. */
export function stationTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(ms: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function offsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant a wall clock in the zone shows this date and minute of the day. Date.UTC rolls an
 * overflowing day into the next month. The zone's offsets a day either side cover a clock change:
 * a time shown twice (autumn) is the first of the two, a time the clock skips (spring) is read
 * with the offset from before the change, so it lands after the gap.
 */
export function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minutes);
  const candidates = [asUtc - dayMs, asUtc, asUtc + dayMs].map((probe) => asUtc - offsetMs(probe, timeZone));
  const exact = candidates.filter((c) => offsetMs(c, timeZone) === asUtc - c);
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD of an instant in the zone. */
export function localDayIn(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** YYYY-MM-DD HH:MM:SS in the zone: what a spreadsheet reads as a date and time. */
export function localDateTime(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

function parseDay(day: string): { year: number; month: number; date: number } {
  const match = dayPattern.exec(day);
  const [year, month, date] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new AppError('VALIDATION', `"${day}" is not a day (YYYY-MM-DD)`);
  }
  return { year, month, date };
}

function minutesOf(time: string): number {
  const match = timePattern.exec(time);
  if (!match) throw new AppError('VALIDATION', `"${time}" is not a time of day (HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Refuses a shift list the station could not mean: unnamed or repeated shifts, bad or empty times. */
export function checkShifts(shifts: readonly ShiftDefinition[]): readonly ShiftDefinition[] {
  const seen = new Set<string>();
  for (const shift of shifts) {
    if (shift.id.trim() === '') throw new AppError('VALIDATION', 'A shift needs a name');
    if (seen.has(shift.id)) throw new AppError('VALIDATION', `Shift "${shift.id}" is defined twice`);
    seen.add(shift.id);
    if (minutesOf(shift.start) === minutesOf(shift.end)) throw new AppError('VALIDATION', `Shift "${shift.id}" starts and ends at ${shift.start}`);
  }
  return shifts;
}

/**
 * The window of a local day, or of a shift that starts on that day: the night shift of 2 November
 * runs from 22:00 on the 2nd to 06:00 on the 3rd.
 */
export function statsWindow(day: string, shiftId: string | null, shifts: readonly ShiftDefinition[], timeZone: string): StatsWindow {
  const { year, month, date } = parseDay(day);
  let shift: ShiftDefinition | null = null;
  let fromMs: number;
  let toMs: number;
  if (shiftId === null) {
    fromMs = zonedInstant(year, month, date, 0, timeZone);
    toMs = zonedInstant(year, month, date + 1, 0, timeZone);
  } else {
    shift = checkShifts(shifts).find((s) => s.id === shiftId) ?? null;
    if (!shift) throw new AppError('VALIDATION', `There is no shift "${shiftId}" at this station`);
    const start = minutesOf(shift.start);
    const end = minutesOf(shift.end);
    fromMs = zonedInstant(year, month, date, start, timeZone);
    toMs = zonedInstant(year, month, end <= start ? date + 1 : date, end, timeZone);
  }
  const hours: StatsHour[] = [];
  for (let at = fromMs; at < toMs; at += hourMs) {
    const w = wallClock(at, timeZone);
    hours.push({ start: new Date(at).toISOString(), label: `${pad(w.hour)}:${pad(w.minute)}` });
  }
  return { day, shift, fromMs, toMs, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), hours };
}

/** Which of the window's hours an instant falls in; -1 outside it. */
export function hourIndex(window: StatsWindow, ms: number): number {
  if (ms < window.fromMs || ms >= window.toMs) return -1;
  return Math.floor((ms - window.fromMs) / hourMs);
}
