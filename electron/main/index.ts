/*
 * The Electron entry (out/main/index.js): one locked-down window on the built renderer, the
 * contract wired to it through ipc/, and the station's lifecycle. Everything with logic lives
 * in plain-Node modules under test; this file cannot run on machines without the Electron
 * runtime, so it stays small and follows Electron's security checklist item by item.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { isAppError } from '../../shared/errors';
import { installDirs } from './config/station-config';
import { demoLine } from './station/backend';
import { forwardEvents, registerIpcHandlers } from './transport/ipc';
import { createLogger, scrubSecrets } from './infra/log';
import { createWindowPolicy } from './shell/window-policy';
import { createDesktopSettings, startUpdates, type Updater } from './shell/desktop';
import { systemClock } from './infra/clock';
import { startStation } from './station/station';

const log = createLogger('electron');

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const indexHtml = path.join(here, '../renderer/index.html');
// A renderer dev server is honoured only in an unpackaged app; a shipped station loads its files.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
// Every decision about what the window shows and may do lives in security/window-policy.ts,
// under test; this file only hands Electron's events to it.
const policy = createWindowPolicy({ indexFileUrl: pathToFileURL(indexHtml).href, devServerUrl, isPackaged: app.isPackaged });

type Station = Awaited<ReturnType<typeof startStation>>;
let station: Station | null = null;
let mainWindow: BrowserWindow | null = null;
let updates: { stop(): void } | null = null;

/** Start at login and full screen, from Settings or the config file (shell/desktop.ts). */
const desktop = createDesktopSettings({ app, platform: process.platform, executable: process.execPath, env: process.env, log, window: () => mainWindow });

/**
 * electron-updater is imported only when the config names an update folder: it loads Electron
 * and the app's update files as it is imported. CommonJS, so its exports are the default's.
 */
async function loadUpdater(): Promise<Updater> {
  const updater = await import('electron-updater');
  return (updater.default ?? updater).autoUpdater;
}

/**
 * Applied to every webContents ever created (the window, devtools, anything a bug might open):
 * no navigation away from our own page, no new windows, no <webview>. A page that can be steered
 * to another URL keeps its preload and so the bridge; navigation is the usual first step of an
 * exploit (checklist 13, 14, 12).
 */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = policy.windowOpen(url);
    if (decision.openExternally) {
      setImmediate(() => {
        shell.openExternal(url).catch((error: unknown) => log.warn('could not open a link in the browser', { message: String(error) }));
      });
    }
    return { action: decision.action };
  });
  // will-frame-navigate covers the main frame and every subframe; will-navigate is kept for the
  // main frame as well, in case one of them is ever not emitted for some navigation.
  contents.on('will-frame-navigate', (event) => {
    if (policy.isAllowedNavigation(event.url)) return;
    event.preventDefault();
    log.warn('blocked a navigation away from the app', { isMainFrame: event.isMainFrame });
  });
  contents.on('will-navigate', (event) => {
    if (policy.isAllowedNavigation(event.url)) return;
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (policy.isAllowedNavigation(event.url)) return;
    event.preventDefault();
    log.warn('blocked a redirect away from the app');
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Session-wide defences. Electron grants every permission request unless a handler says
 * otherwise (checklist 5); Packdesk needs none (scanners, scales and printers are main's), so
 * both the check and the request handler deny everything. The CSP header covers pages served over
 * http (a dev server); for the file:// page the meta tag in renderer/index.html is what applies,
 * since a header cannot be set on file:// (checklist 7).
 */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(policy.isPermissionGranted(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => policy.isPermissionGranted(permission));
  // Nothing remote runs in the app's page: a request to the network that is not our dev server
  // or a product picture is cancelled before it leaves.
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const isAllowed = policy.isAllowedRequest(details);
    if (!isAllowed) log.warn('blocked a request from the window', { resourceType: details.resourceType });
    callback({ cancel: !isAllowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy.csp] } });
  });
}

