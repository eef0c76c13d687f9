import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeed } from '../../electron/main/station/backend';
import { parseArgs } from '../../electron/picqer-demo/cli-args';
import { generateSeed } from '../../electron/picqer-demo/seed';
import { spawnReady, type ReadyProcess } from '../helpers/spawn-ready';

const root = resolve(__dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
let child: ChildProcess | null = null;
let demo: ReadyProcess | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = null;
  await demo?.stop();
  demo = null;
});

/** Starts the CLI and waits for its first `count` lines on stdout. */
async function firstLines(args: string[], count: number): Promise<{ demo: ReadyProcess; lines: string[] }> {
  demo = await spawnReady({ command: tsx, args: ['electron/picqer-demo/cli.ts', ...args], ready: new RegExp(`^(?:.*\\n){${count}}`), what: 'the demo backend CLI', cwd: root });
  return { demo, lines: demo.match[0].split('\n').slice(0, count) };
}

describe('demo backend CLI', () => {
  it('prints the ready line once it accepts requests, and stops on SIGTERM', async () => {
    const { demo: started, lines } = await firstLines(['--port', '0', '--seed', 'cli', '--products', '50', '--picklists', '10', '--api-key', 'cli-key'], 1);
    const line = lines[0] ?? '';
    const match = /^Demo backend listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match).not.toBeNull();
    const response = await fetch(`${match?.[1] ?? ''}/api/v1/products`, { headers: { 'User-Agent': 't', Authorization: `Basic ${Buffer.from('cli-key:').toString('base64')}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(50);
    started.child.kill('SIGTERM');
    await started.exited;
    expect(started.child.exitCode).toBe(0);
  });

  it('serves the embedded demo\'s warehouse by default and says where and with which key', async () => {
    const [ready, details] = (await firstLines(['--port', '0'], 2)).lines;
    const url = /^Demo backend listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(ready ?? '')?.[1] ?? '';
    expect(details).toBe(`Demo Picqer at ${url}, API key: any non-empty key (seed "${demoSeed}", the embedded demo's warehouse)`);
    const response = await fetch(`${url}/api/v1/picklists`, { headers: { 'User-Agent': 't', Authorization: `Basic ${Buffer.from('anything:').toString('base64')}` } });
    const served = ((await response.json()) as Array<{ picklistid: string; idpicklist: number }>).map((p) => [p.idpicklist, p.picklistid]);
    const embedded = generateSeed({ seed: demoSeed, baseUrl: url }).picklists.map((p) => [p.idpicklist, p.picklistid]);
    expect(served).toEqual(embedded.slice(0, served.length));
  });

  it('names the key it was given', async () => {
    const [ready, details] = (await firstLines(['--port', '0', '--seed', '7', '--api-key', 'cli-key'], 2)).lines;
    const url = /^Demo backend listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(ready ?? '')?.[1] ?? '';
    expect(details).toBe(`Demo Picqer at ${url}, API key: cli-key (seed "7")`);
  });

  it('explains a bad flag and exits non-zero', async () => {
    const proc = spawn(tsx, ['electron/picqer-demo/cli.ts', '--port', 'abc'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(proc, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port/);
  });

  it('parses every flag', () => {
    expect(parseArgs(['--port', '8080', '--seed', 's', '--products', '500', '--picklists', '70', '--rate-limit', '60', '--api-key', 'k'])).toEqual({
      port: 8080,
      seed: 's',
      products: 500,
      picklists: 70,
      rateLimitPerMinute: 60,
      apiKey: 'k',
    });
    expect(() => parseArgs(['--port', '1', '--verbose'])).toThrow(/Unknown option/);
    expect(() => parseArgs([])).toThrow(/--port/);
    expect(() => parseArgs(['--port'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--seed', '--port', '0'])).toThrow('--seed needs a value');
    expect(() => parseArgs(['--port', '0', 'extra'])).toThrow('Unknown option "extra"');
    expect(parseArgs(['--port=0', '--seed=s'])).toEqual({ port: 0, seed: 's' });
  });

  it('reads each variant switch, with its value where it takes one', () => {
    expect(parseArgs(['--port', '0', '--variant', 'pickall-closes', '--variant=no-containers=403', '--variant', 'no-users-me'])).toEqual({
      port: 0,
      variants: { pickallCloses: true, noContainers: 403, noUsersMe: true },
    });
    expect(parseArgs(['--port', '0', '--variant', 'no-containers']).variants).toEqual({ noContainers: 404 });
    expect(() => parseArgs(['--port', '0', '--variant', 'closes-sometimes'])).toThrow(/Unknown variant "closes-sometimes"; known: pickall-closes/);
    expect(() => parseArgs(['--port', '0', '--variant', 'no-containers=500'])).toThrow(/401, 403 or 404/);
    expect(parseArgs(['--port', '0', '--variant', 'multicolli=refused']).variants).toEqual({ multicolli: 'refused' });
    expect(parseArgs(['--port', '0', '--variant=multicolli=ignored']).variants).toEqual({ multicolli: 'ignored' });
    expect(() => parseArgs(['--port', '0', '--variant', 'multicolli'])).toThrow(/refused or ignored/);
  });
});
