import type { Database } from 'better-sqlite3';
import type { PicklistBatchStatus, PicklistBatchType, PicqerPicklistBatch, PicqerPicklistBatchDetail } from '../../../../shared/picqer-types';
import { bool, rawJson, statement } from '../statements';

/*
 * The cached picklist batches (issue 17): the batch rows as GET /picklists/batches lists them, and,
 * once the detail was read, the batch's picklists in Picqer's order with their slot (1..n) and
 * the per-product amounts. Sync writes them; opening a batch at the station reads them.
 */

export interface CachedBatch {
  idpicklistBatch: number;
  picklistBatchid: string;
  idwarehouse: number | null;
  type: PicklistBatchType;
  status: PicklistBatchStatus;
  assignedToIduser: number | null;
  assignedToName: string | null;
  totalProducts: number;
  totalPicklists: number;
  /** The picklists and products below were read from the detail, not just the list row. */
  hasDetail: boolean;
}

export interface CachedBatchPicklist {
  idpicklist: number;
  /** 1..n in the order Picqer lists the batch's picklists: where "this unit goes". */
  slot: number;
  picklistid: string | null;
  reference: string | null;
  alias: string | null;
  status: string | null;
}

export interface CachedBatchProduct {
  idproduct: number;
  idpicklist: number;
  productcode: string | null;
  name: string | null;
  amount: number;
  amountPicked: number;
  amountCollected: number;
}

export interface CachedBatchWithPicklists extends CachedBatch {
  picklists: CachedBatchPicklist[];
  /** Per product and picklist, in slot order within each product. */
  products: CachedBatchProduct[];
}

const batchColumns = `idpicklist_batch AS idpicklistBatch, picklist_batchid AS picklistBatchid, idwarehouse, type, status,
  assigned_to_iduser AS assignedToIduser, assigned_to_name AS assignedToName, total_products AS totalProducts,
  total_picklists AS totalPicklists, has_detail AS hasDetail`;

type BatchRow = Omit<CachedBatch, 'hasDetail'> & { hasDetail: number };

const fromRow = (row: BatchRow): CachedBatch => ({ ...row, hasDetail: row.hasDetail === 1 });

function upsertBatchRow(db: Database, b: PicqerPicklistBatch, hasDetail: boolean, syncedAt: string): void {
  // A list row never clears a detail read before: has_detail only goes up here, and the detail's
  // children stay until the next detail replaces them.
  statement(
    db,
    `INSERT INTO picklist_batches (idpicklist_batch, picklist_batchid, idwarehouse, type, status, assigned_to_iduser,
       assigned_to_name, total_products, total_picklists, completed_at, created_at, updated_at, has_detail, raw_json, synced_at)
     VALUES (@idpicklist_batch, @picklist_batchid, @idwarehouse, @type, @status, @assigned_to_iduser,
       @assigned_to_name, @total_products, @total_picklists, @completed_at, @created_at, @updated_at, @has_detail, @raw_json, @synced_at)
     ON CONFLICT (idpicklist_batch) DO UPDATE SET picklist_batchid = excluded.picklist_batchid, idwarehouse = excluded.idwarehouse,
       type = excluded.type, status = excluded.status, assigned_to_iduser = excluded.assigned_to_iduser,
       assigned_to_name = excluded.assigned_to_name, total_products = excluded.total_products,
       total_picklists = excluded.total_picklists, completed_at = excluded.completed_at, created_at = excluded.created_at,
       updated_at = excluded.updated_at, has_detail = MAX(has_detail, excluded.has_detail), raw_json = excluded.raw_json,
       synced_at = excluded.synced_at`,
  ).run({
    idpicklist_batch: b.idpicklist_batch,
    picklist_batchid: b.picklist_batchid,
    idwarehouse: b.idwarehouse,
    type: b.type,
    status: b.status,
    assigned_to_iduser: b.assigned_to?.iduser ?? null,
    assigned_to_name: b.assigned_to ? (b.assigned_to.full_name ?? b.assigned_to.username) : null,
    total_products: Math.round(b.total_products),
    total_picklists: Math.round(b.total_picklists),
    completed_at: b.completed_at,
    created_at: b.created_at,
    updated_at: b.updated_at,
    has_detail: bool(hasDetail),
    raw_json: rawJson(b),
    synced_at: syncedAt,
  });
}

