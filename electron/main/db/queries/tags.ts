import type { Database } from 'better-sqlite3';
import type { Tag } from '../../../../shared/domain';
import type { PicqerTag } from '../../../../shared/picqer-types';
import { statement } from '../statements';

/* The cached tags, and the tags of a picklist and its order as the pack screen shows them. */

/** The picklist's tags, then its order's (a tag on both is shown once). */
export function getPackTags(db: Database, idpicklist: number, idorder: number | null): Tag[] {
  const rows = statement(
    db,
    `SELECT t.idtag, t.title, t.color, t.text_color FROM (
       SELECT idtag, 0 AS source, position FROM picklist_tags WHERE idpicklist = ?
       UNION ALL SELECT idtag, 1, position FROM order_tags WHERE idorder = ?
     ) x JOIN tags t ON t.idtag = x.idtag ORDER BY x.source, x.position`,
  ).all(idpicklist, idorder) as Array<{ idtag: number; title: string; color: string | null; text_color: string | null }>;
  const seen = new Set<number>();
  const out: Tag[] = [];
  for (const r of rows) {
    if (seen.has(r.idtag)) continue;
    seen.add(r.idtag);
    out.push({ idtag: r.idtag, title: r.title, color: r.color, textColor: r.text_color });
  }
  return out;
}

/** Tags also arrive embedded in picklists and orders; those upserts keep the tag list current. */
export function upsertTag(db: Database, tag: PicqerTag, syncedAt: string): void {
  statement(
    db,
    `INSERT INTO tags (idtag, title, color, text_color, raw_json, synced_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (idtag) DO UPDATE SET title = excluded.title, color = excluded.color, text_color = excluded.text_color,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  ).run(tag.idtag, tag.title, tag.color, tag.textColor, JSON.stringify(tag), syncedAt);
}

/** Tags are not removed when missing from the list: picklists may still carry them. */
export function upsertTags(db: Database, items: PicqerTag[], syncedAt: string): void {
  db.transaction(() => {
    for (const t of items) upsertTag(db, t, syncedAt);
  })();
}

/** Every cached tag's title. */
export function tagTitles(db: Database): string[] {
  return (statement(db, 'SELECT title FROM tags').all() as Array<{ title: string }>).map((r) => r.title);
}
