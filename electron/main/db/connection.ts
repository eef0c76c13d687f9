import BetterSqlite3, { type Database } from 'better-sqlite3';
import { foldForSearch } from './fold';
import { migrate } from './migrate';

export type { Database } from 'better-sqlite3';

/**
 * Opens (or creates) the station's database and brings its schema up to date. `':memory:'` gives a
 * private in-memory database for tests. WAL lets the UI read while sync writes; NORMAL
 * synchronous is safe under WAL (a power cut can lose the last commits, never corrupt).
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.function('pd_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldForSearch(value) : null));
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
