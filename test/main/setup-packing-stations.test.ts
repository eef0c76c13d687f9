import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CupsQueue, PrinterInfo } from '../../shared/printing';
import { planStationPrinters, type SetupStationPrinters } from '../../shared/station-printers';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import type { DemoVariants } from '../../electron/picqer-demo/variants';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

/*
 * Setup takes a Picqer packing station's printers (issue 18): it reads the stations with the
 * credentials it is trying, before anything is saved, and the save stores the printers the
 * station's ones match on this machine, so the station prints to them without a trip to Settings.
 */

const cleanups = useCleanups();
const apiKey = 'setup-key';
const warehouse = 1829;

/** This machine's printers as lpstat would list them: the demo's laser printer and Zebra, no DYMO. */
const localQueues: CupsQueue[] = [
  { name: 'Brother HL-L2350DW', state: 'ready', message: null, source: 'cups' },
  { name: 'zebra gk420d', state: 'ready', message: null, source: 'cups' },
  { name: 'Office Inkjet', state: 'ready', message: null, source: 'cups' },
];

async function demo(variants: Partial<DemoVariants> = {}): Promise<DemoBackend> {
  const backend = await startDemoBackend({ port: 0, seed: 'setup-stations', apiKey, variants });
  cleanups.push(() => backend.close());
  return backend;
}

async function station(dataDir = mkdtempSync(join(tmpdir(), 'pd-setup-stations-'))): Promise<StartedStation> {
  const started = await startStation({ argv: ['--data-dir', dataDir], env: {}, mode: 'web', discoverPrinters: async () => localQueues });
  cleanups.push(() => started.stop());
  return started;
}

const printerOf = (list: PrinterInfo[], type: PrinterInfo['documentType']) => list.find((p) => p.documentType === type)?.config ?? null;

describe('Setup reads Picqer packing stations with the credentials it is trying', () => {
  it("lists the demo's stations and this machine's printers before anything is saved", async () => {
    const backend = await demo();
    const started = await station();
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));

    const answer = value<SetupStationPrinters>(await started.dispatch('setup.packingStations', {}));
    expect(answer.reason).toBeNull();
    expect(answer.stations.map((s) => s.name).sort()).toEqual(['Kantoor', 'Paktafel 1']);
    expect(answer.queues.map((q) => q.name)).toEqual(localQueues.map((q) => q.name));
    expect(backend.requests.some((r) => r.path.startsWith('/api/v1/packingstations'))).toBe(true);
    // Nothing saved yet: the station still runs on the demo it opened on.
    expect(started.state().backend?.kind).toBe('demo');
  });

  it.each([404, 401, 403] as const)('answers no stations with a reason when Picqer answers %i, and setup goes on', async (status) => {
    const backend = await demo({ noPackingStations: status });
    const started = await station();
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));

    const answer = value<SetupStationPrinters>(await started.dispatch('setup.packingStations', {}));
    expect(answer).toMatchObject({ stations: [], reason: { code: 'print.noPackingStations' } });
    value(await started.dispatch('setup.save', { warehouse, stationName: 'Pack 2', language: 'en', packer: null, packingStation: null }));
    expect(started.state()).toMatchObject({ isConfigured: true, stationName: 'Pack 2', backend: { kind: 'url' } });
  });
});

