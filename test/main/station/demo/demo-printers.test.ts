import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Parcel } from '../../../../shared/packing';
import type { PrinterInfo } from '../../../../shared/printing';
import { useCleanups, value } from '../../station-helpers';
import { demoStationDir, pack, simplePicklists, startOnEmbeddedDemo } from './embedded-station';

/*
 * The first parcel a newcomer packs on the demo, with no printer set up: label and slip land as
 * files under the data dir instead of two failed prints, and History shows each one.
 */

const cleanups = useCleanups();

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : []);

describe('the demo station prints to folders by default', () => {
  it('puts the first parcel\'s label and slip under data/printed, and History opens them as PDFs', async () => {
    const dir = demoStationDir();
    const station = await startOnEmbeddedDemo(dir, cleanups);
    const [picklist] = simplePicklists();
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    await pack(station, picklist);

    const printed = join(dir, 'data', 'printed');
    await expect.poll(() => files(join(printed, 'labels')).length === 1 && files(join(printed, 'packing-slips')).length === 1, { timeout: 20_000, message: 'the label and slip files' }).toBe(true);
    await expect
      .poll(
        async () => {
          const parcel = value<Parcel[]>(await station.dispatch('history.list', {})).find((p) => p.idpicklist === picklist.idpicklist);
          return parcel?.printJobs.length === 2 && parcel.printJobs.every((job) => job.status === 'done');
        },
        { timeout: 20_000, message: 'both print jobs done' },
      )
      .toBe(true);

    for (const document of ['label', 'packing_slip'] as const) {
      const shown = value<{ filename: string; pdfBase64: string }>(await station.dispatch('history.document', { idpicklist: picklist.idpicklist, document }));
      expect(shown.filename).toMatch(/\.pdf$/);
      expect(Buffer.from(shown.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 60_000);

  it('shows the folder printers in Settings as the demo\'s, not as "not set"', async () => {
    const dir = demoStationDir();
    const station = await startOnEmbeddedDemo(dir, cleanups);
    const printers = value<PrinterInfo[]>(await station.dispatch('printers.list', {}));
    expect(printers.map((p) => [p.documentType, p.driver, p.source])).toEqual([
      ['packingSlip', 'folder', 'demo'],
      ['label', 'folder', 'demo'],
      ['productLabel', 'folder', 'demo'],
    ]);
    expect(printers.find((p) => p.documentType === 'label')?.config).toEqual({ driver: 'folder', path: join(dir, 'data', 'printed', 'labels') });
  }, 30_000);

  it('says so when a parcel has no document to show', async () => {
    const station = await startOnEmbeddedDemo(demoStationDir(), cleanups);
    const result = await station.dispatch('history.document', { idpicklist: 999_999, document: 'label' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 30_000);
});
