import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { nativeBindingFor } from '../../electron/main/db/native-binding';
import { fontPath } from '../../electron/main/documents/fonts';
import { mainBuildOptions } from '../../scripts/main-build.mjs';

/*
 * electron-builder cannot run here, so what it would pack is checked against what the app needs:
 * it packs the files its config names plus node_modules of `dependencies` only, so a module the
 * main process imports that sits in devDependencies, or a file the app reads that no pattern
 * covers, works in every test here and breaks only in the installed app.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[]; extraResources?: Array<{ from: string; to: string }> };

/** `x`, `@scope/x` from `x/sub/path`, `@scope/x/sub`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** electron-builder's glob patterns as far as this config uses them: `**`, `*`, and `!` to exclude. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '~DIRS~')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*')
    .replace(/~DIRS~/g, '(?:.*/)?');
  return new RegExp(`^${body}$`);
}

/** Whether electron-builder's `files` take this path (relative to the project) into the app. */
function isPacked(path: string): boolean {
  let isIn = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(path)) isIn = false;
    } else if (globToRegExp(pattern).test(path)) {
      isIn = true;
    }
  }
  return isIn;
}

describe('what the installed app needs is what electron-builder packs', () => {
  it('every package the built main process imports is a dependency, not only a devDependency', { timeout: 60_000 }, async () => {
    const result = await build({ ...mainBuildOptions, absWorkingDir: root, write: false, metafile: true, logLevel: 'silent' });
    const imported = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const entry of output.imports) if (entry.external && !isBuiltin(entry.path)) imported.add(packageOf(entry.path));
    }
    // Sanity: the scan sees the main process's real imports.
    expect([...imported]).toEqual(expect.arrayContaining(['better-sqlite3', 'ws', 'zod']));
    // electron is the runtime the app runs in, not a package inside it.
    const missing = [...imported].filter((name) => name !== 'electron' && pkg.dependencies[name] === undefined);
    expect(missing, 'imported by out/main but not in dependencies').toEqual([]);
  });

  it('packs the renderer, the preload and the main entry the window and package.json name', () => {
    for (const file of ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index.js', 'package.json']) {
      expect(isPacked(file), file).toBe(true);
    }
    expect(isPacked('out/main/index.js.map'), 'source maps stay out').toBe(false);
  });

  it('packs the document fonts: a dependency, resolved from node_modules, present on disk', () => {
    expect(pkg.dependencies['dejavu-fonts-ttf']).toBeDefined();
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const) {
      const path = fontPath(file);
      expect(existsSync(path), path).toBe(true);
      expect(createRequire(join(root, 'package.json')).resolve(`dejavu-fonts-ttf/ttf/${file}`)).toBe(path);
    }
    // The packer's sounds are WebAudio tones made in the renderer: there are no sound files to pack.
    expect(readFileSync(join(root, 'renderer/src/sound/player.ts'), 'utf8')).toMatch(/new AudioContext\(\)/);
  });

  it('ships better-sqlite3 for Electron where the packaged app looks for it', () => {
    const resourcesPath = '/opt/Packdesk/resources';
    const shipped = (config.extraResources ?? []).find((entry) => entry.from === 'native/electron');
    expect(shipped, 'native/electron in extraResources').toBeDefined();
    const expected = join(resourcesPath, shipped?.to ?? '', 'better_sqlite3.node');
    const picked = nativeBindingFor({ node: '22.20.0', electron: '45.4.1' }, { appRoot: '/opt/Packdesk/resources/app.asar', resourcesPath }, (file) => file === expected);
    expect(picked).toBe(expected);
  });
});
