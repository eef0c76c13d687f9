import { z } from 'zod';
import { person } from './domain';
import { reasonSchema } from './reasons';
import { scanOutcome } from './scan-outcome';

/*
 * A picklist batch at the packing station (issue 17), as main keeps it and the renderer shows it.
 * Picqer's picker collected the products of many picklists in one round; the station turns the
 * batch back into parcels. Each picklist of the batch has a slot (1..n, Picqer's order): a product
 * scan goes to the lowest slot that still wants that product, counts there, and a picklist whose
 * every unit is verified completes on its own (shipment, label, slip, close) while the packer goes
 * on. A singles batch is the same routing with one unit per picklist: every product scan is one
 * parcel, its label printing on the scan.
 */

export const batchTypes = ['normal', 'singles'] as const;
export const batchType = z.enum(batchTypes);
export type BatchType = z.infer<typeof batchType>;

/**
 * Where a slot's picklist stands:
 * - waiting: nothing counted yet; packing: some units counted;
 * - verified: every unit counted, but it cannot complete (reason says why: a shipping method to
 *   choose, an extra field); the packer reports a problem or sets it right in Picqer;
 * - sent: handed to the outbox (shipment, label, slip and close on their way or done);
 * - labels_pending: handed over offline, its label waits for the connection;
 * - alert: the outbox stopped the parcel (Picqer changed under it), reason says why;
 * - problem: the packer reported a problem; its units are set aside;
 * - refused: Picqer paused, cancelled, closed or snoozed it, or it is packed elsewhere; reason says
 *   why, and nothing more is counted on it.
 */
export const batchSlotStates = ['waiting', 'packing', 'verified', 'sent', 'labels_pending', 'alert', 'problem', 'refused'] as const;
export const batchSlotState = z.enum(batchSlotStates);
export type BatchSlotState = z.infer<typeof batchSlotState>;

export const batchSlot = z.object({
  slot: z.number().int().min(1),
  idpicklist: z.number().int(),
  picklistid: z.string(),
  /** Picqer's short name of the picklist in the batch (tote), when it sends one. */
  alias: z.string().nullable(),
  customer: z.string(),
  units: z.number().int(),
  verifiedUnits: z.number().int(),
  state: batchSlotState,
  reason: reasonSchema.nullable(),
  /** The slot's pack session, once a unit was counted on it. */
  packSessionId: z.number().int().nullable(),
});
export type BatchSlot = z.infer<typeof batchSlot>;

export const batchView = z.object({
  /** The station's batch session (local id). */
  id: z.number().int(),
  idpicklistBatch: z.number().int(),
  picklistBatchid: z.string(),
  type: batchType,
  slots: z.array(batchSlot),
  /** Units of the picklists still to pack here (not refused, no problem). */
  units: z.number().int(),
  verifiedUnits: z.number().int(),
  /** Parcels handed to the outbox from this batch. */
  parcelsSent: z.number().int(),
  /** Every slot is sent, set aside or refused: the packer closes the batch. */
  isDone: z.boolean(),
  /** The box a packaging scan chose for the batch's parcels from then on. */
  packaging: z.object({ idpackaging: z.number().int(), name: z.string() }).nullable(),
  packer: person.nullable(),
  /** The last scan's word, so a reloaded screen shows where the last unit went. */
  lastScan: z
    .object({
      outcome: scanOutcome,
      code: z.string(),
      amount: z.number().int(),
      productName: z.string().nullable(),
      /** The slot the unit went to; null when it was refused. */
      slot: z.number().int().nullable(),
      picklistid: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  /**
   * A unit of a product that counts only with its serial, routed to its slot and waiting there for
   * the serial (issue 18): the screen asks for it, whatever it showed before a reload.
   */
  serialWanted: z
    .object({ idproduct: z.number().int(), name: z.string(), slot: z.number().int().min(1), picklistid: z.string() })
    .nullable()
    .optional(),
  isOnline: z.boolean(),
  /** A quantity scanned (PD:QTY:n) for the next product scan, until `expiresAt`. */
  pendingQuantity: z.object({ amount: z.number().int(), expiresAt: z.string() }).nullable(),
});
export type BatchView = z.infer<typeof batchView>;

/** An open batch of the station's warehouse, as the queue lists it for opening by hand. */
export const batchSummary = z.object({
  idpicklistBatch: z.number().int(),
  picklistBatchid: z.string(),
  type: batchType,
  totalPicklists: z.number().int(),
  totalProducts: z.number().int(),
  /** Who Picqer assigned the batch to (its picker), when anyone. */
  assignedTo: z.string().nullable(),
  /** The station has the batch's picklists and products (its detail): it can be packed here. */
  canOpen: z.boolean(),
});
export type BatchSummary = z.infer<typeof batchSummary>;
