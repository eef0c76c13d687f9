import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppUrlCheck } from '../../../electron/main/transport/ipc';

const indexFileUrl = pathToFileURL('/opt/Packdesk app/out/renderer/index.html').href;

describe('createAppUrlCheck', () => {
  it('accepts exactly our index.html, with or without a hash or query', () => {
    const isApp = createAppUrlCheck({ indexFileUrl });
    expect(isApp(indexFileUrl)).toBe(true);
    expect(isApp(`${indexFileUrl}#/pack`)).toBe(true);
    expect(isApp(`${indexFileUrl}?screen=queue`)).toBe(true);
  });

  it('refuses every other file, page and scheme', () => {
    const isApp = createAppUrlCheck({ indexFileUrl });
    for (const url of [
      pathToFileURL('/opt/Packdesk app/out/renderer/other.html').href,
      pathToFileURL('/etc/passwd').href,
      `${indexFileUrl}/../../../../etc/passwd`,
      'https://evil.example/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'data:text/html,<script>1</script>',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isApp(url), url).toBe(false);
    }
  });

  it('accepts a loopback dev server by origin only, and refuses to be configured with a remote one', () => {
    const isApp = createAppUrlCheck({ indexFileUrl, devServerUrl: 'http://localhost:5173' });
    expect(isApp('http://localhost:5173/')).toBe(true);
    expect(isApp('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('http://localhost:5173.evil.example/')).toBe(false);
    expect(isApp('http://127.0.0.1:5173/')).toBe(false);
    expect(() => createAppUrlCheck({ indexFileUrl, devServerUrl: 'https://evil.example' })).toThrow();
    expect(() => createAppUrlCheck({ indexFileUrl: 'https://example.com/index.html' })).toThrow();
  });
});
