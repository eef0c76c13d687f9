import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { OutboxStatus, ScanAnswer } from '../../../../shared/packing';
import { demoSeed } from '../../../../electron/main/station/backend';
import { generateSeed } from '../../../../electron/picqer-demo/seed';
import type { RawPicklist } from '../../../../electron/picqer-demo/types';
import { startStation, type StartedStation } from '../../../../electron/main/station/station';
import { value } from '../../station-helpers';

/*
 * A real station on its embedded demo, as a newcomer starts it: a config file naming only the
 * demo, the warehouse and the station, and no printers.
 */

export function demoStationDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-demo-station-'));
  writeFileSync(join(dir, 'station.json'), JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 1', language: 'en' } }));
  return dir;
}

/** The embedded demo's picklists: the same seed, so the test knows barcodes without asking the station. */
const seed = generateSeed({ seed: demoSeed, baseUrl: 'http://127.0.0.1' });

export function simplePicklists(): RawPicklist[] {
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

export async function startOnEmbeddedDemo(dir: string, cleanups: Array<() => Promise<void>>): Promise<StartedStation> {
  const station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  cleanups.push(() => station.stop());
  value(await station.dispatch('sync.now', {}));
  value(await station.dispatch('scan.submit', { code: station.signBadge(22), source: 'wedge' }));
  return station;
}

export async function pack(station: StartedStation, picklist: RawPicklist): Promise<void> {
  const opened = value<ScanAnswer>(await station.dispatch('scan.submit', { code: picklist.picklistid, source: 'wedge' }));
  expect(opened.kind).toBe('opened');
  let last: ScanAnswer | null = null;
  for (const line of picklist.products) {
    const barcode = seed.products.find((p) => p.idproduct === line.idproduct)?.barcode ?? '';
    last = value<ScanAnswer>(await station.dispatch('scan.submit', { code: barcode, source: 'wedge', multiplier: line.amount }));
  }
  expect(last?.outcome).toBe('all_verified');
  await expect.poll(async () => value<OutboxStatus>(await station.dispatch('outbox.status', {})).pending, { timeout: 20_000, message: 'the outbox to empty' }).toBe(0);
}

