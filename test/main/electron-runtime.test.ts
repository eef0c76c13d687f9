import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../scripts/electron-runtime.mjs';

/*
 * The Electron runtime is found by its files, and the postinstall that fetches it (and
 * better-sqlite3 built for it) says how it went in one line and never fails `npm install`. Each
 * test builds a project folder with a stand-in electron package: the real runtime cannot be
 * downloaded here, and the real one must not be touched.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const installScript = join(repoRoot, 'scripts/install-electron.mjs');
const sqliteVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string }).version;
const electronVersion = '45.4.1';
// Electron 45's module version (the electron package's abi_version; node-abi, which prebuild-install asks, agrees).
const electronAbi = '150';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface FakeProject {
  root: string;
  electronDir: string;
}

/** A project with a stand-in electron package: what the package has after a download (path.txt, dist/) is up to the test. */
function fakeProject(installer = 'process.exit(0);'): FakeProject {
  const root = mkdtempSync(join(tmpdir(), 'packdesk-electron-'));
  dirs.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fake-station', private: true }));
  const electronDir = join(root, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: electronVersion, main: 'index.js' }));
  // Requiring the package would run this and fail the test: detection must only read files.
  writeFileSync(join(electronDir, 'index.js'), 'throw new Error("the electron package was required");');
  writeFileSync(join(electronDir, 'install.js'), installer);
  symlinkSync(realpathSync(join(repoRoot, 'node_modules/better-sqlite3')), join(root, 'node_modules', 'better-sqlite3'), 'dir');
  return { root, electronDir };
}

function unpackRuntime(project: FakeProject, parts: { pathTxt: boolean; dist: boolean }): void {
  if (parts.pathTxt) writeFileSync(join(project.electronDir, 'path.txt'), 'electron');
  if (parts.dist) {
    mkdirSync(join(project.electronDir, 'dist'), { recursive: true });
    writeFileSync(join(project.electronDir, 'dist', 'electron'), '');
  }
}

