import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { foldForSearch } from './fold';
import { migrate } from './migrate';
import { bindingLoadError, nativeBindingFor } from './native-binding';

export type { Database } from 'better-sqlite3';

export interface OpenOptions {
  /** The better-sqlite3 binary to load; by default the one for the runtime this runs in (native-binding.ts). */
  nativeBinding?: string | undefined;
}

/** Under Electron the main process runs from out/main/ (or app.asar's out/main/): two levels up is the app's root. */
function defaultBinding(): string | undefined {
  return nativeBindingFor(
    process.versions,
    { appRoot: fileURLToPath(new URL('../..', import.meta.url)), resourcesPath: (process as { resourcesPath?: string }).resourcesPath },
    existsSync,
  );
}

function connect(file: string, options: OpenOptions): Database {
  const nativeBinding = 'nativeBinding' in options ? options.nativeBinding : defaultBinding();
  try {
    return new BetterSqlite3(file, nativeBinding === undefined ? {} : { nativeBinding });
  } catch (error) {
    // A binary for another runtime is an install step to redo, said in one sentence, not a stack.
    throw bindingLoadError(error, process.versions) ?? error;
  }
}

/**
 * Loads better-sqlite3's binary at start-up. A station not yet set up opens no database until
 * Setup is saved: without this, a binary for another runtime would surface there as an internal
 * error instead of stopping the start with its one sentence.
 */
export function checkDatabaseDriver(options: OpenOptions = {}): void {
  connect(':memory:', options).close();
}

/**
 * Opens (or creates) the station's database and brings its schema up to date. `':memory:'` gives a
 * private in-memory database for tests. WAL lets the UI read while sync writes; NORMAL
 * synchronous is safe under WAL (a power cut can lose the last commits, never corrupt).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const db = connect(file, options);
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
