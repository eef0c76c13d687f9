// Tries to fetch the Electron runtime after `npm install`. The runtime is optional: where its
// download host cannot be reached, Packdesk runs in browser mode, so a failure here must never
// fail the install.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

if (process.env.PACKDESK_SKIP_ELECTRON === '1') process.exit(0);

const require = createRequire(import.meta.url);
let installer;
try {
  installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0);
}
if (!existsSync(installer)) process.exit(0);

const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
if (result.status === 0) {
  console.log('packdesk: Electron runtime installed.');
} else {
  const reason = (result.stderr?.toString().match(/(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN)[^\n]*/) ?? [])[0] ?? 'download failed';
  console.log(`packdesk: Electron runtime not available (${reason.trim()}); Packdesk will run in browser mode.`);
}
process.exit(0);
