import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../../shared/contract';
import type { OutboxStatus, Parcel, ScanAnswer } from '../../../shared/packing';
import { badgeCode } from '../../../shared/packing';
import { demoSeed } from '../../../electron/main/backend';
import { generateSeed } from '../../../electron/main/demo/seed';
import type { RawPicklist } from '../../../electron/main/demo/types';
import { startStation, type StartedStation } from '../../../electron/main/station';
import { until } from '../outbox/station-harness';
import { useCleanups, value } from '../station-helpers';

/*
 * The embedded demo as a newcomer runs it: pack a parcel, close the station, start it again on the
 * same data dir and pack the next. The demo must carry on where it was; a demo that starts its ids
 * again while the cache keeps the old ones sets every new parcel aside.
 */

const cleanups = useCleanups();

/** The embedded demo's picklists: the same seed, so the test knows barcodes without asking the station. */
const seed = generateSeed({ seed: demoSeed, baseUrl: 'http://127.0.0.1' });

function simplePicklists(): RawPicklist[] {
  const barcodes = new Map<string, number>();
  for (const p of seed.products) if (p.barcode) barcodes.set(p.barcode, (barcodes.get(p.barcode) ?? 0) + 1);
  return seed.picklists.filter(
    (p) =>
      p.idwarehouse === 1829 &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.every((line) => {
        const product = seed.products.find((x) => x.idproduct === line.idproduct);
        return !line.has_parts && line.partof_idpicklist_product === null && product?.barcode && barcodes.get(product.barcode) === 1;
      }),
  );
}

async function start(dir: string): Promise<StartedStation> {
  const station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  cleanups.push(() => station.stop());
  value(await station.dispatch('sync.now', {}));
  value(await station.dispatch('scan.submit', { code: badgeCode(22), source: 'wedge' }));
  return station;
}

async function pack(station: StartedStation, picklist: RawPicklist): Promise<void> {
  const opened = value<ScanAnswer>(await station.dispatch('scan.submit', { code: picklist.picklistid, source: 'wedge' }));
  expect(opened.kind).toBe('opened');
  let last: ScanAnswer | null = null;
  for (const line of picklist.products) {
    const barcode = seed.products.find((p) => p.idproduct === line.idproduct)?.barcode ?? '';
    last = value<ScanAnswer>(await station.dispatch('scan.submit', { code: barcode, source: 'wedge', multiplier: line.amount }));
  }
  expect(last?.outcome).toBe('all_verified');
  await until(async () => value<OutboxStatus>(await station.dispatch('outbox.status', {})).pending === 0, 20_000, 'the outbox to empty');
}

describe('the embedded demo over a station restart', () => {
  it('keeps its data: a parcel packed after the restart gets its own shipment and nothing is set aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-demo-restart-'));
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 1', language: 'en' } }));
    const [first, second] = simplePicklists();
    if (!first || !second) throw new Error('the demo seed has too few simple picklists');

    const before = await start(dir);
    await pack(before, first);
    await before.stop();

    const after = await start(dir);
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
