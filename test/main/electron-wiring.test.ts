import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, eventNames } from '../../shared/contract';
import { eventChannel, invokeChannel } from '../../electron/main/transport/ipc/channels';

/*
 * The Electron entry, as built (out/main/index.js), run under plain Node with a stand-in for the
 * `electron` module (test/fixtures/electron-stand-in/): the runtime cannot be downloaded here, and
 * index.ts is the one file no other test loads. The stand-in records what the app asks of Electron
 * and lets this test play Electron's part: send a command as the page would, navigate, ask for a
 * permission, start a second instance, quit. The station behind it is real: a temp data dir and
 * the embedded demo Picqer on loopback.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'out/main/index.js');
const register = join(root, 'test/fixtures/electron-stand-in/register.mjs');
const startTimeoutMs = 60_000;

interface Call {
  api: string;
  args: unknown[];
}

interface Snapshot {
  calls: Call[];
  sent: { channel: string; payload: unknown }[];
  appListeners: string[];
  invokeChannels: string[];
  ipcListeners: string[];
  windows: {
    options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
    loaded: { file?: string; url?: string } | null;
    isDestroyed: boolean;
    isVisible: boolean;
    isMinimized: boolean;
    isFocused: boolean;
    hasWindowOpenHandler: boolean;
    contentsListeners: string[];
  }[];
  session: { hasPermissionRequestHandler: boolean; hasPermissionCheckHandler: boolean; hasBeforeRequest: boolean; hasHeadersReceived: boolean };
}

interface Exit {
  code: number;
  snapshot: Snapshot;
}

interface Reply {
  id: number;
  value?: unknown;
  error?: string;
}

interface EntryProcess {
  dataDir: string;
  /** Runs one of the stand-in's ops (electron.mjs, `ops`) and returns its answer. */
  op<T>(op: string, args?: Record<string, unknown>): Promise<T>;
  /** Resolves with the stand-in's last snapshot once the app ended its process. */
  exited: Promise<Exit>;
  stderr(): string;
}

const temps: string[] = [];
const children: ChildProcess[] = [];
/** For the tests that start a process of their own: a loaded machine may take a while, a hang fails by `within`. */
const ownProcess = { timeout: startTimeoutMs + 30_000 };

/** Starts out/main/index.js with the stand-in, on a fresh data dir whose config says: the embedded demo. */
function startEntry(env: Record<string, string> = {}, configText = JSON.stringify({ backend: { demo: true } })): EntryProcess {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-wiring-'));
  temps.push(dir);
  const dataDir = join(dir, 'data');
  const config = join(dir, 'station.json');
  writeFileSync(config, configText);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PACKDESK_CONFIG: config, ELECTRON_STAND_IN_PATHS: join(dir, 'paths'), ...env };
  delete childEnv.PACKDESK_DATA_DIR;
  delete childEnv.ELECTRON_RENDERER_URL;
  const child: ChildProcess = fork(entry, ['--data-dir', dataDir], {
    cwd: root,
    env: childEnv,
    execArgv: ['--import', register],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  child.stdout?.resume();

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let resolveExit: (exit: Exit) => void = () => undefined;
  let rejectExit: (error: Error) => void = () => undefined;
  const exited = new Promise<Exit>((resolve, reject) => {
    resolveExit = resolve;
    rejectExit = reject;
  });
  // Handled here so an unawaited exit never counts as an unhandled rejection; tests await it.
  exited.catch(() => undefined);
  let lastExit: Exit | null = null;
  child.on('message', (message: Reply | ({ type: 'exit' } & Exit)) => {
    if ('type' in message && message.type === 'exit') {
      lastExit = { code: message.code, snapshot: message.snapshot };
      return;
    }
    const reply = message as Reply;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.value);
  });
  child.on('exit', (code, signal) => {
    const why = new Error(`out/main/index.js ended (code ${code}, signal ${signal}) without the stand-in's exit report. Its stderr:\n${stderr}`);
    for (const waiter of pending.values()) waiter.reject(why);
    pending.clear();
    if (lastExit) resolveExit(lastExit);
    else rejectExit(why);
  });

  return {
    dataDir,
    op<T>(op: string, args: Record<string, unknown> = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as T), reject });
        child.send({ id, op, ...args });
      });
    },
    exited,
    stderr: () => stderr,
  };
}

