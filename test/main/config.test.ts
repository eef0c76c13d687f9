import { mkdtempSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { loadStationConfigFile, parseLaunchOptions, parseStationConfig } from '../../electron/main/config/station-config';
import { createSettingsStore } from '../../electron/main/config/settings-store';

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('launch options', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const options = parseLaunchOptions(['--web', '--port', '4810', '--no-open', '--config=/etc/pd.json', '--data-dir', '/tmp/pd'], {});
    expect(options).toMatchObject({ isWeb: true, port: 4810, shouldOpen: false, configPath: '/etc/pd.json', dataDir: '/tmp/pd' });
  });

  it('takes PACKDESK_CONFIG and PACKDESK_DATA_DIR when no flag says otherwise', () => {
    const env = { PACKDESK_CONFIG: 'station.json', PACKDESK_DATA_DIR: '/var/pd' };
    expect(parseLaunchOptions([], env)).toMatchObject({ configPath: resolve('station.json'), dataDir: '/var/pd' });
    expect(parseLaunchOptions(['--data-dir', '/other'], env).dataDir).toBe('/other');
  });

  it('refuses a bad port and an unknown option with a message naming it', () => {
    expect(errorOf(() => parseLaunchOptions(['--port', 'eighty'], {})).message).toContain('--port');
    expect(errorOf(() => parseLaunchOptions(['--prot', '1'], {})).message).toContain('Unknown option --prot');
    expect(errorOf(() => parseLaunchOptions(['--config'], {})).message).toContain('--config needs a value');
  });

  it('reads -h and --help, and refuses a flag followed by another flag as its value', () => {
    expect(parseLaunchOptions(['-h'], {}).isHelp).toBe(true);
    expect(parseLaunchOptions(['--help'], {}).isHelp).toBe(true);
    expect(parseLaunchOptions(['--rotate-token', '--rotate-badge-secret'], {})).toMatchObject({ shouldRotateToken: true, shouldRotateBadgeSecret: true, port: 4810, shouldOpen: true });
    expect(errorOf(() => parseLaunchOptions(['--data-dir', '--web'], {})).message).toContain('--data-dir needs a value');
    expect(errorOf(() => parseLaunchOptions(['--no-sandbox'], {})).message.split('\n')[0]).toBe('Unknown option --no-sandbox.');
  });

  it('lets Electron and Chromium switches and executable paths through', () => {
    expect(() => parseLaunchOptions(['/opt/Packdesk/packdesk', 'out/main/index.js', '--inspect=9229', '--enable-logging'], {})).not.toThrow();
  });
});

describe('station config', () => {
  it('accepts the example from the design', () => {
    const config = parseStationConfig(
      JSON.stringify({
        backend: { subdomain: 'acme', apiKey: 'k' },
        warehouse: 1829,
        station: { name: 'Pack 3', language: 'nl', packer: 24 },
        printers: {
          packingSlip: { driver: 'cups', queue: 'Brother_HL', media: 'A4' },
          label: { driver: 'raw-tcp', host: '10.0.0.50', port: 9100, format: 'zpl' },
        },
      }),
      'station.json',
    );
    expect(config.printers?.label).toEqual({ driver: 'raw-tcp', host: '10.0.0.50', port: 9100, format: 'zpl' });
  });

  it('accepts the url and demo backends, and a folder printer', () => {
    expect(parseStationConfig('{"backend":{"url":"http://127.0.0.1:4811","apiKey":"any"},"warehouse":1}', 'f').backend).toEqual({ url: 'http://127.0.0.1:4811', apiKey: 'any' });
    expect(parseStationConfig('{"backend":{"demo":true},"printers":{"label":{"driver":"folder","path":"/tmp/labels"}}}', 'f').backend).toEqual({ demo: true });
  });

  it.each([
    ['{"warehouse":"1829"}', 'warehouse'],
    ['{"station":{"language":"de"}}', 'station.language'],
    ['{"printers":{"label":{"driver":"raw-tcp","host":"10.0.0.50","port":99999}}}', 'printers.label.port'],
    ['{"printers":{"label":{"driver":"lpd"}}}', 'printers.label.driver'],
    ['{"backend":{"subdomain":"acme"}}', 'backend'],
    ['{"statoin":{}}', 'statoin'],
    ['{"packing":{"packingSlip":"pdf"}}', 'packing.packingSlip'],
    ['{"company":{"address":["Kanaalweg 1"]}}', 'company.name'],
  ])('names the bad field in %s', (text, field) => {
    const message = errorOf(() => parseStationConfig(text, '/etc/packdesk/station.json')).message;
    expect(message).toContain('/etc/packdesk/station.json');
    expect(message).toContain(field);
  });

  it('names every bad field, one per line, not only the first', () => {
    const message = errorOf(() => parseStationConfig('{"warehouse":"1829","station":{"language":"de"}}', 'station.json')).message;
    expect(message.split('\n')[0]).toBe('Station config station.json:');
    expect(message).toContain('warehouse');
    expect(message).toContain('station.language');
  });

  it('accepts the packing slip source and the company block', () => {
    const config = parseStationConfig(
      '{"packing":{"packingSlip":"picqer"},"company":{"name":"Acme BV","address":["Kanaalweg 1","3526 KL Utrecht"],"logo":"/etc/packdesk/logo.png"}}',
      'f',
    );
    expect(config.packing?.packingSlip).toBe('picqer');
    expect(config.company).toEqual({ name: 'Acme BV', address: ['Kanaalweg 1', '3526 KL Utrecht'], logo: '/etc/packdesk/logo.png' });
  });

  it('says when the file is not JSON or cannot be read', () => {
    expect(errorOf(() => parseStationConfig('{warehouse: 1}', 'station.json')).message).toContain('not valid JSON');
    expect(errorOf(() => loadStationConfigFile('/nonexistent/station.json')).message).toContain('cannot be read (ENOENT)');
  });
});

describe('settings store', () => {
  it('keeps the API key in a file only the user can read, apart from the settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    const store = createSettingsStore(dir);
    store.save({ backend: { subdomain: 'acme' }, warehouse: 3, station: { name: 'Pack 1', language: 'nl' } });
    store.writeApiKey('secret-key');
    expect(store.load()).toEqual({ backend: { subdomain: 'acme' }, warehouse: 3, station: { name: 'Pack 1', language: 'nl' } });
    expect(readFileSync(join(dir, 'station.json'), 'utf8')).not.toContain('secret-key');
    expect(statSync(join(dir, 'api-key')).mode & 0o777).toBe(0o600);
    expect(createSettingsStore(dir).readApiKey()).toBe('secret-key');
  });

  it('stores the key encrypted when the OS keychain codec is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    const codec = {
      encrypt: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
      decrypt: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
    };
    createSettingsStore(dir, codec).writeApiKey('secret-key');
    expect(readFileSync(join(dir, 'api-key')).toString()).not.toContain('secret-key');
    expect(createSettingsStore(dir, codec).readApiKey()).toBe('secret-key');
    expect(errorOf(() => createSettingsStore(dir).readApiKey()).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a hand-edited settings file with a message naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
    writeFileSync(join(dir, 'station.json'), '{"warehouse": -1}');
    expect(errorOf(() => createSettingsStore(dir).load()).message).toContain('warehouse');
  });
});
