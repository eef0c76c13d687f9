import { z } from 'zod';
import { scanText } from './barcode';
import { person, picklistStatus, picqerAnswer, tag } from './domain';
import { reasonSchema } from './reasons';
import { batchView } from './batch';

/*
 * The pack loop's shapes, shared by main (which owns the truth) and the renderer (which shows it).
 */

export const scanSources = ['wedge', 'hid', 'serial', 'manual'] as const;
export const scanSource = z.enum(scanSources);
export type ScanSource = z.infer<typeof scanSource>;

export { scanOutcomes, scanOutcome, type ScanOutcome } from './scan-outcome';
import { scanOutcome } from './scan-outcome';

/** Command barcodes: the scanner alone drives the app. Printed as `PD:<COMMAND>`. */
/** NEWBOX: the parcel gets another box (multi-colli); the next packaging scan and weight are that box's. */
export const scanCommands = ['COMPLETE', 'UNDO', 'PROBLEM', 'REPRINT', 'CANCEL', 'NEWBOX'] as const;
export const scanCommand = z.enum(scanCommands);
export type ScanCommand = z.infer<typeof scanCommand>;
export const commandBarcodePrefix = 'PD:';

export function parseCommandBarcode(code: string): ScanCommand | null {
  // The AIM identifier a scanner sends ("]C0") is already apart: main's scan entry took it off.
  const text = scanText(code).toUpperCase();
  if (!text.startsWith(commandBarcodePrefix)) return null;
  const parsed = scanCommand.safeParse(text.slice(commandBarcodePrefix.length));
  return parsed.success ? parsed.data : null;
}

/**
 * A quantity: `PD:QTY:<n>` makes the next product scan count n units, from any scanner. Printed on
 * the command sheet; main holds it for `quantityTimeoutMs`, so it cannot catch a later item.
 */
export const quantityPrefix = 'PD:QTY:';
export const maxQuantity = 9999;
export const quantityTimeoutMs = 10_000;

export function parseQuantityBarcode(code: string): number | null {
  const text = scanText(code).toUpperCase();
  if (!text.startsWith(quantityPrefix)) return null;
  const digits = text.slice(quantityPrefix.length);
  if (!/^[1-9]\d{0,3}$/.test(digits)) return null;
  return Number(digits);
}

/**
 * A packer's badge: `PD:BADGE:<iduser>.<mac>`, printed per Picqer user from Settings. The mac is a
 * short signature main makes with a secret of the account's (people/badge-signature.ts), so a badge
 * cannot be made up from a user id. Scanning it signs that packer in at any station that holds the
 * account's secret, as choosing the name does.
 */
export const badgePrefix = 'PD:BADGE:';

export function badgeCode(iduser: number, mac: string): string {
  return `${badgePrefix}${iduser}.${mac}`;
}

/**
 * What a scan starting with the badge prefix holds. Read case-insensitively: a wedge scanner with
 * caps lock on sends the mac in the other case. `iduser` is null when the rest is no user id at all;
 * `mac` is null for an unsigned (old, or typed) badge. Null when the scan is no badge.
 */
export function parseBadgeBarcode(code: string): { iduser: number | null; mac: string | null } | null {
  const text = scanText(code).toUpperCase();
  if (!text.startsWith(badgePrefix)) return null;
  const match = /^([1-9]\d{0,9})(?:\.([A-Z0-9]{1,32}))?$/.exec(text.slice(badgePrefix.length));
  if (!match) return { iduser: null, mac: null };
  return { iduser: Number(match[1]), mac: match[2] ?? null };
}

export const problemReasons = ['missing', 'damaged', 'wrong_stock', 'other'] as const;
export const problemReason = z.enum(problemReasons);
export type ProblemReason = z.infer<typeof problemReason>;

/** What a problem does to the picklist in Picqer, besides the comment: a station setting. */
export const problemActions = ['unassign', 'snooze', 'pause'] as const;
export const problemAction = z.enum(problemActions);
export type ProblemAction = z.infer<typeof problemAction>;