/** Rejects with what the app said when it does not get there in time (a hang, not a slow machine). */
function within<T>(promise: Promise<T>, what: string, app: EntryProcess, timeoutMs = startTimeoutMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${timeoutMs} ms. stderr:\n${app.stderr()}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const apis = (snapshot: Snapshot) => snapshot.calls.map((call) => call.api);

interface Answer {
  id: number | null;
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

beforeAll(() => {
  if (!existsSync(entry)) throw new Error('out/main/index.js is missing: run `npm run build` first (npm test does). This test loads the built Electron entry.');
});

afterAll(() => {
  // A test that failed half-way leaves its app running, held open by the ipc channel.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the Electron entry with a stand-in electron module', () => {
  let app: EntryProcess;
  let started: Snapshot;

  beforeAll(async () => {
    app = startEntry();
    started = await within(app.op<Snapshot>('loaded'), 'opening the window', app);
  }, startTimeoutMs + 10_000);

  it('takes the single instance lock before it starts anything, and sandboxes every renderer before ready', () => {
    const calls = apis(started);
    expect(calls).toContain('app.requestSingleInstanceLock');
    expect(calls.indexOf('app.requestSingleInstanceLock')).toBeLessThan(calls.indexOf('app.whenReady'));
    const sandbox = started.calls.find((call) => call.api === 'app.enableSandbox');
    expect(sandbox?.args).toEqual([{ isReady: false }]);
    expect(started.appListeners).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed', 'will-quit']));
  });

  it('opens one locked-down window on the built renderer, with the preload', () => {
    expect(started.windows).toHaveLength(1);
    const [window] = started.windows;
    const prefs = window?.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBe(join(root, 'out/preload/index.cjs'));
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(window?.loaded).toEqual({ file: join(root, 'out/renderer/index.html') });
  });

  it('registers the one invoke channel, which knows every command of the contract', async () => {
    expect(started.invokeChannels).toEqual([invokeChannel]);
    expect(started.ipcListeners).toEqual([]);
    // A string is no command's input, so each command is refused at its input check.
    for (const [index, name] of commandNames.entries()) {
      const answer = await app.op<Answer>('invoke', { channel: invokeChannel, message: { id: index + 1, name, input: 'not an input' } });
      expect(answer.id, name).toBe(index + 1);
      // VALIDATION, not UNKNOWN_COMMAND: the name was found, and the handler never ran.
      expect(answer.result.error?.code, name).toBe('VALIDATION');
    }
    const unknown = await app.op<Answer>('invoke', { channel: invokeChannel, message: { id: 9999, name: 'station.selfDestruct', input: {} } });
    expect(unknown.result.error?.code).toBe('UNKNOWN_COMMAND');
    const state = await app.op<Answer>('invoke', { channel: invokeChannel, message: { id: 10_000, name: 'app.state', input: {} } });
    expect(state.result).toMatchObject({ ok: true, value: { mode: 'electron' } });
  });

  it('refuses commands from anything but its own page in its own window', async () => {
    for (const from of ['iframe', 'other-page', 'other-contents']) {
      const answer = await app.op<Answer>('invoke', { channel: invokeChannel, message: { id: 1, name: 'app.state', input: {} }, from });
      expect(answer.result.error?.code, from).toBe('FORBIDDEN');
    }
  });

  it("forwards the station's events to the window", async () => {
    const before = (await app.op<Snapshot>('snapshot')).sent.length;
    const answer = await app.op<Answer>('invoke', { channel: invokeChannel, message: { id: 1, name: 'devices.refresh', input: {} } });
    expect(answer.result.ok).toBe(true);
    const sent = (await app.op<Snapshot>('snapshot')).sent.slice(before);
    expect(sent.map((message) => message.channel)).toContain(eventChannel);
    const events = sent.map((message) => (message.payload as { event: string }).event);
    expect(events).toContain('devices.changed');
    for (const event of events) expect(eventNames).toContain(event);
    expect(sent.find((message) => (message.payload as { event: string }).event === 'devices.changed')?.payload).toMatchObject({ revision: expect.any(Number) });
  });

  it('installs the navigation, window-open and webview guards on the window', async () => {
    const [window] = started.windows;
    expect(window?.hasWindowOpenHandler).toBe(true);
    expect(window?.contentsListeners).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']));

    const ownPage = `file://${join(root, 'out/renderer/index.html')}`;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(await app.op<boolean>('contentsEvent', { name, url: 'https://evil.example/' }), name).toBe(true);
      expect(await app.op<boolean>('contentsEvent', { name, url: `file://${join(root, 'package.json')}` }), name).toBe(true);
      expect(await app.op<boolean>('contentsEvent', { name, url: ownPage }), name).toBe(false);
    }
    expect(await app.op<boolean>('contentsEvent', { name: 'will-attach-webview', url: ownPage })).toBe(true);

    // No window of its own ever; a plain https link goes to the system browser, nothing else does.
    expect(await app.op('windowOpen', { url: 'https://www.picqer.com/' })).toEqual({ action: 'deny' });
    expect(await app.op('windowOpen', { url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const opened = async () => (await app.op<Snapshot>('snapshot')).calls.filter((call) => call.api === 'shell.openExternal').map((call) => call.args[0]);
    await expect.poll(opened, { timeout: 10_000 }).toEqual(['https://www.picqer.com/']);
  });

  it('refuses every permission and every request off the machine but a product picture', async () => {
    expect(started.session).toEqual({ hasPermissionRequestHandler: true, hasPermissionCheckHandler: true, hasBeforeRequest: true, hasHeadersReceived: true });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'openExternal']) {
      expect(await app.op('permission', { permission }), permission).toEqual({ request: false, check: false });
    }
    expect(await app.op('request', { url: 'https://evil.example/x.js', resourceType: 'script' })).toEqual({ cancel: true });
    expect(await app.op('request', { url: 'https://cdn.picqer.com/p.png', resourceType: 'image' })).toEqual({ cancel: false });
  });

  it('brings its window back when a second instance starts', async () => {
    await app.op('minimize');
    expect(await app.op('secondInstance', { argv: ['packdesk'] })).toEqual({ isMinimized: false, isFocused: true });
  });

  // Last: it ends the process.
  it('stops the station and closes the database before it quits', ownProcess, async () => {
    const dbFiles = () => readdirSync(app.dataDir).filter((file) => file.includes('.sqlite'));
    expect(dbFiles().some((file) => file.endsWith('.sqlite'))).toBe(true);
    // While the station runs, WAL mode keeps a -wal file beside each open database.
    expect(dbFiles().some((file) => file.endsWith('.sqlite-wal'))).toBe(true);

    await app.op('quit');
    const { code, snapshot } = await within(app.exited, 'quitting', app);
    expect(code).toBe(0);
    // The first quit is held until the station stopped; the app then quits again, and that one goes through.
    const quits = snapshot.calls.filter((call) => call.api === 'app.quit' || call.api === 'app.quit prevented').map((call) => [call.api, ...call.args]);
    expect(quits).toEqual([['app.quit'], ['app.quit prevented', 'will-quit'], ['app.quit']]);
    expect(apis(snapshot)).not.toContain('app.exit');
    expect(apis(snapshot)).not.toContain('dialog.showErrorBox');
    // SQLite removes the -wal file when the last connection closes cleanly, not when a process just ends.
    expect(dbFiles().filter((file) => file.endsWith('-wal') || file.endsWith('-shm'))).toEqual([]);
  });
});

describe('a second Packdesk on the same machine', () => {
  it('quits at once when it does not get the single instance lock, before opening anything', ownProcess, async () => {
    const app = startEntry({ ELECTRON_STAND_IN_LOCK: 'denied' });
    const { code, snapshot } = await within(app.exited, 'quitting without the lock', app);
    expect(code).toBe(0);
    const calls = apis(snapshot);
    expect(calls).toContain('app.requestSingleInstanceLock');
    expect(calls).toContain('app.quit');
    expect(calls).not.toContain('app.whenReady');
    expect(snapshot.windows).toEqual([]);
    expect(snapshot.invokeChannels).toEqual([]);
    expect(existsSync(app.dataDir)).toBe(false);
  });
});

describe('a station that cannot start', () => {
  it('says why in one dialog without a stack, and exits with an error', ownProcess, async () => {
    const app = startEntry({}, '{ "backend": ');
    const { code, snapshot } = await within(app.exited, 'giving up on a broken config', app);
    expect(code).toBe(1);
    const boxes = snapshot.calls.filter((call) => call.api === 'dialog.showErrorBox');
    expect(boxes).toHaveLength(1);
    const [title, message] = boxes[0]?.args as [string, string];
    expect(title).toBe('Packdesk could not start');
    expect(message).toMatch(/^Station config .*station\.json is not valid JSON/);
    expect(message).not.toMatch(/\n\s+at /);
    expect(snapshot.windows).toEqual([]);
    expect(apis(snapshot)).toContain('app.exit');
  });
});

describe('a station config next to the installed app', () => {
  it('is picked up from the executable’s folder when PACKDESK_CONFIG names none', ownProcess, async () => {
    // The stand-in's app.getPath('exe') is <ELECTRON_STAND_IN_PATHS>/exe: its folder is the app's.
    const appDir = mkdtempSync(join(tmpdir(), 'packdesk-wiring-app-'));
    temps.push(appDir);
    writeFileSync(join(appDir, 'packdesk-station.json'), JSON.stringify({ backend: { demo: true }, warehouse: 1830 }));
    const app = startEntry({ PACKDESK_CONFIG: '', ELECTRON_STAND_IN_PATHS: appDir });
    const loaded = await within(app.op<Snapshot>('loaded'), 'opening the window', app);
    expect(loaded.calls).toContainEqual({ api: 'app.getPath', args: ['exe'] });
    const state = await app.op<Answer>('invoke', { channel: invokeChannel, message: { id: 1, name: 'app.state', input: {} } });
    expect(state.result).toMatchObject({ ok: true, value: { isConfigured: true, warehouse: { idwarehouse: 1830 }, stationName: hostname().trim() } });
    await app.op('quit');
    expect((await within(app.exited, 'quitting', app)).code).toBe(0);
  });
});

describe('this computer’s settings', () => {
  it('fills the screen as a kiosk and starts at login (an XDG autostart entry on Linux) when the station config says so', ownProcess, async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'packdesk-autostart-'));
    temps.push(configHome);
    const app = startEntry({ XDG_CONFIG_HOME: configHome }, JSON.stringify({ backend: { demo: true }, desktop: { startAtLogin: true, fullScreen: true } }));
    const snapshot = await within(app.op<Snapshot>('loaded'), 'opening the window', app);
    expect(snapshot.calls.filter((call) => call.api === 'BrowserWindow.setKiosk').map((call) => call.args)).toEqual([[true]]);
    if (process.platform === 'linux') {
      expect(existsSync(join(configHome, 'autostart', 'packdesk.desktop'))).toBe(true);
    } else {
      expect(snapshot.calls.filter((call) => call.api === 'app.setLoginItemSettings').map((call) => call.args)).toEqual([[{ openAtLogin: true }]]);
    }
    await app.op('quit');
    expect((await within(app.exited, 'quitting', app)).code).toBe(0);
  });
});

describe('closing the window', () => {
  it('stops the station and quits, as a station without its window has nothing to do', ownProcess, async () => {
    const app = startEntry();
    await within(app.op('loaded'), 'opening the window', app);
    await app.op('closeWindow');
    const { code, snapshot } = await within(app.exited, 'quitting after the window closed', app);
    expect(code).toBe(0);
    expect(apis(snapshot)).toContain('app.quit');
    expect(apis(snapshot)).not.toContain('app.quit prevented');
    expect(readdirSync(app.dataDir).filter((file) => file.endsWith('-wal') || file.endsWith('-shm'))).toEqual([]);
  });
});
