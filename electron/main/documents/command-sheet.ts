import { renderBarcodeSheet } from './barcode-sheet';
import { commandBarcodePrefix, scanCommands, type ScanCommand } from '../../../shared/packing';

/*
 * The command sheet: one A4 page with a barcode per command, so a packer drives the station from
 * the scanner alone (DESIGN.md "Who uses it"). Code 128 reads on every scanner a warehouse has.
 */

const labels: Record<'nl' | 'en', { title: string; hint: string; commands: Record<ScanCommand, string> }> = {
  nl: {
    title: 'Packdesk: commando-barcodes',
    hint: 'Scan een barcode om het commando uit te voeren.',
    commands: { COMPLETE: 'Afronden', UNDO: 'Laatste scan ongedaan maken', PROBLEM: 'Probleem melden', REPRINT: 'Opnieuw printen', CANCEL: 'Annuleren' },
  },
  en: {
    title: 'Packdesk: command barcodes',
    hint: 'Scan a barcode to run its command.',
    commands: { COMPLETE: 'Complete', UNDO: 'Undo last scan', PROBLEM: 'Report a problem', REPRINT: 'Reprint', CANCEL: 'Cancel' },
  },
};

export function commandSheetLabel(language: 'nl' | 'en', command: ScanCommand): string {
  return labels[language].commands[command];
}

/** The sheet as a PDF, labels in the station's language. */
export function renderCommandSheet(language: 'nl' | 'en'): Promise<Buffer> {
  const text = labels[language];
  return renderBarcodeSheet({
    title: text.title,
    hint: text.hint,
    entries: scanCommands.map((command) => ({ label: text.commands[command], code: `${commandBarcodePrefix}${command}` })),
  });
}