export const packLine = z.object({
  idpicklist_product: z.number().int(),
  idproduct: z.number().int(),
  productcode: z.string(),
  name: z.string(),
  image: z.string().nullable(),
  stockLocation: z.string().nullable(),
  remarks: z.string().nullable(),
  amount: z.number().int(),
  verified: z.number().int(),
  /** The product has no barcode: the packer confirms it by hand, with a reason. */
  hasBarcode: z.boolean(),
  /** A composition: packed by its parts, which follow it with parentId set. */
  isComposition: z.boolean(),
  parentId: z.number().int().nullable(),
  /** Set when (part of) the count was confirmed by hand. */
  manualReason: z.string().nullable(),
});
export type PackLine = z.infer<typeof packLine>;

/**
 * A field a shipping method asks for when a shipment is made (pickup point, delivery option,
 * insurance...), from `extra_fields` of GET /picklists/{id}/shippingmethods. Picqer's docs show
 * only an empty list, so its items are read loosely (picqer/schemas.ts).
 */
export const shippingExtraField = z.object({
  key: z.string(),
  title: z.string(),
  isRequired: z.boolean(),
  defaultValue: z.string().nullable(),
  /** The values to choose from, when the method names them; empty for free text. */
  options: z.array(z.object({ value: z.string(), title: z.string() })),
});
export type ShippingExtraField = z.infer<typeof shippingExtraField>;

export const weightCheck = z.object({
  weight: z.number().int(),
  expected: z.number().int(),
  /** The difference as a percentage of the expected weight, signed, to one decimal. */
  percent: z.number(),
  /** Outside the tolerance: the parcel does not complete unless overridden. */
  isOff: z.boolean(),
  /** A shift lead let this weight pass, with a reason. */
  override: z.object({ reason: z.string(), by: z.object({ iduser: z.number().int(), name: z.string() }).nullable() }).nullable(),
});
export type WeightCheck = z.infer<typeof weightCheck>;

/**
 * The box advice (issue 18): the smallest packaging marked for advice that fits the products, or,
 * when `isLearned`, the one packers kept choosing for the same products; for products one box
 * does not hold, the largest box filled first and the smallest box for the rest.
 */
const advisedPackaging = z.object({ idpackaging: z.number().int(), name: z.string(), barcode: z.string().nullable() });
export const boxAdvice = advisedPackaging.extend({
  isLearned: z.boolean(),
  /**
   * Every box's packaging in order: one entry (the packaging above) when one box holds the
   * products; more when they take several boxes, the first the packaging above.
   */
  boxes: z.array(advisedPackaging).min(1),
});
export type BoxAdvice = z.infer<typeof boxAdvice>;

export const shippingChoice = z.object({
  profiles: z.array(
    z.object({ idshippingprovider_profile: z.number().int(), name: z.string(), isSelected: z.boolean(), extraFields: z.array(shippingExtraField) }),
  ),
  idshippingprovider_profile: z.number().int().nullable(),
  /** The chosen method's extra fields as they will be sent: the packer's values over the defaults. */
  extraFields: z.record(z.string(), z.string()),
  /** The profiles are the ones Picqer allows for this picklist (read from Picqer), not every cached one. */
  areMethodsFromPicqer: z.boolean(),
  /** Picqer selected no method and the picklist names none: the packer chooses before completing. */
  isChoiceNeeded: z.boolean(),
  packaging: z.object({ idpackaging: z.number().int(), name: z.string() }).nullable(),
  /** Grams: from the lines' product weights unless the packer (or a scale) gave one. */
  weight: z.number().int().nullable(),
  isWeightManual: z.boolean(),
  /**
   * The parcel's boxes in order (multi-colli): box 1 is `packaging` and `weight` above; boxes 2..n
   * have only what the packer gave. One box: one entry, and the parcel is what it always was.
   */
  boxes: z.array(
    z.object({
      box: z.number().int(),
      packaging: z.object({ idpackaging: z.number().int(), name: z.string() }).nullable(),
      weight: z.number().int().nullable(),
      isWeightManual: z.boolean(),
    }),
  ),
  /** The box a packaging scan or a weight goes to: the last one. */
  currentBox: z.number().int(),
  /**
   * The weight check (issue 18): the given weight of a one-box parcel against its lines' weight;
   * null when the check is off, no weight was given, or a line's weight is unknown.
   */
  weightCheck: weightCheck.nullable(),
  /** The packaging advised on open; null when no packaging is marked for advice or a product's dimensions are unknown. */
  advice: boxAdvice.nullable(),
});
/** How many boxes one parcel may have. */
export const maxBoxes = 20;
export type ShippingChoice = z.infer<typeof shippingChoice>;

