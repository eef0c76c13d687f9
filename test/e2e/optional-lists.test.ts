import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openQueue, realStationForFile } from './real-station';
import { repoRoot } from './station';

/*
 * Issue 13 through the real station in Chromium: a backend that answers 404 on
 * /picking-containers (an account or a backend without them) still fills the queue, and the
 * status bar says, in Dutch, that sync went on without picking containers and why.
 */

const shots = join(repoRoot, 'test-results');
const shared = realStationForFile({ demo: { variants: { noContainers: 404 } }, name: 'Inpak 1', language: 'nl' });

describe('sync without picking containers, on the packer’s screen', () => {
  it('fills the queue and names the missing list and the reason in Dutch', async (context) => {
    const real = shared.inTest(context);
    const { page, errors } = await openQueue(real);
    const open = real.demo.state.picklists.filter((p) => p.idwarehouse === 1829 && ['new', 'paused', 'snoozed'].includes(p.status));
    expect(await page.locator('tbody tr[data-idpicklist]').count()).toBeGreaterThan(0);
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
