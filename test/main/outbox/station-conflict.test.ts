import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../shared/contract';
import type { OutboxStatus, ScanAnswer } from '../../../shared/packing';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import { startStationHarness, type StationHarness } from './station-harness';

/*
 * Issue 6, conflicts, end to end: the picklist changes in Picqer while it is being packed. The
 * packer is alerted before any label (the set-aside list, with Picqer's reason), no shipment is
 * made, and the scans stay with the picklist: once Picqer is right again it is opened, shows the
 * same count, and completes with exactly one shipment.
 */

let h: StationHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

type Change = 'cancelled' | 'paused' | 'lines changed' | 'assigned elsewhere';

const reasons: Record<Change, RegExp> = {
  cancelled: /cancelled in Picqer/,
  paused: /paused/,
  'lines changed': /lines of picklist .* changed in Picqer/,
  'assigned elsewhere': /assigned to .* in Picqer/,
};

async function packWhileChanged(s: StationHarness, picklist: RawPicklist, change: Change): Promise<OutboxProblems['problems'][number]> {
  expect((await s.scan(picklist.picklistid)).kind).toBe('opened');
  await s.scanLines(picklist, 0, 1);
  // The station's own assignment has reached Picqer before someone changes the picklist there.
  await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 10_000, message: 'the assignment sent' }).toBe(0);
  const remote = s.demo.state.getPicklist(picklist.idpicklist);
  const other = s.demo.state.users.find((u) => u.active && u.iduser !== s.packer && u.iduser !== s.demo.state.apiUserId);
  if (change === 'cancelled') s.demo.state.cancelPicklist(picklist.idpicklist);
  if (change === 'paused') s.demo.state.pausePicklist(picklist.idpicklist, 'Customer called');
  if (change === 'lines changed') (remote.products[0] as { amount: number }).amount += 1;
  if (change === 'assigned elsewhere') s.demo.state.assignPicklist(picklist.idpicklist, other?.iduser);
  const last: ScanAnswer | null = await s.scanLines(picklist, 1);
  expect(last?.outcome).toBe('all_verified');
  await expect.poll(async () => (await s.call<OutboxProblems>('outbox.problems')).problems.some((p) => p.idpicklist === picklist.idpicklist), { timeout: 15_000, message: 'the alert' }).toBe(true);
  const problem = (await s.call<OutboxProblems>('outbox.problems')).problems.find((p) => p.idpicklist === picklist.idpicklist);
  if (!problem) throw new Error('no problem listed');
  expect(problem.reason).toMatch(reasons[change]);
  expect(problem.reason).toMatch(/No shipment was made/);
  expect(s.lastEvent('outbox.problems')?.problems.map((p) => p.id)).toContain(problem.id);
  expect(s.demo.state.listShipments(picklist.idpicklist)).toHaveLength(0);
  expect(s.files('labels').filter((f) => f.includes(picklist.picklistid))).toEqual([]);
  return problem;
}

describe('a picklist that changes in Picqer while it is packed', () => {
  it('alerts before any label, keeps the scans, and ships once after it is put right', async () => {
    h = await startStationHarness();
    const s = h;
    const [paused, assigned, changed, cancelled] = s.simplePicklists();
    if (!paused || !assigned || !changed || !cancelled) throw new Error('the demo seed has too few simple picklists');
    const units = (p: RawPicklist) => p.products.reduce((n, l) => n + l.amount, 0);

    // Paused: resumed in Picqer, opened again with its count, completed from the screen.
    await packWhileChanged(s, paused, 'paused');
    s.demo.state.resumePicklist(paused.idpicklist);
    const reopened = await s.scan(paused.picklistid);
    expect(reopened.kind).toBe('opened');
    expect((await s.session())?.verifiedUnits).toBe(units(paused));
    expect((await s.call<OutboxProblems>('outbox.problems')).problems.filter((p) => p.idpicklist === paused.idpicklist)).toEqual([]);
    await s.call('pack.complete');

    // Assigned elsewhere: the set-aside shipment is retried once it is assigned back.
    const problem = await packWhileChanged(s, assigned, 'assigned elsewhere');
    expect(problem).toMatchObject({ kind: 'ship', heldBack: 2, canRetry: true });
    s.demo.state.assignPicklist(assigned.idpicklist, s.packer);
    await s.call('outbox.retry', { id: problem.id });

    // Lines changed: opened again it asks for the added unit, which is scanned, and it ships.
    const packed = units(changed);
    await packWhileChanged(s, changed, 'lines changed');
    await s.scan(changed.picklistid);
    expect((await s.session())?.verifiedUnits).toBe(packed);
    expect((await s.session())?.units).toBe(packed + 1);
    const first = changed.products[0];
    expect((await s.scan(s.barcodeOf(first?.idproduct ?? 0))).outcome).toBe('all_verified');

    // Cancelled: nothing to ship; the packer discards the set-aside parcel (after confirming).
    const gone = await packWhileChanged(s, cancelled, 'cancelled');
    expect((await s.station.dispatch('outbox.discard', { id: gone.id })).ok).toBe(false);
    await s.call('outbox.discard', { id: gone.id, isConfirmed: true });
    expect((await s.scan(cancelled.picklistid)).kind).toBe('blocked');

    await expect.poll(async () => (await s.call<OutboxStatus>('outbox.status')).pending, { timeout: 20_000, message: 'the outbox drained' }).toBe(0);
    await expect.poll(() => s.files('labels').length, { timeout: 10_000, message: 'three labels' }).toBe(3);
    for (const picklist of [paused, assigned, changed]) {
      expect(s.demo.state.listShipments(picklist.idpicklist)).toHaveLength(1);
      expect(s.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
    }
    expect(s.demo.state.listShipments(cancelled.idpicklist)).toHaveLength(0);
    expect((await s.call<OutboxProblems>('outbox.problems')).problems).toEqual([]);
    expect(s.files('labels').filter((f) => f.includes(cancelled.picklistid))).toEqual([]);
  }, 90_000);
});