export const packSessionStates = ['packing', 'completing', 'labels_pending', 'completed', 'problem', 'alert'] as const;

/** The picklist on the pack screen, as main keeps it. */
export const packSession = z.object({
  id: z.number().int(),
  idpicklist: z.number().int(),
  picklistid: z.string(),
  state: z.enum(packSessionStates),
  picklistStatus: picklistStatus,
  order: z.object({
    idorder: z.number().int().nullable(),
    orderid: z.string().nullable(),
    reference: z.string().nullable(),
    webshop: z.string().nullable(),
    customer: z.string(),
    deliveryCountry: z.string().nullable(),
    customerRemarks: z.string().nullable(),
    language: z.string().nullable(),
    fields: z.array(z.object({ title: z.string(), value: z.string() })),
  }),
  tags: z.array(tag),
  comments: z.array(z.object({ author: z.string(), body: z.string(), created: z.string().nullable() })),
  isUrgent: z.boolean(),
  lines: z.array(packLine),
  units: z.number().int(),
  verifiedUnits: z.number().int(),
  isAllVerified: z.boolean(),
  packer: person.nullable(),
  /** Assigned in Picqer to someone else: the packer may take over. */
  assignedElsewhere: person.nullable(),
  shipping: shippingChoice,
  /** The last answer, so a reloaded screen shows what the packer just heard. */
  lastScan: z
    .object({ outcome: scanOutcome, code: z.string(), amount: z.number().int(), productName: z.string().nullable(), at: z.string() })
    .nullable(),
  /** Why the session stopped (state alert or problem), or why it cannot be completed: the screen words it. */
  alert: reasonSchema.nullable(),
  isOnline: z.boolean(),
  /** A quantity scanned (PD:QTY:n) for the next product scan, until `expiresAt`. */
  pendingQuantity: z.object({ amount: z.number().int(), expiresAt: z.string() }).nullable(),
  /** A unit of a product that counts only with its serial number, waiting for it (issue 18). */
  serialWanted: z.object({ idproduct: z.number().int(), name: z.string() }).nullable().optional(),
});
export type PackSession = z.infer<typeof packSession>;

export const productCandidate = z.object({
  idproduct: z.number().int(),
  name: z.string(),
  productcode: z.string(),
  image: z.string().nullable(),
  /**
   * Inactive in Picqer (no longer sold): its barcode still names it, and the answer says so. On a
   * picklist it is packed like any other line: it is what the customer ordered.
   */
  isInactive: z.boolean().optional(),
});
export type ProductCandidate = z.infer<typeof productCandidate>;

/** Two products packers at this station have taken for each other: shown with both pictures. */
export const lookalike = z.object({
  /** On the picklist being packed. */
  product: productCandidate,
  /** The one it was taken for (or that was taken for it). */
  other: productCandidate,
  /** How often, in the period the station looks back over. */
  count: z.number().int(),
  /** Both are on this picklist: extra care when counting either. */
  isOtherOnPicklist: z.boolean(),
});
export type Lookalike = z.infer<typeof lookalike>;

export const picklistCandidate = z.object({
  idpicklist: z.number().int(),
  picklistid: z.string(),
  customer: z.string(),
  reference: z.string().nullable(),
  status: picklistStatus,
});

