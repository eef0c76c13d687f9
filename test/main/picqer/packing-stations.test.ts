import { afterEach, describe, expect, it } from 'vitest';
import { createPicqerClient } from '../../../electron/main/picqer/client';
import { PicqerError } from '../../../electron/main/picqer/errors';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import { packingStationSchema } from '../../../electron/main/picqer/schemas';
import { startDemoBackend } from '../../../electron/picqer-demo/server';
import type { PackingStations } from '../../../shared/station-printers';
import { startStationHarness, type StationHarness } from '../outbox/station-harness';

const apiKey = 'demo-test-key';
const demos: Array<Awaited<ReturnType<typeof startDemoBackend>>> = [];
let harness: StationHarness | null = null;

afterEach(async () => {
  resetSharedSchedulers();
  await Promise.all(demos.splice(0).map((d) => d.close()));
  await harness?.close();
  harness = null;
});

async function client(variants: Parameters<typeof startDemoBackend>[0] = {}) {
  const demo = await startDemoBackend({ port: 0, seed: 'packing-stations', apiKey, ...variants });
  demos.push(demo);
  return createPicqerClient({ baseUrl: demo.url, apiKey, appVersion: '0.1.0', projectUrl: 'https://packdesk.example' });
}

describe('packing station schema (picqer.com/en/api/packingstations)', () => {
  it('reads the documented example, a printer that is null included', () => {
    const station = packingStationSchema.parse({
      idpacking_station: 1,
      name: 'Paktafel 1',
      printer_packinglists: null,
      printer_shipping_labels: null,
      printer_shipping_documents: null,
      printer_product_labels: { idprinter: 1, name: 'Paktafel 1 barcode printer', format: 'custom', custom_width: 95, custom_height: 30, zpl_support: false, printnode_printerid: 10000001 },
    });
    expect(station).toEqual({
      idpacking_station: 1,
      name: 'Paktafel 1',
      packingSlip: null,
      label: null,
      documents: null,
      productLabel: { idprinter: 1, name: 'Paktafel 1 barcode printer', format: 'custom', customWidth: 95, customHeight: 30, hasZpl: false },
    });
  });

  it('takes a station whose printers are absent, and a printer with only its id and name, numbers as strings', () => {
    const station = packingStationSchema.parse({ idpacking_station: '2', name: 'Kantoor', printer_shipping_labels: { idprinter: '3', name: 'Zebra' } });
    expect(station.packingSlip).toBeNull();
    expect(station.label).toEqual({ idprinter: 3, name: 'Zebra', format: null, customWidth: null, customHeight: null, hasZpl: false });
  });
});

describe('GET /packingstations against the demo', () => {
  it('lists the two demo stations in the documented shape, one with a ZPL label printer', async () => {
    const stations = await (await client()).listPackingStations();
    expect(stations).toHaveLength(2);
    const zpl = stations.find((s) => s.label?.hasZpl);
    expect(zpl?.label).toMatchObject({ format: 'custom', customWidth: 102, customHeight: 150 });
    expect(stations.every((s) => s.packingSlip?.format === 'a4')).toBe(true);
    expect(stations.some((s) => s.productLabel === null)).toBe(true);
  });

  it('is refused with NOT_FOUND when the account has no packing stations (variant no-packingstations=404)', async () => {
    const api = await client({ variants: { noPackingStations: 404 } });
    await expect(api.listPackingStations()).rejects.toSatisfy((e: unknown) => e instanceof PicqerError && e.code === 'NOT_FOUND');
  });
});

describe('printers.packingStations', () => {
  it("answers Picqer's stations for the connected station", async () => {
    harness = await startStationHarness('packing-stations');
    const answer = await harness.call<PackingStations>('printers.packingStations');
    expect(answer.reason).toBeNull();
    expect(answer.stations.map((s) => s.name)).toHaveLength(2);
  });

  it.each([404, 403, 401] as const)('answers no stations with a reason when the backend answers %i', async (status) => {
    harness = await startStationHarness('packing-stations', { variants: { noPackingStations: status } });
    expect(await harness.call<PackingStations>('printers.packingStations')).toEqual({ stations: [], reason: { code: 'print.noPackingStations', params: {} } });
  });
});
