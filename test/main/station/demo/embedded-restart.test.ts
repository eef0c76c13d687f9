import { describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../../shared/contract';
import type { Parcel, ScanAnswer } from '../../../../shared/packing';
import { useCleanups, value } from '../../station-helpers';
import { demoStationDir, pack, simplePicklists, startOnEmbeddedDemo } from './embedded-station';

/*
 * The embedded demo as a newcomer runs it: pack a parcel, close the station, start it again on the
 * same data dir and pack the next. The demo must carry on where it was; a demo that starts its ids
 * again while the cache keeps the old ones sets every new parcel aside.
 */

const cleanups = useCleanups();

describe('the embedded demo over a station restart', () => {
  it('keeps its data: a parcel packed after the restart gets its own shipment and nothing is set aside', async () => {
    const dir = demoStationDir();
    const [first, second] = simplePicklists();
    if (!first || !second) throw new Error('the demo seed has too few simple picklists');

    const before = await startOnEmbeddedDemo(dir, cleanups);
    await pack(before, first);
    await before.stop();

    const after = await startOnEmbeddedDemo(dir, cleanups);
    await pack(after, second);

    const problems = value<OutboxProblems>(await after.dispatch('outbox.problems', {}));
    expect(problems.problems).toEqual([]);
    const parcels = value<Parcel[]>(await after.dispatch('history.list', {}));
    const shipped = parcels.filter((p) => p.idpicklist === first.idpicklist || p.idpicklist === second.idpicklist);
    expect(shipped.map((p) => [p.picklistid, p.state]).sort()).toEqual([
      [first.picklistid, 'shipped'],
      [second.picklistid, 'shipped'],
    ]);
    expect(new Set(shipped.map((p) => p.idshipment)).size).toBe(2);
    // The picklist packed before the restart is done in the demo too: it is not offered again.
    const reopened = value<ScanAnswer>(await after.dispatch('scan.submit', { code: first.picklistid, source: 'wedge' }));
    expect(reopened.kind).not.toBe('opened');
  }, 60_000);
});
