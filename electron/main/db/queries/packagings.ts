import type { Database } from 'better-sqlite3';
import type { PicqerPackaging } from '../../../../shared/picqer-types';
import { bool, removeMissing, statement } from '../statements';

/* The cached packagings: what a packaging barcode means, and their names. */

export interface CachedPackaging {
  idpackaging: number;
  name: string;
}

export function findPackagingByCode(db: Database, code: string): CachedPackaging | null {
  const row = statement(db, 'SELECT idpackaging, name FROM packagings WHERE barcode = ? AND is_active = 1 ORDER BY idpackaging LIMIT 1').get(code) as
    | CachedPackaging
    | undefined;
  return row ?? null;
}

export function getPackaging(db: Database, idpackaging: number): CachedPackaging | null {
  const row = statement(db, 'SELECT idpackaging, name FROM packagings WHERE idpackaging = ?').get(idpackaging) as CachedPackaging | undefined;
  return row ?? null;
}

export function replacePackagings(db: Database, items: PicqerPackaging[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO packagings (idpackaging, name, barcode, length, width, height, use_in_auto_advice, is_active, raw_json, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (idpackaging) DO UPDATE SET name = excluded.name, barcode = excluded.barcode, length = excluded.length,
       width = excluded.width, height = excluded.height, use_in_auto_advice = excluded.use_in_auto_advice, is_active = excluded.is_active, raw_json = excluded.raw_json,
       synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const p of items) {
      upsert.run(p.idpackaging, p.name, p.barcode, p.length, p.width, p.height, bool(p.use_in_auto_advice), bool(p.active), JSON.stringify(p), syncedAt);
    }
    removeMissing(db, 'packagings', 'idpackaging', items.map((p) => p.idpackaging));
  })();
}

export interface AdvisablePackaging extends CachedPackaging {
  barcode: string | null;
  length: number | null;
  width: number | null;
  height: number | null;
}

/** The active packagings Picqer marks for its automatic advice, with their dimensions (cm). */
export function advicePackagings(db: Database): AdvisablePackaging[] {
  return statement(
    db,
    'SELECT idpackaging, name, barcode, length, width, height FROM packagings WHERE use_in_auto_advice = 1 AND is_active = 1 ORDER BY idpackaging',
  ).all() as AdvisablePackaging[];
}
