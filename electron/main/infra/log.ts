import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import type SonicBoom from 'sonic-boom';

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
let sink: LogSink = (line) => process.stderr.write(textLine(line));

/** A line for a person at a console: time, level, scope, message and the fields as JSON. */
function textLine(line: Parameters<LogSink>[0]): string {
  const extra = line.fields ? ' ' + JSON.stringify(line.fields) : '';
  return `${line.at} ${line.level.toUpperCase()} [${line.scope}] ${line.message}${extra}\n`;
}

/*
 * Known secrets, blanked out of every line before any sink sees it. The code already keeps the
 * API key out of what it logs; this is the second line of defence for the day an error message
 * from a library, a header dump or a careless field carries it anyway.
 */
const secrets = new Set<string>();
/** Shorter values would blank ordinary words out of every line; real API keys are far longer. */
export const minSecretLength = 8;
export const redacted = '[redacted]';

/** Every spelling of a secret that could reach a log line: as is, URL-encoded, and in a Basic auth header. */
function spellingsOf(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(`${secret}:`).toString('base64')];
}

/** Registers a value that must never appear in a log line. Short values are ignored (see minSecretLength). */
export function registerSecret(secret: string): void {
  if (secret.length < minSecretLength) return;
  for (const spelling of spellingsOf(secret)) if (spelling.length >= minSecretLength) secrets.add(spelling);
}

/** Blanks every registered secret out of a text. */
export function scrubSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let out = text;
  // Longest first, so a secret that contains another is blanked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(redacted);
  }
  return out;
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8 || seen.has(value)) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: scrubSecrets(value.message), stack: value.stack === undefined ? undefined : scrubSecrets(value.stack) };
  }
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return scrubValue((toJSON as () => unknown).call(value), depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubValue(item, depth + 1, seen);
  return out;
}

/** Fields with every registered secret blanked out, at any depth. */
export function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  if (secrets.size === 0) return fields;
  return scrubValue(fields, 0, new WeakSet()) as Record<string, unknown>;
}

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
    sink({ level, scope, message: scrubSecrets(message), fields: fields ? scrubFields(fields) : undefined, at: new Date().toISOString() });
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (sub) => createLogger(`${scope}:${sub}`),
  };
}

/*
 * The log file's cap. Twenty stations that run for years must not fill their disks: the file
 * rolls over to a new one at logRotateBytes, and only the newest logFilesKept files stay, so the
 * logs folder holds about logCapBytes: a file can pass its size by what is logged in the same turn
 * of the event loop, because it rolls over once the write that crossed the size is done.
 */
export const logRotateBytes = 5 * 1024 * 1024;
export const logFilesKept = 5;
export const logCapBytes = logRotateBytes * logFilesKept;

export interface LogFileLimits {
  rotateBytes: number;
  filesKept: number;
}

/** The file of the moment, closed when another takes its place (tests point the log elsewhere). */
let openFile: SonicBoom | null = null;
/** Counts calls of logToFile: a file that opens after a later call has taken over is closed at once. */
let fileGeneration = 0;

/** Where the log's numbered files go: `logs/packdesk.log` names `logs/packdesk.1.log`, `.2.log`, ... */
function rollingName(path: string): { file: string; extension: string } {
  const extension = extname(path) || '.log';
  return { file: path.slice(0, path.length - extname(path).length), extension };
}

/**
 * Writes every line to a rolling log file in the data dir (pino, through pino-roll: one JSON
 * object a line with its level, time, scope, message and fields), and warnings and errors to
 * stderr as text as well, so the IT person has the whole story and the console stays quiet.
 *
 * The file is written synchronously: a line is on disk when the call returns, so a station
 * killed a moment later keeps it. Opening the file takes a look at the folder (to carry on with
 * the numbering), so this resolves once the file is open; lines logged before that are kept in
 * memory and written first. It never rejects: without a file, warnings still reach stderr.
 */
export async function logToFile(path: string, level: LogLevel = 'info', limits: LogFileLimits = { rotateBytes: logRotateBytes, filesKept: logFilesKept }): Promise<void> {
  const generation = ++fileGeneration;
  openFile?.flushSync();
  openFile?.destroy();
  openFile = null;
  let stream: SonicBoom | null = null;
  /** Lines logged before the file is open; null once it is open or could not be opened. */
  let early: string[] | null = [];
  // Scrubbed once more as the finished line: the file is the one place a leak would outlive
  // the process.
  const destination = {
    write(text: string) {
      const clean = scrubSecrets(text);
      if (!stream) {
        early?.push(clean);
        return;
      }
      try {
        stream.write(clean);
      } catch {
        // A full disk must not stop packing; warnings still reach stderr.
      }
    },
  };
  const file = pino(
    { level: 'trace', base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    destination,
  );
  setLogSink((line) => {
    file[line.level]({ scope: line.scope, ...line.fields }, line.message);
    if (order[line.level] >= order.warn) process.stderr.write(scrubSecrets(textLine(line)));
  }, level);

  const { file: base, extension } = rollingName(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    // The single file of the versions before rotation: numbered 0, it is the oldest, so the first
    // roll-overs remove it with the rest and the cap holds on a station that logged for years.
    if (existsSync(path)) renameSync(path, `${base}.0${extension}`);
    const opened = await pinoRoll({
      file: base,
      extension,
      size: `${Math.max(1, Math.floor(limits.rotateBytes / 1024))}k`,
      limit: { count: limits.filesKept, removeOtherLogFiles: true },
      mkdir: true,
      sync: true,
    });
    // A full disk or a failed roll-over must not stop packing; warnings still reach stderr.
    opened.on('error', () => {});
    if (generation !== fileGeneration) {
      opened.destroy();
      return;
    }
    for (const text of early ?? []) opened.write(text);
    early = null;
    stream = opened;
    openFile = opened;
  } catch {
    early = null;
  }
}
