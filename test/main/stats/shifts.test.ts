import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { checkShifts, defaultShifts, hourIndex, localDateTime, localDayIn, statsWindow } from '../../../electron/main/stats/shifts';

const tz = 'Europe/Amsterdam';
const labels = (day: string, shift: string | null) => statsWindow(day, shift, defaultShifts, tz).hours.map((h) => h.label);

describe('stats windows: days and shifts in the station time zone', () => {
  it('a day runs from local midnight to local midnight', () => {
    const w = statsWindow('2026-11-02', null, defaultShifts, tz);
    expect([w.from, w.to]).toEqual(['2026-11-01T23:00:00.000Z', '2026-11-02T23:00:00.000Z']);
    expect(w.hours).toHaveLength(24);
    expect(w.hours[0]).toEqual({ start: '2026-11-01T23:00:00.000Z', label: '00:00' });
  });

  it('the default shifts are early 06-14, late 14-22 and night 22-06, back to back', () => {
    const early = statsWindow('2026-11-02', 'early', defaultShifts, tz);
    const late = statsWindow('2026-11-02', 'late', defaultShifts, tz);
    const night = statsWindow('2026-11-02', 'night', defaultShifts, tz);
    expect([early.from, early.to]).toEqual(['2026-11-02T05:00:00.000Z', '2026-11-02T13:00:00.000Z']);
    expect(late.from).toBe(early.to);
    expect(night.from).toBe(late.to);
    expect(statsWindow('2026-11-03', 'early', defaultShifts, tz).from).toBe(night.to);
  });

  it('the night shift belongs to the day it starts and crosses midnight into the next', () => {
    const night = statsWindow('2026-11-02', 'night', defaultShifts, tz);
    expect([night.from, night.to]).toEqual(['2026-11-02T21:00:00.000Z', '2026-11-03T05:00:00.000Z']);
    expect(labels('2026-11-02', 'night')).toEqual(['22:00', '23:00', '00:00', '01:00', '02:00', '03:00', '04:00', '05:00']);
    // 23:30 on the 2nd and 05:59:59.999 on the 3rd are in it; 06:00 on the 3rd is the early shift.
    expect(hourIndex(night, Date.parse('2026-11-02T22:30:00.000Z'))).toBe(1);
    expect(hourIndex(night, Date.parse('2026-11-03T04:59:59.999Z'))).toBe(7);
    expect(hourIndex(night, Date.parse('2026-11-03T05:00:00.000Z'))).toBe(-1);
    expect(hourIndex(night, Date.parse('2026-11-02T20:59:59.999Z'))).toBe(-1);
  });

  it('a night shift over the autumn clock change has nine hours, one of them twice', () => {
    const night = statsWindow('2026-10-24', 'night', defaultShifts, tz);
    expect([night.from, night.to]).toEqual(['2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z']);
    expect(labels('2026-10-24', 'night')).toEqual(['22:00', '23:00', '00:00', '01:00', '02:00', '02:00', '03:00', '04:00', '05:00']);
    expect(statsWindow('2026-10-25', null, defaultShifts, tz).hours).toHaveLength(25);
  });

  it('a day in spring has 23 hours and skips 02:00', () => {
    expect(labels('2026-03-29', null)).toHaveLength(23);
    expect(labels('2026-03-29', null).slice(0, 3)).toEqual(['00:00', '01:00', '03:00']);
    expect(labels('2026-03-28', 'night')).toEqual(['22:00', '23:00', '00:00', '01:00', '03:00', '04:00', '05:00']);
  });

  it('takes the station’s own shifts instead of the defaults', () => {
    const shifts = [
      { id: 'morning', start: '07:30', end: '12:00' },
      { id: 'evening', start: '18:00', end: '01:30' },
    ];
    const evening = statsWindow('2026-11-02', 'evening', shifts, tz);
    expect([evening.from, evening.to]).toEqual(['2026-11-02T17:00:00.000Z', '2026-11-03T00:30:00.000Z']);
    expect(evening.hours.map((h) => h.label)).toEqual(['18:00', '19:00', '20:00', '21:00', '22:00', '23:00', '00:00', '01:00']);
    expect(() => statsWindow('2026-11-02', 'early', shifts, tz)).toThrow(/There is no shift "early"/);
  });

  it('refuses what it cannot mean, as VALIDATION', () => {
    const refusal = (fn: () => unknown): [string, string] | null => {
      try {
        fn();
      } catch (error) {
        if (error instanceof AppError) return [error.code, error.message];
        throw error;
      }
      return null;
    };
    expect(refusal(() => statsWindow('2026-02-30', null, defaultShifts, tz))).toEqual(['VALIDATION', '"2026-02-30" is not a day (YYYY-MM-DD)']);
    expect(refusal(() => statsWindow('2 Nov', null, defaultShifts, tz))?.[0]).toBe('VALIDATION');
    expect(refusal(() => checkShifts([{ id: 'a', start: '06:00', end: '06:00' }]))).toEqual(['VALIDATION', 'Shift "a" starts and ends at 06:00']);
    expect(refusal(() => checkShifts([{ id: 'a', start: '6:00', end: '14:00' }]))?.[0]).toBe('VALIDATION');
    expect(refusal(() => checkShifts([...defaultShifts, { id: 'late', start: '15:00', end: '16:00' }]))).toEqual(['VALIDATION', 'Shift "late" is defined twice']);
  });

  it('reads instants as the station’s local day and time', () => {
    expect(localDayIn(Date.parse('2026-11-02T23:30:00.000Z'), tz)).toBe('2026-11-03');
    expect(localDayIn(Date.parse('2026-11-02T23:30:00.000Z'), 'UTC')).toBe('2026-11-02');
    expect(localDateTime(Date.parse('2026-07-01T22:05:09.500Z'), tz)).toBe('2026-07-02 00:05:09');
  });
});
