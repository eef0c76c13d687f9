import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { fakeBridgeScript, type FakeStation } from './fake-bridge';
import { serveDirectory } from './static-server';

/*
 * The renderer as built for Electron, served to Chromium with the fake preload bridge: what the
 * UI test files share. useFakeUi() builds and serves it once per file and opens pages on it.
 */

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const shots = join(repoRoot, 'test-results');

export interface FakeUi {
  open(station: FakeStation, initScript?: string): Promise<{ page: Page; errors: string[] }>;
}

export function useFakeUi(name: string): FakeUi {
  let outDir = '';
  let server: Awaited<ReturnType<typeof serveDirectory>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), `packdesk-${name}-`));
    await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await serveDirectory(outDir);
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  return {
    async open(station, initScript = '') {
      if (!browser || !server) throw new Error('useFakeUi: the browser is not up yet (call open inside a test)');
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.addInitScript({ content: fakeBridgeScript(station) + initScript });
      await page.goto(server.url);
      return { page, errors };
    },
  };
}

/** The inputs the page sent with one command, in order. */
export async function callsOf(page: Page, name: string): Promise<unknown[]> {
  return page.evaluate(`window.__fake.calls.filter((c) => c.name === ${JSON.stringify(name)}).map((c) => c.input)`);
}
