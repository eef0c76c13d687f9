import { z } from 'zod';
import { reasonSchema } from './reasons';

/*
 * Printers as the Settings screen sees them: which printer each document type goes to, and what
 * the driver can tell about its health. A printer comes from the station config file or is chosen
 * in Settings; the choice made in Settings is saved in the data dir and wins over the file.
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

/**
 * `reason`: what Packdesk says about the printer, worded by the screen in the packer's language.
 * `message`: the printer's or its driver's own words (CUPS's reason, an OS error), shown as they
 * came; where there is a reason it is the reason in English, for the log.
 */
export const printerHealth = z.object({ state: printerState, message: z.string().nullable(), reason: reasonSchema.nullable().optional() });
export type PrinterHealth = z.infer<typeof printerHealth>;

export const printerDriverName = z.enum(['cups', 'raw-tcp', 'folder', 'windows']);

/** One printer as the config file and Settings write it. */
export const printerConfig = z.discriminatedUnion('driver', [
  z
    .object({
      driver: z.literal('cups'),
      queue: z.string().trim().min(1, 'Choose a CUPS queue').max(127),
      /** CUPS media name, e.g. A4 or Custom.4x6in; the queue's default when absent. */
      media: z.string().trim().min(1).max(64).optional(),
    })
    .strict(),
  z
    .object({
      driver: z.literal('raw-tcp'),
      host: z
        .string()
        .trim()
        .min(1, "Enter the printer's IP address or host name")
        .max(253)
        .regex(/^[A-Za-z0-9.:_-]+$/, 'A host is an IP address or a host name, without http:// or a port'),
      port: z.number().int().min(1).max(65535).default(9100),
      format: z.enum(['zpl', 'pdf']).default('zpl'),
    })
    .strict(),
  z.object({ driver: z.literal('folder'), path: z.string().trim().min(1, 'Enter a folder').max(1024) }).strict(),
  z
    .object({
      driver: z.literal('windows'),
      /** An installed Windows printer, by the name Windows lists it under. */
      printer: z.string().trim().min(1, 'Choose a Windows printer').max(256),
      /** What labels are fetched in: `zpl` goes to the printer untouched (the spooler's RAW datatype). Packing slips are always PDF. */
      format: z.enum(['zpl', 'pdf']).default('pdf'),
    })
    .strict(),
]);
export type PrinterConfig = z.infer<typeof printerConfig>;

/**
 * A printer as the people at the station know it: the CUPS queue's or Windows printer's name, a
 * network printer's address, a folder. Settings and the first-run checklist both name it so; the
 * driver's own id (`cups:Brother_HL`) is for the log and print_jobs.
 */
export function printerName(config: PrinterConfig): string {
  switch (config.driver) {
    case 'cups':
      return config.queue;
    case 'windows':
      return config.printer;
    case 'raw-tcp':
      return `${config.host}:${config.port}`;
    case 'folder':
      return config.path;
  }
}

export const printerInfo = z.object({
  documentType,
  /** null: no printer set for this document type. */
  driver: printerDriverName.nullable(),
  description: z.string().nullable(),
  health: printerHealth.nullable(),
  /** The printer as configured; null when none is set. */
  config: printerConfig.nullable(),
  /** Where it is set: in Settings (saved in the data dir, wins) or in the station config file. */
  /** `demo`: the demo station's folder printer, used where none is set. */
  source: z.enum(['settings', 'file', 'demo']).nullable(),
});
export type PrinterInfo = z.infer<typeof printerInfo>;

/**
 * A printer found on this machine. `cups`: a CUPS queue the cups driver prints to (Linux, macOS).
 * `system`: a printer only the operating system lists (Windows, through Electron), which the
 * windows driver prints to by name.
 */
export const cupsQueue = z.object({
  name: z.string(),
  state: printerState,
  message: z.string().nullable(),
  source: z.enum(['cups', 'system']),
});
export type CupsQueue = z.infer<typeof cupsQueue>;

/** The driver that prints to a discovered printer: a CUPS queue through cups, a printer only the system lists (Windows) through windows. */
export function driverOfDiscovered(source: CupsQueue['source']): 'cups' | 'windows' {
  return source === 'cups' ? 'cups' : 'windows';
}

/** A product as the label search shows it. */
export const productSummary = z.object({
  idproduct: z.number().int(),
  productcode: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  isActive: z.boolean(),
});
export type ProductSummary = z.infer<typeof productSummary>;
