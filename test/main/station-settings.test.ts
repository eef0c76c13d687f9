import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/settings';
import { parseStationConfig } from '../../electron/main/config/station-config';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

const cleanups = useCleanups();

const secretKey = 'key-that-must-not-travel-7f3a';

async function station(dir: string): Promise<StartedStation> {
  const started = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  cleanups.push(() => started.stop());
  return started;
}

describe('station settings in the app', () => {
  it('shows the file’s settings, saves a section over them, keeps it after a restart, and exports without the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    writeFileSync(
      join(dir, 'station.json'),
      JSON.stringify({
        backend: { demo: true },
        warehouse: 1829,
        station: { name: 'Pack 9', language: 'nl', idleSignOutMinutes: 10 },
        packing: { snoozeHours: 12 },
        company: { name: 'Acme Fietsen BV', address: ['Kanaalweg 1'] },
        printers: { label: { driver: 'folder', path: join(dir, 'labels') } },
      }),
    );
    const first = await station(dir);
    expect(value<SettingsView>(await first.dispatch('settings.get', {}))).toMatchObject({
      station: { name: 'Pack 9', language: 'nl', idleSignOutMinutes: 10 },
      packing: { snoozeHours: 12 },
      company: { name: 'Acme Fietsen BV' },
      sources: { station: 'file', packing: 'file', company: 'file' },
    });

    const refused = await first.dispatch('settings.update', { section: 'packing', value: { snoozeHours: 9000 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/snoozeHours/);

    const negative = await first.dispatch('settings.update', { section: 'packing', value: { minShelfLifeDays: -1 } });
    expect(negative.ok ? '' : negative.error.message).toMatch(/minShelfLifeDays/);
    value(await first.dispatch('settings.update', { section: 'packing', value: { snoozeHours: 48, problemAction: 'snooze', autoComplete: false, minShelfLifeDays: 30 } }));
    const saved = value<SettingsView>(await first.dispatch('settings.get', {}));
    expect(saved).toMatchObject({ packing: { snoozeHours: 48, problemAction: 'snooze', autoComplete: false, minShelfLifeDays: 30 }, sources: { packing: 'settings' } });
    value(await first.dispatch('settings.update', { section: 'station', value: { name: 'Pack 10', idleSignOutMinutes: 0 } }));
    expect(first.state().stationName).toBe('Pack 10');
    value(await first.dispatch('settings.update', { section: 'company', value: null }));
    // Running Setup again changes what Setup asks, and keeps what Settings saved.
    value(await first.dispatch('setup.connect', { backend: { demo: true } }));
    value(await first.dispatch('setup.save', { warehouse: 1829, stationName: 'Pack 10', language: 'nl', packer: null }));
    expect(value<SettingsView>(await first.dispatch('settings.get', {}))).toMatchObject({
      station: { name: 'Pack 10', idleSignOutMinutes: 0 },
      packing: { snoozeHours: 48 },
      company: null,
    });
    await first.stop();

    const second = await station(dir);
    expect(value<SettingsView>(await second.dispatch('settings.get', {}))).toMatchObject({
      station: { name: 'Pack 10', idleSignOutMinutes: 0 },
      packing: { snoozeHours: 48 },
      company: null,
      sources: { packing: 'settings', company: 'settings' },
    });
    const exported = value<{ filename: string; json: string }>(await second.dispatch('config.export', {}));
    expect(exported.filename).toBe('packdesk-station.json');
    const config = parseStationConfig(exported.json, 'export');
    expect(config).toMatchObject({ backend: { demo: true }, warehouse: 1829, station: { language: 'nl', idleSignOutMinutes: 0 }, packing: { snoozeHours: 48 }, printers: { label: { driver: 'folder' } } });
    expect(config.station?.name).toBeUndefined();
    expect(config.company).toBeUndefined();
  });

  it('exports a Picqer backend with a placeholder for the key, never the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ backend: { url: 'http://127.0.0.1:9', apiKey: secretKey }, warehouse: 1829 }));
    const started = await station(dir);
    const exported = value<{ json: string }>(await started.dispatch('config.export', {}));
    expect(exported.json).not.toContain(secretKey);
    expect(JSON.parse(exported.json)).toMatchObject({ backend: { url: 'http://127.0.0.1:9', apiKey: '<enter the API key>' } });
    expect(readFileSync(join(dir, 'station.json'), 'utf8')).toContain(secretKey);
  });
});

describe('this computer’s settings and the update folder', () => {
  it('shows the file’s desktop section and update folder, saves the desktop section over it, and exports both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    writeFileSync(
      join(dir, 'station.json'),
      JSON.stringify({ backend: { demo: true }, desktop: { fullScreen: true }, updates: { url: 'https://updates.example.com/packdesk/' } }),
    );
    const started = await station(dir);
    expect(value<SettingsView>(await started.dispatch('settings.get', {}))).toMatchObject({
      desktop: { fullScreen: true },
      updates: { url: 'https://updates.example.com/packdesk/' },
      sources: { desktop: 'file' },
    });
    value(await started.dispatch('settings.update', { section: 'desktop', value: { startAtLogin: true, fullScreen: false } }));
    expect(value<SettingsView>(await started.dispatch('settings.get', {}))).toMatchObject({ desktop: { startAtLogin: true, fullScreen: false }, sources: { desktop: 'settings' } });
    const refused = await started.dispatch('settings.update', { section: 'desktop', value: { startAtLogin: 'yes' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const exported = parseStationConfig(value<{ json: string }>(await started.dispatch('config.export', {})).json, 'export');
    expect(exported).toMatchObject({ desktop: { startAtLogin: true, fullScreen: false }, updates: { url: 'https://updates.example.com/packdesk/' } });
  });

  it('has updates off without an update folder, and refuses one that is not https', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ backend: { demo: true } }));
    const started = await station(dir);
    expect(value<SettingsView>(await started.dispatch('settings.get', {}))).toMatchObject({ desktop: {}, updates: null, sources: { desktop: 'default' } });
    expect(() => parseStationConfig(JSON.stringify({ updates: { url: 'http://updates.example.com/' } }), 'station.json')).toThrow(/https:\/\/ address of the update folder[\s\S]*updates\.url/);
    expect(() => parseStationConfig(JSON.stringify({ updates: {} }), 'station.json')).toThrow(/updates\.url/);
    expect(() => parseStationConfig(JSON.stringify({ desktop: { kiosk: true } }), 'station.json')).toThrow(/kiosk/);
  });
});
