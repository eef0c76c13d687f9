import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PackingStationChooser } from '../../renderer/src/components/PackingStationChooser';
import { createT, reasonText } from '../../renderer/src/i18n';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import { createPrintersStore, type PackingStationsState } from '../../renderer/src/stores/printers';
import type { CupsQueue } from '../../shared/printing';
import { reason } from '../../shared/reasons';
import type { PackingStation, StationPrinter } from '../../shared/station-printers';
import { ApiError } from '../../renderer/src/api/client';
import { createFakeApi } from './fake-api';

/*
 * Taking a Picqer packing station's printers in Settings: the stations to choose from, then what
 * will be set and what this computer lacks, before anything is saved; applying goes through
 * printers.set, one document type at a time.
 */

const printer = (idprinter: number, name: string, extra: Partial<StationPrinter> = {}): StationPrinter => ({
  idprinter,
  name,
  format: 'a4',
  customWidth: null,
  customHeight: null,
  hasZpl: false,
  ...extra,
});
const zebra = printer(2, 'Zebra GK420d', { format: 'custom', customWidth: 102, customHeight: 150, hasZpl: true });
const stations: PackingStation[] = [
  { idpacking_station: 1, name: 'Paktafel 1', packingSlip: printer(1, 'Brother HL-L2350DW'), label: zebra, documents: null, productLabel: printer(3, 'DYMO LabelWriter 450') },
  { idpacking_station: 2, name: 'Kantoor', packingSlip: printer(1, 'Brother HL-L2350DW'), label: null, documents: null, productLabel: null },
];
const queues: CupsQueue[] = [
  { name: 'brother hl-l2350dw', state: 'ready', message: null, source: 'cups' },
  { name: 'Zebra GK420d', state: 'ready', message: null, source: 'system' },
];
const loaded: PackingStationsState = { status: 'loaded', stations, reason: null, error: null, applying: false, applied: null, refused: null };

function render(state: PackingStationsState, chosen: number | null, language: 'en' | 'nl' = 'en'): string {
  const noop = () => undefined;
  return renderToStaticMarkup(
    <StoresContext value={createStores(createFakeApi())}>
      <PackingStationChooser state={state} queues={queues} chosen={chosen} t={createT(language)} reasonText={(r) => reasonText(language, r)} onLoad={noop} onChoose={noop} onApply={noop} />
    </StoresContext>,
  );
}

describe('the packing station chooser', () => {
  it("lists Picqer's stations to choose from, and nothing is planned before one is chosen", () => {
    const html = render(loaded, null);
    expect(html).toContain('Take the printers of');
    expect(html).toContain('Paktafel 1');
    expect(html).toContain('Kantoor');
    expect(html).not.toContain('data-testid="packing-station-plan"');
  });

  it('shows what will be set and which printers this computer lacks, by name, before applying', () => {
    const html = render(loaded, 1);
    const choices = /data-testid="packing-station-choices">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(choices).toContain('Packing slip: Brother HL-L2350DW');
    expect(choices).toContain('Shipping label: Zebra GK420d');
    const notFound = /data-testid="packing-station-not-found">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(notFound).toBe('<li>Product label: DYMO LabelWriter 450</li>');
    expect(html).toContain('Use these printers');
    expect(render(loaded, 1, 'nl')).toContain('Niet gevonden op deze computer');
  });

  it('says why there are none when the account has no packing stations', () => {
    const html = render({ ...loaded, stations: [], reason: reason('print.noPackingStations') }, null);
    expect(html).toContain('Picqer lists no packing stations for this account');
    expect(html).not.toContain('Take the printers of');
  });
});

describe('the printers store taking a station', () => {
  it("loads the stations, then sets each matched printer through printers.set and says how many", async () => {
    const api = createFakeApi();
    api.handle('printers.packingStations', () => ({ stations, reason: null }));
    api.handle('printers.set', () => ({ outcome: 'done', reason: null, revision: 0 }));
    api.handle('printers.list', () => []);
    const store = createPrintersStore(api);
    await store.getState().loadPackingStations();
    expect(store.getState().packingStations.stations.map((s) => s.name)).toEqual(['Paktafel 1', 'Kantoor']);

    const taken = await store.getState().takeStationPrinters('Paktafel 1', [
      { documentType: 'packingSlip', picqerName: 'Brother HL-L2350DW', config: { driver: 'cups', queue: 'brother hl-l2350dw', media: 'A4' } },
      { documentType: 'label', picqerName: 'Zebra GK420d', config: { driver: 'windows', printer: 'Zebra GK420d', format: 'zpl' } },
    ]);
    expect(taken).toBe(true);
    expect(api.callsOf('printers.set')).toEqual([
      { documentType: 'packingSlip', printer: { driver: 'cups', queue: 'brother hl-l2350dw', media: 'A4' } },
      { documentType: 'label', printer: { driver: 'windows', printer: 'Zebra GK420d', format: 'zpl' } },
    ]);
    expect(store.getState().packingStations.applied).toEqual({ station: 'Paktafel 1', count: 2 });
  });

  it('stops at a printer main refuses and says which, keeping the ones before it', async () => {
    const api = createFakeApi();
    api.handle('printers.set', (input) => {
      if (input.documentType === 'label') throw new ApiError('VALIDATION', 'printer.printer: not on this system');
      return { outcome: 'done', reason: null, revision: 0 };
    });
    api.handle('printers.list', () => []);
    const store = createPrintersStore(api);
    const taken = await store.getState().takeStationPrinters('Paktafel 1', [
      { documentType: 'packingSlip', picqerName: 'Brother', config: { driver: 'cups', queue: 'Brother' } },
      { documentType: 'label', picqerName: 'Zebra', config: { driver: 'windows', printer: 'Zebra', format: 'zpl' } },
      { documentType: 'productLabel', picqerName: 'Dymo', config: { driver: 'cups', queue: 'Dymo' } },
    ]);
    expect(taken).toBe(false);
    expect(api.callsOf('printers.set')).toHaveLength(2);
    const state = store.getState().packingStations;
    expect(state.applied).toBeNull();
    expect(state.refused?.documentType).toBe('label');
    expect(render(state, null)).toContain('The printer for Shipping label was not set');
  });
});
