import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendInput } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { StationConfig } from '../../../electron/main/config/station-config';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createLifecycle, type Lifecycle, type StartChoice } from '../../../electron/main/station/lifecycle';
import { createEventBus } from '../../../electron/main/transport/events';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import { useCleanups } from '../station-helpers';

/*
 * The station's state machine on its own, each transition by name: start-up, Setup trying a
 * backend (kept, refused, given up, saved), packers signing in and out, practice mode setting the
 * live state aside and giving it back, and the stop. A demo backend over real HTTP stands in for
 * Picqer; nothing of the command table or the screens is involved.
 */

const cleanups = useCleanups();

interface Probe {
  life: Lifecycle;
  changes: number;
  signOuts: number;
}

async function liveBackend(seed = 'lifecycle'): Promise<{ demo: DemoBackend; input: BackendInput }> {
  const demo = await startDemoBackend({ port: 0, seed, apiKey: 'live-key' });
  cleanups.push(() => demo.close());
  return { demo, input: { url: demo.url, apiKey: 'live-key' } };
}

async function started(choice: Partial<StartChoice> & Pick<StartChoice, 'backend'>, station: { name: string | null } = { name: 'Pack 1' }): Promise<Probe> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pd-lifecycle-'));
  const config: StationConfig = {};
  const probe: Probe = {
    changes: 0,
    signOuts: 0,
    life: createLifecycle({
      dataDir,
      clock: createManualClock(Date.UTC(2026, 10, 3, 9, 0, 0)),
      events: createEventBus(),
      config: () => config,
      configFor: () => config,
      station: { name: station.name, language: 'en' },
      onChange: () => {
        probe.changes += 1;
      },
      onSignOut: () => {
        probe.signOuts += 1;
      },
    }),
  };
  cleanups.push(() => probe.life.stop());
  await probe.life.start({ warehouse: null, packer: undefined, isFirstLook: false, ...choice });
  return probe;
}

