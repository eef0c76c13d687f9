import { spawnReady } from '../helpers/spawn-ready';
import { repoRoot } from './station';

/*
 * The standalone demo backend as its own process, for browser tests that drive the real station
 * against it and then check the result through the demo's own Picqer API.
 */

export interface DemoBackend {
  url: string;
  apiKey: string;
  get<T>(path: string): Promise<T>;
  /** Every page of a Picqer list (100 per page, by offset). */
  list<T>(path: string): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startDemoBackend(options: { seed: number; apiKey?: string; timeoutMs?: number }): Promise<DemoBackend> {
  const apiKey = options.apiKey ?? 'k';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const args = ['tsx', 'electron/picqer-demo/cli.ts', '--port', '0', '--seed', String(options.seed), '--api-key', apiKey];
  // A process group of its own: npx starts tsx, which starts node, and stopping must reach them all.
  const demo = await spawnReady({
    command: 'npx',
    args,
    ready: /Demo backend listening on (http:\/\/127\.0\.0\.1:\d+)/,
    what: 'the demo backend',
    cwd: repoRoot,
    env: { ...process.env, PACKDESK_CONFIG: '', PACKDESK_DATA_DIR: '' },
    timeoutMs,
    isGroup: true,
  });
  const url = demo.match[1] ?? '';

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${url}/api/v1${path}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`, 'User-Agent': 'Packdesk e2e (tests@packdesk.invalid)' },
    });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    url,
    apiKey,
    get,
    async list<T>(path: string) {
      const all: T[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await get<T[]>(`${path}${path.includes('?') ? '&' : '?'}offset=${offset}`);
        all.push(...page);
        if (page.length < 100) return all;
      }
    },
    stop: demo.stop,
  };
}
