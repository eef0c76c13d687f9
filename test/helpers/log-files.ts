import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/*
 * The station's log as it is on disk: logToFile('logs/packdesk.log') writes numbered files
 * (packdesk.1.log, packdesk.2.log, ...), one JSON object a line.
 */

export interface LogEntry {
  level: string;
  time: string;
  scope: string;
  msg: string;
  [field: string]: unknown;
}

/** The numbered files of a log path, oldest first. */
export function logFiles(path: string): string[] {
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const extension = extname(path);
  const pattern = new RegExp(`^${basename(path, extension).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)${extension.replace('.', '\\.')}$`);
  return readdirSync(dir)
    .map((name) => ({ name, number: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((file) => Number.isInteger(file.number))
    .sort((a, b) => a.number - b.number)
    .map((file) => join(dir, file.name));
}

/** Every line of every numbered file, oldest first. */
export function logText(path: string): string {
  return logFiles(path)
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
}

/** Every entry of every numbered file, oldest first. */
export function logEntries(path: string): LogEntry[] {
  return logText(path)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as LogEntry);
}
