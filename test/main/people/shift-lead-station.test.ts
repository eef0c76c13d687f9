import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../shared/domain';
import type { ScanAnswer } from '../../../shared/packing';
import { createManualClock } from '../../../electron/main/infra/clock';
import { startStation, type StartedStation } from '../../../electron/main/station/station';
import { useCleanups, value } from '../station-helpers';

const cleanups = useCleanups();

async function demoStation(dir = mkdtempSync(join(tmpdir(), 'pd-lead-station-')), argv: string[] = []): Promise<{ station: StartedStation; dir: string }> {
  const config = join(dir, 'station.json');
  writeFileSync(config, JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 3', language: 'en' } }));
  const station = await startStation({ argv: ['--config', config, '--data-dir', join(dir, 'data'), ...argv], env: {}, mode: 'web', clock: createManualClock() });
  cleanups.push(() => station.stop());
  return { station, dir };
}

const settingsUpdate = { section: 'station', value: { idleSignOutMinutes: 20 } } as const;

describe('shift-lead actions through the station', () => {
  it('are open on a station with no PIN, and locked once a PIN is set, with a reason the screen words', async () => {
    const { station } = await demoStation();
    expect(station.state().lead).toMatchObject({ isProtected: false });
    value(await station.dispatch('settings.update', settingsUpdate));

    value(await station.dispatch('lead.configure', { pin: '4711' }));
    // Whoever set it may go on; locking (or signing out) asks again.
    value(await station.dispatch('settings.update', settingsUpdate));
    value(await station.dispatch('lead.lock', {}));
    for (const [name, input] of [
      ['settings.update', settingsUpdate],
      ['config.export', {}],
      ['history.cancelShipment', { idpicklist: 1, reason: 'wrong box' }],
      ['outbox.discard', { id: 1, isConfirmed: true }],
      ['printers.set', { documentType: 'label', printer: null }],
      ['lead.configure', { pin: null }],
      ['packer.badges', {}],
      ['pack.overrideWeight', { reason: 'Gift wrap weighs more' }],
      ['setup.save', { warehouse: 1829, stationName: 'Mine now', language: 'en', packer: null }],
    ] as const) {
      expect(await station.dispatch(name, input), name).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'A shift lead must unlock this.', reason: { code: 'lead.required', params: {} } } });
    }
    expect(await station.dispatch('lead.unlock', { pin: '1234' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: { code: 'lead.wrongPin', params: {} } } });
    value(await station.dispatch('lead.unlock', { pin: '4711' }));
    const unlocked = value<AppState>(await station.dispatch('app.state', {}));
    expect(unlocked.lead).toMatchObject({ isUnlocked: true, unlockedWith: 'pin' });
    value(await station.dispatch('settings.update', settingsUpdate));
    const exported = value<{ json: string }>(await station.dispatch('config.export', {}));
    expect(exported.json).not.toMatch(/scrypt|pin|badge/i);
  });

  it('unlocks with a listed shift lead’s signed badge only, and locks when the packer signs out', async () => {
    const { station } = await demoStation();
    value(await station.dispatch('sync.now', {}));
    value(await station.dispatch('lead.configure', { leads: [21] }));
    value(await station.dispatch('lead.lock', {}));
    expect(await station.dispatch('lead.unlock', { badge: 'PD:BADGE:21' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: { code: 'badge.invalid', params: {} } } });
    expect(await station.dispatch('lead.unlock', { badge: station.signBadge(22) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: { code: 'lead.notListed', params: {} } } });
    value(await station.dispatch('lead.unlock', { badge: station.signBadge(21).toLowerCase() }));
    const unlocked = value<AppState>(await station.dispatch('app.state', {}));
    expect(unlocked.lead).toMatchObject({ isUnlocked: true, unlockedWith: 'badge', unlockedBy: { iduser: 21, name: 'Jan de Vries' } });

    value<ScanAnswer>(await station.dispatch('scan.submit', { code: station.signBadge(22), source: 'wedge' }));
    value(await station.dispatch('packer.signOut', {}));
    expect(station.state().lead.isUnlocked).toBe(false);
  });

  it('keeps the badge secret in the data dir across restarts, out of the app state, and rotates it on request', async () => {
    const { station, dir } = await demoStation();
    const badge = station.signBadge(22);
    expect(JSON.stringify(station.state())).not.toContain(badge.split('.')[1]);
    expect(readdirSync(join(dir, 'data'))).toContain('badge-secret-demo.key');
    const secret = readFileSync(join(dir, 'data', 'badge-secret-demo.key'), 'utf8');
    await station.stop();

    const again = await demoStation(dir);
    expect(again.station.signBadge(22)).toBe(badge);
    await again.station.stop();

    const rotated = await demoStation(dir, ['--rotate-badge-secret']);
    expect(rotated.station.signBadge(22)).not.toBe(badge);
    expect(readFileSync(join(dir, 'data', 'badge-secret-demo.key'), 'utf8')).not.toBe(secret);
    value(await rotated.station.dispatch('sync.now', {}));
    expect(value<ScanAnswer>(await rotated.station.dispatch('scan.submit', { code: badge, source: 'wedge' }))).toMatchObject({ kind: 'badge_refused' });
  });
});
