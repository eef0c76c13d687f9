import type { Database } from 'better-sqlite3';
import type { Logger } from '../infra/log';
import type { PackServiceDeps } from './types';

/** What the pack modules share: the deps, the station's db and its clock as text. */
export interface PackContext {
  deps: PackServiceDeps;
  db: Database;
  log: Logger;
  /** ISO 8601 from the injected clock. */
  now(): string;
}
