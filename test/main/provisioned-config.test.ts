import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrinterInfo } from '../../shared/printing';
import { findProvisionedConfig, installDirs, parseLaunchOptions, provisionedConfigName } from '../../electron/main/config/station-config';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { useCleanups, value } from './station-helpers';

/*
 * A fleet's station config: one file exported from a station that is set up, dropped next to the
 * installed app (or named by PACKDESK_CONFIG) on the others, picked up on their first start.
 */

const cleanups = useCleanups();

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pd-provision-'));
}

function dropConfig(dir: string, config: unknown): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, provisionedConfigName);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

describe('where the station config is found', () => {
  it('counts the portable .exe’s folder, the AppImage’s folder, the folder holding a macOS bundle and the executable’s folder as next to the app', () => {
    expect(installDirs('/opt/Packdesk/packdesk', {})).toEqual([resolve('/opt/Packdesk')]);
    expect(installDirs('/tmp/unpacked/Packdesk.exe', { PORTABLE_EXECUTABLE_DIR: '/stations/usb' })).toEqual([resolve('/stations/usb'), resolve('/tmp/unpacked')]);
    expect(installDirs('/tmp/.mount_Pack/packdesk', { APPIMAGE: '/home/pack/Apps/Packdesk.AppImage' })).toEqual([resolve('/home/pack/Apps'), resolve('/tmp/.mount_Pack')]);
    expect(installDirs('/Applications/Packdesk.app/Contents/MacOS/Packdesk', {})).toEqual([resolve('/Applications'), resolve('/Applications/Packdesk.app/Contents/MacOS')]);
    expect(installDirs('/opt/Packdesk/packdesk', { PORTABLE_EXECUTABLE_DIR: '/opt/Packdesk' })).toEqual([resolve('/opt/Packdesk')]);
  });

  it('takes the first folder that holds packdesk-station.json', () => {
    const present = new Set([join('/b', provisionedConfigName), join('/c', provisionedConfigName)]);
    expect(findProvisionedConfig(['/a', '/b', '/c'], (path) => present.has(path))).toBe(join('/b', provisionedConfigName));
    expect(findProvisionedConfig(['/a'], (path) => present.has(path))).toBeNull();
    expect(findProvisionedConfig([], () => true)).toBeNull();
  });

  it('prefers --config, then PACKDESK_CONFIG, then the file next to the app, then none', () => {
    const appDir = tempDir();
    const provisioned = dropConfig(appDir, { warehouse: 1830 });
    const flag = ['--config', '/etc/packdesk/flag.json'];
    const env = { PACKDESK_CONFIG: '/etc/packdesk/env.json' };

    expect(parseLaunchOptions(flag, env, [appDir])).toMatchObject({ configPath: resolve('/etc/packdesk/flag.json'), configSource: 'flag' });
    expect(parseLaunchOptions([], env, [appDir])).toMatchObject({ configPath: resolve('/etc/packdesk/env.json'), configSource: 'env' });
    expect(parseLaunchOptions([], {}, [appDir])).toMatchObject({ configPath: provisioned, configSource: 'app-dir' });
    expect(parseLaunchOptions([], {}, [tempDir()])).toMatchObject({ configPath: null, configSource: null });
    // Browser mode names no app folder: a checkout is not an install.
    expect(parseLaunchOptions([], {}, [])).toMatchObject({ configPath: null, configSource: null });
  });
});

