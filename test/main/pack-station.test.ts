import { currentSession } from '../helpers/answer-words';
import { words } from '../helpers/answer-words';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxStatus, ScanAnswer } from '../../shared/packing';
import type { DemoBackend } from '../../electron/picqer-demo/server';
import type { RawPicklist } from '../../electron/picqer-demo/types';
import { startStationHarness, type StationHarness } from './outbox/station-harness';
import { useCleanups, value } from './station-helpers';

/*
 * The whole pack loop through the station's own command table, against the demo backend over
 * real HTTP: scan to open, scan every unit, auto-complete, and the outbox and print queue
 * finishing the parcel in Picqer and on the folder printers.
 */

const cleanups = useCleanups();

async function setUp(): Promise<StationHarness> {
  const harness = await startStationHarness(7);
  cleanups.push(() => harness.close());
  return harness;
}

/** A new picklist of simple lines whose products all have their own barcode. */
function simplePicklist(demo: DemoBackend): RawPicklist {
  const barcodes = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) barcodes.set(p.barcode, (barcodes.get(p.barcode) ?? 0) + 1);
  const found = demo.state.picklists.find(
    (p) =>
      p.idwarehouse === 1829 &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.length >= 2 &&
      p.products.every((line) => {
        const product = demo.state.findProduct(line.idproduct);
        return !line.has_parts && line.partof_idpicklist_product === null && product?.barcode && barcodes.get(product.barcode) === 1;
      }),
  );
  if (!found) throw new Error('no simple picklist in the seed');
  return found;
}

describe('pack loop through the station', () => {
  it('packs a picklist from scans alone and finishes it in Picqer once, with label and packing slip printed', async () => {
    const { demo, station, dir } = await setUp();
    const picklist = simplePicklist(demo);

    const opened = value<ScanAnswer>(await station.dispatch('scan.submit', { code: picklist.picklistid, source: 'wedge' }));
    expect(opened.kind).toBe('opened');
    expect((await currentSession(station))?.idpicklist).toBe(picklist.idpicklist);

    const wrong = demo.state.products.find((p) => p.barcode && !picklist.products.some((l) => l.idproduct === p.idproduct));
    const refused = value<ScanAnswer>(await station.dispatch('scan.submit', { code: wrong?.barcode ?? '', source: 'wedge' }));
    expect(refused.outcome).toBe('wrong_item');
    expect((await currentSession(station))?.verifiedUnits).toBe(0);

    let last: ScanAnswer | null = null;
    for (const line of picklist.products) {
      const barcode = demo.state.findProduct(line.idproduct)?.barcode ?? '';
      last = value<ScanAnswer>(await station.dispatch('scan.submit', { code: barcode, source: 'wedge', multiplier: line.amount }));
      expect(['line_complete', 'all_verified']).toContain(last.outcome);
    }
    expect(last?.outcome).toBe('all_verified');

    await expect.poll(() => demo.state.getPicklist(picklist.idpicklist).status, { timeout: 20_000 }).toBe('closed');
    const after = demo.state.getPicklist(picklist.idpicklist);
    for (const line of after.products) expect(line.amount_picked).toBe(line.amount);
    expect(demo.state.listShipments(picklist.idpicklist).filter((s) => !s.cancelled)).toHaveLength(1);

    await expect.poll(() => existsSync(join(dir, 'labels')) && readdirSync(join(dir, 'labels')).length === 1 && existsSync(join(dir, 'slips')) && readdirSync(join(dir, 'slips')).length === 1, { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => value<OutboxStatus>(await station.dispatch('outbox.status', {})).pending, { timeout: 20_000 }).toBe(0);
    const parcels = value<Array<{ idpicklist: number; state: string; trackingCode: string | null }>>(await station.dispatch('history.list', {}));
    expect(parcels.find((p) => p.idpicklist === picklist.idpicklist)).toMatchObject({ state: 'shipped' });
  });

  it('refuses to open the paused picklist, with Picqer\'s reason', async () => {
    const { demo, station } = await setUp();
    const paused = demo.state.picklists.find((p) => p.status === 'paused' && p.idwarehouse === 1829);
    const answer = value<ScanAnswer>(await station.dispatch('scan.submit', { code: paused?.picklistid ?? '', source: 'wedge' }));
    expect(answer.kind).toBe('blocked');
    expect(words(answer)).toContain(paused?.paused_reason ?? '?');
  });
});
