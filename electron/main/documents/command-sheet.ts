import { renderBarcodeSheet } from './barcode-sheet';
import { commandBarcodePrefix, quantityPrefix, scanCommands, type ScanCommand } from '../../../shared/packing';

/*
 * The command sheet: one A4 page with a barcode per command, so a packer drives the station from
 * the scanner alone (DESIGN.md "Who uses it"), and a second with quantities for the next scan.
 * Code 128 reads on every scanner a warehouse has.
 */

/** The quantities printed on the sheet: PD:QTY:n makes the next product scan count n (issue 12). */
export const sheetQuantities: readonly number[] = [2, 3, 5, 10, 12];

const labels: Record<'nl' | 'en', { title: string; hint: string; commands: Record<ScanCommand, string>; quantity: (n: number) => string }> = {
  nl: {
    title: 'Packdesk: commando-barcodes',
    hint: 'Scan een barcode om het commando uit te voeren.',
    commands: { COMPLETE: 'Afronden', UNDO: 'Laatste scan ongedaan maken', PROBLEM: 'Probleem melden', REPRINT: 'Opnieuw printen', CANCEL: 'Annuleren', NEWBOX: 'Nieuwe doos' },
    quantity: (n) => `Volgende scan telt ${n}×`,
  },
  en: {
    title: 'Packdesk: command barcodes',
    hint: 'Scan a barcode to run its command.',
    commands: { COMPLETE: 'Complete', UNDO: 'Undo last scan', PROBLEM: 'Report a problem', REPRINT: 'Reprint', CANCEL: 'Cancel', NEWBOX: 'New box' },
    quantity: (n) => `Next scan counts ${n}×`,
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
    entries: [
      ...scanCommands.map((command) => ({ label: text.commands[command], code: `${commandBarcodePrefix}${command}` })),
      ...sheetQuantities.map((n) => ({ label: text.quantity(n), code: `${quantityPrefix}${n}` })),
    ],
  });
}