/**
 * A picklist whose parcel this station already packed and handed to Picqer, while Picqer has not
 * closed it yet: it is never opened for packing again (a second shipment, label and slip). What
 * the shift lead can do: retry the close when it was refused (`retryId`), reprint, or cancel the
 * shipment deliberately and pack again.
 */
export const alreadyPacked = z.object({
  idpicklist: z.number().int(),
  picklistid: z.string(),
  station: z.string(),
  packedAt: z.string(),
  /** waiting: the shipment or close is still on its way to Picqer; failed: Picqer refused it. */
  state: z.enum(['waiting', 'failed']),
  /** Picqer's answer when it refused, or why the change waits (offline, retrying). */
  reason: z.string().nullable(),
  /** What Picqer answered, as data the screen words in the packer's language. */
  answer: picqerAnswer.nullable(),
  /** The set-aside change a retry sends again; null while nothing is set aside. */
  retryId: z.number().int().nullable(),
  /** The parcel's shipment in Picqer, once made. */
  idshipment: z.number().int().nullable(),
});
export type AlreadyPacked = z.infer<typeof alreadyPacked>;

/**
 * The answer to one scan, whatever it was: an acknowledgement, never a copy of the state. `kind`
 * says what the scan turned out to be; a product scan carries its outcome, a refusal its reason.
 * `revision` is the state revision the scan produced: the session it left arrives as
 * `session.changed` with that revision or an older one, before this answer. The Undo button and
 * a line confirmed by hand answer in the same shape ('undone'; 'product' with its outcome), so the
 * panel always says what happened last.
 */
export const scanAnswer = z.object({
  kind: z.enum([
    'product',
    'undone',
    'opened',
    'batch_opened',
    'choose_picklist',
    'blocked',
    'already_packed',
    'command',
    'quantity',
    'packaging',
    'not_found',
    'no_packer',
    'signed_in',
    'badge_refused',
  ]),
  outcome: scanOutcome.nullable(),
  code: z.string(),
  amount: z.number().int(),
  /** The product the scan resolved to (also for wrong_item, to name it). */
  product: productCandidate.nullable(),
  /** ambiguous: the products sharing this barcode on the picklist; choose_picklist: the matches. */
  productChoices: z.array(productCandidate),
  picklistChoices: z.array(picklistCandidate),
  command: scanCommand.nullable(),
  /** Why it was refused, or what it said more than its kind: the screen words it. */
  reason: reasonSchema.nullable(),
  /**
   * packaging: the packaging chosen; signed_in: who signed in; batch_opened: the batch's number as
   * printed on its PDF. Names from Picqer, not sentences.
   */
  name: z.string().nullable(),
  /** already_packed: the parcel that stands, and what can be done about it. */
  packed: alreadyPacked.nullable(),
  /**
   * opened: the picklist opened (its number), so the answer names it without the session; in a
   * batch, the picklist the unit went to (or was refused for).
   */
  picklistid: z.string().nullable(),
  /** In a batch: the slot the unit goes to (shown large); null outside a batch or when refused. */
  slot: z.number().int().nullable(),
  revision: z.number().int(),
});
export type ScanAnswer = z.infer<typeof scanAnswer>;

/** The reasons a unit's serial is refused with while the unit keeps waiting for another. */
const serialRefusals: ReadonlySet<string> = new Set(['scan.serialTaken', 'batch.serialTaken']);

/** A serial given for the waiting unit was refused (already packed): a refusal, though the unit still waits. */
export function isRefusedSerial(answer: Pick<ScanAnswer, 'kind' | 'outcome'> & Partial<Pick<ScanAnswer, 'reason'>>): boolean {
  return answer.kind === 'product' && answer.outcome === 'serial_needed' && answer.reason !== undefined && answer.reason !== null && serialRefusals.has(answer.reason.code);
}

/** An answer with what it says; everything it does not name is empty (nothing found, nothing to choose). */
export function scanAnswerOf(fields: Partial<ScanAnswer> & Pick<ScanAnswer, 'kind' | 'code' | 'revision'>): ScanAnswer {
  return {
    outcome: null,
    amount: 1,
    product: null,
    productChoices: [],
    picklistChoices: [],
    packed: null,
    command: null,
    reason: null,
    name: null,
    picklistid: null,
    slot: null,
    ...fields,
  };
}

