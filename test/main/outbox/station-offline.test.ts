import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../shared/contract';
import type { SyncStatus } from '../../../shared/domain';
import type { OutboxStatus, SessionState } from '../../../shared/packing';
import { startStationHarness, type StationHarness } from './station-harness';

/*
 * Issue 6, offline, end to end through the station's commands: the connection to Picqer goes
 * away, the station says so within 5 seconds, packing carries on from the cache, completed parcels
 * wait with their packing slip printed, and when Picqer is back everything goes out in order, the
 * labels print and the packer is told which parcels got them.
 */

let h: StationHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('a station losing its connection to Picqer', () => {
  it('notices within 5 s, packs from the cache, and finishes every parcel in order when Picqer is back', async () => {
    h = await startStationHarness();
    const s = h;
    const [first, second] = s.simplePicklists();
    if (!first || !second) throw new Error('the demo seed has too few simple picklists');

    expect((await s.scan(first.picklistid)).kind).toBe('opened');
    await s.scanLines(first, 0, 1);

    await s.demo.setReachable(false);
    const lostAt = Date.now();
    await expect.poll(async () => (await s.call<SyncStatus>('sync.status')).state, { timeout: 6_000, message: 'sync.status offline' }).toBe('offline');
    const noticedMs = Date.now() - lostAt;
    expect(noticedMs).toBeLessThanOrEqual(5_000);
    const offlineEvent = s.events.find((e) => e.name === 'sync.status' && (e.payload as SyncStatus).state === 'offline');
    expect((offlineEvent?.at ?? Infinity) - lostAt).toBeLessThanOrEqual(5_000);

    // Verifying and opening keep working from the cache.
    const done = await s.scanLines(first, 1);
    expect(done?.outcome).toBe('all_verified');
    const opened = await s.scan(second.picklistid);
    expect(opened.kind).toBe('opened');
    expect((await s.call<SessionState>('pack.current')).session?.isOnline).toBe(false);
    expect((await s.scanLines(second))?.outcome).toBe('all_verified');
    expect((await s.call<SessionState>('pack.current')).session).toBeNull();

    await expect.poll(() => s.files('slips').length, { timeout: 10_000, message: 'both packing slips' }).toBe(2);
    const waiting = await s.call<OutboxStatus>('outbox.status');
    expect(waiting.labelsPending.map((l) => l.idpicklist).sort()).toEqual([first.idpicklist, second.idpicklist].sort());
    expect(waiting.pending).toBeGreaterThanOrEqual(8);
    expect(s.files('labels')).toEqual([]);
    // What the status bar turns into "Offline: N changes waiting" (test/renderer/outbox-problems).
    expect((await s.call<SyncStatus>('sync.status')).state).toBe('offline');

    const before = s.demo.requests.length;
    await s.demo.setReachable(true);
    await expect.poll(() => s.files('labels').length, { timeout: 20_000, message: 'both labels' }).toBe(2);
    await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 10_000, message: 'the outbox drained' }).toBe(0);
    expect(s.files('slips')).toHaveLength(2);
    expect((await s.call<SyncStatus>('sync.status')).state).not.toBe('offline');

    for (const picklist of [first, second]) {
      expect(s.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
      expect(s.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
      const own = s.demo.requests.slice(before).filter((r) => r.path.startsWith(`/api/v1/picklists/${picklist.idpicklist}`) && r.status > 0 && r.status < 300);
      const steps = own.map((r) => `${r.method} ${r.path.replace(`/api/v1/picklists/${picklist.idpicklist}`, '') || '/'}`);
      // In order: assignment, picks (whose answer is the re-check), the look at the picklist's
      // shipments right before the shipment, the shipment, the close.
      const at = (step: string) => steps.indexOf(step);
      expect(at('POST /assign')).toBeGreaterThanOrEqual(0);
      expect(at('POST /assign')).toBeLessThan(at('POST /pickall'));
      expect(at('POST /pickall')).toBeLessThan(steps.lastIndexOf('GET /shipments'));
      expect(steps.lastIndexOf('GET /shipments')).toBeLessThan(at('POST /shipments'));
      expect(at('POST /shipments')).toBeLessThan(at('POST /close'));
    }

    await expect.poll(async () => (await s.call<OutboxProblems>('outbox.problems')).labelled.length, { timeout: 5_000, message: 'the labelled list' }).toBe(2);
    const told = await s.call<OutboxProblems>('outbox.problems');
    expect(told.labelled.map((l) => l.picklistid).sort()).toEqual([first.picklistid, second.picklistid].sort());
    expect(told.problems).toEqual([]);
    expect(s.lastEvent('outbox.problems')?.labelled).toHaveLength(2);
  }, 60_000);
});