/**
 * Commands are served only to our own window's top frame showing our own page: not to an
 * iframe, not to another webContents, not to the window after it was somehow navigated away
 * (checklist 17; the URL is parsed, never prefix-matched).
 */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const window = mainWindow;
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame) return false;
  return event.sender.id === window.webContents.id && frame.parent === null && policy.isAppUrl(frame.url);
}

function createWindow(running: Station): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Packdesk',
    webPreferences: policy.webPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  const stopForwarding = forwardEvents(running.events, window.webContents);
  window.on('closed', () => {
    stopForwarding();
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => log.error('renderer process gone', { reason: details.reason }));

  const loaded = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(indexHtml);
  loaded.catch((error: unknown) => log.error('could not load the renderer', { message: String(error) }));
  return window;
}

let stopping: Promise<void> | null = null;
let isStopped = false;

/** Stops the station once (flushes the outbox state, closes the database), whichever path asks first. */
function stopStation(): Promise<void> {
  stopping ??= (async () => {
    updates?.stop();
    try {
      await station?.stop();
    } catch (error) {
      log.error('station did not stop cleanly', { stack: error instanceof Error ? error.stack : String(error) });
    } finally {
      isStopped = true;
    }
  })();
  return stopping;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  // The API key entered in Setup is encrypted with the OS keychain (DPAPI, Keychain, libsecret)
  // when the OS offers it; safeStorage is only usable after ready.
  const secrets = safeStorage.isEncryptionAvailable()
    ? { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (data: Buffer) => safeStorage.decryptString(data) }
    : undefined;
  const running = await startStation({
    argv: process.argv,
    env: process.env,
    mode: 'electron',
    // A packdesk-station.json next to the installed app configures a fleet's station on first start.
    appDirs: installDirs(app.getPath('exe'), process.env),
    secrets,
    // `npm start` keeps Electron's stdout on the terminal: where a newcomer finds the demo. The
    // console, not process.stdout: a packaged app on Windows has no stdout, and the console drops
    // what it cannot write instead of throwing.
    onDemoStarted: (address) => console.log(demoLine(address).trimEnd()),
    // The operating system's printers for Settings (Windows and macOS have no lpstat of their
    // own to ask); read through the window once it exists.
    systemPrinters: async () => {
      const printers = (await mainWindow?.webContents.getPrintersAsync()) ?? [];
      return printers.map((p) => ({ name: p.name, description: p.displayName || p.description }));
    },
  });
  station = running;
  const settingsNow = () => Promise.resolve(running.handlers['settings.get']({}));
  const { desktop: desktopNow, updates: updatesNow } = await settingsNow();
  // Registered before the page loads, so the renderer's first command finds a handler.
  registerIpcHandlers(ipcMain, running.dispatch, isTrustedSender, running.events.revision);
  mainWindow = createWindow(running);
  // Applied before the window shows (it shows on ready-to-show), and again when Settings saves.
  desktop.apply(desktopNow);
  running.events.subscribe((name) => {
    if (name === 'settings.changed') void settingsNow().then((view) => desktop.apply(view.desktop));
  });
  updates = await startUpdates({ updates: updatesNow, loadUpdater, clock: systemClock, log: log.child('updates') });
}

// Two stations in one user session would share one database and one label printer.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, whatever a webPreferences object says (only possible before ready).
  if (!app.isReady()) app.enableSandbox();

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // A packing station without its window has nothing to do, on macOS too.
  app.on('window-all-closed', () => {
    void stopStation().then(() => app.quit());
  });

  // app.quit() (Cmd+Q, a menu) skips window-all-closed: hold the quit until the station stopped.
  app.on('will-quit', (event) => {
    if (isStopped) return;
    event.preventDefault();
    void stopStation().then(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Packdesk could not start', { stack: error instanceof Error ? error.stack : String(error) });
      const message = isAppError(error) ? error.message : error instanceof Error ? error.message : String(error);
      // The dialog is the one place main shows text outside the log: it gets the same scrubbing.
      dialog.showErrorBox('Packdesk could not start', scrubSecrets(message));
      void stopStation().finally(() => app.exit(1));
    });
}
