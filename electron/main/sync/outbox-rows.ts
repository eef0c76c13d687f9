import type { Database } from 'better-sqlite3';

/*
 * The outbox: every change for Picqer is a row here, written in the same transaction as the local
 * change it sends (DESIGN.md "Data"). A worker sends the rows in order per picklist. This module
 * is the shape of a row and the one way to add one; the worker lives in outbox.ts.
 */

export interface OutboxPayloads {
  assign: { iduser: number };
  unassign: Record<string, never>;
  /** Records every verified unit of the session as picked (one pickall where possible). */
  pick: { packSessionId: number; lines: Array<{ idpicklist_product: number; amount: number }> };
  /**
   * Re-reads picklist and order, stops the parcel with an alert if either changed, then creates
   * the one shipment. Never sent twice: an unknown outcome is settled by reading the shipments.
   */
  ship: {
    packSessionId: number;
    idshippingprovider_profile: number | null;
    idpackaging: number | null;
    weight: number | null;
    /** What the packer verified, to compare with the picklist Picqer has now. */
    lines: Array<{ idpicklist_product: number; amount: number }>;
    iduser: number | null;
    /**
     * Set by the pick step when Picqer's answer to this parcel's own pick showed the picklist
     * closed (an account where picking everything closes it): closed is then no reason to stop.
     */
    isClosedByPick?: boolean;
    /** The shipping method's extra fields (pickup point...), sent with the shipment; absent when none. */
    extraFields?: Record<string, string>;
  };
  /** Fetches the shipment's labels and the packing slip and queues their print jobs. */
  documents: { packSessionId: number };
  close: { packSessionId: number };
  comment: { body: string };
  snooze: { until: string };
  pause: { reason: string };
  cancel_shipment: { idshipment: number };
}

export type OutboxKind = keyof OutboxPayloads;

export interface NewOutboxRow<K extends OutboxKind = OutboxKind> {
  idpicklist: number;
  kind: K;
  payload: OutboxPayloads[K];
}

/**
 * Adds a row. Call it inside the transaction that makes the local change, so the two are
 * written together or not at all.
 */
export function enqueueOutbox<K extends OutboxKind>(db: Database, row: NewOutboxRow<K>, now: string, notBefore: string | null = null): number {
  const result = db
    .prepare(
      `INSERT INTO outbox (idpicklist, kind, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
    )
    .run(row.idpicklist, row.kind, JSON.stringify(row.payload), notBefore, now, now);
  return Number(result.lastInsertRowid);
}
