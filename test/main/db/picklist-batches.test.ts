import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import {
  findPicklistBatchByCode,
  getPicklistBatch,
  listOpenPicklistBatches,
  removeUnlistedOpenBatches,
  upsertPicklistBatchDetail,
  upsertPicklistBatches,
} from '../../../electron/main/db/queries/picklist-batches';
import { upsertPicklists } from '../../../electron/main/db/queries/picklists';
import type { PicqerPicklistBatch, PicqerPicklistBatchDetail } from '../../../shared/picqer-types';
import { picklist } from './factories';

const at = '2026-12-03T09:00:00.000Z';
let db: Database;

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

function batch(over: Partial<PicqerPicklistBatch> = {}): PicqerPicklistBatch {
  return {
    idpicklist_batch: 3301,
    picklist_batchid: '101',
    idwarehouse: 1829,
    type: 'normal',
    status: 'open',
    assigned_to: { iduser: 21, full_name: 'Sanne de Vries', username: 'sanne' },
    completed_by: null,
    total_products: 5,
    total_picklists: 3,
    completed_at: null,
    created_at: '2026-12-03 08:00:00',
    updated_at: '2026-12-03 08:00:00',
    ...over,
  };
}

const entry = (idpicklist: number) => ({ idpicklist, picklistid: `P${String(idpicklist)}`, reference: null, alias: null, status: 'new' as const, total_products: 1, delivery_name: null });

function detail(order: number[], over: Partial<PicqerPicklistBatchDetail> = {}): PicqerPicklistBatchDetail {
  return {
    ...batch(),
    picklists: order.map(entry),
    products: [
      { idproduct: 7, productcode: 'MUG', name: 'Mug', stock_location: null, picklists: order.map((idpicklist) => ({ idpicklist, amount: 1, amount_picked: 0, amount_collected: 0 })) },
      { idproduct: 8, productcode: 'CAP', name: 'Cap', stock_location: null, picklists: [{ idpicklist: order[0] as number, amount: 2, amount_picked: 1, amount_collected: 1 }] },
    ],
    ...over,
  };
}

describe('picklist batches in the cache', () => {
  it('keeps the picklists in the order Picqer lists them, numbered 1..n, whatever their ids', () => {
    upsertPicklistBatchDetail(db, detail([30, 10, 20]), at);
    const cached = getPicklistBatch(db, 3301);
    expect(cached?.picklists.map((p) => [p.slot, p.idpicklist, p.picklistid])).toEqual([
      [1, 30, 'P30'],
      [2, 10, 'P10'],
      [3, 20, 'P20'],
    ]);
    expect(cached).toMatchObject({ picklistBatchid: '101', type: 'normal', status: 'open', assignedToName: 'Sanne de Vries', hasDetail: true });
    // Several picklists wanting the same product come in slot order.
    expect(cached?.products.filter((p) => p.idproduct === 7).map((p) => p.idpicklist)).toEqual([30, 10, 20]);
    expect(cached?.products.find((p) => p.idproduct === 8)).toMatchObject({ idpicklist: 30, amount: 2, amountPicked: 1, amountCollected: 1 });
  });

  it('a new detail replaces the picklists and amounts, and a picklist listed twice keeps its first slot', () => {
    upsertPicklistBatchDetail(db, detail([10, 20, 10]), at);
    expect(getPicklistBatch(db, 3301)?.picklists.map((p) => [p.slot, p.idpicklist])).toEqual([
      [1, 10],
      [2, 20],
    ]);
  });

  it('keeps every picklist in its slot when the batch changes: a dropped slot is not reused, a new picklist gets the next', () => {
    upsertPicklistBatchDetail(db, detail([30, 10, 20]), at);
    upsertPicklistBatchDetail(db, detail([10, 40, 20]), at);
    expect(getPicklistBatch(db, 3301)?.picklists.map((p) => [p.slot, p.idpicklist])).toEqual([
      [2, 10],
      [3, 20],
      [4, 40],
    ]);
    // The last slot dropped and a picklist joining after: the dropped number stays unused.
    upsertPicklistBatchDetail(db, detail([10, 20]), at);
    upsertPicklistBatchDetail(db, detail([10, 20, 50]), at);
    expect(getPicklistBatch(db, 3301)?.picklists.map((p) => [p.slot, p.idpicklist])).toEqual([
      [2, 10],
      [3, 20],
      [5, 50],
    ]);
  });

  it('marks cached picklists with their batch, and clears the mark when the batch drops them', () => {
    upsertPicklists(db, [picklist({ idpicklist: 10, picklistid: 'P10' }), picklist({ idpicklist: 20, picklistid: 'P20' })], at);
    upsertPicklistBatchDetail(db, detail([10, 20]), at);
    const batchOf = () => db.prepare('SELECT idpicklist, idpicklist_batch FROM picklists ORDER BY idpicklist').all();
    expect(batchOf()).toEqual([
      { idpicklist: 10, idpicklist_batch: 3301 },
      { idpicklist: 20, idpicklist_batch: 3301 },
    ]);
    upsertPicklistBatchDetail(db, detail([20]), at);
    expect(batchOf()).toEqual([
      { idpicklist: 10, idpicklist_batch: null },
      { idpicklist: 20, idpicklist_batch: 3301 },
    ]);
  });

  it('a list row updates the batch without losing the detail read before', () => {
    upsertPicklistBatchDetail(db, detail([10, 20]), at);
    upsertPicklistBatches(db, [batch({ total_picklists: 2, assigned_to: null })], at);
    const cached = getPicklistBatch(db, 3301);
    expect(cached).toMatchObject({ hasDetail: true, assignedToIduser: null, totalPicklists: 2 });
    expect(cached?.picklists).toHaveLength(2);
    upsertPicklistBatches(db, [batch({ idpicklist_batch: 3302, picklist_batchid: '102', type: 'singles' })], at);
    expect(getPicklistBatch(db, 3302)).toMatchObject({ hasDetail: false, type: 'singles', picklists: [], products: [] });
  });

  it('finds a batch by its printed number or its id', () => {
    upsertPicklistBatches(db, [batch(), batch({ idpicklist_batch: 101, picklist_batchid: '7' })], at);
    expect(findPicklistBatchByCode(db, ' 101 ')?.idpicklistBatch).toBe(3301);
    expect(findPicklistBatchByCode(db, '3301')?.idpicklistBatch).toBe(3301);
    expect(findPicklistBatchByCode(db, '7')?.idpicklistBatch).toBe(101);
    expect(findPicklistBatchByCode(db, 'nope')).toBeNull();
  });

  it('forgets open batches of the warehouse that Picqer no longer lists as open, with their picklists', () => {
    upsertPicklists(db, [picklist({ idpicklist: 10, picklistid: 'P10' })], at);
    upsertPicklistBatchDetail(db, detail([10]), at);
    upsertPicklistBatches(db, [batch({ idpicklist_batch: 3302, picklist_batchid: '102' }), batch({ idpicklist_batch: 4001, picklist_batchid: '9', idwarehouse: 1830 })], at);
    expect(removeUnlistedOpenBatches(db, 1829, [3302])).toBe(1);
    expect(getPicklistBatch(db, 3301)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM picklist_batch_picklists').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT idpicklist_batch FROM picklists').get()).toEqual({ idpicklist_batch: null });
    expect(listOpenPicklistBatches(db, 1829).map((b) => b.idpicklistBatch)).toEqual([3302]);
    expect(listOpenPicklistBatches(db, 1830).map((b) => b.idpicklistBatch)).toEqual([4001]);
  });
});