describe('a provisioned station', () => {
  async function start(options: { dataDir: string; appDir: string; env?: NodeJS.ProcessEnv; hostName?: string }): Promise<StartedStation> {
    const started = await startStation({
      argv: ['--data-dir', options.dataDir],
      env: options.env ?? {},
      mode: 'web',
      appDirs: [options.appDir],
      hostName: options.hostName ?? 'PACK-PC-07',
    });
    cleanups.push(() => started.stop());
    return started;
  }

  it('starts ready to pack on the config exported from a station set up on the demo; Setup saved later wins', async () => {
    const dir = tempDir();
    const firstConfig = join(dir, 'first.json');
    writeFileSync(firstConfig, JSON.stringify({ printers: { label: { driver: 'folder', path: join(dir, 'labels') } } }));
    const first = await startStation({ argv: ['--config', firstConfig, '--data-dir', join(dir, 'first')], env: {}, mode: 'web' });
    cleanups.push(() => first.stop());
    value(await first.dispatch('setup.connect', { backend: { demo: true } }));
    value(await first.dispatch('setup.save', { warehouse: 1830, stationName: 'Pack 1', language: 'nl', packer: null }));
    value(await first.dispatch('printers.set', { documentType: 'packingSlip', printer: { driver: 'folder', path: join(dir, 'slips') } }));
    const exported = value<{ filename: string; json: string }>(await first.dispatch('config.export', {}));
    expect(exported.filename).toBe(provisionedConfigName);
    await first.stop();

    const appDir = join(dir, 'Packdesk');
    dropConfig(appDir, exported.json);
    const fresh = join(dir, 'fresh');
    const second = await start({ dataDir: fresh, appDir });
    expect(second.state()).toMatchObject({
      isConfigured: true,
      isDemo: true,
      warehouse: { idwarehouse: 1830 },
      stationName: 'PACK-PC-07',
      language: 'nl',
    });
    const printers = value<PrinterInfo[]>(await second.dispatch('printers.list', {}));
    const byType = Object.fromEntries(printers.map((p) => [p.documentType, p]));
    expect(byType.label).toMatchObject({ config: { driver: 'folder', path: join(dir, 'labels') }, source: 'file' });
    expect(byType.packingSlip).toMatchObject({ config: { driver: 'folder', path: join(dir, 'slips') }, source: 'file' });

    value(await second.dispatch('setup.save', { warehouse: 1829, stationName: 'Pack 2', language: 'en', packer: null }));
    await second.stop();
    const again = await start({ dataDir: fresh, appDir });
    expect(again.state()).toMatchObject({ isConfigured: true, warehouse: { idwarehouse: 1829 }, stationName: 'Pack 2', language: 'en' });
  });

  it('keeps a station name the file gives, and opens on Setup when the file names no warehouse', async () => {
    const dir = tempDir();
    const named = join(dir, 'named');
    dropConfig(named, { backend: { demo: true }, warehouse: 1829, station: { name: 'Inpak 3' } });
    expect((await start({ dataDir: join(dir, 'a'), appDir: named })).state()).toMatchObject({ isConfigured: true, stationName: 'Inpak 3' });

    const partial = join(dir, 'partial');
    dropConfig(partial, { backend: { demo: true } });
    expect((await start({ dataDir: join(dir, 'b'), appDir: partial })).state()).toMatchObject({ isConfigured: false, stationName: null });
  });

  it('names the file in one line when it is invalid, or still holds the exported placeholder for the API key', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken');
    const brokenPath = dropConfig(broken, '{ "warehouse": ');
    await expect(start({ dataDir: join(dir, 'a'), appDir: broken })).rejects.toThrow(`Station config ${brokenPath} is not valid JSON`);

    const placeholder = join(dir, 'placeholder');
    const placeholderPath = dropConfig(placeholder, { backend: { subdomain: 'acme', apiKey: '<enter the API key>' }, warehouse: 1829 });
    await expect(start({ dataDir: join(dir, 'b'), appDir: placeholder })).rejects.toThrow(
      `Station config ${placeholderPath}: backend.apiKey is still "<enter the API key>"; put the Picqer API key there.`,
    );
  });

  it('takes PACKDESK_CONFIG over the file next to the app', async () => {
    const dir = tempDir();
    const appDir = join(dir, 'app');
    dropConfig(appDir, { backend: { demo: true }, warehouse: 1829 });
    const envPath = dropConfig(join(dir, 'share'), { backend: { demo: true }, warehouse: 1830 });
    const started = await start({ dataDir: join(dir, 'data'), appDir, env: { PACKDESK_CONFIG: envPath } });
    expect(started.state()).toMatchObject({ isConfigured: true, warehouse: { idwarehouse: 1830 }, stationName: 'PACK-PC-07' });
  });
});
