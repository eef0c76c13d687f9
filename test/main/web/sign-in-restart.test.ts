import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import { startStation, type StartedStation } from '../../../electron/main/station/station';
import { useCleanups, value } from '../station-helpers';

/*
 * A restarted station (browser mode's process, an update, a crash) keeps the packer who was
 * signed in, unless the idle limit passed while it was down: then it starts signed out, as it
 * would have been had it kept running.
 */

const cleanups = useCleanups();

describe('the signed-in packer across a restart', () => {
  const start = Date.UTC(2026, 10, 2, 9, 0, 0);

  function configFile(): { config: string; dataDir: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-restart-'));
    cleanups.push(async () => rm(dir, { recursive: true, force: true }));
    const config = path.join(dir, 'station.json');
    writeFileSync(config, JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 2', language: 'en', idleSignOutMinutes: 15 } }));
    return { config, dataDir: path.join(dir, 'data') };
  }

  async function launch(files: { config: string; dataDir: string }, at: number): Promise<StartedStation> {
    const station = await startStation({ argv: ['--config', files.config, '--data-dir', files.dataDir], env: {}, mode: 'web', clock: createManualClock(at) });
    let isStopped = false;
    const stop = async () => {
      if (isStopped) return;
      isStopped = true;
      await station.stop();
    };
    cleanups.push(stop);
    return { ...station, stop };
  }

  it('is still signed in after a restart within the idle limit', async () => {
    const files = configFile();
    const before = await launch(files, start);
    value(await before.dispatch('scan.submit', { code: before.signBadge(23), source: 'wedge' }));
    expect(before.state().packer?.iduser).toBe(23);
    await before.stop();

    const after = await launch(files, start + 5 * 60_000);
    expect(after.state().packer).toMatchObject({ iduser: 23 });
  });

  it('is signed out after a restart once the idle limit passed', async () => {
    const files = configFile();
    const before = await launch(files, start);
    value(await before.dispatch('scan.submit', { code: before.signBadge(23), source: 'wedge' }));
    await before.stop();

    const after = await launch(files, start + 16 * 60_000);
    expect(after.state().packer).toBeNull();
  });

  it('stays signed out after a restart when the packer signed out', async () => {
    const files = configFile();
    const before = await launch(files, start);
    value(await before.dispatch('scan.submit', { code: before.signBadge(23), source: 'wedge' }));
    value(await before.dispatch('packer.signOut', {}));
    await before.stop();

    const after = await launch(files, start + 60_000);
    expect(after.state().packer).toBeNull();
  });
});
