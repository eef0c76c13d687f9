import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The house layout, read from the source tree (issue 15): SQL lives only in electron/main/db/, and
 * the arrows point one way, so db/ imports nothing but itself, shared/ and the logger in infra/.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mainDir = join(root, 'electron', 'main');
const dbDir = join(mainDir, 'db');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const inDb = (file: string) => file === dbDir || file.startsWith(dbDir + sep);
const name = (file: string) => relative(root, file).split(sep).join('/');

/** The text of every string and template literal in a source file (comments left out). */
function literals(source: string): string[] {
  const out: string[] = [];
  const pattern = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
  for (const match of source.matchAll(pattern)) {
    const text = match[0];
    if (text.startsWith('//') || text.startsWith('/*')) continue;
    out.push(text.slice(1, -1));
  }
  return out;
}

export const sqlPattern = /\b(SELECT\b[\s\S]*\bFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/;

/** Import specifiers of a file, static and dynamic. */
function imports(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

describe('the source layout', () => {
  const mainFiles = sourceFiles(mainDir);

  it('finds the sources it checks', () => {
    expect(mainFiles.some(inDb)).toBe(true);
    expect(mainFiles.some((f) => !inDb(f))).toBe(true);
  });

  it('the detector sees SQL in a literal and not in a sentence or a comment', () => {
    expect(literals("const a = statement(db, 'SELECT id FROM outbox WHERE id = ?'); // SELECT x FROM y").some((t) => sqlPattern.test(t))).toBe(true);
    expect(literals('const q = `UPDATE pack_sessions SET status = ?`;').some((t) => sqlPattern.test(t))).toBe(true);
    expect(literals("log.info('select a printer from the list'); /* DELETE FROM t */").some((t) => sqlPattern.test(t))).toBe(false);
  });

  it('keeps every SQL statement in electron/main/db/', () => {
    const offenders = mainFiles
      .filter((f) => !inDb(f))
      .flatMap((file) => {
        const source = readFileSync(file, 'utf8');
        const found: string[] = [];
        if (/\bprepare\(/.test(source)) found.push(`${name(file)}: calls prepare(`);
        for (const text of literals(source)) {
          if (sqlPattern.test(text)) found.push(`${name(file)}: ${text.replace(/\s+/g, ' ').slice(0, 80)}`);
        }
        return found;
      });
    expect(offenders).toEqual([]);
  });

  // infra/ (the logger) is the platform every layer stands on, not a feature.
  it('lets db/ import only from db/ itself, shared/ and infra/', () => {
    const allowed = [join(root, 'shared'), join(mainDir, 'infra')];
    const offenders = mainFiles.filter(inDb).flatMap((file) =>
      imports(readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => resolve(dirname(file), spec))
        .filter((target) => !inDb(target) && !allowed.some((dir) => target.startsWith(dir + sep)))
        .map((target) => `${name(file)} imports ${name(target)}`),
    );
    expect(offenders).toEqual([]);
  });
});
