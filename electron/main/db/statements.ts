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
