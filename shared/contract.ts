import { z } from 'zod';
import { errorCodes } from './errors';
import { reasonSchema } from './reasons';
import { appState, language, picqerAnswer, queueItem, syncStatus, user, warehouse, person } from './domain';
import { commandAck, lookalike, maxBoxes, outboxStatus, parcel, printJobEvent, problemReason, scanAnswer, scanSource, sessionState } from './packing';
import { cupsQueue, documentType, printerConfig, printerInfo, productSummary } from './printing';
import { packingStations, setupStationPrinters } from './station-printers';
import { deviceEntry } from './devices';
import { batchSummary } from './batch';
import { devicesConfigSchema } from './devices-config';
import { practiceScore } from './people';
import { weightSuspect } from './weights';
import { settingsUpdate, settingsView, shelfLifeChoices, shippingProfileChoice } from './settings';
import { maxScanInputLength } from './scan-input';
import { isAimIdentifier } from './barcode';

const empty = z.object({}).strict();

/**
 * A change Picqer refused for good, or a parcel stopped because Picqer changed under the packer:
 * set aside with its reason, blocking no other picklist, until someone retries or discards it.
 */
export const outboxProblem = z.object({
  id: z.number().int(),
  idpicklist: z.number().int().nullable(),
  picklistid: z.string().nullable(),
  kind: z.enum(['assign', 'unassign', 'pick', 'ship', 'documents', 'close', 'comment', 'snooze', 'pause', 'cancel_shipment']),
  /** Why, in English, as the outbox logged it (for the log and the IT person). */
  reason: z.string(),
  /** Why the parcel stopped, for the screen to word; null when Picqer's answer says it all. */
  why: reasonSchema.nullable(),
  /** What Picqer answered, when it did: the screen words it in the packer's language. */
  answer: picqerAnswer.nullable(),
  at: z.string(),
  /** Later changes of the same parcel held back behind this one, unsent. */
  heldBack: z.number().int(),
  /** Retrying makes sense now; false while the picklist is being packed again or its shipment was cancelled. */
  canRetry: z.boolean(),
});
export type OutboxProblem = z.infer<typeof outboxProblem>;

/** The set-aside changes, and the parcels that waited for their labels and got them (newest first). */
export const outboxProblems = z.object({
  problems: z.array(outboxProblem),
  labelled: z.array(z.object({ idpicklist: z.number().int(), picklistid: z.string(), at: z.string() })),
});
export type OutboxProblems = z.infer<typeof outboxProblems>;

export const backendInput = z.union([
  z.object({ demo: z.literal(true) }).strict(),
  z
    .object({
      subdomain: z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'Use only the subdomain, e.g. "acme" for acme.picqer.com'),
      apiKey: z.string().trim().min(1).max(200),
    })
    .strict(),
  z.object({ url: z.url({ protocol: /^https?$/ }), apiKey: z.string().trim().min(1).max(200) }).strict(),
]);
export type BackendInput = z.infer<typeof backendInput>;

