import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../scripts/electron-runtime.mjs';
import { spawnReady, type ReadyProcess } from '../helpers/spawn-ready';
import { cliPath, missingBuild, repoRoot } from './station';

/*
 * `npm start` on a station that never got the Electron runtime (its download host unreachable):
 * one line says browser mode, and the station is up. Before, requiring the electron package tried
 * the download on every start and printed "Downloading Electron binary... TypeError: fetch failed"
 * with a stack, and a network that drops packets made that start wait for a timeout.
 */

const whyNot = missingBuild() ?? (findElectronRuntime(repoRoot) ? 'the Electron runtime is installed here, so npm start would open its window' : null);
if (whyNot) console.warn(`[e2e] skipping the start-without-Electron test: ${whyNot}`);

const readyLine = /^Packdesk ready at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m;
const dirs: string[] = [];
const running: ReadyProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((station) => station.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(whyNot !== null)('npm start without the Electron runtime', () => {
  it('prints one line about browser mode, then the ready line, and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-start-'));
    dirs.push(dir);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.PACKDESK_CONFIG;
    delete env.PACKDESK_DATA_DIR;
    const station = await spawnReady({
      command: process.execPath,
      args: [cliPath, '--no-open', '--port', '0', '--data-dir', join(dir, 'data')],
      ready: readyLine,
      what: 'the station',
      cwd: repoRoot,
      env,
    });
    running.push(station);
    const lines = station.stdout().split('\n');
    expect(lines[0]).toBe('Electron runtime not installed: starting Packdesk in browser mode.');
    expect(lines[1]).toMatch(readyLine);
    const output = station.stdout() + station.stderr();
    expect(output).not.toMatch(/Downloading Electron|fetch failed/);
    expect(output, 'a stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('never loads the electron package in the code npm start runs, so no start can trigger its download', () => {
    const outMain = join(repoRoot, 'out/main');
    // cli.js and the chunks it shares; index.js is Electron's own entry, where `electron` is built in.
    for (const file of readdirSync(outMain).filter((name) => name.endsWith('.js') && name !== 'index.js')) {
      const code = readFileSync(join(outMain, file), 'utf8');
      expect(code, file).not.toMatch(/from\s*["']electron["']|require\(\s*["']electron["']\s*\)|import\(\s*["']electron["']\s*\)/);
    }
  });
});
