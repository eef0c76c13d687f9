import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { expect } from 'vitest';
import { missingToolsDirVariable, type MissingToolRecord } from './missing-tools-reporter';

export { missingToolsDirVariable };

/*
 * Tests that need a program from the system (pdftotext, zbarimg, cupsd, socat, ...) skip where it
 * is missing, and say so: each test file that finds a tool missing leaves a record here, and the
 * missing-tools reporter counts that file's skipped tests at the end of the run, prints which
 * tools they need and fails the run under CI (test/helpers/missing-tools-reporter.ts).
 */


/** A program on PATH, or an absolute path that exists. */
export function isInstalled(tool: string): boolean {
  if (isAbsolute(tool)) return existsSync(tool);
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' }).status === 0;
}

/**
 * The tools of the list that are not installed, recorded for the run's summary when any is
 * missing. Call it at the top of a test file and skip with `describe.skipIf(missing.length > 0)`.
 */
export function requireTools(tools: readonly string[], packages: string, isPresent: (tool: string) => boolean = isInstalled): string[] {
  const missing = tools.filter((tool) => !isPresent(tool));
  if (missing.length > 0) recordMissing({ file: expect.getState().testPath ?? 'unknown test file', tools: missing, packages });
  return missing;
}

function recordMissing(record: MissingToolRecord): void {
  const dir = process.env[missingToolsDirVariable];
  // Without the reporter (a single file run with another reporter) the skip is still said on stderr.
  if (!dir) {
    console.warn(`skipped: tests in ${record.file} need ${record.tools.join(', ')} (apt: ${record.packages}; run npm run setup:test)`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${randomUUID()}.json`), JSON.stringify(record));
}
