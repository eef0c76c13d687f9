import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/domain';
import { demoSeed } from '../../electron/main/station/backend';
import { startDemoBackend, type DemoBackend } from '../../electron/picqer-demo/server';
import type { DemoState } from '../../electron/picqer-demo/state';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

const cleanups = useCleanups();

async function station(argv: string[]): Promise<StartedStation> {
  const started = await startStation({ argv, env: {}, mode: 'web' });
  cleanups.push(() => started.stop());
  return started;
}

async function demo(options: Parameters<typeof startDemoBackend>[0] = {}): Promise<DemoBackend> {
  const backend = await startDemoBackend({ port: 0, ...options });
  cleanups.push(() => backend.close());
  return backend;
}

/** What the queue should hold: every picklist of the warehouse that is new, paused or snoozed. */
function openPicklists(state: DemoState, idwarehouse: number): number[] {
  return state.picklists
    .filter((p) => p.idwarehouse === idwarehouse && ['new', 'paused', 'snoozed'].includes(p.status))
    .map((p) => p.idpicklist)
    .sort((a, b) => a - b);
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'pd-station-'));

describe('station', () => {
  it('opens straight onto the demo warehouse with no configuration and shows its whole open queue', async () => {
    const dataDir = tempDir();
    const started = await station(['--data-dir', dataDir]);
    const state = started.state();
    expect(state).toMatchObject({ isDemo: true, isConfigured: true, backend: { kind: 'demo' }, mode: 'web', stationName: 'Demo station' });

    const changed: number[][] = [];
    started.events.subscribe((name, payload) => {
      if (name === 'queue.changed') changed.push((payload as { idpicklists: number[] }).idpicklists);
    });
    value(await started.dispatch('sync.now', {}));
    expect(value<{ state: string }>(await started.dispatch('sync.status', {})).state).toBe('idle');
    const queue = value<QueueItem[]>(await started.dispatch('queue.list', {}));

    const reference = await demo({ seed: demoSeed });
    const expected = openPicklists(reference.state, state.warehouse?.idwarehouse ?? -1);
    expect(expected.length).toBeGreaterThanOrEqual(50);
    expect(queue.map((q) => q.idpicklist).sort((a, b) => a - b)).toEqual(expected);
    expect(queue.some((q) => q.status === 'paused' && q.pausedReason)).toBe(true);
    expect(queue.some((q) => q.reference?.includes(' / '))).toBe(true);
    expect(changed.flat().length).toBeGreaterThan(0);

    const searched = value<QueueItem[]>(await started.dispatch('queue.list', { search: queue[0]?.picklistid }));
    expect(searched.map((q) => q.idpicklist)).toContain(queue[0]?.idpicklist);
  });

  it('starts straight into a configured warehouse of a Picqer-compatible backend, packer signed in, no setup step', async () => {
    const backend = await demo({ seed: 11 });
    const idwarehouse = backend.state.warehouses[0]?.idwarehouse ?? 0;
    const packer = backend.state.users.find((u) => u.active && u.iduser !== backend.state.apiUserId) ?? backend.state.users[0];
    const configPath = join(tempDir(), 'station.json');
    writeFileSync(
      configPath,
      JSON.stringify({ backend: { url: backend.url, apiKey: 'any' }, warehouse: idwarehouse, station: { name: 'Pack 3', language: 'nl', packer: packer?.iduser } }),
    );
    const started = await station(['--config', configPath, '--data-dir', tempDir()]);
    expect(started.state()).toMatchObject({
      isConfigured: true,
      isDemo: false,
      backend: { kind: 'url', label: `127.0.0.1:${backend.port}` },
      stationName: 'Pack 3',
      language: 'nl',
      warehouse: { idwarehouse },
      packer: { iduser: packer?.iduser },
    });
    await started.dispatch('sync.now', {});
    const queue = value<QueueItem[]>(await started.dispatch('queue.list', {}));
    expect(queue.map((q) => q.idpicklist).sort((a, b) => a - b)).toEqual(openPicklists(backend.state, idwarehouse));
  });

  it('connects through Setup, refuses a wrong key in plain words, and remembers the choice after a restart', async () => {
    const backend = await demo({ seed: 5, apiKey: 'right-key' });
    const dataDir = tempDir();
    const first = await station(['--data-dir', dataDir]);

    const refused = await first.dispatch('setup.connect', { backend: { url: backend.url, apiKey: 'wrong-key' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(refused.ok ? '' : refused.error.message).toContain('API key');

    const connected = value<{ warehouses: Array<{ idwarehouse: number }> }>(
      await first.dispatch('setup.connect', { backend: { url: backend.url, apiKey: 'right-key' } }),
    );
    const idwarehouse = connected.warehouses[1]?.idwarehouse ?? 0;
    // An acknowledgement, never a copy of the state: that went out as app.state first.
    const ack = value<{ outcome: string; revision: number }>(
      await first.dispatch('setup.save', { warehouse: idwarehouse, stationName: 'Pack 7', language: 'en', packer: null }),
    );
    expect(ack).toMatchObject({ outcome: 'done', reason: null });
    expect(first.state()).toMatchObject({ isDemo: false, stationName: 'Pack 7' });
    expect(statSync(join(dataDir, 'api-key')).mode & 0o777).toBe(0o600);
    await first.dispatch('sync.now', {});
    expect(value<QueueItem[]>(await first.dispatch('queue.list', {})).length).toBe(openPicklists(backend.state, idwarehouse).length);
    await first.stop();

    const second = await station(['--data-dir', dataDir]);
    expect(second.state()).toMatchObject({ isConfigured: true, stationName: 'Pack 7', warehouse: { idwarehouse }, backend: { kind: 'url' } });
  });

  it('drops a connection Setup made when Setup is cancelled, and keeps packers on the running backend', async () => {
    const other = await demo({ seed: 9, apiKey: 'other-key' });
    const started = await station(['--data-dir', tempDir()]);
    const before = started.state();
    value(await started.dispatch('setup.connect', { backend: { url: other.url, apiKey: 'other-key' } }));
    const requestsBefore = other.requests.length;

    value(await started.dispatch('setup.cancel', {}));
    expect(started.state()).toEqual(before);
    await started.dispatch('setup.users', {});
    expect(other.requests.length).toBe(requestsBefore);

    const demoUsers = value<Array<{ iduser: number; name: string }>>(await started.dispatch('setup.users', {}));
    const packer = demoUsers[0];
    value(await started.dispatch('packer.signIn', { iduser: packer?.iduser ?? 0 }));
    expect(started.state().packer).toEqual(packer && { iduser: packer.iduser, name: packer.name });
  });

  it('answers bad input with a validation error that names the field', async () => {
    const started = await station(['--data-dir', tempDir()]);
    const result = await started.dispatch('queue.list', { search: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(result.ok ? '' : result.error.message).toContain('search');
    expect(await started.dispatch('queue.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('refuses to start on a config file with a mistake, naming the field', async () => {
    const configPath = join(tempDir(), 'station.json');
    writeFileSync(configPath, JSON.stringify({ printers: { label: { driver: 'raw-tcp', host: '10.0.0.50', port: 'ninety' } } }));
    await expect(startStation({ argv: ['--config', configPath, '--data-dir', tempDir()], env: {}, mode: 'web' })).rejects.toThrow(/printers\.label\.port/);
  });
});
