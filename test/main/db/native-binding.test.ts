import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { checkDatabaseDriver, openDatabase } from '../../../electron/main/db/connection';
import { bindingLoadError, nativeBindingFor } from '../../../electron/main/db/native-binding';

/*
 * better-sqlite3 is built per runtime: node_modules keeps the Node build, Electron loads the one in
 * native/electron/. A wrong pick crashes the Electron window at start with a stack nobody at a
 * packing bench can act on.
 */

const node = { node: process.versions.node };
const electron = { node: '22.20.0', electron: '45.4.1' };
const places = { appRoot: '/opt/checkout', resourcesPath: '/opt/Packdesk/resources' };

describe('nativeBindingFor', () => {
  it('leaves Node on better-sqlite3 default build', () => {
    expect(nativeBindingFor(node, places, () => true)).toBeUndefined();
  });

  it('gives Electron the build in the packaged app resources, or else the checkout native/electron', () => {
    expect(nativeBindingFor(electron, places, () => true)).toBe(join('/opt/Packdesk/resources', 'native/electron/better_sqlite3.node'));
    const inCheckout = join('/opt/checkout', 'native/electron/better_sqlite3.node');
    expect(nativeBindingFor(electron, places, (file) => file === inCheckout)).toBe(inCheckout);
  });

  it('under Electron without that build, says in one sentence what to run', () => {
    let thrown: unknown;
    try {
      nativeBindingFor(electron, places, () => false);
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(
      'better-sqlite3 is not built for Electron 45.4.1 (no native/electron/better_sqlite3.node): run npm run rebuild:electron.',
    );
  });

  it('words a module-version mismatch under Electron as the rebuild to run', () => {
    const mismatch = new Error(
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.",
    );
    expect(bindingLoadError(mismatch, electron)?.message).toBe('better-sqlite3 is not built for Electron 45.4.1: run npm run rebuild:electron.');
    expect(bindingLoadError(new Error('SQLITE_CANTOPEN: unable to open database file'), electron)).toBeNull();
  });
});

describe('openDatabase with a binding that cannot load', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['missing', (dir: string) => join(dir, 'better_sqlite3.node')],
    [
      'not a binary for this runtime',
      (dir: string) => {
        const file = join(dir, 'better_sqlite3.node');
        writeFileSync(file, 'not a shared library');
        return file;
      },
    ],
  ])('fails with one sentence, no stack, when the binary is %s', (_, make) => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-binding-'));
    dirs.push(dir);
    let thrown: unknown;
    try {
      openDatabase(join(dir, 'cache.sqlite'), { nativeBinding: make(dir) });
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown), String(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(`better-sqlite3 is not built for Node ${process.versions.node}: run npm rebuild better-sqlite3.`);
  });

  it('stops the start with the same sentence, before any database is opened (a station not yet set up opens none)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-binding-'));
    dirs.push(dir);
    expect(() => checkDatabaseDriver({ nativeBinding: join(dir, 'better_sqlite3.node') })).toThrow(
      `better-sqlite3 is not built for Node ${process.versions.node}: run npm rebuild better-sqlite3.`,
    );
    expect(() => checkDatabaseDriver()).not.toThrow();
  });

  it('opens with the default build under Node', () => {
    const db = openDatabase(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });
});
