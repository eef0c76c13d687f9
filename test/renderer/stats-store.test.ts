import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import {
  createStatsStore,
  selectIsStatsLoading,
  selectStatsDay,
  selectStatsError,
  selectStatsExportError,
  selectStatsSummary,
  selectStatsToday,
} from '../../renderer/src/stores/stats';
import type { StatsFigures, StatsSummary } from '../../shared/contract';
import { createFakeApi, settle } from './fake-api';

const figures = (parcels: number): StatsFigures => ({
  parcels,
  units: parcels * 2,
  scans: parcels * 3,
  productScans: parcels * 2,
  misScans: 0,
  misScanRate: parcels === 0 ? null : 0,
  problemSessions: 0,
  weightOverrides: 0,
  medianSeconds: { scanning: parcels === 0 ? null : 42, waitingForLabel: null, problems: null },
});

function summaryFixture(day: string, shift: string | null = null, parcels = 1): StatsSummary {
  return {
    day,
    today: '2026-11-02',
    shift,
    shifts: [
      { id: 'early', start: '06:00', end: '14:00' },
      { id: 'late', start: '14:00', end: '22:00' },
      { id: 'night', start: '22:00', end: '06:00' },
    ],
    from: `${day}T00:00:00.000Z`,
    to: `${day}T23:59:59.999Z`,
    totals: figures(parcels),
    packers: [{ iduser: 7, name: 'Sanne de Vries', ...figures(parcels) }],
    stations: [{ station: 'Pack 1', ...figures(parcels) }],
    hours: [{ start: `${day}T09:00:00.000Z`, label: '10:00' }],
    series: [{ iduser: 7, name: 'Sanne de Vries', parcels: [parcels], scans: [parcels * 3] }],
    boxAdvice: [],
  };
}

/** A fake stats.summary that answers for the day and shift asked, or today's when no day is given. */
function statsApi() {
  const api = createFakeApi();
  api.handle('stats.summary', ({ day, shift }) => summaryFixture(day ?? '2026-11-02', shift ?? null));
  return api;
}

describe('stats store', () => {
  it("reads the station's today when no day was chosen, then the day and shift asked for", async () => {
    const api = statsApi();
    const store = createStatsStore(api);
    await store.getState().load();
    expect(api.callsOf('stats.summary')).toEqual([{}]);
    expect(selectStatsDay(store.getState())).toBe('2026-11-02');
    expect(selectStatsToday(store.getState())).toBe('2026-11-02');

    await store.getState().setDay('2026-11-01');
    await store.getState().setShift('night');
    expect(api.callsOf('stats.summary').slice(1)).toEqual([{ day: '2026-11-01' }, { day: '2026-11-01', shift: 'night' }]);
    expect(selectStatsSummary(store.getState())).toMatchObject({ day: '2026-11-01', shift: 'night' });
    expect(selectIsStatsLoading(store.getState())).toBe(false);

    await store.getState().setShift(null);
    await store.getState().setDay(null);
    expect(api.callsOf('stats.summary').slice(3)).toEqual([{ day: '2026-11-01' }, {}]);
  });

  it('shows the day asked for last, whatever order the answers come in', async () => {
    const api = createFakeApi();
    const pending: Array<() => void> = [];
    api.handle(
      'stats.summary',
      ({ day }) =>
        new Promise<StatsSummary>((resolve) => {
          pending.push(() => resolve(summaryFixture(day ?? '2026-11-02')));
        }),
    );
    const store = createStatsStore(api);
    const slow = store.getState().setDay('2026-10-30');
    const fast = store.getState().setDay('2026-10-31');
    pending[1]?.();
    await fast;
    pending[0]?.();
    await slow;
    expect(selectStatsSummary(store.getState())?.day).toBe('2026-10-31');
    expect(selectStatsDay(store.getState())).toBe('2026-10-31');
  });

  it('keeps the error of a failed read and clears it with the next good one', async () => {
    const api = statsApi();
    api.handle('stats.summary', () => {
      throw new ApiError('VALIDATION', 'There is no shift "evening" at this station');
    });
    const store = createStatsStore(api);
    await store.getState().setShift('evening');
    expect(selectStatsError(store.getState())).toMatchObject({ code: 'VALIDATION' });
    expect(selectIsStatsLoading(store.getState())).toBe(false);

    api.handle('stats.summary', ({ day }) => summaryFixture(day ?? '2026-11-02'));
    await store.getState().setShift(null);
    expect(selectStatsError(store.getState())).toBeNull();
    expect(selectStatsSummary(store.getState())?.totals.parcels).toBe(1);
  });

  it('asks for the CSV of the day and shift on screen, and keeps a refusal', async () => {
    const api = statsApi();
    api.handle('stats.exportCsv', ({ kind, day, shift }) => ({ filename: `packdesk-${kind}-${day ?? 'today'}-${shift ?? 'day'}.csv`, csv: '\uFEFFtime\r\n' }));
    const store = createStatsStore(api);
    await store.getState().setDay('2026-11-01');
    await store.getState().setShift('late');
    const file = await store.getState().exportCsv('scans');
    expect(file).toEqual({ filename: 'packdesk-scans-2026-11-01-late.csv', csv: '\uFEFFtime\r\n' });
    expect(api.callsOf('stats.exportCsv')).toEqual([{ day: '2026-11-01', shift: 'late', kind: 'scans' }]);
    expect(store.getState().exporting).toBeNull();

    api.handle('stats.exportCsv', () => {
      throw new ApiError('NOT_CONFIGURED', 'Connect to Picqer or the demo first.');
    });
    expect(await store.getState().exportCsv('summary')).toBeNull();
    expect(selectStatsExportError(store.getState())).toMatchObject({ code: 'NOT_CONFIGURED' });
    await store.getState().setDay('2026-10-31');
    expect(selectStatsExportError(store.getState())).toBeNull();
  });

  it('reads today again when a label comes in, but leaves a past day alone', async () => {
    const api = statsApi();
    const store = createStatsStore(api);
    const off = store.getState().follow();
    await store.getState().load();
    api.emit('history.changed', { idpicklist: 5 });
    await settle();
    expect(api.callsOf('stats.summary')).toHaveLength(2);

    await store.getState().setDay('2026-11-02');
    api.emit('history.changed', { idpicklist: 6 });
    await settle();
    expect(api.callsOf('stats.summary')).toHaveLength(4);

    await store.getState().setDay('2026-10-30');
    api.emit('history.changed', { idpicklist: 7 });
    await settle();
    expect(api.callsOf('stats.summary')).toHaveLength(5);

    off();
    await store.getState().setDay(null);
    api.emit('history.changed', { idpicklist: 8 });
    await settle();
    expect(api.callsOf('stats.summary')).toHaveLength(6);
  });
});
