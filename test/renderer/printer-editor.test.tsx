import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PrinterEditor } from '../../renderer/src/components/PrinterEditor';
import { createT } from '../../renderer/src/i18n';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import type { CupsQueue, PrinterInfo } from '../../shared/printing';
import { createFakeApi } from './fake-api';

/*
 * The printer editor with the printers Windows lists (Electron's getPrintersAsync, marked
 * `system`): they are chosen as a Windows printer, by name. On a machine with only CUPS queues
 * (Linux, macOS) the choice is not offered. Rendered to markup; saving goes through the printers
 * store, whose refusals are in printers-stores.test.ts.
 */

const label = (config: PrinterInfo['config']): PrinterInfo => ({
  documentType: 'label',
  driver: config?.driver ?? null,
  description: null,
  health: null,
  config,
  source: config ? 'settings' : null,
});

const system = (name: string): CupsQueue => ({ name, state: 'unknown', message: null, source: 'system' });
const cups = (name: string): CupsQueue => ({ name, state: 'ready', message: null, source: 'cups' });

function render(printer: PrinterInfo, queues: CupsQueue[], language: 'en' | 'nl' = 'en'): string {
  return renderToStaticMarkup(
    <StoresContext value={createStores(createFakeApi())}>
      <PrinterEditor printer={printer} queues={queues} t={createT(language)} id="label-editor" onClose={() => undefined} />
    </StoresContext>,
  );
}

const driverValues = (html: string) => [...html.matchAll(/name="label-editor-driver"(?: checked="")? value="([^"]+)"/g)].map((m) => m[1]);

describe('choosing a Windows printer', () => {
  it('offers the printers Windows lists as a Windows printer, and nothing of the kind where only CUPS lists printers', () => {
    expect(driverValues(render(label(null), [system('ZDesigner GK420d'), system('Microsoft Print to PDF')]))).toEqual(['none', 'cups', 'raw-tcp', 'folder', 'windows']);
    expect(render(label(null), [system('ZDesigner GK420d')])).toContain('Windows printer on this computer');
    expect(render(label(null), [system('ZDesigner GK420d')], 'nl')).toContain('Windows-printer op deze computer');
    expect(driverValues(render(label(null), [cups('Zebra_GK420')]))).toEqual(['none', 'cups', 'raw-tcp', 'folder']);
  });

  it('shows the chosen Windows printer with the others to choose from, its format, and one Windows no longer lists', () => {
    const html = render(label({ driver: 'windows', printer: 'ZDesigner GK420d', format: 'zpl' }), [system('ZDesigner GK420d'), system('Microsoft Print to PDF')]);
    expect(html).toMatch(/name="label-editor-driver" checked="" value="windows"/);
    expect(html).toContain('<option value="ZDesigner GK420d" selected="">ZDesigner GK420d</option>');
    expect(html).toContain('<option value="Microsoft Print to PDF">Microsoft Print to PDF</option>');
    expect(html).toMatch(/name="label-editor-format" checked="" value="zpl"/);

    const gone = render(label({ driver: 'windows', printer: 'Old Zebra', format: 'pdf' }), []);
    expect(driverValues(gone)).toContain('windows');
    expect(gone).toContain('Old Zebra: not found on this computer now');
  });
});
