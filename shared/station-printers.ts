import { z } from 'zod';
import type { CupsQueue, DocumentType, PrinterConfig } from './printing';
import { cupsQueue, driverOfDiscovered } from './printing';
import { reasonSchema } from './reasons';

/*
 * Picqer's packing stations (GET /packingstations, picqer.com/en/api/packingstations) keep a
 * printer per kind of document. Setting up a station can take those instead of choosing each
 * printer by hand: Picqer knows a printer by the name PrintNode reports, which is the name the
 * operating system gives it, so it is matched to this machine's printers by that name.
 */

/** One of a packing station's printers, as far as Packdesk uses it. */
export const stationPrinter = z.object({
  idprinter: z.number().int(),
  name: z.string(),
  /** Picqer's paper format: `a4`, `custom` (then the sizes, in millimetres), or another it adds. */
  format: z.string().nullable(),
  customWidth: z.number().nullable(),
  customHeight: z.number().nullable(),
  hasZpl: z.boolean(),
});
export type StationPrinter = z.infer<typeof stationPrinter>;

export const packingStation = z.object({
  idpacking_station: z.number().int(),
  name: z.string(),
  /** printer_packinglists */
  packingSlip: stationPrinter.nullable(),
  /** printer_shipping_labels */
  label: stationPrinter.nullable(),
  /** printer_shipping_documents: customs papers, which Packdesk does not print. */
  documents: stationPrinter.nullable(),
  /** printer_product_labels */
  productLabel: stationPrinter.nullable(),
});
export type PackingStation = z.infer<typeof packingStation>;

/** The stations, or none with why (an account whose API does not offer them). */
export const packingStations = z.object({ stations: z.array(packingStation), reason: reasonSchema.nullable() });
export type PackingStations = z.infer<typeof packingStations>;

/** What Setup offers before anything is saved: the stations, and this machine's printers to match them to. */
export const setupStationPrinters = packingStations.extend({ queues: z.array(cupsQueue) });
export type SetupStationPrinters = z.infer<typeof setupStationPrinters>;

export interface StationPrinterChoice {
  documentType: DocumentType;
  picqerName: string;
  config: PrinterConfig;
}

export interface StationPrinterPlan {
  choices: StationPrinterChoice[];
  /** Printers of the station that no printer on this machine is called by. */
  notFound: Array<{ documentType: DocumentType; picqerName: string }>;
}

const fromStation: ReadonlyArray<readonly [DocumentType, 'packingSlip' | 'label' | 'productLabel']> = [
  ['packingSlip', 'packingSlip'],
  ['label', 'label'],
  ['productLabel', 'productLabel'],
];

function findLocal(name: string, queues: readonly CupsQueue[]): CupsQueue | null {
  const wanted = name.trim();
  return queues.find((q) => q.name === wanted) ?? queues.find((q) => q.name.toLowerCase() === wanted.toLowerCase()) ?? null;
}

function mediaOf(printer: StationPrinter): string | undefined {
  if (printer.format === 'a4') return 'A4';
  if (printer.format === 'custom' && printer.customWidth && printer.customHeight) return `Custom.${printer.customWidth}x${printer.customHeight}mm`;
  return undefined;
}

function configFor(documentType: DocumentType, printer: StationPrinter, local: CupsQueue): PrinterConfig {
  if (driverOfDiscovered(local.source) === 'windows') {
    // Only the Windows driver passes ZPL through untouched; a packing slip is always a PDF.
    const isZpl = documentType !== 'packingSlip' && printer.hasZpl;
    return { driver: 'windows', printer: local.name, format: isZpl ? 'zpl' : 'pdf' };
  }
  const media = mediaOf(printer);
  return { driver: 'cups', queue: local.name, ...(media ? { media } : {}) };
}

/** What taking a Picqer packing station's printers would set on this machine, and what it cannot find. */
export function planStationPrinters(station: PackingStation, queues: readonly CupsQueue[]): StationPrinterPlan {
  const plan: StationPrinterPlan = { choices: [], notFound: [] };
  for (const [documentType, field] of fromStation) {
    const printer = station[field];
    if (!printer) continue;
    const local = findLocal(printer.name, queues);
    if (local) plan.choices.push({ documentType, picqerName: printer.name, config: configFor(documentType, printer, local) });
    else plan.notFound.push({ documentType, picqerName: printer.name });
  }
  return plan;
}
