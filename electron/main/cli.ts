/*
 * `npm start` lands here (out/main/cli.js). With the Electron runtime installed it hands over to
 * Electron; without it, and with --web, it serves the station in browser mode on 127.0.0.1.
 * stdout carries only the lines people and scripts wait for; logs go to stderr and the data dir.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from '../../scripts/electron-runtime.mjs';
import { isAppError } from '../../shared/errors';
import { demoLine, type DemoAddress } from './station/backend';
import { parseLaunchOptions, usageText, type LaunchOptions } from './config/station-config';
import { scrubSecrets } from './infra/log';
import { startStation } from './station/station';
import { loadAccessSecret } from './transport/web/access-secret';
import { startWebServer } from './transport/web/server';

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

async function runWeb(launch: LaunchOptions, argv: string[]): Promise<void> {
  // The demo usually starts inside startStation, before the ready line: it is printed after it, so
  // "Packdesk ready at" stays the first line scripts wait for. A demo started later (Setup) prints at once.
  let isReady = false;
  const early: DemoAddress[] = [];
  const onDemoStarted = (address: DemoAddress): void => {
    if (isReady) process.stdout.write(demoLine(address));
    else early.push(address);
  };
  const station = await startStation({ argv, env: process.env, mode: 'web', onDemoStarted });
  const server = await startWebServer({
    dispatch: station.dispatch,
    events: station.events,
    port: launch.port,
    // The same for every launch on this data dir: a restart keeps the browsers that had access.
    token: loadAccessSecret(launch.dataDir, { rotate: launch.shouldRotateToken }),
    language: () => station.state().language,
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  });
  process.stdout.write(`Packdesk ready at ${server.url}\n`);
  isReady = true;
  for (const address of early.splice(0)) process.stdout.write(demoLine(address));
  if (launch.shouldOpen) openBrowser(server.url);

  let isStopping = false;
  const stop = async () => {
    if (isStopping) return;
    isStopping = true;
    await server.close();
    await station.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const launch = parseLaunchOptions(argv, process.env);
  if (launch.isHelp) {
    process.stdout.write(usageText() + '\n');
    return;
  }
  if (!launch.isWeb) {
    // By its files, never by requiring the electron package: that would try to download the
    // runtime on every start (scripts/electron-runtime.mjs). cli.js runs from out/main/.
    const electron = findElectronRuntime(fileURLToPath(new URL('../..', import.meta.url)))?.binary;
    if (electron) {
      const child = spawn(electron, [fileURLToPath(new URL('./index.js', import.meta.url)), ...argv], { stdio: 'inherit' });
      child.on('exit', (code) => process.exit(code ?? 0));
      return;
    }
    process.stdout.write('Electron runtime not installed: starting Packdesk in browser mode.\n');
  }
  await runWeb(launch, argv);
}

main().catch((error: unknown) => {
  // Scrubbed: a config error may quote the backend section, key and all.
  process.stderr.write(scrubSecrets(`Packdesk could not start: ${isAppError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  process.exit(isAppError(error) && error.code === 'VALIDATION' ? 2 : 1);
});
