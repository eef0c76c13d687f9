import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for database files, removed by the returned cleanup. */
export function tempDir(): { dir: string; file(name?: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-db-'));
  return { dir, file: (name = 'cache.sqlite') => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