/** Upserts batch rows as the list sends them (no picklists); one transaction. */
export function upsertPicklistBatches(db: Database, batches: PicqerPicklistBatch[], syncedAt: string): void {
  db.transaction(() => {
    for (const b of batches) upsertBatchRow(db, b, false, syncedAt);
  })();
}

/**
 * Writes a batch's detail: the row, its picklists numbered 1..n in Picqer's order, the per-product
 * amounts, and `picklists.idpicklist_batch` for the cached picklists it names (cleared on those it
 * no longer does). Replaces what an earlier detail wrote, in one transaction.
 */
export function upsertPicklistBatchDetail(db: Database, detail: PicqerPicklistBatchDetail, syncedAt: string): void {
  const id = detail.idpicklist_batch;
  db.transaction(() => {
    upsertBatchRow(db, detail, true, syncedAt);
    // A picklist keeps the slot it was given (a packer may have its tote numbered so): one that
    // joins the batch later gets the next number, and a dropped one's number is not handed on.
    const kept = new Map(
      (statement(db, 'SELECT idpicklist, slot FROM picklist_batch_picklists WHERE idpicklist_batch = ?').all(id) as Array<{ idpicklist: number; slot: number }>).map(
        (r) => [r.idpicklist, r.slot],
      ),
    );
    statement(db, 'DELETE FROM picklist_batch_picklists WHERE idpicklist_batch = ?').run(id);
    statement(db, 'DELETE FROM picklist_batch_products WHERE idpicklist_batch = ?').run(id);
    const insertPicklist = statement(
      db,
      `INSERT INTO picklist_batch_picklists (idpicklist_batch, idpicklist, slot, picklistid, reference, alias, status)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idpicklist_batch, idpicklist) DO NOTHING`,
    );
    const stored = statement(db, 'SELECT next_slot AS nextSlot FROM picklist_batches WHERE idpicklist_batch = ?').get(id) as { nextSlot: number | null } | undefined;
    let next = Math.max(stored?.nextSlot ?? 1, Math.max(0, ...kept.values()) + 1);
    for (const p of detail.picklists) {
      // A picklist listed twice keeps its first place; a first detail numbers them 1..n.
      const slot = kept.get(p.idpicklist) ?? next;
      if (insertPicklist.run(id, p.idpicklist, slot, p.picklistid === '' ? null : p.picklistid, p.reference, p.alias, p.status).changes > 0 && slot === next) next++;
    }
    statement(db, 'UPDATE picklist_batches SET next_slot = ? WHERE idpicklist_batch = ?').run(next, id);
    const addProduct = statement(
      db,
      `INSERT INTO picklist_batch_products (idpicklist_batch, idproduct, idpicklist, productcode, name, amount, amount_picked, amount_collected)
       VALUES (@id, @idproduct, @idpicklist, @productcode, @name, @amount, @amount_picked, @amount_collected)
       ON CONFLICT (idpicklist_batch, idproduct, idpicklist) DO UPDATE SET amount = amount + excluded.amount,
         amount_picked = amount_picked + excluded.amount_picked, amount_collected = amount_collected + excluded.amount_collected`,
    );
    for (const product of detail.products) {
      for (const e of product.picklists) {
        addProduct.run({
          id,
          idproduct: product.idproduct,
          idpicklist: e.idpicklist,
          productcode: product.productcode === '' ? null : product.productcode,
          name: product.name === '' ? null : product.name,
          amount: Math.round(e.amount),
          amount_picked: Math.round(e.amount_picked),
          amount_collected: Math.round(e.amount_collected),
        });
      }
    }
    statement(
      db,
      `UPDATE picklists SET idpicklist_batch = NULL
       WHERE idpicklist_batch = @id AND idpicklist NOT IN (SELECT idpicklist FROM picklist_batch_picklists WHERE idpicklist_batch = @id)`,
    ).run({ id });
    statement(db, 'UPDATE picklists SET idpicklist_batch = @id WHERE idpicklist IN (SELECT idpicklist FROM picklist_batch_picklists WHERE idpicklist_batch = @id)').run({ id });
  })();
}

