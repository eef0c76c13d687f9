import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import type { Logger } from '../../../electron/main/infra/log';
import { autostartFile, createDesktopSettings, startUpdates, type Updater } from '../../../electron/main/shell/desktop';

/*
 * Start at login, full screen and updates, with fakes for Electron's app, the window and
 * electron-updater: what the desktop app asks of each, per platform, and that an update host
 * that is offline or answers 404 ends up in the log, never as a crash.
 */

function fakeLog() {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const log: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
    child: () => log,
  };
  return { log, lines };
}

function fakeApp() {
  const calls: Array<{ openAtLogin: boolean }> = [];
  return { calls, setLoginItemSettings: (settings: { openAtLogin: boolean }) => void calls.push(settings) };
}

function fakeWindow() {
  const kiosk: boolean[] = [];
  return { kiosk, setKiosk: (flag: boolean) => void kiosk.push(flag) };
}

function desktopOn(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}) {
  const app = fakeApp();
  const window = fakeWindow();
  const { log, lines } = fakeLog();
  const desktop = createDesktopSettings({ app, platform, executable: '/opt/Packdesk/packdesk', env, log, window: () => window });
  return { app, window, lines, desktop };
}

describe('start at login', () => {
  it.each(['win32', 'darwin'] as const)('sets and unsets the login item on %s', (platform) => {
    const { app, desktop } = desktopOn(platform);
    desktop.apply({ startAtLogin: true });
    desktop.apply({ startAtLogin: true, fullScreen: true });
    desktop.apply({ startAtLogin: false });
    expect(app.calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });

  it('leaves the login items alone when the setting was never set', () => {
    const { app, desktop } = desktopOn('win32');
    desktop.apply({});
    expect(app.calls).toEqual([]);
  });

  it('writes and removes an XDG autostart entry on Linux, where Electron has no login items', () => {
    const configHome = mkdtempSync(join(tmpdir(), 'pd-autostart-'));
    const { app, desktop } = desktopOn('linux', { XDG_CONFIG_HOME: configHome });
    const file = autostartFile({ XDG_CONFIG_HOME: configHome });
    expect(file).toBe(join(configHome, 'autostart', 'packdesk.desktop'));

    desktop.apply({ startAtLogin: true });
    expect(readFileSync(file, 'utf8')).toBe('[Desktop Entry]\nType=Application\nName=Packdesk\nExec="/opt/Packdesk/packdesk"\nX-GNOME-Autostart-enabled=true\n');
    desktop.apply({ startAtLogin: false });
    expect(existsSync(file)).toBe(false);
    expect(app.calls).toEqual([]);
  });

  it('starts the AppImage file itself on Linux, not the executable inside its mount', () => {
    const configHome = mkdtempSync(join(tmpdir(), 'pd-autostart-'));
    const { desktop } = desktopOn('linux', { XDG_CONFIG_HOME: configHome, APPIMAGE: '/home/pack/Packdesk "1".AppImage' });
    desktop.apply({ startAtLogin: true });
    expect(readFileSync(autostartFile({ XDG_CONFIG_HOME: configHome }), 'utf8')).toContain('Exec="/home/pack/Packdesk \\"1\\".AppImage"\n');
  });

  it('logs a login item it could not change and carries on', () => {
    const window = fakeWindow();
    const app = {
      setLoginItemSettings: () => {
        throw new Error('denied by policy');
      },
    };
    const { log, lines: logged } = fakeLog();
    const desktop = createDesktopSettings({ app, platform: 'win32', executable: 'C:\\Packdesk.exe', env: {}, log, window: () => window });
    expect(() => desktop.apply({ startAtLogin: true, fullScreen: true })).not.toThrow();
    expect(logged).toContainEqual({ level: 'warn', message: 'could not change start at login', fields: { message: 'Error: denied by policy' } });
    expect(window.kiosk).toEqual([true]);
  });
});

describe('full screen', () => {
  it('makes the window a kiosk and an ordinary window again, only when the setting changes', () => {
    const { window, desktop } = desktopOn('win32');
    desktop.apply({});
    desktop.apply({ fullScreen: true });
    desktop.apply({ fullScreen: true, startAtLogin: false });
    desktop.apply({ fullScreen: false });
    expect(window.kiosk).toEqual([false, true, false]);
  });
});

function fakeUpdater(check: () => ReturnType<Updater['checkForUpdates']> = async () => null) {
  const listeners = new Map<string, (value: never) => void>();
  const feeds: unknown[] = [];
  let checks = 0;
  const updater: Updater = {
    logger: null,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (options) => void feeds.push(options),
    checkForUpdates: () => {
      checks += 1;
      return check();
    },
    on: (event: string, listener: (value: never) => void) => listeners.set(event, listener),
  };
  return { updater, feeds, listeners, checks: () => checks, emit: (event: string, value: unknown) => listeners.get(event)?.(value as never) };
}

/** Lets the promise chain of a check run to its end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('updates', () => {
  it('loads no updater and looks for nothing without a URL in the station config', async () => {
    const { log, lines } = fakeLog();
    let loads = 0;
    const clock = createManualClock();
    const updates = await startUpdates({ updates: null, loadUpdater: async () => (loads++, fakeUpdater().updater), clock, log });
    clock.advance(24 * 60 * 60 * 1000);
    updates.stop();
    expect(loads).toBe(0);
    expect(lines).toContainEqual({ level: 'info', message: 'updates are off: the station config names no update folder', fields: undefined });
  });

  it('looks at the generic feed from the config at start and every few hours, downloading in the background and installing on quit', async () => {
    const fake = fakeUpdater();
    const { log, lines } = fakeLog();
    const clock = createManualClock();
    const updates = await startUpdates({ updates: { url: 'https://updates.example.com/packdesk/' }, loadUpdater: async () => fake.updater, clock, log, intervalMs: 1000 });
    await settle();
    expect(fake.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/packdesk/' }]);
    expect(fake.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(fake.checks()).toBe(1);

    clock.advance(999);
    await settle();
    expect(fake.checks()).toBe(1);
    clock.advance(1);
    await settle();
    expect(fake.checks()).toBe(2);

    fake.emit('update-downloaded', { version: '1.4.0' });
    expect(lines).toContainEqual({ level: 'info', message: 'a newer version is installed when Packdesk quits', fields: { version: '1.4.0' } });

    updates.stop();
    clock.advance(10_000);
    await settle();
    expect(fake.checks()).toBe(2);
  });

  it('logs an offline host or a 404 and tries again at the next check, never throwing', async () => {
    const fake = fakeUpdater(async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    });
    const { log, lines } = fakeLog();
    const clock = createManualClock();
    const updates = await startUpdates({ updates: { url: 'https://updates.example.com/' }, loadUpdater: async () => fake.updater, clock, log, intervalMs: 1000 });
    await settle();
    fake.emit('error', new Error('Cannot find latest.yml in the latest release artifacts: HttpError: 404'));
    expect(lines).toContainEqual({ level: 'warn', message: 'update check failed', fields: { message: 'Cannot find latest.yml in the latest release artifacts: HttpError: 404' } });
    expect(lines.some((line) => line.message === 'update check did not finish' && String(line.fields?.message).includes('ERR_INTERNET_DISCONNECTED'))).toBe(true);
    clock.advance(1000);
    await settle();
    expect(fake.checks()).toBe(2);
    updates.stop();
  });

  it('catches a download that fails in the background, after the error event logged it', async () => {
    const fake = fakeUpdater(async () => ({ downloadPromise: Promise.reject(new Error('sha512 checksum mismatch')) }));
    const { log, lines } = fakeLog();
    const updates = await startUpdates({ updates: { url: 'https://updates.example.com/' }, loadUpdater: async () => fake.updater, clock: createManualClock(), log });
    await settle();
    expect(lines.some((line) => line.message === 'update download did not finish' && String(line.fields?.message).includes('sha512 checksum mismatch'))).toBe(true);
    updates.stop();
  });

  it('keeps the station running when the updater cannot be loaded', async () => {
    const { log, lines } = fakeLog();
    const updates = await startUpdates({
      updates: { url: 'https://updates.example.com/' },
      loadUpdater: async () => {
        throw new Error('Cannot find module electron-updater');
      },
      clock: createManualClock(),
      log,
    });
    updates.stop();
    expect(lines).toContainEqual({ level: 'warn', message: 'updates are off: the updater could not be loaded', fields: { message: 'Error: Cannot find module electron-updater' } });
  });
});