const codeOf = async (run: () => unknown): Promise<string | null> => {
  try {
    await run();
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('station lifecycle', () => {
  it('start: a first look opens straight onto the demo warehouse, named, with a runtime', async () => {
    const { life } = await started({ backend: { demo: true }, isFirstLook: true }, { name: null });
    expect(life.view()).toMatchObject({ backend: { kind: 'demo' }, isDemo: true, isConfigured: true, stationName: 'Demo station', packer: null, isPractice: false });
    expect(life.warehouse()?.isActive).toBe(true);
    expect(life.runtime()).not.toBeNull();
  });

  it('start: a configured warehouse and packer on a reachable backend, the packer signed in from the start', async () => {
    const { input } = await liveBackend();
    const { life } = await started({ backend: input, warehouse: 1829, packer: 23 });
    expect(life.view()).toMatchObject({ backend: { kind: 'url' }, isDemo: false, isConfigured: true, warehouse: { idwarehouse: 1829, name: 'Hoofdmagazijn Utrecht' } });
    expect(life.packer()).toEqual({ iduser: 23, name: 'Zofia Łukasiewicz' });
  });

  it('start: an unreachable backend still starts on the cache, the warehouse named by its id', async () => {
    const { demo, input } = await liveBackend();
    await demo.close();
    const { life } = await started({ backend: input, warehouse: 1829 });
    expect(life.warehouse()).toEqual({ idwarehouse: 1829, name: 'Warehouse 1829', isActive: true });
    expect(life.runtime()).not.toBeNull();
    expect(life.isConfigured()).toBe(true);
  });

  it('start: an unreachable backend with no warehouse yet runs nothing and says sync is offline', async () => {
    const { demo, input } = await liveBackend();
    await demo.close();
    const { life } = await started({ backend: input, packer: 23 });
    expect(life.runtime()).toBeNull();
    expect(life.isConfigured()).toBe(false);
    expect(life.syncStatus()).toMatchObject({ state: 'offline', message: 'Picqer could not be reached at start; working from the cache.' });
  });

  it('connectPending keeps a backend that answered beside the live one; cancelSetup gives it up', async () => {
    const { life } = await started({ backend: { demo: true }, isFirstLook: true });
    const live = life.connected();
    const other = await liveBackend('other');
    const found = await life.connectPending(other.input, async (backend) => (await backend.api.listWarehouses({ priority: 'interactive' })).length);
    expect(found).toBeGreaterThan(0);
    expect(life.setupBackend().kind).toBe('url');
    expect(life.setupTarget().input).toEqual(other.input);
    // The station still runs on what it ran on: only Setup looks at the pending one.
    expect(life.connected()).toBe(live);
    await life.cancelSetup();
    expect(life.setupBackend().kind).toBe('demo');
  });

  it('connectPending closes a backend whose probe failed and keeps none', async () => {
    const { life } = await started({ backend: { demo: true }, isFirstLook: true });
    const other = await liveBackend('refused');
    const failure = life.connectPending(other.input, () => Promise.reject(new Error('refused')));
    await expect(failure).rejects.toThrow('refused');
    expect(life.setupBackend().kind).toBe('demo');
  });

  it('saveSetup: the pending backend replaces the live one, with the chosen warehouse, name, language and packer, and a new runtime', async () => {
    const { life } = await started({ backend: { demo: true }, isFirstLook: true });
    const before = life.runtime();
    const other = await liveBackend('saved');
    await life.connectPending(other.input, () => Promise.resolve(null));
    const warehouse = { idwarehouse: 1830, name: 'Außenlager Düsseldorf', isActive: true };
    await life.saveSetup({ warehouse, stationName: 'Pack 9', language: 'nl', packer: { iduser: 24, name: 'Mette Ørsted' } });
    expect(life.view()).toMatchObject({ backend: { kind: 'url' }, isDemo: false, warehouse, stationName: 'Pack 9', language: 'nl', packer: { iduser: 24 }, isConfigured: true });
    expect(life.runtime()).not.toBeNull();
    expect(life.runtime()).not.toBe(before);
    // Nothing pending any more: Setup's target is the backend the station now runs on.
    expect(life.setupTarget().input).toEqual(other.input);
  });

  it('signIn takes the packer and their language from the cache; signOut forgets them and ends a lead unlock', async () => {
    const { input } = await liveBackend();
    const probe = await started({ backend: input, warehouse: 1829 });
    const { life } = probe;
    await life.runtime()?.sync.syncNow();
    const changes = probe.changes;
    expect(await life.signIn(22)).toEqual({ iduser: 22, name: 'Sanne Müller' });
    expect(life.view()).toMatchObject({ packer: { iduser: 22 }, language: 'nl' });
    expect(probe.changes).toBe(changes + 1);
    expect(await codeOf(() => life.signIn(25))).toBe('VALIDATION');

    life.signOut();
    expect(life.view()).toMatchObject({ packer: null, language: 'en' });
    expect(probe.signOuts).toBe(1);
    expect(probe.changes).toBe(changes + 2);
  });

  it('startPractice sets the live state aside on a demo of its own; stopPractice scores the trainee and gives it back', async () => {
    const { input } = await liveBackend();
    const { life } = await started({ backend: input, warehouse: 1829, packer: 23 });
    const live = life.connected();
    const identity = life.liveIdentity();

    await life.startPractice();
    expect(life.view()).toMatchObject({ isPractice: true, isDemo: true, packer: { name: 'Zofia Łukasiewicz' } });
    expect(life.connected()).not.toBe(live);
    expect(life.liveIdentity()).toBe(identity);
    // The live station's settings and Setup wait until practice ends.
    expect(await codeOf(() => life.refuseInPractice())).toBe('CONFLICT');
    expect(await codeOf(() => life.connectPending(input, () => Promise.resolve(null)))).toBe('CONFLICT');

    const score = await life.stopPractice();
    expect(score).toMatchObject({ parcels: 0, scans: 0, misScans: 0 });
    expect(life.view()).toMatchObject({ isPractice: false, isDemo: false, warehouse: { idwarehouse: 1829 }, packer: { iduser: 23 } });
    expect(life.connected()).toBe(live);
    expect(await codeOf(() => life.stopPractice())).toBe('CONFLICT');
  });

  it('stop closes the runtime and the backend, practice included', async () => {
    const { life } = await started({ backend: { demo: true }, isFirstLook: true });
    await life.startPractice();
    await life.stop();
    expect(life.runtime()).toBeNull();
    expect(life.connected()).toBeNull();
    expect(life.isPractice()).toBe(false);
  });
});