/**
 * After a full pull of a warehouse's open batches: batches of that warehouse still cached as open
 * that Picqer no longer lists as open are gone from the station (completed or deleted), with
 * their picklists' batch ids.
 */
export function removeUnlistedOpenBatches(db: Database, idwarehouse: number, listedIds: number[]): number {
  return db.transaction(() => {
    const gone = `SELECT idpicklist_batch FROM picklist_batches
      WHERE idwarehouse = @idwarehouse AND status = 'open' AND idpicklist_batch NOT IN (SELECT value FROM json_each(@listed))`;
    const params = { idwarehouse, listed: JSON.stringify(listedIds) };
    statement(db, `UPDATE picklists SET idpicklist_batch = NULL WHERE idpicklist_batch IN (${gone})`).run(params);
    return statement(db, `DELETE FROM picklist_batches WHERE idpicklist_batch IN (${gone})`).run(params).changes;
  })();
}

export function getPicklistBatch(db: Database, idpicklistBatch: number): CachedBatchWithPicklists | null {
  const row = statement(db, `SELECT ${batchColumns} FROM picklist_batches WHERE idpicklist_batch = ?`).get(idpicklistBatch) as BatchRow | undefined;
  if (!row) return null;
  const picklists = statement(
    db,
    'SELECT idpicklist, slot, picklistid, reference, alias, status FROM picklist_batch_picklists WHERE idpicklist_batch = ? ORDER BY slot',
  ).all(idpicklistBatch) as CachedBatchPicklist[];
  const products = statement(
    db,
    `SELECT bp.idproduct, bp.idpicklist, bp.productcode, bp.name, bp.amount, bp.amount_picked AS amountPicked, bp.amount_collected AS amountCollected
     FROM picklist_batch_products bp
     LEFT JOIN picklist_batch_picklists bl ON bl.idpicklist_batch = bp.idpicklist_batch AND bl.idpicklist = bp.idpicklist
     WHERE bp.idpicklist_batch = ? ORDER BY bp.idproduct, COALESCE(bl.slot, 2147483647), bp.idpicklist`,
  ).all(idpicklistBatch) as CachedBatchProduct[];
  return { ...fromRow(row), picklists, products };
}

/** A scanned batch number (as printed on Picqer's batch PDF) or batch id, newest batch first. */
export function findPicklistBatchByCode(db: Database, code: string): CachedBatch | null {
  const text = code.trim();
  if (text === '') return null;
  const row = statement(
    db,
    `SELECT ${batchColumns} FROM picklist_batches
     WHERE picklist_batchid = @text OR (@asId IS NOT NULL AND idpicklist_batch = @asId)
     ORDER BY picklist_batchid = @text DESC, idpicklist_batch DESC LIMIT 1`,
  ).get({ text, asId: /^\d{1,15}$/.test(text) ? Number(text) : null }) as BatchRow | undefined;
  return row ? fromRow(row) : null;
}

/** Open batches of a warehouse, oldest first. */
export function listOpenPicklistBatches(db: Database, idwarehouse: number): CachedBatch[] {
  const rows = statement(db, `SELECT ${batchColumns} FROM picklist_batches WHERE idwarehouse = ? AND status = 'open' ORDER BY idpicklist_batch`).all(idwarehouse) as BatchRow[];
  return rows.map(fromRow);
}

/**
 * Which of these batches need their detail read: not cached with a detail, or changed in Picqer
 * since (another `updated_at`). Picks are read from the picklists themselves, so an unchanged
 * batch is not asked for again on every refresh.
 */
export function batchesNeedingDetail(db: Database, batches: PicqerPicklistBatch[]): number[] {
  const cached = statement(db, 'SELECT updated_at AS updatedAt, has_detail AS hasDetail FROM picklist_batches WHERE idpicklist_batch = ?');
  return batches
    .filter((b) => {
      const row = cached.get(b.idpicklist_batch) as { updatedAt: string | null; hasDetail: number } | undefined;
      return !row || row.hasDetail !== 1 || row.updatedAt !== b.updated_at;
    })
    .map((b) => b.idpicklist_batch);
}
