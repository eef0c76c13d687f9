import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mainBuildOptions } from '../../scripts/main-build.mjs';

/*
 * The demo Picqer is not the station: the main process's build (the options scripts/build.mjs
 * uses, built here in memory) keeps electron/picqer-demo/ out of index.js and cli.js and out of
 * every chunk they load at start, so a station on a real Picqer account never loads it. It is in a
 * chunk reached only through the lazy import() of demo and practice mode.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const isDemo = (input: string) => input.startsWith('electron/picqer-demo/');

/** Every output a file loads when it starts: itself and what it imports statically, transitively. */
function loadedAtStart(meta: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of meta.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) walk(imported.path);
    }
  };
  walk(entry);
  return seen;
}

describe('the main process bundle', () => {
  it('loads the demo Picqer only through a lazy import, and shares the log with it', { timeout: 60_000 }, async () => {
    const result = await build({ ...mainBuildOptions, absWorkingDir: root, write: false, metafile: true, logLevel: 'silent' });
    const meta = result.metafile;
    // The entry files are the ones named in the options; a lazily imported module is an entry
    // point of its own in the metafile as well, so the names decide.
    const entries = Object.keys(mainBuildOptions.entryPoints).map((name) => [`out/main/${name}.js`] as const);
    expect(entries.map(([file]) => file).sort()).toEqual(['out/main/cli.js', 'out/main/index.js']);
    for (const [entry] of entries) expect(meta.outputs[entry], entry).toBeDefined();

    for (const [entry] of entries) {
      const demoAtStart = [...loadedAtStart(meta, entry)].flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}).filter(isDemo));
      expect(demoAtStart, `${entry} loads the demo at start`).toEqual([]);
    }

    // The demo is built, in chunks reached from the entries only by a dynamic import().
    const demoChunks = Object.entries(meta.outputs).filter(([, output]) => 'electron/picqer-demo/server.ts' in output.inputs);
    expect(demoChunks).toHaveLength(1);
    const [demoChunk] = demoChunks[0] ?? [];
    const dynamicImports = entries.flatMap(([entry]) =>
      [...loadedAtStart(meta, entry)].flatMap((file) => (meta.outputs[file]?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path)),
    );
    expect(dynamicImports).toContain(demoChunk);

    // Chunks are written beside the entry files, in out/main/, which electron-builder packs
    // whole (`out/**/*`, checked in installers.test.ts) and where import.meta.url finds the same
    // files as from index.js.
    for (const file of Object.keys(meta.outputs)) expect(file).toMatch(/^out\/main\/[^/]+\.js(\.map)?$/);

    // electron-updater needs Electron: only the Electron entry names it, and only in a dynamic
    // import() made when the station config has an update folder (shell/desktop.ts).
    const updaterImports = (file: string) => (meta.outputs[file]?.imports ?? []).filter((i) => i.path === 'electron-updater');
    for (const file of loadedAtStart(meta, 'out/main/cli.js')) expect(updaterImports(file), file).toEqual([]);
    const updaterAtIndex = [...loadedAtStart(meta, 'out/main/index.js')].flatMap(updaterImports);
    expect(updaterAtIndex.map((i) => i.kind)).toEqual(['dynamic-import']);

    // One copy of the logger and the clock: the embedded demo writes to the station's log file.
    for (const shared of ['electron/main/infra/log.ts', 'electron/main/infra/clock.ts']) {
      expect(Object.values(meta.outputs).filter((output) => shared in output.inputs), shared).toHaveLength(1);
    }
  });
});
