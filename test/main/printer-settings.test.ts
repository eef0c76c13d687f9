import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrinterInfo, ProductSummary } from '../../shared/printing';
import { effectivePrinters, mergePrinterLists } from '../../electron/main/config/printer-settings';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

const cleanups = useCleanups();

const tempDir = () => mkdtempSync(join(tmpdir(), 'pd-printers-'));

async function station(argv: string[], systemPrinters?: () => Promise<Array<{ name: string }>>): Promise<StartedStation> {
  const started = await startStation({ argv, env: {}, mode: 'web', systemPrinters });
  cleanups.push(() => started.stop());
  return started;
}

const folder = (path: string) => ({ driver: 'folder' as const, path });

describe('which printer a document type uses', () => {
  it('takes the Settings choice over the config file, and none when Settings says none', () => {
    const file = { label: folder('/file/labels'), packingSlip: folder('/file/slips') };
    expect(effectivePrinters(file, undefined)).toEqual({ printers: file, sources: { packingSlip: 'file', label: 'file', productLabel: null } });
    expect(effectivePrinters(file, { label: folder('/chosen'), packingSlip: null, productLabel: folder('/products') })).toEqual({
      printers: { label: folder('/chosen'), productLabel: folder('/products') },
      sources: { packingSlip: null, label: 'settings', productLabel: 'settings' },
    });
  });

  it('lists the system printers Electron sees beside the CUPS queues, once per name', () => {
    const cups = [{ name: 'Zebra_GK420', state: 'ready' as const, message: null, source: 'cups' as const }];
    expect(mergePrinterLists(cups, [{ name: 'Zebra_GK420' }, { name: 'Microsoft Print to PDF', description: 'Virtual' }])).toEqual([
      cups[0],
      { name: 'Microsoft Print to PDF', state: 'unknown', message: 'Virtual', source: 'system' },
    ]);
  });
});

describe('printers in Settings, through the station', () => {
  it('chooses a printer, keeps the choice across a restart, and goes back to the config file on request', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'station.json');
    writeFileSync(configPath, JSON.stringify({ printers: { label: folder(join(dir, 'file-labels')) } }));
    const argv = ['--config', configPath, '--data-dir', join(dir, 'data')];
    const first = await station(argv);
    const label = (list: PrinterInfo[]) => list.find((p) => p.documentType === 'label');
    expect(label(value(await first.dispatch('printers.list', {})))).toMatchObject({ source: 'file', config: folder(join(dir, 'file-labels')) });

    value(await first.dispatch('printers.set', { documentType: 'label', printer: folder(join(dir, 'chosen-labels')) }));
    const chosen = value<PrinterInfo[]>(await first.dispatch('printers.list', {}));
    expect(label(chosen)).toMatchObject({ source: 'settings', driver: 'folder', config: folder(join(dir, 'chosen-labels')), health: { state: 'ready' } });
    const job = value<number>(await first.dispatch('printers.test', { documentType: 'label' }));
    expect(job).toBeGreaterThan(0);
    await first.stop();

    const second = await station(argv);
    expect(label(value(await second.dispatch('printers.list', {})))).toMatchObject({ source: 'settings', config: folder(join(dir, 'chosen-labels')) });
    value(await second.dispatch('printers.set', { documentType: 'label', printer: null }));
    expect(label(value(await second.dispatch('printers.list', {})))).toMatchObject({ driver: null, source: null });
    value(await second.dispatch('printers.set', { documentType: 'label', useFile: true }));
    expect(label(value(await second.dispatch('printers.list', {})))).toMatchObject({ source: 'file', config: folder(join(dir, 'file-labels')) });
  });

  it('refuses a printer with a bad field, naming it', async () => {
    const started = await station(['--data-dir', tempDir()]);
    const result = await started.dispatch('printers.set', { documentType: 'label', printer: { driver: 'raw-tcp', host: 'http://10.0.0.5', port: 9100, format: 'zpl' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(result.ok ? '' : result.error.message).toMatch(/host/);
  });

  it.runIf(process.platform === 'linux')('refuses a Windows printer on this Linux station in words, and names an empty Windows printer field', async () => {
    const started = await station(['--data-dir', tempDir()]);
    const refused = await started.dispatch('printers.set', { documentType: 'label', printer: { driver: 'windows', printer: 'ZDesigner GK420d', format: 'zpl' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'The windows printer driver does not work on Linux: choose another way to reach this printer in Settings.' },
    });
    const empty = await started.dispatch('printers.set', { documentType: 'label', printer: { driver: 'windows', printer: '', format: 'zpl' } });
    expect(empty.ok ? '' : empty.error.message).toMatch(/^printer\.printer:/);
    expect(value<PrinterInfo[]>(await started.dispatch('printers.list', {})).find((p) => p.documentType === 'label')?.driver).not.toBe('windows');
  });

  it('finds a product by code or name and prints its label on the product-label printer', async () => {
    const dir = tempDir();
    const started = await station(['--data-dir', join(dir, 'data')], async () => [{ name: 'Office laser' }]);
    value(await started.dispatch('sync.now', {}));
    value(await started.dispatch('printers.set', { documentType: 'productLabel', printer: folder(join(dir, 'product-labels')) }));
    const [first] = value<ProductSummary[]>(await started.dispatch('products.search', { query: 'a' }));
    expect(first).toBeDefined();
    if (!first) return;
    const byCode = value<ProductSummary[]>(await started.dispatch('products.search', { query: first.productcode }));
    expect(byCode[0]?.idproduct).toBe(first.idproduct);
    const byName = value<ProductSummary[]>(await started.dispatch('products.search', { query: first.name.slice(0, 6) }));
    expect(byName.map((p) => p.idproduct)).toContain(first.idproduct);

    value<number>(await started.dispatch('products.printLabel', { idproduct: first.idproduct, copies: 2 }));
    for (let i = 0; i < 50 && !readdirSafe(join(dir, 'product-labels')).length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSafe(join(dir, 'product-labels'))).toHaveLength(1);
    expect(await started.dispatch('products.printLabel', { idproduct: 999_999_999, copies: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await started.dispatch('products.printLabel', { idproduct: first.idproduct, copies: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const discovered = value<Array<{ name: string; source: string }>>(await started.dispatch('printers.discover', {}));
    expect(discovered).toContainEqual(expect.objectContaining({ name: 'Office laser', source: 'system' }));
  });
});

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path).filter((f) => !f.startsWith('.'));
  } catch {
    return [];
  }
}
