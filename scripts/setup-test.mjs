// npm run setup:test: everything `npm test` needs on a Debian or Ubuntu machine, system packages
// included, so that no test fails or skips for a missing tool. Skips what is present, so it is
// safe to run again; .ci/run runs it before the tests. One line per step. --no-build leaves out the
// build, for a caller that builds next anyway (npm test does).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Why each is needed:
// chromium: the e2e tests drive the station's page with Playwright and /usr/bin/chromium
//   (test/e2e/browser.ts); fonts-dejavu-core gives it and the PDFs the same glyphs everywhere.
// cups, cups-client, cups-bsd, printer-driver-cups-pdf: test/main/printing/cups.test.ts prints
//   through a real scheduler (it starts cupsd itself when none runs) to a cups-pdf queue.
// poppler-utils, zbar-tools: the document tests read generated PDFs with pdftotext and decode
//   their barcodes with pdftoppm + zbarimg (test/main/documents/).
// socat: the serial scanner tests run on real pseudo-terminals. libusb-1.0-0: node-hid loads it.
const systemPackages = [
  'chromium',
  'fonts-dejavu-core',
  'cups',
  'cups-client',
  'cups-bsd',
  'printer-driver-cups-pdf',
  'poppler-utils',
  'zbar-tools',
  'socat',
  'libusb-1.0-0',
];

const say = (line) => process.stdout.write(`setup: ${line}\n`);
const fail = (line) => {
  process.stderr.write(`setup: ${line}\n`);
  process.exit(1);
};
const run = (command, args, options = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
const succeeds = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'ignore' }).status === 0;

function isPackageInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function installSystemPackages() {
  if (!succeeds('sh', ['-c', 'command -v apt-get && command -v dpkg-query'])) {
    say(`system packages: no apt-get here (not Debian or Ubuntu); install yourself: ${systemPackages.join(' ')}`);
    return;
  }
  const missing = systemPackages.filter((pkg) => !isPackageInstalled(pkg));
  if (missing.length === 0) {
    say(`system packages: all ${systemPackages.length} present`);
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && !succeeds('sh', ['-c', 'command -v sudo'])) {
    fail(`system packages: ${missing.join(' ')} missing, and this is not root and there is no sudo; as root run: apt-get install ${missing.join(' ')}`);
  }
  const prefix = isRoot ? [] : ['sudo'];
  say(`system packages: installing ${missing.join(' ')} (apt-get${isRoot ? '' : ' via sudo'})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => {
    const [command, ...rest] = [...prefix, 'apt-get', ...args];
    // Quiet on success; on failure apt-get's own words are on stderr.
    const result = run(command, rest, { env, stdio: ['inherit', 'ignore', 'inherit'] });
    if (result.status !== 0) fail(`apt-get ${args[0]} failed (exit ${result.status ?? result.signal})`);
  };
  apt(['update', '-qq']);
  // Ubuntu ships chromium as a snap only: what apt cannot install is named, the rest installed.
  const unavailable = missing.filter((pkg) => !hasCandidate(pkg));
  const available = missing.filter((pkg) => hasCandidate(pkg));
  if (unavailable.length > 0) say(`system packages: not in this machine's apt sources: ${unavailable.join(' ')}; install them another way`);
  if (available.length > 0) apt(['install', '-y', '-qq', '--no-install-recommends', ...available]);
}

function hasCandidate(pkg) {
  const result = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  const candidate = /Candidate:\s*(\S+)/.exec(result.stdout ?? '')?.[1];
  return candidate !== undefined && candidate !== '(none)';
}

function installNodePackages() {
  // Present and matching package.json: nothing to do (an install would also prune what it does
  // not know). npm ls fails on anything missing or at the wrong version.
  if (existsSync(join(root, 'node_modules')) && succeeds('npm', ['ls', '--depth=0'])) {
    say('npm packages: all present');
    return;
  }
  say('npm packages: npm install');
  // npm install, not npm ci: the registry this project installs from lacks some of rollup's
  // optional per-platform packages, which npm ci refuses as a lock file out of sync; npm install
  // skips them.
  const result = run('npm', ['install', '--no-audit', '--no-fund']);
  if (result.status !== 0) fail(`npm install failed (exit ${result.status ?? result.signal})`);
}

function build() {
  if (process.argv.includes('--no-build')) {
    say('build: skipped (--no-build)');
    return;
  }
  say('build: npm run build (out/, which the e2e tests start)');
  const result = run('npm', ['run', '--silent', 'build', '--', '--quiet']);
  if (result.status !== 0) fail(`npm run build failed (exit ${result.status ?? result.signal})`);
}

installSystemPackages();
if (!existsSync('/usr/bin/chromium')) say('warning: /usr/bin/chromium is missing, and the e2e tests drive it (test/e2e/browser.ts)');
installNodePackages();
build();
say('done: run npm test');
