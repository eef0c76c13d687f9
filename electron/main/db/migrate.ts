import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { createLogger } from '../infra/log';
import { migrations as allMigrations, type Migration } from './migrations';

const log = createLogger('db');

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema to `to` (default: the newest). Each migration runs in its own transaction
 * together with the `user_version` bump, so a crash leaves the database at a whole version and the
 * next start continues from there. A database newer than this build is refused rather than used.
 */
export function migrate(db: Database, options: { to?: number; migrations?: readonly Migration[] } = {}): number {
  const list = [...(options.migrations ?? allMigrations)].sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = list.length;
  const target = options.to ?? latest;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError('INTERNAL', `The local database is from a newer Packdesk (schema ${current}, this build knows ${latest}).`);
  }
  for (const m of list) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    log.info('migrated', { version: m.version, name: m.name });
  }
  return schemaVersion(db);
}