/** Stats (issue 8): one set of figures, for a packer, a station or everyone. Seconds are medians per parcel; null when nothing to measure. */
const statsFigures = z.object({
  parcels: z.number().int(),
  units: z.number().int(),
  scans: z.number().int(),
  productScans: z.number().int(),
  misScans: z.number().int(),
  misScanRate: z.number().nullable(),
  problemSessions: z.number().int(),
  /** Parcels a shift lead let through with a weight outside the tolerance (issue 18). */
  weightOverrides: z.number().int(),
  medianSeconds: z.object({ scanning: z.number().nullable(), waitingForLabel: z.number().nullable(), problems: z.number().nullable() }),
});
export const statsSummary = z.object({
  day: z.string(),
  /** The station's today, for the day picker. */
  today: z.string(),
  shift: z.string().nullable(),
  shifts: z.array(z.object({ id: z.string(), start: z.string(), end: z.string() })),
  from: z.string(),
  to: z.string(),
  totals: statsFigures,
  packers: z.array(statsFigures.extend({ iduser: z.number().int().nullable(), name: z.string().nullable() })),
  stations: z.array(statsFigures.extend({ station: z.string().nullable() })),
  hours: z.array(z.object({ start: z.string(), label: z.string() })),
  /** Per packer, one number per hour of `hours`. */
  series: z.array(z.object({ iduser: z.number().int().nullable(), name: z.string().nullable(), parcels: z.array(z.number().int()), scans: z.array(z.number().int()) })),
  /** The box advice (issue 18): per advised packaging, parcels where packers took it and where they chose another. */
  boxAdvice: z.array(z.object({ idpackaging: z.number().int(), name: z.string(), followed: z.number().int(), overridden: z.number().int() })),
});
export type StatsSummary = z.infer<typeof statsSummary>;
export type StatsFigures = z.infer<typeof statsFigures>;
const statsQuery = {
  /** YYYY-MM-DD, local at the station; its today when left out. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a day as YYYY-MM-DD').optional(),
  shift: z.string().trim().min(1).max(40).optional(),
};

/**
 * Every request the renderer can make of main. Reads answer with the state asked for; commands
 * that change state answer with an acknowledgement (`commandAck`: what happened, why, and the
 * revision it left), never with a copy of the state, which goes out as an event first. Both transports (Electron ipc and browser mode)
 * are generic over this table; a handler table is checked against it with `satisfies`.
 */
export const commands = {
  'app.state': { input: empty, output: appState },
  'setup.connect': {
    input: z.object({ backend: backendInput }).strict(),
    output: z.object({ user: person, warehouses: z.array(warehouse) }),
  },
  'setup.warehouses': { input: empty, output: z.array(warehouse) },
  'setup.users': { input: empty, output: z.array(user) },
  'setup.save': {
    input: z
      .object({
        warehouse: z.number().int().positive(),
        stationName: z.string().trim().min(1).max(60),
        language,
        packer: z.number().int().positive().nullable(),
        /**
         * A Picqer packing station whose printers this station takes, each matched by name to a
         * printer here; null or absent keeps the printers as they are.
         */
        packingStation: z.number().int().positive().nullable().optional(),
      })
      .strict(),
    output: commandAck,
  },
  /**
   * Picqer's packing stations read with the connection Setup is trying (before it is saved), and
   * this machine's printers; none with a reason when the account's API does not offer them.
   */
  'setup.packingStations': { input: empty, output: setupStationPrinters },
  /** Leaves Setup without saving: a connection made there is dropped, the station stays as it was. */
  'setup.cancel': { input: empty, output: commandAck },
  'packer.signIn': { input: z.object({ iduser: z.number().int().positive() }).strict(), output: commandAck },
  'packer.signOut': { input: empty, output: commandAck },
  /** The station settings in force (station, packing, company) and where each section comes from. */
  'settings.get': { input: empty, output: settingsView },
  /** The cached shipping profiles with their carrier, for the cut-off times in Settings; none before the first sync. */
  'settings.shippingProfiles': {
    input: empty,
    output: z.array(shippingProfileChoice),
  },
  /** The cached tag titles and webshops, for the shelf-life rules in Settings; none before the first sync. */
  'settings.shelfLifeChoices': { input: empty, output: shelfLifeChoices },
  /** Saves one section in the data dir, over the config file; answers the settings in force. */
  'settings.update': { input: settingsUpdate, output: commandAck },
  /** The station's config as a file for the next machine: everything in force, without the API key or this station's name. */
  'config.export': { input: empty, output: z.object({ filename: z.string(), json: z.string() }) },
  /**
   * A shift lead unlocks the station's lead actions for a few minutes: with the station's PIN, or
   * with a listed lead's badge scanned while the prompt is open. Wrong PINs lock out for a minute.
   */
  'lead.unlock': {
    input: z.union([z.object({ pin: z.string().min(1).max(64) }).strict(), z.object({ badge: z.string().min(1).max(256) }).strict()]),
    output: commandAck,
  },
  /** Ends the unlock now. */
  'lead.lock': { input: empty, output: commandAck },
  /**
   * Sets or removes the station's shift-lead PIN (digits, kept as a scrypt hash in main) and the
   * Picqer users whose badge unlocks. Needs an unlock once the station has a PIN or a lead.
   */
  'lead.configure': {
    input: z
      .object({
        pin: z.string().regex(/^\d{4,12}$/, 'Use 4 to 12 digits').nullable().optional(),
        leads: z.array(z.number().int().positive()).max(200).optional(),
      })
      .strict(),
    output: commandAck,
  },
  /** Starts practice mode for whoever is at the station: the demo warehouse, nothing reaches Picqer. */
  'practice.start': { input: empty, output: commandAck },
  /** Ends practice mode and answers the trainee's score; the live station carries on. */
  'practice.stop': { input: empty, output: practiceScore },
  /** Badges to print: every active user's, or one user's; a PDF (base64). Scanning one signs that packer in. */
  'packer.badges': {
    input: z.object({ iduser: z.number().int().positive().optional() }).strict(),
    output: z.object({ filename: z.string(), pdfBase64: z.string() }),
  },
  'queue.list': {
    input: z.object({ search: z.string().max(100).optional() }).strict(),
    output: z.array(queueItem),
  },
  'sync.status': { input: empty, output: syncStatus },
  'sync.now': { input: empty, output: commandAck },

  /**
   * Every scan, from any scanner, goes here: main decides whether it is a command barcode, a
   * product on the open picklist, or a picklist to open. `multiplier` is the number the packer
   * typed before scanning (12 then a scan = 12 units).
   */
  /**
   * The screen has a dialog open (true) or closed it (false): scans from scanners main reads
   * itself wait meanwhile and are handled in order when it closes, as wedge scans do.
   */
  'scan.hold': { input: z.object({ isHeld: z.boolean() }).strict(), output: z.null() },
  'scan.submit': {
    input: z
      .object({
        // Deliberately wide: the handler checks the scan (shared/scan-input.ts) and answers an
        // empty, overlong or garbled one in words, and logs it, instead of a bare VALIDATION.
        code: z.string().max(maxScanInputLength, 'The scan is far too long to be a barcode.'),
        /**
         * The AIM symbology identifier the scanner sent (`]C1`, `]d2`, ...), apart from the code.
         * Absent or null from a caller that has none to give; main then takes one off the code.
         */
        aim: z.string().refine(isAimIdentifier, 'Not an AIM symbology identifier.').nullable().optional(),
        source: scanSource,
        multiplier: z.number().int().min(1).max(9999).optional(),
      })
      .strict(),
    output: scanAnswer,
  },
  /** Opens a picklist from the queue or from a choice; takeOver confirms packing one assigned elsewhere. */
  'pack.open': { input: z.object({ idpicklist: z.number().int().positive(), takeOver: z.boolean().optional() }).strict(), output: scanAnswer },
  'pack.current': { input: empty, output: sessionState },
  /** Products on the picklist that packers here have mistaken for another (wrong-item scans), with both pictures. */
  'pack.lookalikes': { input: z.object({ idpicklist: z.number().int().positive() }).strict(), output: z.array(lookalike) },
  /** Resolves an ambiguous scan: the product the packer meant. */
  'pack.choose': { input: z.object({ idproduct: z.number().int().positive() }).strict(), output: scanAnswer },
  /** The serial number of the unit waiting for it, typed (issue 18). */
  'pack.serial': { input: z.object({ serial: z.string().max(200) }).strict(), output: scanAnswer },
  'pack.undo': { input: empty, output: scanAnswer },
  /** Confirms a line without a barcode by hand; the reason is logged with the scan event. */
  'pack.confirmLine': {
    input: z.object({ idpicklist_product: z.number().int().positive(), amount: z.number().int().min(1).max(9999), reason: z.string().trim().min(3).max(200) }).strict(),
    output: scanAnswer,
  },
  'pack.setShipping': {
    input: z
      .object({
        idshippingprovider_profile: z.number().int().positive().optional(),
        /** The box the packaging and weight are for; the current (last) box when left out. */
        box: z.number().int().min(1).max(maxBoxes).optional(),
        idpackaging: z.number().int().positive().nullable().optional(),
        weight: z.number().int().min(1).max(100_000).nullable().optional(),
        /** The shipping method's extra fields by key (pickup point...); an empty value clears one. */
        extraFields: z.record(z.string().min(1).max(100), z.string().max(500)).optional(),
      })
      .strict(),
    output: commandAck,
  },
  /** Another box for the parcel (also PD:NEWBOX): it becomes the current box. */
  'pack.newBox': { input: empty, output: commandAck },
  /** Takes the last box back while nothing is set on it (a mistaken new box). */
  'pack.removeBox': { input: empty, output: commandAck },
  /** The packer opens the shipping choice: the methods Picqer allows for the picklist, read once per session. */
  'pack.shippingMethods': { input: empty, output: commandAck },
  /** Every line verified: pick, re-check, ship, print and close, through the outbox. */
  'pack.complete': { input: empty, output: commandAck },
  /** A shift lead lets a parcel whose weight is off the expected weight complete, with a reason (logged, counted in Stats). */
  'pack.overrideWeight': { input: z.object({ reason: z.string().trim().min(3).max(200) }).strict(), output: commandAck },
  'pack.problem': { input: z.object({ reason: problemReason, note: z.string().trim().max(500).optional() }).strict(), output: commandAck },
  /** Puts the picklist back on the queue; its scans are kept for whoever opens it next. */
  'pack.leave': { input: empty, output: commandAck },

  /*
   * Picklist batches (issue 17). A batch opens by scanning its number (scan.submit) or from the
   * queue; while it is open every product scan goes to the slot that wants it (answered with the
   * slot), pack.undo takes back the batch's last counted scan, and PD:CANCEL leaves the batch.
   */
  /** The warehouse's open batches, for the queue. */
  'batch.list': { input: empty, output: z.array(batchSummary) },
  'batch.open': { input: z.object({ idpicklistBatch: z.number().int().positive() }).strict(), output: scanAnswer },
  /** A problem with one picklist of the open batch: reported like a single parcel's, its slot set aside. */
  'batch.problem': {
    input: z.object({ idpicklist: z.number().int().positive(), reason: problemReason, note: z.string().trim().max(500).optional() }).strict(),
    output: commandAck,
  },
  /** Leaves the batch: picklists not complete go back to the queue with their counts kept; a reopened batch resumes them. */
  'batch.leave': { input: empty, output: commandAck },

  'history.list': { input: empty, output: z.array(parcel) },
  /** A deliberate act: who (the signed-in packer) and why are recorded with the shipment. */
  'history.cancelShipment': {
    input: z.object({ idpicklist: z.number().int().positive(), reason: z.string().trim().min(3, 'Say why the shipment is cancelled.').max(200) }).strict(),
    output: commandAck,
  },
  'history.reprint': {
    input: z.object({ idpicklist: z.number().int().positive(), document: z.enum(['label', 'packing_slip']) }).strict(),
    output: commandAck,
  },
  /** A parcel's label or packing slip from the print journal, as a PDF (base64), to look at. */
  'history.document': {
    input: z.object({ idpicklist: z.number().int().positive(), document: z.enum(['label', 'packing_slip']) }).strict(),
    output: z.object({ filename: z.string(), pdfBase64: z.string() }),
  },
  /**
   * An order's lots, best-before dates and serials as CSV, one row per counted unit (issue 18):
   * Picqer's pick has no field for them, so the station keeps them. By the order of a History row,
   * or by what a shift lead types (order number, reference or picklist number), for any day.
   */
  'history.lotsCsv': {
    input: z.union([z.object({ idorder: z.number().int().positive() }).strict(), z.object({ order: z.string().trim().min(1).max(100) }).strict()]),
    output: z.object({ filename: z.string(), csv: z.string() }),
  },
  'outbox.status': { input: empty, output: outboxStatus },
  /** Parcels, units, scans, mis-scans and median times per packer and per station, for a day or one of its shifts. */
  'stats.summary': { input: z.object(statsQuery).strict(), output: statsSummary },
  /** The day's (or shift's) scan events, or the per-packer summary, as a CSV file (UTF-8 with BOM). */
  'stats.exportCsv': {
    input: z.object({ ...statsQuery, kind: z.enum(['scans', 'summary']) }).strict(),
    output: z.object({ filename: z.string(), csv: z.string() }),
  },
  /** Products whose single-product parcels weigh clearly off their catalogue weight (issue 18): a list for the shift lead, nothing changed. */
  'stats.weightSuspects': { input: empty, output: z.array(weightSuspect) },
  'outbox.problems': { input: empty, output: outboxProblems },
  /** Sends a set-aside change (and what it held back) again. */
  'outbox.retry': { input: z.object({ id: z.number().int().positive() }).strict(), output: commandAck },
  /** Drops a set-aside change (and what it held back) for good; the packer confirmed it. */
  'outbox.discard': { input: z.object({ id: z.number().int().positive(), isConfirmed: z.literal(true) }).strict(), output: commandAck },
  /** The printable sheet of command barcodes, as a PDF (base64). */
  'commands.sheet': { input: empty, output: z.object({ filename: z.string(), pdfBase64: z.string() }) },

  /** The printer of each document type (from the station config) with its health where the driver can tell. */
  'printers.list': { input: empty, output: z.array(printerInfo) },
  /** Queues a small test page for a document type's printer, through the normal print queue; answers the job id. */
  'printers.test': { input: z.object({ documentType }).strict(), output: z.number().int() },
  /** The printers on this machine (CUPS queues; on Windows and macOS also the system's list), for choosing one in Settings. */
  'printers.discover': { input: empty, output: z.array(cupsQueue) },
  /** Picqer's packing stations with their printers, to take a station's printers from; none with a reason when the account has none. */
  'printers.packingStations': { input: empty, output: packingStations },
  /**
   * Chooses a document type's printer in Settings, saved in the data dir (it wins over the config
   * file). null: no printer; `useFile`: forget the choice and use the config file's printer again.
   */
  'printers.set': {
    input: z.union([
      z.object({ documentType, printer: printerConfig.nullable() }).strict(),
      z.object({ documentType, useFile: z.literal(true) }).strict(),
    ]),
    output: commandAck,
  },
  /** Products by scanned code, productcode or name, for printing their labels. */
  'products.search': { input: z.object({ query: z.string().trim().min(1).max(100) }).strict(), output: z.array(productSummary) },
  /** Queues a product's label, `copies` on one job, on the product-label printer; answers the job id. */
  'products.printLabel': {
    input: z.object({ idproduct: z.number().int().positive(), copies: z.number().int().min(1).max(99) }).strict(),
    output: z.number().int(),
  },
  /** Scanners and scales: configured ones and every HID scanner or scale plugged in, with state and the scale's reading. */
  'devices.list': { input: empty, output: z.array(deviceEntry) },
  /** The printable scanner test sheet, as a PDF (base64): the self-test's known codes. */
  'scanner.testSheet': { input: empty, output: z.object({ filename: z.string(), pdfBase64: z.string() }) },
  /** The devices config in force (scanners and scale the station reads) and where it comes from. */
  'devices.config': { input: empty, output: z.object({ config: devicesConfigSchema, source: z.enum(['settings', 'file', 'default']) }) },
  /** Saves the devices to use (Devices screen) over the file's section, or goes back to the file's; reopens them. */
  'devices.configure': {
    input: z.union([z.object({ devices: devicesConfigSchema }).strict(), z.object({ useFile: z.literal(true) }).strict()]),
    output: commandAck,
  },
  /** Looks for plugged-in devices now rather than at the next poll. */
  'devices.refresh': { input: empty, output: commandAck },
  /** Sends a failed print job again. */
  'print.retry': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.literal(true) },
} as const;

