import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SetupStationPrinters } from '../../renderer/src/components/SetupStationPrinters';
import { ApiError } from '../../renderer/src/api/client';
import { createT } from '../../renderer/src/i18n';
import { createSetupStore, type SetupStationPrinters as StationPrintersState } from '../../renderer/src/stores/setup';
import type { CupsQueue } from '../../shared/printing';
import { reason } from '../../shared/reasons';
import type { PackingStation, StationPrinter } from '../../shared/station-printers';
import { createFakeApi } from './fake-api';

/*
 * Setup's optional "Printers from Picqer" step: the stations read once connected, none chosen
 * unless the IT person picks one, what the chosen one sets here, and one line when there are none.
 */

const printer = (idprinter: number, name: string): StationPrinter => ({ idprinter, name, format: 'a4', customWidth: null, customHeight: null, hasZpl: false });
const stations: PackingStation[] = [
  { idpacking_station: 1, name: 'Paktafel 1', packingSlip: printer(1, 'Brother HL-L2350DW'), label: printer(2, 'Zebra GK420d'), documents: null, productLabel: printer(3, 'DYMO LabelWriter 450') },
];
const queues: CupsQueue[] = [{ name: 'Brother HL-L2350DW', state: 'ready', message: null, source: 'cups' }];
const loaded: StationPrintersState = { status: 'loaded', stations, reason: null, queues, error: null };

const render = (state: StationPrintersState, chosen: number | null, language: 'en' | 'nl' = 'en') =>
  renderToStaticMarkup(<SetupStationPrinters state={state} chosen={chosen} t={createT(language)} onChoose={() => undefined} />);

describe("Setup's printers from Picqer", () => {
  it('offers the stations with none chosen, and plans nothing until one is', () => {
    const html = render(loaded, null, 'nl');
    expect(html).toContain('Printers uit Picqer');
    expect(html).toContain('Geen: printers later instellen bij Instellingen');
    expect(html).toContain('Paktafel 1');
    expect(html).not.toContain('setup-station-printers-found');
  });

  it('shows per document type the printer found here, and the ones not found', () => {
    const html = render(loaded, 1);
    expect(/data-testid="setup-station-printers-found">(.*?)<\/ul>/.exec(html)?.[1]).toBe('<li>Packing slip: Brother HL-L2350DW</li>');
    const notFound = /data-testid="setup-station-printers-not-found">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(notFound).toContain('Shipping label: Zebra GK420d (not found here)');
    expect(notFound).toContain('Product label: DYMO LabelWriter 450 (not found here)');
  });

  it('says in one line that there are none, whether Picqer has none or does not offer them', () => {
    for (const state of [{ ...loaded, stations: [] }, { ...loaded, stations: [], reason: reason('print.noPackingStations') }]) {
      const html = render(state, null);
      expect(html).toContain('Picqer lists no packing stations for this account: set the printers later in Settings.');
      expect(html).not.toContain('type="radio"');
    }
  });

  it('reads them through setup.packingStations after connecting; a failure only says so', async () => {
    const api = createFakeApi();
    api.handle('setup.connect', () => ({ user: { iduser: 1, name: 'Ilse' }, warehouses: [] }));
    api.handle('setup.packingStations', () => ({ stations, reason: null, queues }));
    const store = createSetupStore(api, async () => undefined);
    await store.getState().connect({ demo: true });
    await store.getState().loadStationPrinters();
    expect(store.getState().stationPrinters).toMatchObject({ status: 'loaded', stations, queues });

    api.handle('setup.packingStations', () => {
      throw new ApiError('OFFLINE', 'no connection');
    });
    await store.getState().loadStationPrinters();
    expect(store.getState().stationPrinters.status).toBe('failed');
    expect(render(store.getState().stationPrinters, null)).toContain('could not be read: set the printers later in Settings.');

    store.getState().disconnect();
    expect(store.getState().stationPrinters.status).toBe('idle');
  });
});
