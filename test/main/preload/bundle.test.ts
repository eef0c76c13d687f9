import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The preload is what a sandboxed renderer runs: plain CommonJS that may require only 'electron'
 * (Electron's docs: sandboxed preloads cannot use ESM and get a limited require). Bundle it the
 * way scripts/build.mjs does, then run it in an empty context with a fake 'electron'.
 */
async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: ['electron/preload/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('no preload bundle');
  return file.text;
}

describe('preload bundle', () => {
  it('requires nothing but electron', async () => {
    const code = await bundlePreload();
    const required = new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('exposes exactly one global, packdesk, with invoke and on, and never ipcRenderer', async () => {
    const code = await bundlePreload();
    const exposed: Array<{ key: string; api: unknown }> = [];
    const ipcRenderer = {
      invoke: () => Promise.resolve({ ok: true, value: null }),
      on: () => undefined,
      removeListener: () => undefined,
    };
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
      ipcRenderer,
    };
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      console,
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
        return electron;
      },
    });
    expect(exposed.map((entry) => entry.key)).toEqual(['packdesk']);
    const api = exposed[0]?.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });
});
