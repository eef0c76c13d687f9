import type { Migration } from './types';
import initial from './0001-initial';

/** Every migration in order. A new one is appended here and gets a case in the migration test. */
export const migrations: readonly Migration[] = [initial];

export type { Migration } from './types';
