import { currentSession } from '../helpers/answer-words';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/domain';
import { type Lookalike, type PackSession, type ScanAnswer } from '../../shared/packing';
import type { ProductSummary } from '../../shared/printing';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

const cleanups = useCleanups();

const scan = async (station: StartedStation, code: string) => value<ScanAnswer>(await station.dispatch('scan.submit', { code, source: 'wedge' }));

async function ownBarcode(station: StartedStation, productcode: string, idproduct: number): Promise<string | null> {
  const found = value<ProductSummary[]>(await station.dispatch('products.search', { query: productcode })).find((p) => p.idproduct === idproduct);
  if (!found?.barcode) return null;
  const sharing = value<ProductSummary[]>(await station.dispatch('products.search', { query: found.barcode })).filter((p) => p.barcode === found.barcode);
  return sharing.length === 1 ? found.barcode : null;
}

describe('look-alike warnings', () => {
  it('learns a pair from wrong-item scans followed by the right product, and warns on picklists with either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-lookalike-'));
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 1', language: 'en' } }));
    const station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
    cleanups.push(() => station.stop());
    value(await station.dispatch('sync.now', {}));
    await scan(station, station.signBadge(22));

    // A picklist with a line of at least 3 units of a product with a barcode of its own (A), and
    // a product not on it with a barcode of its own (B).
    let session: PackSession | null = null;
    let meant: { idproduct: number; barcode: string } | null = null;
    for (const item of value<QueueItem[]>(await station.dispatch('queue.list', {}))) {
      const opened = await scan(station, item.picklistid);
      const shown = await currentSession(station);
      if (opened.kind !== 'opened' || !shown) continue;
      for (const line of shown.lines.filter((l) => l.amount >= 3 && l.hasBarcode && !l.isComposition && l.parentId === null)) {
        const barcode = await ownBarcode(station, line.productcode, line.idproduct);
        if (barcode) meant = { idproduct: line.idproduct, barcode };
        if (meant) break;
      }
      if (meant) {
        session = shown;
        break;
      }
      value(await station.dispatch('pack.leave', {}));
    }
    if (!session || !meant) throw new Error('no suitable demo picklist');
    const onPicklist = new Set(session.lines.map((l) => l.idproduct));
    let taken: { idproduct: number; barcode: string } | null = null;
    for (const candidate of value<ProductSummary[]>(await station.dispatch('products.search', { query: 'a' }))) {
      if (onPicklist.has(candidate.idproduct) || !candidate.isActive) continue;
      const barcode = await ownBarcode(station, candidate.productcode, candidate.idproduct);
      if (barcode) {
        taken = { idproduct: candidate.idproduct, barcode };
        break;
      }
    }
    if (!taken) throw new Error('no product off the picklist with a barcode of its own');

    expect(value<Lookalike[]>(await station.dispatch('pack.lookalikes', { idpicklist: session.idpicklist }))).toEqual([]);
    // Twice the packer takes B, hears "wrong item" and then scans A: that is a look-alike pair.
    for (let i = 0; i < 2; i++) {
      expect((await scan(station, taken.barcode)).outcome).toBe('wrong_item');
      expect(['counted', 'line_complete']).toContain((await scan(station, meant.barcode)).outcome);
    }
    const warnings = value<Lookalike[]>(await station.dispatch('pack.lookalikes', { idpicklist: session.idpicklist }));
    expect(warnings).toEqual([
      expect.objectContaining({ product: expect.objectContaining({ idproduct: meant.idproduct }), other: expect.objectContaining({ idproduct: taken.idproduct }), count: 2, isOtherOnPicklist: false }),
    ]);
  });
});