describe('Setup saves the chosen packing station’s printers', () => {
  it('stores the matched printers and formats with the set-up, in force at once and after a restart', async () => {
    const backend = await demo();
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-setup-stations-'));
    const started = await station(dataDir);
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));
    const paktafel = value<SetupStationPrinters>(await started.dispatch('setup.packingStations', {})).stations.find((s) => s.name === 'Paktafel 1');

    value(await started.dispatch('setup.save', { warehouse, stationName: 'Pack 3', language: 'nl', packer: null, packingStation: paktafel?.idpacking_station }));

    const printers = value<PrinterInfo[]>(await started.dispatch('printers.list', {}));
    expect(printerOf(printers, 'packingSlip')).toEqual({ driver: 'cups', queue: 'Brother HL-L2350DW', media: 'A4' });
    expect(printerOf(printers, 'label')).toEqual({ driver: 'cups', queue: 'zebra gk420d', media: 'Custom.102x150mm' });
    // The DYMO is not on this machine: no product label printer is chosen for it.
    expect(printerOf(printers, 'productLabel')).toBeNull();
    expect(printers.find((p) => p.documentType === 'label')?.source).toBe('settings');
    await started.stop();

    const again = await station(dataDir);
    expect(printerOf(value<PrinterInfo[]>(await again.dispatch('printers.list', {})), 'label')).toEqual({ driver: 'cups', queue: 'zebra gk420d', media: 'Custom.102x150mm' });
  });

  it('keeps the printers chosen before when Setup is saved again without a station, and replaces only what a chosen station matches', async () => {
    const backend = await demo();
    const started = await station();
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));
    const stations = value<SetupStationPrinters>(await started.dispatch('setup.packingStations', {})).stations;
    const byName = (name: string) => stations.find((s) => s.name === name)?.idpacking_station;
    value(await started.dispatch('setup.save', { warehouse, stationName: 'Pack 4', language: 'en', packer: null, packingStation: byName('Paktafel 1') }));
    value(await started.dispatch('printers.set', { documentType: 'productLabel', printer: { driver: 'cups', queue: 'Office Inkjet' } }));

    // Setup opened again to change the connection: the printers stay as they are.
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));
    value(await started.dispatch('setup.save', { warehouse, stationName: 'Pack 4', language: 'en', packer: null }));
    let printers = value<PrinterInfo[]>(await started.dispatch('printers.list', {}));
    expect(printerOf(printers, 'label')).toEqual({ driver: 'cups', queue: 'zebra gk420d', media: 'Custom.102x150mm' });
    expect(printerOf(printers, 'productLabel')).toEqual({ driver: 'cups', queue: 'Office Inkjet' });

    // Kantoor prints labels on the laser printer and has no product label printer: that one stays.
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));
    value(await started.dispatch('setup.save', { warehouse, stationName: 'Pack 4', language: 'en', packer: null, packingStation: byName('Kantoor') }));
    printers = value<PrinterInfo[]>(await started.dispatch('printers.list', {}));
    expect(printerOf(printers, 'label')).toEqual({ driver: 'cups', queue: 'Brother HL-L2350DW', media: 'A4' });
    expect(printerOf(printers, 'productLabel')).toEqual({ driver: 'cups', queue: 'Office Inkjet' });
  });

  it('offers only printers this system can print to, so what Setup says it will set is what it sets', async () => {
    const backend = await demo();
    // The operating system lists the DYMO, but CUPS does not: here that is a Windows printer, and
    // this is not Windows. The save leaves it out; the screen must not promise it.
    const started = await startStation({
      argv: ['--data-dir', mkdtempSync(join(tmpdir(), 'pd-setup-stations-'))],
      env: {},
      mode: 'web',
      discoverPrinters: async () => localQueues,
      systemPrinters: async () => [{ name: 'DYMO LabelWriter 450' }],
    });
    cleanups.push(() => started.stop());
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));
    const answer = value<SetupStationPrinters>(await started.dispatch('setup.packingStations', {}));
    const paktafel = answer.stations.find((s) => s.name === 'Paktafel 1');
    if (!paktafel) throw new Error('the demo has Paktafel 1');
    const promised = planStationPrinters(paktafel, answer.queues).choices.map((c) => c.documentType);

    value(await started.dispatch('setup.save', { warehouse, stationName: 'Pack 6', language: 'en', packer: null, packingStation: paktafel.idpacking_station }));
    const printers = value<PrinterInfo[]>(await started.dispatch('printers.list', {}));
    const set = printers.filter((p) => p.config !== null).map((p) => p.documentType);
    expect([...set].sort()).toEqual([...promised].sort());
    expect(printerOf(printers, 'productLabel')).toBeNull();
  });

  it('refuses a packing station Picqer does not list, and saves nothing', async () => {
    const backend = await demo();
    const started = await station();
    value(await started.dispatch('setup.connect', { backend: { url: backend.url, apiKey } }));
    const refused = await started.dispatch('setup.save', { warehouse, stationName: 'Pack 5', language: 'en', packer: null, packingStation: 999 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: { code: 'station.packingStationNotFound' } } });
    expect(started.state().stationName).not.toBe('Pack 5');
  });
});
