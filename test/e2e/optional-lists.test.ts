import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from '../../electron/main/demo/server';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, repoRoot, startStation, type RunningStation } from './station';

/*
 * Issue 13 through the real station in Chromium: a backend that answers 404 on
 * /picking-containers (an account or a backend without them) still fills the queue, and the
 * status bar says, in Dutch, that sync went on without picking containers and why.
 */

const notReady = missingBuild();
const shots = join(repoRoot, 'test-results');
let demo: DemoBackend | undefined;
let station: RunningStation | undefined;
let browser: Browser | undefined;
let dir = '';

beforeAll(async () => {
  if (notReady) return;
  demo = await startDemoBackend({ port: 0, seed: 7, apiKey: 'k', variants: { noContainers: 404 } });
  dir = mkdtempSync(join(tmpdir(), 'packdesk-optional-lists-'));
  station = await startStation({
    backend: { url: demo.url, apiKey: 'k' },
    warehouse: 1829,
    station: { name: 'Inpak 1', language: 'nl', packer: 21 },
    printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sync without picking containers, on the packer’s screen', () => {
  it('fills the queue and names the missing list and the reason in Dutch', async (context) => {
    if (notReady || !demo || !station || !browser) {
      context.skip(`skipped: ${notReady ?? 'not started'}`);
      return;
    }
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(station.url);
    await page.locator('tbody tr').first().waitFor({ timeout: 60_000 });
    const open = demo.state.picklists.filter((p) => p.idwarehouse === 1829 && ['new', 'paused', 'snoozed'].includes(p.status));
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);

    const note = page.getByTestId('sync-unavailable');
    await note.waitFor({ timeout: 30_000 });
    const text = (await note.textContent()) ?? '';
    expect(text).toContain('Gesynchroniseerd zonder pickbakken');
    expect(text).toContain('Picqer biedt dit hier niet aan');
    expect(text).toContain('HTTP 404');
    expect(await page.locator('.sync--error, .sync--unauthorized').count()).toBe(0);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'optional-lists-nl.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
