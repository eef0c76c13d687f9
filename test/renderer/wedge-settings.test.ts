import { describe, expect, it } from 'vitest';
import {
  checkWedgeSettings,
  createWedgeSettingsStore,
  defaultWedgeSettings,
  readWedgeSettings,
  wedgeOptionsOf,
  wedgeSettingsKey,
  type WedgeSettings,
  type WedgeStorage,
} from '../../renderer/src/scan/settings';
import { WedgeDetector, type WedgeEvent } from '../../renderer/src/scan/wedge';
import { createStores } from '../../renderer/src/stores';
import { answerFixture, appStateFixture, createFakeApi, packLineFixture, sessionFixture, settle, syncFixture } from './fake-api';

/** localStorage as the station has it: strings under keys. */
function memoryStorage(initial: Record<string, string> = {}): WedgeStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const stored = (value: unknown) => memoryStorage({ [wedgeSettingsKey]: typeof value === 'string' ? value : JSON.stringify(value) });

describe('wedge settings read back from the station', () => {
  it('nothing stored, unreadable or not an object: the defaults', () => {
    expect(readWedgeSettings(null)).toEqual(defaultWedgeSettings);
    expect(readWedgeSettings(memoryStorage())).toEqual(defaultWedgeSettings);
    for (const bad of ['{not json', '[1,2]', '"Enter"', 'null', '42']) expect(readWedgeSettings(stored(bad)), bad).toEqual(defaultWedgeSettings);
  });

  it('keeps every valid field and puts the default in place of each bad one', () => {
    const settings = readWedgeSettings(
      stored({ maxInterKeyMs: 50, minLength: 1, timeoutMs: '90', terminator: 'Return', prefix: '~', suffix: 'x'.repeat(40), doubleReadMs: 120 }),
    );
    expect(settings).toEqual({ ...defaultWedgeSettings, maxInterKeyMs: 50, prefix: '~', doubleReadMs: 120 });
  });

  it('refuses control characters in the prefix and suffix, and fractions where whole numbers are meant', () => {
    expect(readWedgeSettings(stored({ prefix: '\u0002', suffix: '\r', minLength: 4.5, terminator: 'Tab' }))).toEqual({ ...defaultWedgeSettings, terminator: 'Tab' });
  });

  it('a timeout not above the key gap would cut scans in two: the timeout follows the gap', () => {
    expect(readWedgeSettings(stored({ maxInterKeyMs: 100 }))).toMatchObject({ maxInterKeyMs: 100, timeoutMs: 200 });
    expect(readWedgeSettings(stored({ maxInterKeyMs: 60, timeoutMs: 40 }))).toMatchObject({ maxInterKeyMs: 60, timeoutMs: 120 });
  });

  it('the settings become the detector options the station scans with', () => {
    const options = wedgeOptionsOf({ ...defaultWedgeSettings, terminator: 'none', prefix: '~', timeoutMs: 150 });
    expect(options).toMatchObject({ terminators: [], prefix: '~', timeoutMs: 150, doubleReadMs: 60 });
    const events: WedgeEvent[] = [];
    const detector = new WedgeDetector((e) => events.push(e), options);
    let now = 0;
    for (const ch of '~AB12') detector.key({ key: ch, time: (now += 5), focus: 'none' });
    detector.tick(now + 151);
    expect(events).toEqual([{ type: 'scan', code: 'AB12', multiplier: null, terminator: 'timeout', raw: '~AB12' }]);
    expect(wedgeOptionsOf(defaultWedgeSettings).terminators).toEqual(['Enter']);
  });
});

