import type { Database } from 'better-sqlite3';
import type { Warehouse } from '../../../../shared/domain';
import type { PicqerWarehouse } from '../../../../shared/picqer-types';
import { bool, removeMissing, statement } from '../statements';

/*
 * The cached warehouses. Picqer lists them whole (not paginated), so the replace also removes
 * the ones it no longer lists, in one transaction.
 */

export function replaceWarehouses(db: Database, items: PicqerWarehouse[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO warehouses (idwarehouse, name, is_active, raw_json, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (idwarehouse) DO UPDATE SET name = excluded.name, is_active = excluded.is_active,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const w of items) upsert.run(w.idwarehouse, w.name, bool(w.active), JSON.stringify(w), syncedAt);
    removeMissing(db, 'warehouses', 'idwarehouse', items.map((w) => w.idwarehouse));
  })();
}

interface WarehouseRow {
  idwarehouse: number;
  name: string;
  is_active: number;
}

const toWarehouse = (row: WarehouseRow): Warehouse => ({ idwarehouse: row.idwarehouse, name: row.name, isActive: row.is_active === 1 });

export function getWarehouses(db: Database): Warehouse[] {
  const rows = statement(db, 'SELECT idwarehouse, name, is_active FROM warehouses ORDER BY name COLLATE NOCASE').all() as WarehouseRow[];
  return rows.map(toWarehouse);
}

export function getWarehouse(db: Database, idwarehouse: number): Warehouse | null {
  const row = statement(db, 'SELECT idwarehouse, name, is_active FROM warehouses WHERE idwarehouse = ?').get(idwarehouse) as
    | WarehouseRow
    | undefined;
  return row ? toWarehouse(row) : null;
}
