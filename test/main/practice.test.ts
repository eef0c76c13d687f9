import { currentSession } from '../helpers/answer-words';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppState, QueueItem } from '../../shared/domain';
import type { PracticeScore } from '../../shared/people';
import { type PackSession, type ScanAnswer } from '../../shared/packing';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

/*
 * Practice mode against a station on a "live" backend (a second demo standing in for Picqer): the
 * trainee packs on the embedded demo, and not one request reaches the live backend meanwhile.
 */

const cleanups = useCleanups();

async function liveStation(): Promise<{ station: StartedStation; live: DemoBackend; dataDir: string }> {
  const live = await startDemoBackend({ port: 0, seed: 'live-stand-in', apiKey: 'live-key' });
  cleanups.push(() => live.close());
  const dir = mkdtempSync(join(tmpdir(), 'pd-practice-'));
  const config = join(dir, 'station.json');
  const liveLabels = join(dir, 'live-labels');
  writeFileSync(
    config,
    JSON.stringify({
      backend: { url: live.url, apiKey: 'live-key' },
      warehouse: 1829,
      station: { name: 'Pack 5', language: 'en' },
      printers: { label: { driver: 'folder', path: liveLabels }, packingSlip: { driver: 'folder', path: liveLabels } },
    }),
  );
  const station = await startStation({ argv: ['--config', config, '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  cleanups.push(() => station.stop());
  value(await station.dispatch('sync.now', {}));
  return { station, live, dataDir: join(dir, 'data') };
}

const scan = async (station: StartedStation, code: string, multiplier?: number) =>
  value<ScanAnswer>(await station.dispatch('scan.submit', { code, source: 'wedge', ...(multiplier ? { multiplier } : {}) }));

describe('practice mode', () => {
  it('packs on the demo warehouse without a single request to the live backend, then scores the trainee', async () => {
    const { station, live, dataDir } = await liveStation();
    await scan(station, station.signBadge(22));
    const liveQueue = value<QueueItem[]>(await station.dispatch('queue.list', {}));

    const before = live.requests.length;
    value(await station.dispatch('practice.start', {}));
    const started = value<AppState>(await station.dispatch('app.state', {}));
    expect(started).toMatchObject({ isPractice: true, isDemo: true, packer: { name: 'Sanne Müller' } });
    expect(await station.dispatch('setup.connect', { backend: { demo: true } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // A picklist of the practice warehouse, packed from scans alone, with one wrong scan.
    const queue = value<QueueItem[]>(await station.dispatch('queue.list', {}));
    expect(queue.length).toBeGreaterThan(0);
    let session: PackSession | null = null;
    for (const item of queue) {
      const opened = await scan(station, item.picklistid);
      const shown = await currentSession(station);
      if (opened.kind !== 'opened' || !shown) continue;
      if (shown.lines.every((l) => l.hasBarcode && !l.isComposition && l.parentId === null)) {
        session = shown;
        break;
      }
      value(await station.dispatch('pack.leave', {}));
    }
    expect(session).not.toBeNull();
    if (!session) return;
    expect((await scan(station, 'NOT-A-PRODUCT-9')).outcome).toBe('unknown_barcode');
    const codes = await practiceCodes(station, session);
    for (const [code, amount] of codes) await scan(station, code, amount);
    await expect.poll(async () => (await currentSession(station))?.state ?? 'closed', { timeout: 10_000, interval: 20 }).not.toBe('packing');

    const score = value<PracticeScore>(await station.dispatch('practice.stop', {}));
    expect(score).toMatchObject({ parcels: 1, misScans: 1, scans: codes.length + 1 });
    expect(score.accuracy).toBeCloseTo((codes.length / (codes.length + 1)) * 100, 0);
    expect(live.requests.length - before).toBe(0);

    // Back on the live station: its own queue, the packer still signed in, practice prints kept apart.
    expect(station.state()).toMatchObject({ isPractice: false, isDemo: false, packer: { iduser: 22 } });
    const after = value<QueueItem[]>(await station.dispatch('queue.list', {}));
    expect(after.map((q) => q.idpicklist)).toEqual(liveQueue.map((q) => q.idpicklist));
    expect(existsSync(join(dataDir, 'practice', 'printed', 'labels'))).toBe(true);
    expect(existsSync(join(dataDir, '..', 'live-labels')) ? readdirSync(join(dataDir, '..', 'live-labels')) : []).toEqual([]);
  });
});

/** The barcode of each line with its amount, read from the practice cache through the product search. */
async function practiceCodes(station: StartedStation, session: PackSession): Promise<Array<[string, number]>> {
  const codes: Array<[string, number]> = [];
  for (const line of session.lines) {
    const found = value<Array<{ idproduct: number; barcode: string | null }>>(await station.dispatch('products.search', { query: line.productcode }));
    const product = found.find((p) => p.idproduct === line.idproduct);
    if (!product?.barcode) throw new Error(`no barcode for ${line.productcode}`);
    codes.push([product.barcode, line.amount]);
  }
  return codes;
}
