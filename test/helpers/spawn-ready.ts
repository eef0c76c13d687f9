import { spawn, type ChildProcess } from 'node:child_process';

/*
 * Starts a process and waits for the stdout line that says it is ready (the station's
 * "Packdesk ready at ...", the demo backend's "Demo backend listening on ..."). One helper for the
 * e2e tests, the benches and the chaos suite; it does not import vitest, as the latter two run
 * under plain tsx.
 */

export interface SpawnReadyOptions {
  command: string;
  args: readonly string[];
  /** Matched against everything on stdout so far; the match is handed back (ports, tokens). */
  ready: RegExp;
  /** What the process is, for error messages: "the station", "the demo backend". */
  what: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /**
   * A process group of its own, stopped as a whole: for `npx tsx ...`, where npx starts tsx,
   * which starts node, and stopping must reach them all.
   */
  isGroup?: boolean;
  /** How long stop() waits after SIGTERM before SIGKILL. */
  killAfterMs?: number;
  /**
   * Called at once with the process, before it is ready: for a caller that may have to kill it
   * while it starts (the chaos suite kills a station halted in delivery during its start-up).
   */
  onSpawn?: (started: StartedProcess) => void;
}

/** A process as it is from the moment it was spawned: everything but the ready line's match. */
export type StartedProcess = Omit<ReadyProcess, 'match'>;

export interface ReadyProcess {
  child: ChildProcess;
  /** The ready line's match. */
  match: RegExpExecArray;
  /** Everything on stdout so far. */
  stdout(): string;
  /** The last 20,000 characters on stderr (the station's log lines). */
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  isRunning(): boolean;
  /** SIGTERM, SIGKILL if it is still there after killAfterMs; resolves once it exited. */
  stop(): Promise<void>;
  /** SIGKILL now, as a crash or a pulled plug would; resolves once it exited. */
  kill(): Promise<void>;
}

const stderrKept = 20_000;

export async function spawnReady(options: SpawnReadyOptions): Promise<ReadyProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const isGroup = options.isGroup ?? false;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: isGroup,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-stderrKept);
  });
  // A spawn failure (no such command) may come without an exit event.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    try {
      if (isGroup && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // Gone already.
    }
  };
  const stop = async (): Promise<void> => {
    if (!isRunning()) return;
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), options.killAfterMs ?? 5_000);
    await exited;
    clearTimeout(timer);
  };
  const kill = async (): Promise<void> => {
    if (!isRunning()) return;
    signal('SIGKILL');
    await exited;
  };

  const started: StartedProcess = { child, stdout: () => stdout, stderr: () => stderr, exited, isRunning, stop, kill };
  options.onSpawn?.(started);

  let match: RegExpExecArray;
  try {
    match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.what} printed no ready line within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const found = options.ready.exec(stdout);
        if (!found) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(found);
      };
      child.stdout.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${options.what} exited with ${String(child.exitCode ?? child.signalCode)} before it was ready`));
      });
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nstdout:\n${stdout}\nstderr:\n${stderr.slice(-4000)}`, { cause: error });
  }
  return { ...started, match };
}