/**
 * What a command that changes state answers: what happened and why, and the revision of the state
 * it left, never a copy of the state. Pack commands: the session's revision (session.changed with
 * it went out before); station commands (Setup, sign-in, practice, shift lead): the event bus's,
 * whose app.state event went out before.
 */
export const commandAck = z.object({
  outcome: z.enum(['done', 'unchanged', 'handed_over', 'problem_reported', 'left']),
  reason: reasonSchema.nullable(),
  revision: z.number().int(),
});
export type CommandAck = z.infer<typeof commandAck>;


export const parcel = z.object({
  idshipment: z.number().int().nullable(),
  idpicklist: z.number().int(),
  picklistid: z.string(),
  customer: z.string(),
  packer: person.nullable(),
  packedAt: z.string(),
  shippingMethod: z.string().nullable(),
  trackingCode: z.string().nullable(),
  /** Every box of the parcel with its tracking code (and its own shipment, where each box was shipped alone); one entry for one box. */
  boxes: z.array(z.object({ box: z.number().int(), trackingCode: z.string().nullable(), idshipment: z.number().int().nullable() })),
  state: z.enum(['labels_pending', 'shipped', 'cancelled', 'failed']),
  /** Picqer lets a shipment be cancelled for 5 minutes after it was made. */
  canCancelUntil: z.string().nullable(),
  /** Who cancelled the shipment at this station, and when; null when it stands (or nobody was recorded). */
  cancelledBy: person.nullable(),
  cancelledAt: z.string().nullable(),
  /** Why, as the person who cancelled it said. */
  cancelReason: z.string().nullable(),
  /** The carrier's cut-off (HH:MM) the parcel was packed after that day: it missed the day's pickup. Null: in time, or no cut-off set. */
  packedAfterCutOff: z.string().nullable(),
  /** The parcel's order when lots, best-before dates or serials were recorded for it (any of its parcels): History offers its lots CSV. */
  lotOrder: z.object({ idorder: z.number().int(), orderid: z.string() }).nullable(),
  printJobs: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['label', 'packing_slip']),
      /** The box the document is for, in a parcel of several boxes; null for one box. */
      box: z.number().int().nullable(),
      status: z.enum(['queued', 'printing', 'done', 'failed']),
      error: z.string().nullable(),
      reason: reasonSchema.nullable(),
    }),
  ),
});
export type Parcel = z.infer<typeof parcel>;

export const outboxStatus = z.object({
  pending: z.number().int(),
  failed: z.number().int(),
  labelsPending: z.array(z.object({ idpicklist: z.number().int(), picklistid: z.string() })),
  lastError: z.string().nullable(),
  /** What Picqer answered that last failure, when it did: the screen words it in the packer's language. */
  lastAnswer: picqerAnswer.nullable().optional(),
});
export type OutboxStatus = z.infer<typeof outboxStatus>;

export const printJobEvent = z.object({
  id: z.number().int(),
  kind: z.enum(['label', 'packing_slip', 'product_label', 'test', 'command_sheet']),
  idpicklist: z.number().int().nullable(),
  /** The picklist number the packer knows (P2026-00006), never only Picqer's internal id. */
  picklistid: z.string().nullable(),
  status: z.enum(['queued', 'printing', 'done', 'failed']),
  /** Why it failed, as the printer or its driver said it (their own words). */
  error: z.string().nullable(),
  /** Why it failed when Packdesk says it (no printer set...): the screen words it. */
  reason: reasonSchema.nullable(),
});
export type PrintJobEvent = z.infer<typeof printJobEvent>;

/**
 * What the pack screen shows, as main has it now, with its revision: the open picklist, or the open
 * batch (never both). A read older than an event is not applied.
 */
export const sessionState = z.object({ revision: z.number().int(), session: packSession.nullable(), batch: batchView.nullable() });
export type SessionState = z.infer<typeof sessionState>;
