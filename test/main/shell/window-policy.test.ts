import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/main/transport/web/csp';
import { createWindowPolicy, isExternalWebUrl, type RequestResourceType } from '../../../electron/main/shell/window-policy';

const indexFileUrl = pathToFileURL('/opt/Packdesk/resources/app/out/renderer/index.html').href;
const packaged = createWindowPolicy({ indexFileUrl, isPackaged: true });
const dev = createWindowPolicy({ indexFileUrl, devServerUrl: 'http://localhost:5173', isPackaged: false });

describe('the window shows our page and nothing else', () => {
  it('allows navigation to our own index.html only', () => {
    expect(packaged.isAllowedNavigation(indexFileUrl)).toBe(true);
    expect(packaged.isAllowedNavigation(`${indexFileUrl}#/pack`)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      pathToFileURL('/etc/passwd').href,
      pathToFileURL('/opt/Packdesk/resources/app/out/renderer/other.html').href,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'chrome://settings',
      'not a url',
    ]) {
      expect(packaged.isAllowedNavigation(url), url).toBe(false);
      expect(packaged.isAppUrl(url), url).toBe(false);
    }
  });

  it('allows the loopback dev server in an unpackaged app, by exact origin', () => {
    expect(dev.isAllowedNavigation('http://localhost:5173/')).toBe(true);
    expect(dev.isAllowedNavigation('http://localhost:5174/')).toBe(false);
    expect(dev.isAllowedNavigation('http://localhost:5173.evil.example/')).toBe(false);
    expect(() => createWindowPolicy({ indexFileUrl, devServerUrl: 'https://evil.example', isPackaged: false })).toThrow();
  });

  it('never opens a window of its own; only a plain https link goes to the system browser', () => {
    expect(packaged.windowOpen('https://tracking.carrier.example/3S123')).toEqual({ action: 'deny', openExternally: true });
    for (const url of [
      'http://tracking.carrier.example/3S123',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share/run.exe',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@evil.example/',
      'https://127.0.0.1:8080/',
      'blob:file:///0d7c5e1e-0000-4000-8000-000000000000',
      'javascript:alert(1)',
    ]) {
      expect(packaged.windowOpen(url), url).toEqual({ action: 'deny', openExternally: false });
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });

  it('grants no browser permission at all', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'unknown']) {
      expect(packaged.isPermissionGranted(permission), permission).toBe(false);
    }
  });

  it('lets product pictures in from https and loopback, and no other remote content', () => {
    const allowed = (url: string, resourceType: RequestResourceType) => packaged.isAllowedRequest({ url, resourceType });
    expect(allowed('https://cdn.picqer.example/products/1.png', 'image')).toBe(true);
    expect(allowed('http://127.0.0.1:43111/demo-images/1.png', 'image')).toBe(true);
    expect(allowed(indexFileUrl, 'mainFrame')).toBe(true);
    expect(allowed('blob:file:///0d7c5e1e', 'other')).toBe(true);
    expect(allowed('http://cdn.example/1.png', 'image')).toBe(false);
    expect(allowed('https://cdn.example/app.js', 'script')).toBe(false);
    expect(allowed('https://cdn.example/x.css', 'stylesheet')).toBe(false);
    expect(allowed('https://evil.example/collect', 'xhr')).toBe(false);
    expect(allowed('wss://evil.example/socket', 'webSocket')).toBe(false);
    expect(allowed('https://evil.example/', 'subFrame')).toBe(false);
    expect(allowed('https://evil.example/', 'mainFrame')).toBe(false);
    expect(allowed('::::', 'image')).toBe(false);
  });

  it("lets the dev server's page, scripts and reload socket through", () => {
    const allowed = (url: string, resourceType: RequestResourceType) => dev.isAllowedRequest({ url, resourceType });
    expect(allowed('http://localhost:5173/', 'mainFrame')).toBe(true);
    expect(allowed('http://localhost:5173/src/main.tsx', 'script')).toBe(true);
    expect(allowed('ws://localhost:5173/', 'webSocket')).toBe(true);
    expect(allowed('ws://localhost:5174/', 'webSocket')).toBe(false);
    expect(allowed('https://evil.example/app.js', 'script')).toBe(false);
  });

  it('carries the strict CSP and the secure webPreferences', () => {
    expect(packaged.csp).toBe(contentSecurityPolicy());
    expect(packaged.csp).toContain("script-src 'self'");
    expect(packaged.csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(packaged.webPreferences('/opt/Packdesk/preload/index.cjs')).toEqual({
      preload: '/opt/Packdesk/preload/index.cjs',
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
      devTools: false,
    });
    expect(dev.webPreferences('/p').devTools).toBe(true);
  });
});