function runInstall(root: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.ELECTRON_OVERRIDE_DIST_PATH;
  delete childEnv.PACKDESK_SKIP_ELECTRON;
  if (env.PACKDESK_SKIP_ELECTRON) childEnv.PACKDESK_SKIP_ELECTRON = env.PACKDESK_SKIP_ELECTRON;
  // Nothing in these tests may reach the internet: better-sqlite3's download host is a closed port.
  childEnv.npm_config_better_sqlite3_binary_host ??= 'http://127.0.0.1:9';
  childEnv.npm_config_cache = join(root, '.npm-cache');
  const result = spawnSync(process.execPath, [installScript, ...args], { cwd: root, env: childEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, lines: result.stdout.split('\n').filter(Boolean), stderr: result.stderr };
}

/** A prebuild-install tarball for Electron, as better-sqlite3's releases publish them, in a local folder. */
function localPrebuild(root: string, binary: string): string {
  const folder = join(root, 'prebuilds');
  const staging = join(root, 'staging');
  mkdirSync(join(staging, 'build', 'Release'), { recursive: true });
  mkdirSync(folder);
  writeFileSync(join(staging, 'build', 'Release', 'better_sqlite3.node'), binary);
  const tarball = join(folder, `better-sqlite3-v${sqliteVersion}-electron-v${electronAbi}-${process.platform}-${process.arch}.tar.gz`);
  const tar = spawnSync('tar', ['-czf', tarball, '-C', staging, 'build'], { encoding: 'utf8' });
  expect(tar.status, tar.stderr).toBe(0);
  return folder;
}

describe('findElectronRuntime', () => {
  it('finds no runtime without the electron package, or before its download is unpacked', () => {
    const bare = mkdtempSync(join(tmpdir(), 'packdesk-electron-'));
    dirs.push(bare);
    expect(findElectronRuntime(bare, {})).toBeNull();

    const project = fakeProject();
    expect(findElectronRuntime(project.root, {})).toBeNull();
    unpackRuntime(project, { pathTxt: true, dist: false });
    expect(findElectronRuntime(project.root, {}), 'path.txt naming a binary that is not there').toBeNull();
  });

  it('finds the binary path.txt names inside dist/, and the version, without loading the package', () => {
    const project = fakeProject();
    unpackRuntime(project, { pathTxt: false, dist: true });
    expect(findElectronRuntime(project.root, {}), 'dist/ without path.txt').toBeNull();
    unpackRuntime(project, { pathTxt: true, dist: true });
    expect(findElectronRuntime(project.root, {})).toEqual({ binary: join(project.electronDir, 'dist', 'electron'), version: electronVersion });
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH to a runtime unpacked elsewhere, as the electron package does', () => {
    const project = fakeProject();
    const elsewhere = join(project.root, 'my-electron');
    mkdirSync(elsewhere);
    expect(findElectronRuntime(project.root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere }), 'no binary there').toBeNull();
    writeFileSync(join(elsewhere, 'electron'), '');
    expect(findElectronRuntime(project.root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toEqual({ binary: join(elsewhere, 'electron'), version: electronVersion });
  });
});

describe('the postinstall (scripts/install-electron.mjs)', () => {
  it('without a reachable download host: one line, browser mode, and the install succeeds', () => {
    const project = fakeProject('console.error("TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13"); process.exit(1);');
    const { code, lines } = runInstall(project.root);
    expect(code).toBe(0);
    expect(lines).toEqual(['packdesk: Electron runtime not available (fetch failed); Packdesk will run in browser mode.']);
  });

  it('with PACKDESK_SKIP_ELECTRON=1: one line and no download', () => {
    const project = fakeProject('throw new Error("the download was attempted");');
    const { code, lines } = runInstall(project.root, [], { PACKDESK_SKIP_ELECTRON: '1' });
    expect(code).toBe(0);
    expect(lines).toEqual(['packdesk: Electron runtime skipped (PACKDESK_SKIP_ELECTRON=1); Packdesk will run in browser mode.']);
  });

  it('with the runtime: puts better-sqlite3 for its ABI in native/electron and leaves node_modules alone', () => {
    const project = fakeProject();
    unpackRuntime(project, { pathTxt: true, dist: true });
    const nodeBuild = readFileSync(join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    const prebuilds = localPrebuild(project.root, 'the Electron build');
    const { code, lines } = runInstall(project.root, [], { npm_config_better_sqlite3_local_prebuilds: prebuilds });
    expect(code).toBe(0);
    expect(lines).toEqual([`packdesk: Electron ${electronVersion} installed, with better-sqlite3 built for it.`]);
    expect(readFileSync(join(project.root, 'native/electron/better_sqlite3.node'), 'utf8')).toBe('the Electron build');
    expect(readFileSync(join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).equals(nodeBuild)).toBe(true);

    // A second install with nothing changed keeps the build it has, without asking anyone.
    rmSync(prebuilds, { recursive: true });
    expect(runInstall(project.root).lines).toEqual([`packdesk: Electron ${electronVersion} installed, with better-sqlite3 built for it.`]);
    // So does npm run dist's --ensure, which fails loudly only when it has nothing to ship.
    const ensure = runInstall(project.root, ['--ensure']);
    expect(ensure.code).toBe(0);
    expect(ensure.lines).toEqual([`packdesk: better-sqlite3 built for Electron ${electronVersion} is in native/electron.`]);
  });

  it('with the runtime but no better-sqlite3 build to fetch: one line naming the rebuild, and the install succeeds', () => {
    const project = fakeProject();
    unpackRuntime(project, { pathTxt: true, dist: true });
    const { code, lines } = runInstall(project.root);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^packdesk: Electron ${electronVersion} installed, but better-sqlite3 for it could not be fetched \\(.+\\); run npm run rebuild:electron, or use npm start -- --web\\.$`),
    );

    // npm run rebuild:electron is asked for by a person: it fails loudly, still in one line.
    const rebuild = runInstall(project.root, ['--rebuild']);
    expect(rebuild.code).toBe(1);
    expect(rebuild.lines).toHaveLength(1);
    expect(rebuild.lines[0]).toMatch(/^packdesk: better-sqlite3 for Electron 45\.4\.1 could not be fetched \(.+\)\.$/);
    expect(runInstall(project.root, ['--ensure']).code, 'npm run dist without the Electron build to ship').toBe(1);
  });
});
