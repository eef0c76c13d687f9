import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoBackend } from '../../electron/picqer-demo/server';
import { useCleanups } from '../main/station-helpers';

/*
 * The embedded demo's state file (data dir): what a restart reads back, and what happens when
 * there is nothing sensible to read.
 */

const cleanups = useCleanups();

async function start(stateFile: string) {
  const demo = await startDemoBackend({ port: 0, seed: 'state-file', products: 40, picklists: 8, stateFile });
  cleanups.push(() => demo.close());
  return demo;
}

describe('demo state file', () => {
  it('carries ids, changes and the epoch over a restart on another port, with links pointing at the new one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pd-demo-state-')), 'demo-warehouse.json');
    const first = await start(file);
    const picklist = first.state.picklists.find((p) => p.status === 'new');
    if (!picklist) throw new Error('no new picklist');
    first.state.addComment(picklist.idpicklist, 'Kept over the restart');
    const withImage = first.state.products.find((p) => p.images.length > 0);
    await first.close();

    const second = await start(file);
    expect(second.epoch).toBe(first.epoch);
    expect(second.state.listComments(picklist.idpicklist).map((c) => c.body)).toContain('Kept over the restart');
    const again = second.state.addComment(picklist.idpicklist, 'After');
    expect(again.idcomment).toBeGreaterThan(Math.max(...second.state.listComments(picklist.idpicklist).filter((c) => c !== again).map((c) => c.idcomment)));
    if (withImage) expect(second.state.findProduct(withImage.idproduct)?.images[0]).toBe(`${second.url}/demo-images/${String(withImage.idproduct)}.png`);
  });

  it('starts from the seed under a new epoch when the file cannot be read, and keeps the bad file aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-demo-state-'));
    const file = join(dir, 'demo-warehouse.json');
    const first = await start(file);
    await first.close();
    writeFileSync(file, '{"version":1,"trunc');

    const second = await start(file);
    expect(second.epoch).not.toBe(first.epoch);
    expect(second.state.picklists.length).toBe(8);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(dir).some((name) => name.startsWith('demo-warehouse.json.unreadable-'))).toBe(true);
  });
});