/** Pushes from main to the renderer. */
export const events = {
  'app.state': appState,
  'sync.status': syncStatus,
  /** The cached queue changed; the renderer re-reads it with queue.list. */
  'queue.changed': z.object({ idpicklists: z.array(z.number().int()) }),
  /** The pack session, whenever main changes it; applied only when its revision is newer than what the screen has. */
  'session.changed': sessionState,
  'outbox.status': outboxStatus,
  'outbox.problems': outboxProblems,
  'print.job': printJobEvent,
  /** A device's state or the scale's reading changed; the whole list, for the Devices screen. */
  'devices.changed': z.array(deviceEntry),
  /**
   * A scan the station read itself (HID POS or serial scanner) and what it did: the renderer gives
   * the same feedback as for a wedge scan it sent. `error` when the scan was refused as a command.
   */
  'scan.answered': z.object({
    code: z.string(),
    source: scanSource,
    device: z.string(),
    answer: scanAnswer.nullable(),
    error: z.object({ code: z.enum(errorCodes), reason: reasonSchema.nullable().optional(), message: z.string() }).nullable(),
  }),
  /** The station settings in force changed (Settings saved a section). */
  'settings.changed': settingsView,
  /** The printers in force changed (Settings chose another): the whole list, with health and sources. */
  'printers.changed': z.array(printerInfo),
  /** Today's parcels changed (a label came in, a shipment was cancelled). */
  'history.changed': z.object({ idpicklist: z.number().int() }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.infer<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const commandNames = Object.keys(commands) as CommandName[];

export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && Object.hasOwn(commands, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