describe('wedge settings store', () => {
  it('saves valid settings under the one key and reads them back', () => {
    const storage = memoryStorage();
    const store = createWedgeSettingsStore(storage);
    const next: WedgeSettings = { ...defaultWedgeSettings, terminator: 'Tab', suffix: '#', doubleReadMs: 0 };
    expect(store.getState().save(next)).toEqual([]);
    expect(store.getState().settings).toEqual(next);
    expect([...storage.data.keys()]).toEqual([wedgeSettingsKey]);
    expect(createWedgeSettingsStore(storage).getState().settings).toEqual(next);
  });

  it('does not save what breaks a rule, and says which rule', () => {
    const storage = memoryStorage();
    const store = createWedgeSettingsStore(storage);
    const problems = store.getState().save({ ...defaultWedgeSettings, maxInterKeyMs: 90, timeoutMs: 90, minLength: 0, prefix: 'a\tb' });
    expect(problems).toEqual([
      { field: 'minLength', problem: 'range', min: 2, max: 64 },
      { field: 'prefix', problem: 'text', max: 16 },
      { field: 'timeoutMs', problem: 'belowInterKey', min: 91 },
    ]);
    expect(store.getState().settings).toEqual(defaultWedgeSettings);
    expect(storage.data.size).toBe(0);
  });

  it('reset goes back to the defaults and leaves no key behind', () => {
    const storage = stored({ terminator: 'none', timeoutMs: 200 });
    const store = createWedgeSettingsStore(storage);
    expect(store.getState().settings.terminator).toBe('none');
    store.getState().reset();
    expect(store.getState().settings).toEqual(defaultWedgeSettings);
    expect(storage.data.has(wedgeSettingsKey)).toBe(false);
  });

  it('the defaults pass their own rules', () => {
    expect(checkWedgeSettings(defaultWedgeSettings)).toEqual([]);
  });
});

describe('scan capture for the self-test', () => {
  function station() {
    const api = createFakeApi();
    api.handle('app.state', () => appStateFixture());
    api.handle('sync.status', () => syncFixture());
    api.handle('scan.submit', (input) => answerFixture({ kind: 'not_found', code: input.code  }));
    return { api, stores: createStores(api) };
  }

  it('while captured, wedge scans go to the capture with how they ended, not to main', async () => {
    const { api, stores } = station();
    const got: unknown[] = [];
    const release = stores.scanner.capture((scan) => got.push(scan));
    stores.scanner.onWedge({ type: 'scan', code: 'AZQWMYazqwmy', multiplier: null, terminator: 'timeout', raw: ']C0AZQWMYazqwmy' });
    stores.scanner.onWedge({ type: 'scan', code: '0123456789', multiplier: null, terminator: 'Enter' });
    await settle();
    expect(got).toEqual([
      { code: 'AZQWMYazqwmy', raw: ']C0AZQWMYazqwmy', terminator: 'timeout', keyGaps: [] },
      { code: '0123456789', raw: '0123456789', terminator: 'Enter', keyGaps: [] },
    ]);
    expect(api.callsOf('scan.submit')).toEqual([]);

    release();
    stores.scanner.onWedge({ type: 'scan', code: 'P2026-0101', multiplier: null, terminator: 'Enter' });
    await settle();
    expect(api.callsOf('scan.submit')).toEqual([{ code: 'P2026-0101', source: 'wedge' }]);
    expect(got).toHaveLength(2);
  });

  it('the latest capture takes the scans; releasing it hands them back to the one before', () => {
    const { stores } = station();
    const first: string[] = [];
    const second: string[] = [];
    const releaseFirst = stores.scanner.capture((s) => first.push(s.code));
    const releaseSecond = stores.scanner.capture((s) => second.push(s.code));
    stores.scanner.onWedge({ type: 'scan', code: 'AAAA', multiplier: null, terminator: 'Enter' });
    releaseSecond();
    stores.scanner.onWedge({ type: 'scan', code: 'BBBB', multiplier: null, terminator: 'Enter' });
    releaseFirst();
    expect([first, second]).toEqual([['BBBB'], ['AAAA']]);
  });

  it('a person pressing Enter while captured does not complete the picklist behind it', async () => {
    const { api, stores } = station();
    api.handle('pack.current', () => ({ revision: api.revision(), session: null, batch: null }));
    api.handle('queue.list', () => []);
    api.handle('outbox.status', () => ({ pending: 0, failed: 0, labelsPending: [], lastError: null }));
    api.handle('pack.complete', () => api.ack('handed_over', null));
    const stop = stores.start();
    await settle();
    api.publish(sessionFixture({ lines: [packLineFixture(1, { verified: 1 })] }));
    expect(stores.ui.getState().screen).toBe('pack');

    const release = stores.scanner.capture(() => undefined);
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('pack.complete')).toEqual([]);

    // The same Enter without the capture is "complete": the check above was not vacuous.
    release();
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('pack.complete')).toEqual([{}]);
    stop();
  });

  it('the controller holds the station settings, read from the storage it is given', () => {
    const api = createFakeApi();
    const stores = createStores(api);
    expect(stores.scanner.settings.getState().settings).toEqual(defaultWedgeSettings);
  });
});
