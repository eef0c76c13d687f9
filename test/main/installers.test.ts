import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/*
 * electron-builder cannot run here (it downloads Electron), so its config is checked instead:
 * the targets docs/station-setup.md promises, native modules unpacked from the asar archive (and
 * better-sqlite3 for Electron shipped beside it, node_modules left built for Node), and every file
 * it names present. A typo here would otherwise surface on the first release build.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

const section = (name: string) => (config[name] ?? {}) as Record<string, unknown>;
const targets = (name: string) => [section(name).target].flat();

describe('electron-builder.yml', () => {
  it('builds Linux AppImage and deb, Windows nsis and macOS dmg', () => {
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(section('linux').maintainer, 'deb packages need a maintainer').toMatch(/<.+@.+>/);
  });

  it('unpacks every native module from the asar archive, ships better-sqlite3 for Electron beside it, and leaves node_modules built for Node', () => {
    const unpacked = config.asarUnpack as string[];
    for (const native of ['better-sqlite3', 'node-hid', '@serialport/bindings-cpp']) {
      expect(unpacked.some((glob) => glob.includes(`node_modules/${native}/`)), native).toBe(true);
      expect(existsSync(join(root, 'node_modules', native, 'package.json')), `${native} is installed`).toBe(true);
    }
    // A rebuild in place would leave node_modules built for Electron, and `npm test` failing.
    expect(config.npmRebuild).toBe(false);
    // better-sqlite3 for Electron's ABI goes in from native/electron, where the postinstall puts it.
    const extra = (config.extraResources ?? []) as Array<{ from: string; to: string }>;
    expect(extra).toContainEqual(expect.objectContaining({ from: 'native/electron', to: 'native/electron' }));
    expect(pkg.scripts.dist).toContain('scripts/install-electron.mjs --ensure');
    // Runtime native modules must be dependencies: electron-builder packs only those.
    for (const native of ['better-sqlite3', 'node-hid', 'serialport']) expect(pkg.dependencies[native], native).toBeDefined();
    expect(pkg.dependencies.electron, 'electron belongs in devDependencies').toBeUndefined();
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });

  it("writes the update files a fleet's update folder serves, and never uploads them itself", () => {
    // A generic provider: latest*.yml beside the installers, app-update.yml in the app. The URL a
    // station asks is the station config's updates.url (electron/main/shell/desktop.ts).
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect(pkg.scripts.dist).toMatch(/electron-builder --publish never$/);
    expect(pkg.dependencies['electron-updater'], 'the updater ships with the app').toBeDefined();
  });

  it('names files that exist: the icon, and the entry points the build writes into out/', () => {
    const buildResources = section('directories').buildResources as string;
    expect(existsSync(join(root, buildResources))).toBe(true);
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = section(platform).icon as string;
      expect(existsSync(join(root, icon)), `${platform} icon ${icon}`).toBe(true);
    }
    const png = readFileSync(join(root, 'build/icon.png'));
    // electron-builder makes .ico and .icns from a PNG of at least 256x256 (512 for macOS).
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);

    const files = config.files as string[];
    expect(files).toContain('out/**/*');
    expect(files).toContain('package.json');
    expect(pkg.main).toBe('out/main/index.js');
    // The build script writes what package.json's main and the window's preload point at.
    // Main's options are in main-build.mjs, which build.mjs builds with.
    const buildScript = readFileSync(join(root, 'scripts/build.mjs'), 'utf8');
    const mainBuild = readFileSync(join(root, 'scripts/main-build.mjs'), 'utf8');
    expect(buildScript).toContain("from './main-build.mjs'");
    expect(buildScript).toContain('...mainBuildOptions');
    expect(mainBuild).toContain("index: 'electron/main/index.ts'");
    expect(mainBuild).toContain("outdir: 'out/main'");
    expect(buildScript).toContain("outdir: 'out/preload'");
    expect(readFileSync(join(root, 'electron/main/index.ts'), 'utf8')).toMatch(/preload[^\n]*index\.cjs/);
    expect(pkg.scripts.dist).toMatch(/^npm run build && .*electron-builder( --publish never)?$/);
  });
});
