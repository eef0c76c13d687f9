import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/*
 * The reporter runs in vitest's main process, which must not import `vitest` itself: what the
 * test workers share with it (test/helpers/requires-tool.ts) is defined here.
 */

/** The folder the reporter made for this run; the test workers inherit it from the main process. */
export const missingToolsDirVariable = 'PACKDESK_MISSING_TOOLS_DIR';

export interface MissingToolRecord {
  /** The test file whose skipped tests need the tools. */
  file: string;
  tools: string[];
  /** The Debian/Ubuntu packages that bring them. */
  packages: string;
}

export interface MissingToolsSummary {
  /** One line per tool list, e.g. `skipped: 12 tests need pdftotext, zbarimg (apt: ...; run npm run setup:test)`. */
  lines: string[];
  /** Tests skipped in files that found a tool missing. */
  skipped: number;
}

/**
 * What the end of the run says about tests skipped for a missing tool; `skippedIn` counts a file's
 * skipped tests. A file that found several tools missing is counted once, under all of them.
 */
export function summariseMissingTools(records: readonly MissingToolRecord[], skippedIn: (file: string) => number): MissingToolsSummary {
  const byFile = new Map<string, { tools: Set<string>; packages: Set<string> }>();
  for (const record of records) {
    const entry = byFile.get(record.file) ?? { tools: new Set<string>(), packages: new Set<string>() };
    for (const tool of record.tools) entry.tools.add(tool);
    for (const pkg of record.packages.split(/\s+/).filter(Boolean)) entry.packages.add(pkg);
    byFile.set(record.file, entry);
  }
  const byTools = new Map<string, { count: number; packages: Set<string> }>();
  for (const [file, { tools, packages }] of byFile) {
    const count = skippedIn(file);
    if (count === 0) continue;
    const key = [...tools].sort().join(', ');
    const group = byTools.get(key) ?? { count: 0, packages: new Set<string>() };
    group.count += count;
    for (const pkg of packages) group.packages.add(pkg);
    byTools.set(key, group);
  }
  const lines = [...byTools]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tools, { count, packages }]) => `skipped: ${count} ${count === 1 ? 'test needs' : 'tests need'} ${tools} (apt: ${[...packages].sort().join(' ')}; run npm run setup:test)`);
  return { lines, skipped: [...byTools.values()].reduce((sum, group) => sum + group.count, 0) };
}

/** Under CI a test skipped for a missing tool fails the run: CI must have every tool. */
export function shouldFailRun(summary: MissingToolsSummary, env: NodeJS.ProcessEnv): boolean {
  return summary.skipped > 0 && Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

function readRecords(dir: string): MissingToolRecord[] {
  const records: MissingToolRecord[] = [];
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.json')) records.push(JSON.parse(readFileSync(join(dir, name), 'utf8')) as MissingToolRecord);
  }
  return records;
}

/** Listed in vitest.config.ts beside the default reporter. */
export default class MissingToolsReporter implements Reporter {
  private dir: string | null = null;

  onInit(): void {
    this.dir = mkdtempSync(join(tmpdir(), 'packdesk-missing-tools-'));
    // Set before the workers start, so each inherits it.
    process.env[missingToolsDirVariable] = this.dir;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (!this.dir) return;
    const records = readRecords(this.dir);
    rmSync(this.dir, { recursive: true, force: true });
    const skippedIn = (file: string): number => {
      const testModule = testModules.find((candidate) => candidate.moduleId === file);
      return testModule ? [...testModule.children.allTests('skipped')].length : 0;
    };
    const summary = summariseMissingTools(records, skippedIn);
    if (summary.lines.length === 0) return;
    const isFailing = shouldFailRun(summary, process.env);
    process.stderr.write(`\n${summary.lines.join('\n')}\n`);
    if (isFailing) {
      process.stderr.write('CI: failing the run, a test was skipped because a tool is missing.\n');
      process.exitCode = 1;
    }
  }
}
