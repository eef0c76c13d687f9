import type { Database } from 'better-sqlite3';
import { statement } from '../statements';

/** Sync cursors and the resumable bootstrap position, as JSON values by key. */
export function readSyncState<T>(db: Database, key: string): T | null {
  const row = statement(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

/** Written inside the caller's transaction when it belongs with a page of data. */
export function writeSyncState(db: Database, key: string, value: unknown, at: string): void {
  statement(
    db,
    `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), at);
}

export function deleteSyncState(db: Database, key: string): void {
  statement(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
}
