import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, logCapBytes, logFilesKept, logRotateBytes, logToFile, setLogSink } from '../../../electron/main/infra/log';
import { logEntries, logFiles } from '../../helpers/log-files';

/*
 * The station's log file: it rolls over at a size and keeps a few files, so twenty stations'
 * logs stop growing; and a line logged is on disk at once, so a station killed a moment later
 * still tells what it did.
 */

const dir = mkdtempSync(join(tmpdir(), 'pd-log-file-'));

afterAll(() => {
  setLogSink((line) => process.stderr.write(`${line.message}\n`), 'warn');
  rmSync(dir, { recursive: true, force: true });
});

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the log file', () => {
  it('is capped at about 25 MB: five files of 5 MB', () => {
    expect(logRotateBytes).toBe(5 * 1024 * 1024);
    expect(logFilesKept).toBe(5);
    expect(logCapBytes).toBe(25 * 1024 * 1024);
  });

  it('rolls over at its size and keeps only the newest files, the single file of older versions too', async () => {
    const path = join(dir, 'rotate', 'logs', 'packdesk.log');
    mkdirSync(join(dir, 'rotate', 'logs'), { recursive: true });
    writeFileSync(path, 'a line from before rotation\n');
    const limits = { rotateBytes: 1024, filesKept: 3 };
    await logToFile(path, 'debug', limits);
    const log = createLogger('rotate');
    const lines = 200;
    for (let i = 0; i < lines; i++) {
      log.info('a line that takes up room in the file', { i });
      // Written before the call returns: no waiting for a flush.
      expect(readFileSync(logFiles(path).at(-1) ?? '', 'utf8')).toContain(`"i":${i},`);
      await yieldToEvents();
    }
    await expect.poll(() => logFiles(path).map((file) => basename(file)), { timeout: 10_000 }).toHaveLength(limits.filesKept);
    const files = logFiles(path);
    expect(files.map((file) => basename(file))).not.toContain('packdesk.0.log');
    const longest = Math.max(...logEntries(path).map((entry) => JSON.stringify(entry).length + 1));
    for (const file of files) expect(statSync(file).size).toBeLessThanOrEqual(limits.rotateBytes + longest);

    // What is kept is the end of the story, in order, none missing.
    const kept = logEntries(path).map((entry) => entry.i);
    expect(kept.at(-1)).toBe(lines - 1);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => lines - kept.length + k));
    expect(kept.length).toBeGreaterThan(limits.filesKept);
  });

  it('keeps readable lines: level, time, scope, message and fields', async () => {
    const path = join(dir, 'lines', 'logs', 'packdesk.log');
    await logToFile(path, 'info');
    createLogger('sync').info('rows in flight at start are unknown now', { count: 2 });
    createLogger('sync').debug('below the level: not written');
    expect(logEntries(path)).toEqual([{ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), scope: 'sync', msg: 'rows in flight at start are unknown now', count: 2 }]);
  });

  it('holds every line logged before a SIGKILL', async () => {
    const path = join(dir, 'kill', 'logs', 'packdesk.log');
    const child = fileURLToPath(new URL('./log-kill-child.ts', import.meta.url));
    const count = 500;
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const run = spawn(process.execPath, ['--import', 'tsx', child, path, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
      run.on('error', reject);
      run.on('exit', (_code, signal) => resolve(signal));
    });
    expect(signal).toBe('SIGKILL');
    expect(logEntries(path).map((entry) => entry.i)).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});
