// The Electron runtime and the better-sqlite3 build for it, found by their files. Shared by the
// postinstall (install-electron.mjs) and `npm start` (electron/main/cli.ts).
//
// Never `require('electron')` to find the runtime: in plain Node the package's index.js downloads
// the runtime when it is missing and throws with a stack when it cannot, which on a station whose
// network drops packets means a start that waits for a timeout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The electron package's folder under root, resolved without loading the package; null when not installed. */
export function electronPackageDir(root) {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The installed Electron runtime: its binary and version, or null. The electron package writes
 * path.txt (the binary's path inside its dist/ folder) once the download has been unpacked.
 * ELECTRON_OVERRIDE_DIST_PATH names another dist folder, as it does for the package itself.
 */
export function findElectronRuntime(root, env = process.env) {
  const packageDir = electronPackageDir(root);
  if (!packageDir) return null;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return null;
  const binary = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return null;
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return { binary, version };
}

/** Where the better-sqlite3 build for Electron's ABI lives in a checkout (and, via extraResources, in the packaged app). */
export const electronNativeDir = (root) => join(root, 'native', 'electron');

/**
 * Fetches better-sqlite3's prebuilt binary for this Electron into native/electron/, leaving
 * node_modules' Node build alone (tests and browser mode need it). prebuild-install writes into
 * the package folder it runs in, so it runs in a temporary copy of better-sqlite3's package.json.
 * Returns null when done, or why not in a few words.
 */
export function fetchElectronSqlite(root, electronVersion, { force = false } = {}) {
  const require = createRequire(join(root, 'package.json'));
  let sqlitePackage;
  let prebuildInstall;
  try {
    sqlitePackage = require.resolve('better-sqlite3/package.json');
    prebuildInstall = createRequire(sqlitePackage).resolve('prebuild-install/bin.js');
  } catch {
    return 'better-sqlite3 or prebuild-install is not installed';
  }
  const sqliteVersion = JSON.parse(readFileSync(sqlitePackage, 'utf8')).version;
  const outDir = electronNativeDir(root);
  const stampFile = join(outDir, 'versions.json');
  const stamp = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch });
  if (!force && existsSync(join(outDir, 'better_sqlite3.node')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return null;

  const work = mkdtempSync(join(tmpdir(), 'packdesk-sqlite-electron-'));
  try {
    copyFileSync(sqlitePackage, join(work, 'package.json'));
    const args = [prebuildInstall, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform];
    const result = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built)) return reasonOf(result);
    mkdirSync(outDir, { recursive: true });
    // Through a temporary name: a half-copied binary must never sit where the app looks for one.
    copyFileSync(built, join(outDir, 'better_sqlite3.node.partial'));
    renameSync(join(outDir, 'better_sqlite3.node.partial'), join(outDir, 'better_sqlite3.node'));
    writeFileSync(stampFile, stamp);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function reasonOf(result) {
  if (result.error) return result.error.code === 'ETIMEDOUT' ? 'download timed out' : result.error.message;
  const output = `${result.stderr ?? ''}`;
  const network = output.match(/(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|fetch failed)[^\n]*/);
  if (network) return network[0].trim();
  if (/404|No prebuilt binaries found/i.test(output)) return 'no prebuilt binary for this Electron and platform';
  return 'prebuild-install failed';
}
