import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DesktopSettings, UpdatesConfig } from '../../../shared/settings';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/log';

/*
 * What the desktop app does with "this computer" settings: start at login, fill the screen, and
 * look for a newer version. Electron's app, the window and electron-updater come in as
 * parameters (only what is used here), so this runs under test with fakes; index.ts wires it.
 */

/** The part of Electron's `app` used for login items (Windows and macOS only). */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/** The part of a BrowserWindow used for full screen. */
export interface KioskWindow {
  setKiosk(flag: boolean): void;
}

export interface StartAtLoginOptions {
  app: LoginItemApp;
  platform: NodeJS.Platform;
  /** The executable an autostart entry runs on Linux: the AppImage file when run from one. */
  executable: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/** ~/.config/autostart/packdesk.desktop, or under XDG_CONFIG_HOME when set. */
export function autostartFile(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', 'packdesk.desktop');
}

/** A desktop entry's Exec value: quoted, with the characters the spec says to escape escaped. */
const execQuoted = (path: string) => `"${path.replace(/[\\"`$]/g, (char) => `\\${char}`)}"`;

export function autostartEntry(executable: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Packdesk', `Exec=${execQuoted(executable)}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/**
 * Windows and macOS keep login items themselves (app.setLoginItemSettings); Electron does not
 * support them on Linux, where the desktop's own way is an XDG autostart entry. A failure is
 * logged: the station works on, the setting just did not take.
 */
export function applyStartAtLogin(isOn: boolean, options: StartAtLoginOptions): void {
  const { app, platform, log } = options;
  try {
    if (platform === 'win32' || platform === 'darwin') {
      app.setLoginItemSettings({ openAtLogin: isOn });
    } else if (platform === 'linux') {
      const file = autostartFile(options.env);
      if (isOn) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, autostartEntry(options.env.APPIMAGE || options.executable));
      } else {
        rmSync(file, { force: true });
      }
    } else {
      log.warn('start at login is not supported on this system', { platform });
      return;
    }
    log.info(isOn ? 'Packdesk starts at login' : 'Packdesk does not start at login', { platform });
  } catch (error) {
    log.warn('could not change start at login', { message: String(error) });
  }
}

/** The window fills the screen as a kiosk, or is an ordinary window again. */
export function applyFullScreen(window: KioskWindow, isOn: boolean): void {
  window.setKiosk(isOn);
}

/**
 * The station's desktop settings, applied when they change: one call per setting that changed,
 * so saving Settings again does not rewrite a login item nobody changed.
 */
export function createDesktopSettings(options: StartAtLoginOptions & { window: () => KioskWindow | null }) {
  let applied: { startAtLogin: boolean; fullScreen: boolean } | null = null;
  return {
    apply(settings: DesktopSettings): void {
      const next = { startAtLogin: settings.startAtLogin ?? false, fullScreen: settings.fullScreen ?? false };
      // Nothing set and nothing applied before: leave the OS's login items as the user has them.
      if (applied === null ? settings.startAtLogin !== undefined : applied.startAtLogin !== next.startAtLogin) {
        applyStartAtLogin(next.startAtLogin, options);
      }
      const window = options.window();
      if (window && (applied === null || applied.fullScreen !== next.fullScreen)) applyFullScreen(window, next.fullScreen);
      applied = next;
    },
  };
}

/** The part of electron-updater's autoUpdater used here. */
export interface Updater {
  /** electron-updater's own chatter; routed to our log at debug, the outcomes are logged here. */
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  /** With autoDownload, the result carries the download, which rejects when the download fails. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

/** Every four hours: a new version reaches a fleet within a shift, without polling the host all day. */
export const updateCheckIntervalMs = 4 * 60 * 60 * 1000;

export interface UpdatesOptions {
  updates: UpdatesConfig | null;
  /** electron-updater, imported only when there is a URL (it loads Electron and reads the app's files). */
  loadUpdater: () => Promise<Updater>;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
}

/**
 * Looks for a newer version at start and every few hours when the config names an update
 * folder. It downloads in the background and installs when the app quits, never by restarting
 * a station in the middle of a parcel. Offline, a 404, a bad file: logged, and the next check
 * tries again; nothing is shown to the packer.
 */
export async function startUpdates(options: UpdatesOptions): Promise<{ stop(): void }> {
  const { updates, clock, log } = options;
  if (!updates) {
    log.info('updates are off: the station config names no update folder');
    return { stop: () => undefined };
  }
  let updater: Updater;
  try {
    updater = await options.loadUpdater();
  } catch (error) {
    log.warn('updates are off: the updater could not be loaded', { message: String(error) });
    return { stop: () => undefined };
  }
  updater.logger = {
    info: (message) => log.debug(String(message)),
    warn: (message) => log.debug(String(message)),
    error: (message) => log.debug(String(message)),
  };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: updates.url });
  updater.on('error', (error) => log.warn('update check failed', { message: error.message }));
  updater.on('update-available', (info) => log.info('a newer version is downloading', { version: info.version }));
  updater.on('update-not-available', (info) => log.info('this is the newest version', { version: info.version }));
  updater.on('update-downloaded', (info) => log.info('a newer version is installed when Packdesk quits', { version: info.version }));

  let timer: { cancel(): void } | null = null;
  let isStopped = false;
  const check = async () => {
    try {
      const result = await updater.checkForUpdates();
      // A failed download rejects this promise besides emitting 'error' (logged above); caught
      // here so it is not an unhandled rejection in the main process.
      result?.downloadPromise?.catch((error: unknown) => log.debug('update download did not finish', { message: String(error) }));
    } catch (error) {
      // The error event has logged it already in most cases; this covers a throw before it.
      log.debug('update check did not finish', { message: String(error) });
    }
    if (!isStopped) timer = clock.setTimeout(() => void check(), options.intervalMs ?? updateCheckIntervalMs);
  };
  log.info('updates on', { url: updates.url });
  void check();
  return {
    stop() {
      isStopped = true;
      timer?.cancel();
    },
  };
}
