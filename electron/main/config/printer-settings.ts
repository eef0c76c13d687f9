import { documentTypes, type CupsQueue, type DocumentType, type PrinterConfig, type PrinterInfo } from '../../../shared/printing';
import type { StationConfig } from './station-config';
import type { SavedSettings } from './settings-store';

/*
 * Which printer each document type uses: the one chosen in Settings (saved in the data dir) wins
 * over the station config file, so IT can roll out one file and a shift lead can still swap a
 * broken label printer at the station. null saved means "none", even when the file names one.
 */

export type PrinterSource = 'settings' | 'file' | 'demo' | null;

export function effectivePrinters(file: StationConfig['printers'], saved: SavedSettings['printers']): {
  printers: NonNullable<StationConfig['printers']>;
  sources: Record<DocumentType, PrinterSource>;
} {
  const printers: NonNullable<StationConfig['printers']> = {};
  const sources = {} as Record<DocumentType, PrinterSource>;
  for (const type of documentTypes) {
    const choice = saved?.[type];
    const chosen = choice === undefined ? file?.[type] : (choice ?? undefined);
    if (chosen) printers[type] = chosen;
    sources[type] = choice !== undefined ? (choice === null ? null : 'settings') : file?.[type] ? 'file' : null;
  }
  return { printers, sources };
}

/** The saved settings with one document type's choice changed; 'file' forgets the choice. */
export function withPrinterChoice(saved: SavedSettings, type: DocumentType, choice: PrinterConfig | null | 'file'): SavedSettings {
  const printers = { ...saved.printers };
  if (choice === 'file') delete printers[type];
  else printers[type] = choice;
  return { ...saved, printers };
}

export function withSources(list: PrinterInfo[], sources: Record<DocumentType, PrinterSource>): PrinterInfo[] {
  return list.map((info) => ({ ...info, source: info.config ? sources[info.documentType] : null }));
}

/** The CUPS queues and the printers the operating system lists (Electron), once per name. */
export function mergePrinterLists(cups: CupsQueue[], system: Array<{ name: string; description?: string }>): CupsQueue[] {
  const merged = [...cups];
  for (const printer of system) {
    // On macOS the system's printers are CUPS queues under the same names.
    if (merged.some((q) => q.name === printer.name)) continue;
    merged.push({ name: printer.name, state: 'unknown', message: printer.description || null, source: 'system' });
  }
  return merged;
}
