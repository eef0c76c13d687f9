import type { Database } from 'better-sqlite3';
import type { PicqerTemplate } from '../../../../shared/picqer-types';
import { bool, removeMissing, statement } from '../statements';

/*
 * The cached Picqer document templates. Picqer lists them whole (not paginated), so the replace
 * also removes the ones it no longer lists, in one transaction.
 */

export function replaceTemplates(db: Database, items: PicqerTemplate[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO templates (idtemplate, name, is_default, raw_json, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (idtemplate) DO UPDATE SET name = excluded.name, is_default = excluded.is_default,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const t of items) upsert.run(t.idtemplate, t.name, bool(t.default), JSON.stringify(t), syncedAt);
    removeMissing(db, 'templates', 'idtemplate', items.map((t) => t.idtemplate));
  })();
}
