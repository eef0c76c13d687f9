import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/* One logger with a scope and levels. Never pass it an API key or a whole address. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export type LogSink = (line: { level: LogLevel; scope: string; message: string; fields?: Record<string, unknown>; at: string }) => void;

let threshold: LogLevel = (process.env.PACKDESK_LOG_LEVEL as LogLevel | undefined) ?? (process.env.VITEST ? 'warn' : 'info');
let sink: LogSink = (line) => {
  const extra = line.fields ? ' ' + JSON.stringify(line.fields) : '';
  process.stderr.write(`${line.at} ${line.level.toUpperCase()} [${line.scope}] ${line.message}${extra}\n`);
};

/** Redirect log output (to a file in the data dir, or to an array in a test). */
export function setLogSink(next: LogSink, level?: LogLevel): void {
  sink = next;
  if (level) threshold = level;
}

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function createLogger(scope: string): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[threshold]) return;
    sink({ level, scope, message, fields, at: new Date().toISOString() });
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (sub) => createLogger(`${scope}:${sub}`),
  };
}

/**
 * Writes every line to a log file in the data dir, and warnings and errors to stderr as well, so
 * the IT person has the whole story and the console stays quiet.
 */
export function logToFile(path: string, level: LogLevel = 'info'): void {
  mkdirSync(dirname(path), { recursive: true });
  setLogSink((line) => {
    const extra = line.fields ? ' ' + JSON.stringify(line.fields) : '';
    const text = `${line.at} ${line.level.toUpperCase()} [${line.scope}] ${line.message}${extra}\n`;
    try {
      appendFileSync(path, text);
    } catch {
      // A full disk must not stop packing; warnings still reach stderr below.
    }
    if (order[line.level] >= order.warn) process.stderr.write(text);
  }, level);
}
