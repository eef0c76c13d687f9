import type { WebPreferences } from 'electron';
import { createAppUrlCheck, type AppUrlOptions } from '../transport/ipc/app-url';
import { contentSecurityPolicy } from '../transport/web/csp';
import { isLoopbackHost } from '../picqer/url-policy';

/*
 * Every decision the Electron window makes about what it shows and what it may do, as plain
 * functions: index.ts only hands Electron's events to them. The window shows our own page and
 * nothing else; the one remote thing it loads is a product picture.
 */

export interface WindowPolicyOptions extends AppUrlOptions {
  /** Devtools only in an unpackaged app. */
  isPackaged: boolean;
}

export type WindowOpenDecision = { action: 'deny'; openExternally: boolean };

/** The request types Electron's webRequest reports; only images may come from elsewhere. */
export type RequestResourceType =
  | 'mainFrame'
  | 'subFrame'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'object'
  | 'xhr'
  | 'ping'
  | 'cspReport'
  | 'media'
  | 'webSocket'
  | 'other';

export interface WindowPolicy {
  /** Our own page: the built index.html, or the loopback dev server in an unpackaged app. */
  isAppUrl(url: string): boolean;
  /** will-navigate, will-frame-navigate and will-redirect: only to our own page. */
  isAllowedNavigation(url: string): boolean;
  /** window.open and target=_blank: never a window of ours; a https link goes to the system browser. */
  windowOpen(url: string): WindowOpenDecision;
  /** Permission requests and checks (camera, notifications, clipboard, HID, ...): all refused. */
  isPermissionGranted(permission: string): boolean;
  /** Every request the page makes over the network. */
  isAllowedRequest(request: { url: string; resourceType: RequestResourceType }): boolean;
  /** The Content-Security-Policy header for pages served over http (the dev server). */
  csp: string;
  /** The window's webPreferences: the secure defaults spelled out, so an edit cannot drop one unnoticed. */
  webPreferences(preload: string): WebPreferences;
}

const webSchemes = new Set(['http:', 'https:', 'ws:', 'wss:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Only https links go to the system browser, and only without credentials in them: other schemes
 * (file:, smb:, custom protocol handlers) can start programs, and plain http can be rewritten on
 * the way.
 */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && !isLoopbackHost(parsed.hostname);
}

/** The http(s) origin a ws(s) request would have, so the dev server's socket counts as the dev server. */
function httpOriginOf(url: URL): string {
  const scheme = url.protocol === 'ws:' ? 'http:' : url.protocol === 'wss:' ? 'https:' : url.protocol;
  return `${scheme}//${url.host}`;
}

export function createWindowPolicy(options: WindowPolicyOptions): WindowPolicy {
  const isAppUrl = createAppUrlCheck(options);
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  const csp = contentSecurityPolicy();

  return {
    isAppUrl,
    isAllowedNavigation: (url) => isAppUrl(url),
    windowOpen: (url) => ({ action: 'deny', openExternally: isExternalWebUrl(url) }),
    // Packdesk needs no browser permission: scanners, scales and printers are main's business.
    isPermissionGranted: () => false,
    isAllowedRequest({ url, resourceType }) {
      const parsed = parse(url);
      if (!parsed) return false;
      // file:, blob:, data: and devtools: are not the network; the CSP governs what the page may use.
      if (!webSchemes.has(parsed.protocol)) return true;
      if (devOrigin !== null && httpOriginOf(parsed) === devOrigin) return true;
      // Product pictures come from Picqer's CDN over https, or from the demo backend on loopback.
      if (resourceType === 'image') return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
      return false;
    },
    csp,
    webPreferences: (preload) => ({
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !options.isPackaged,
    }),
  };
}
