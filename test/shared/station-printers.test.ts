import { describe, expect, it } from 'vitest';
import type { CupsQueue } from '../../shared/printing';
import { planStationPrinters, type PackingStation, type StationPrinter } from '../../shared/station-printers';

const queue = (name: string, source: CupsQueue['source'] = 'cups'): CupsQueue => ({ name, state: 'ready', message: null, source });

const printer = (name: string, extra: Partial<StationPrinter> = {}): StationPrinter => ({
  idprinter: 1,
  name,
  format: 'a4',
  customWidth: null,
  customHeight: null,
  hasZpl: false,
  ...extra,
});

function station(printers: Partial<Pick<PackingStation, 'packingSlip' | 'label' | 'productLabel' | 'documents'>>): PackingStation {
  return { idpacking_station: 7, name: 'Paktafel 1', packingSlip: null, label: null, documents: null, productLabel: null, ...printers };
}

describe('planStationPrinters: Picqer packing station printers onto this machine by name', () => {
  it('takes the local printer with the exact name, A4 as CUPS media', () => {
    const plan = planStationPrinters(station({ packingSlip: printer('Kantoor printer') }), [queue('Other'), queue('Kantoor printer')]);
    expect(plan.choices).toEqual([{ documentType: 'packingSlip', picqerName: 'Kantoor printer', config: { driver: 'cups', queue: 'Kantoor printer', media: 'A4' } }]);
    expect(plan.notFound).toEqual([]);
  });

  it('matches whatever the case and surrounding spaces, preferring the exact spelling when both exist', () => {
    const loose = planStationPrinters(station({ packingSlip: printer('  kantoor PRINTER ') }), [queue('Kantoor printer')]);
    expect(loose.choices.map((c) => c.config)).toEqual([{ driver: 'cups', queue: 'Kantoor printer', media: 'A4' }]);
    const both = planStationPrinters(station({ packingSlip: printer('kantoor printer') }), [queue('KANTOOR PRINTER'), queue('kantoor printer')]);
    expect(both.choices.map((c) => c.config)).toEqual([{ driver: 'cups', queue: 'kantoor printer', media: 'A4' }]);
  });

  it('lists a printer no local one is called by as not found, with its name, and chooses nothing for it', () => {
    const plan = planStationPrinters(station({ packingSlip: printer('Kantoor printer'), label: printer('Zebra 1') }), [queue('Zebra 1')]);
    expect(plan.notFound).toEqual([{ documentType: 'packingSlip', picqerName: 'Kantoor printer' }]);
    expect(plan.choices.map((c) => c.documentType)).toEqual(['label']);
  });

  it('sends labels as ZPL to a Windows printer when Picqer says the printer speaks ZPL, packing slips always as PDF', () => {
    const zebra = printer('Zebra GK420d', { format: 'custom', customWidth: 102, customHeight: 150, hasZpl: true });
    const plan = planStationPrinters(station({ packingSlip: printer('HP'), label: zebra, productLabel: printer('Dymo', { format: 'custom', customWidth: 95, customHeight: 30 }) }), [
      queue('HP', 'system'),
      queue('Zebra GK420d', 'system'),
      queue('Dymo', 'system'),
    ]);
    expect(plan.choices).toEqual([
      { documentType: 'packingSlip', picqerName: 'HP', config: { driver: 'windows', printer: 'HP', format: 'pdf' } },
      { documentType: 'label', picqerName: 'Zebra GK420d', config: { driver: 'windows', printer: 'Zebra GK420d', format: 'zpl' } },
      { documentType: 'productLabel', picqerName: 'Dymo', config: { driver: 'windows', printer: 'Dymo', format: 'pdf' } },
    ]);
  });

  it('gives a CUPS queue the custom size Picqer keeps, in millimetres', () => {
    const plan = planStationPrinters(station({ label: printer('Zebra', { format: 'custom', customWidth: 102, customHeight: 150, hasZpl: true }) }), [queue('Zebra')]);
    expect(plan.choices[0]?.config).toEqual({ driver: 'cups', queue: 'Zebra', media: 'Custom.102x150mm' });
  });

  it('leaves a document type Picqer has no printer for alone, and ignores the shipping documents printer', () => {
    const plan = planStationPrinters(station({ documents: printer('Kantoor printer') }), [queue('Kantoor printer')]);
    expect(plan).toEqual({ choices: [], notFound: [] });
  });
});
