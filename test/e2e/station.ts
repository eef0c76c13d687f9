import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signBadge } from '../../electron/main/people/badge-signature';
import type { User, Warehouse } from '../../shared/domain';
import { spawnReady, type ReadyProcess } from '../helpers/spawn-ready';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(repoRoot, 'out/main/cli.js');
export const rendererIndex = join(repoRoot, 'out/renderer/index.html');

/** Why the browser-mode tests cannot run here, or null when the build output is in place. */
export function missingBuild(): string | null {
  if (!existsSync(cliPath)) return 'out/main/cli.js is missing: run `npm run build` first';
  if (!existsSync(rendererIndex)) return 'out/renderer/index.html is missing: run `npm run build` first';
  return null;
}

export interface RunningStation {
  /** The address printed on stdout, token included. */
  url: string;
  origin: string;
  token: string;
  /** The station's data dir (badge secret, shift-lead file, caches). */
  dataDir: string;
  /** POST /api/<name>, the tooling route (the page itself sends commands over its socket), with the token unless told otherwise. */
  command(name: string, input?: unknown, withToken?: boolean): Promise<{ status: number; body: unknown }>;
  /** Everything the station printed on stdout so far. */
  stdout(): string;
  stop(): Promise<void>;
}

export interface StationLaunch {
  /** Reuse this data dir (kept on stop), as a restarted station does; a fresh one otherwise. */
  dataDir?: string;
  /** 0 (the default) picks a free port; a restart asks for the port it had. */
  port?: number;
  /** More command-line flags, e.g. --rotate-token. */
  args?: string[];
  /** Environment variables on top of this process's, e.g. a PATH whose lpstat lists printers this machine lacks. */
  env?: NodeJS.ProcessEnv;
}

const readyLine = /^Packdesk ready at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)\s*$/m;

/**
 * Starts `node out/main/cli.js --web` as the station would run on a thin client: fresh data dir,
 * an optional config file through PACKDESK_CONFIG, and waits for its one "ready" line.
 */
export async function startStation(config?: unknown, timeoutMs = 60_000, launch: StationLaunch = {}): Promise<RunningStation> {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-'));
  const dataDir = launch.dataDir ?? join(dir, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, ...launch.env };
  delete env.PACKDESK_CONFIG;
  delete env.PACKDESK_DATA_DIR;
  if (config !== undefined) {
    const file = join(dir, 'station.json');
    writeFileSync(file, JSON.stringify(config, null, 2));
    env.PACKDESK_CONFIG = file;
  }
  let spawned: ReadyProcess;
  try {
    spawned = await spawnReady({
      command: process.execPath,
      args: [cliPath, '--web', '--no-open', '--port', String(launch.port ?? 0), '--data-dir', dataDir, ...(launch.args ?? [])],
      ready: readyLine,
      what: 'the station',
      cwd: repoRoot,
      env,
      timeoutMs,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { match } = spawned;
  async function stop(): Promise<void> {
    await spawned.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const origin = match[1] ?? '';
  const token = match[2] ?? '';
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    dataDir,
    async command(name, input = {}, withToken = true) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (withToken) headers['X-Packdesk-Token'] = token;
      const response = await fetch(`${origin}/api/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
      return { status: response.status, body: await response.json() };
    },
    stdout: spawned.stdout,
    stop,
  };
}

/**
 * A station on the embedded demo, set up as Setup does it: the demo's first active warehouse, its
 * first active user as the packer, English, and the name given.
 */
export async function startDemoStation(stationName: string): Promise<RunningStation> {
  const station = await startStation({ backend: { demo: true } });
  try {
    const connected = valueOf<{ warehouses: Warehouse[] }>(await station.command('setup.connect', { backend: { demo: true } }));
    const warehouse = connected.warehouses.find((w) => w.isActive);
    const packer = valueOf<User[]>(await station.command('setup.users', {})).find((u) => u.isActive);
    if (!warehouse || !packer) throw new Error('the demo backend has no active warehouse or user');
    valueOf(await station.command('setup.save', { warehouse: warehouse.idwarehouse, stationName, language: 'en', packer: packer.iduser }));
    return station;
  } catch (error) {
    await station.stop();
    throw error;
  }
}

/** The value of an `{ok:true}` answer, or a failure that shows what the station said. */
export function valueOf<T>(answer: { status: number; body: unknown }): T {
  const body = answer.body as { ok?: boolean; value?: T };
  if (answer.status !== 200 || body.ok !== true) throw new Error(`command failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return body.value as T;
}

/**
 * A user's badge code as the station's badge sheet prints it, signed with the secret the station
 * keeps in its data dir (one account per station here, so one secret file).
 */
export function signedBadge(station: Pick<RunningStation, 'dataDir'>, iduser: number): string {
  const file = readdirSync(station.dataDir).find((name) => name.startsWith('badge-secret-') && name.endsWith('.key'));
  if (!file) throw new Error(`no badge secret in ${station.dataDir}`);
  return signBadge(Buffer.from(readFileSync(join(station.dataDir, file), 'utf8').trim(), 'hex'), iduser);
}
