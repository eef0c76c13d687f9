import type { Database, Statement } from 'better-sqlite3';

const cache = new WeakMap<Database, Map<string, Statement>>();

/** A prepared statement, compiled once per connection: these queries run on the scan path. */
export function statement(db: Database, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let prepared = perDb.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    perDb.set(sql, prepared);
  }
  return prepared;
}

export const bool = (value: boolean): number => (value ? 1 : 0);

/** Raw payloads are kept beside the columns for debugging only. */
export function rawJson(raw: unknown): string | null {
  return raw === undefined ? null : JSON.stringify(raw);
}

/**
 * Deletes the rows of a table Picqer no longer lists, for the tables Picqer sends whole (not
 * paginated). `table` and `idColumn` are fixed names from the query modules, never input.
 */
export function removeMissing(db: Database, table: string, idColumn: string, ids: number[]): void {
  statement(db, `DELETE FROM ${table} WHERE ${idColumn} NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
}
