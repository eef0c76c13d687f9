import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { PrintJobEvent } from '../../../shared/packing';
import type { PrinterInfo } from '../../../shared/printing';
import { startStation, type StartedStation } from '../../../electron/main/station/station';

/* The printer commands end to end through the station's dispatcher, on the demo backend. */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function stationWithSlipFolder(): Promise<{ started: StartedStation; printDir: string; jobs: PrintJobEvent[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-printers-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const printDir = join(dir, 'slips');
  const configPath = join(dir, 'station.json');
  writeFileSync(configPath, JSON.stringify({ station: { name: 'Pack 3' }, printers: { packingSlip: { driver: 'folder', path: printDir } } }));
  const started = await startStation({ argv: ['--config', configPath, '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  cleanups.push(() => started.stop());
  const jobs: PrintJobEvent[] = [];
  started.events.subscribe((name, payload) => {
    if (name === 'print.job') jobs.push(payload as PrintJobEvent);
  });
  return { started, printDir, jobs };
}

describe('printer commands', () => {
  it('lists the configured printers, test-prints through the queue, and refuses to retry a job that printed', async () => {
    const { started, printDir, jobs } = await stationWithSlipFolder();
    const printers = value<PrinterInfo[]>(await started.dispatch('printers.list', {}));
    expect(printers.map((p) => [p.documentType, p.driver, p.health?.state ?? null])).toEqual([
      ['packingSlip', 'folder', 'ready'],
      ['label', null, null],
      ['productLabel', null, null],
    ]);

    const id = value<number>(await started.dispatch('printers.test', { documentType: 'packingSlip' }));
    await expect.poll(() => jobs.some((j) => j.id === id && j.status === 'done'), { timeout: 5_000, interval: 20 }).toBe(true);
    expect(readdirSync(printDir).filter((f) => f.endsWith('-test.pdf'))).toHaveLength(1);

    const retried = await started.dispatch('print.retry', { id });
    expect(retried).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await started.dispatch('printers.test', { documentType: 'label' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } });
    expect(Array.isArray(value<unknown[]>(await started.dispatch('printers.discover', {})))).toBe(true);
  });
});
