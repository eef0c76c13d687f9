import { z } from 'zod';

/*
 * Printers as the Settings screen sees them: which printer each document type goes to, and what
 * the driver can tell about its health. Printers are chosen in the station config file, not here.
 */

export const documentTypes = ['packingSlip', 'label', 'productLabel'] as const;
export const documentType = z.enum(documentTypes);
export type DocumentType = z.infer<typeof documentType>;

/**
 * `unknown`: the driver cannot tell (a raw PDF printer that accepts connections says nothing more).
 * The ZPL states come from a printer's `~HS` answer; `disabled` is a CUPS queue that was stopped.
 */
export const printerStates = ['ready', 'printing', 'paper_out', 'head_open', 'ribbon_out', 'paused', 'disabled', 'offline', 'unknown'] as const;
export const printerState = z.enum(printerStates);
export type PrinterState = z.infer<typeof printerState>;

export const printerHealth = z.object({ state: printerState, message: z.string().nullable() });
export type PrinterHealth = z.infer<typeof printerHealth>;

export const printerDriverName = z.enum(['cups', 'raw-tcp', 'folder']);

export const printerInfo = z.object({
  documentType,
  /** null: no printer set for this document type in the station config. */
  driver: printerDriverName.nullable(),
  description: z.string().nullable(),
  health: printerHealth.nullable(),
});
export type PrinterInfo = z.infer<typeof printerInfo>;

export const cupsQueue = z.object({ name: z.string(), state: printerState, message: z.string().nullable() });
export type CupsQueue = z.infer<typeof cupsQueue>;
