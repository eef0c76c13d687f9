// After `npm install`: fetches the Electron runtime and better-sqlite3 built for it, and says how
// that went in one line. The runtime is optional: where its download host cannot be reached,
// Packdesk runs in browser mode, so nothing here may fail the install.
//
// `npm run rebuild:electron` (this script with --rebuild) fetches better-sqlite3 for Electron
// again; `npm run dist` (with --ensure) fetches it only when missing or for another version. Both
// exit non-zero when they cannot: a person or a release build asked, and needs to know.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronPackageDir, fetchElectronSqlite, findElectronRuntime } from './electron-runtime.mjs';

// npm runs lifecycle and run scripts in the package's folder.
const root = process.cwd();
const isRebuild = process.argv.includes('--rebuild');
const isEnsure = process.argv.includes('--ensure');
const isAsked = isRebuild || isEnsure;

function installRuntime() {
  const packageDir = electronPackageDir(root);
  const installer = packageDir && join(packageDir, 'install.js');
  if (!installer || !existsSync(installer)) return 'the electron package is not installed';
  const result = spawnSync(process.execPath, [installer], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  if (result.error?.code === 'ETIMEDOUT') return 'download timed out';
  if (result.status === 0) return null;
  return (`${result.stderr ?? ''}`.match(/(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|fetch failed)[^\n]*/) ?? [])[0]?.trim() ?? 'download failed';
}

function run() {
  if (isAsked) {
    const runtime = findElectronRuntime(root);
    if (!runtime) return { line: 'packdesk: the Electron runtime is not installed; run npm install with access to its download host first.', code: 1 };
    const why = fetchElectronSqlite(root, runtime.version, { force: isRebuild });
    if (why) return { line: `packdesk: better-sqlite3 for Electron ${runtime.version} could not be fetched (${why}).`, code: 1 };
    return { line: `packdesk: better-sqlite3 built for Electron ${runtime.version} is in native/electron.`, code: 0 };
  }
  if (process.env.PACKDESK_SKIP_ELECTRON === '1') {
    return { line: 'packdesk: Electron runtime skipped (PACKDESK_SKIP_ELECTRON=1); Packdesk will run in browser mode.', code: 0 };
  }
  let runtime = findElectronRuntime(root);
  if (!runtime) {
    const why = installRuntime();
    runtime = findElectronRuntime(root);
    if (!runtime) return { line: `packdesk: Electron runtime not available (${why ?? 'not unpacked'}); Packdesk will run in browser mode.`, code: 0 };
  }
  const why = fetchElectronSqlite(root, runtime.version);
  if (why) {
    return {
      line: `packdesk: Electron ${runtime.version} installed, but better-sqlite3 for it could not be fetched (${why}); run npm run rebuild:electron, or use npm start -- --web.`,
      code: 0,
    };
  }
  return { line: `packdesk: Electron ${runtime.version} installed, with better-sqlite3 built for it.`, code: 0 };
}

let outcome;
try {
  outcome = run();
} catch (error) {
  outcome = { line: `packdesk: Electron setup skipped (${error instanceof Error ? error.message : String(error)}); Packdesk will run in browser mode.`, code: isAsked ? 1 : 0 };
}
console.log(outcome.line);
process.exit(outcome.code);
