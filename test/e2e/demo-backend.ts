import { spawn, type ChildProcess } from 'node:child_process';
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
  const child: ChildProcess = spawn('npx', args, { cwd: repoRoot, env: { ...process.env, PACKDESK_CONFIG: '', PACKDESK_DATA_DIR: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  async function stop(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const signal = (name: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, name);
      } catch {
        // The group is gone already.
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo backend not ready within ${timeoutMs} ms\n${stderr.slice(-3000)}`)), timeoutMs);
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /Demo backend listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`demo backend exited before it was ready\n${stdout}\n${stderr.slice(-3000)}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

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
    stop,
  };
}
