import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AppState, SyncStatus } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type { OutboxStatus, ScanAnswer, SessionState } from '../../../shared/packing';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import { setLogLevel, setLogSink } from '../../../electron/main/infra/log';
import { resetSharedSchedulers } from '../../../electron/main/picqer/scheduler';
import { startStation, type StartedStation } from '../../../electron/main/station/station';
import { startWebServer, type WebServer } from '../../../electron/main/transport/web/server';
import { ask } from '../web/http';
import { logText } from '../../helpers/log-files';

/*
 * The API key never leaves main: a whole station life in browser mode (Setup with the key, sync,
 * a packed parcel with its label and slip printed, a backend fault, the command sheet exported),
 * with every byte that reached the page and every file the station wrote searched for the key in
 * every spelling it could take. Only the key file, whose job it is, may hold it.
 */

const apiKey = 'pk_live_PACKDESK-LEAK-CANARY-7f3a9c2e1b5d';
const spellings = [
  apiKey,
  encodeURIComponent(apiKey),
  Buffer.from(apiKey).toString('base64'),
  Buffer.from(`${apiKey}:`).toString('base64'),
  // A prefix long enough to be the key cut short (an error message that truncated it).
  apiKey.slice(0, 20),
];
const token = 'api-key-test-token-0123456789abcdefghij';
const warehouseId = 1829;

let demo: DemoBackend;
let station: StartedStation;
let server: WebServer;
let socket: WebSocket;
let dir: string;
let dataDir: string;
/** Every HTTP body and every socket message the page received. */
const toPage: string[] = [];
let packed: RawPicklist;

async function command<T>(name: string, input: unknown = {}): Promise<T> {
  const answer = await ask(server.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { host: `127.0.0.1:${server.port}`, 'x-packdesk-token': token, 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify(input),
  });
  toPage.push(answer.text);
  const result = answer.json() as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

let nextCall = 1;
function scan(code: string): Promise<ScanAnswer> {
  const call = nextCall++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: Result<ScanAnswer> };
      if (message.id !== call) return;
      socket.off('message', onMessage);
      if (message.result?.ok) resolve(message.result.value);
      else reject(new Error(JSON.stringify(message.result)));
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id: call, name: 'scan.submit', input: { code, source: 'wedge' } }));
  });
}

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function leaks(text: string | Buffer): string[] {
  const haystack = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return spellings.filter((spelling) => haystack.includes(spelling) || haystack.includes(Buffer.from(spelling, 'utf16le')));
}

/** A new picklist whose lines are simple products with a barcode of their own. */
function simplePicklist(): RawPicklist {
  const owners = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) owners.set(p.barcode, (owners.get(p.barcode) ?? 0) + 1);
  const found = demo.state.picklists.find(
    (p) =>
      p.idwarehouse === warehouseId &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.length >= 2 &&
      p.products.every((line) => {
        const barcode = demo.state.findProduct(line.idproduct)?.barcode;
        return !line.has_parts && line.partof_idpicklist_product === null && barcode && owners.get(barcode) === 1;
      }),
  );
  if (!found) throw new Error('no simple picklist in the seed');
  return found;
}

beforeAll(async () => {
  // The demo accepts this key and no other, so every request provably carried it.
  demo = await startDemoBackend({ port: 0, seed: 11, apiKey });
  dir = mkdtempSync(join(tmpdir(), 'pd-api-key-'));
  dataDir = join(dir, 'data');
  packed = simplePicklist();
  // A hostile picklist number: it ends up in a printed file's name and must not become a path.
  packed.picklistid = '../../etc/passwd';

  const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId);
  // No backend in the config: the key reaches the station only through Setup, as a person types it.
  writeFileSync(
    join(dir, 'station.json'),
    JSON.stringify({
      station: { name: 'Pack 1', language: 'en', packer: packer?.iduser },
      printers: {
        label: { driver: 'folder', path: join(dataDir, 'printed', 'labels') },
        packingSlip: { driver: 'folder', path: join(dataDir, 'printed', 'slips') },
      },
    }),
  );
  station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', dataDir], env: {}, mode: 'web' });
  // Every line, down to each request the client makes, goes to the log file.
  setLogLevel('debug');
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  server = await startWebServer({ dispatch: station.dispatch, events: station.events, staticDir, token });
  socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${token}`, { origin: server.origin });
  socket.on('message', (data: Buffer) => toPage.push(data.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}, 60_000);

afterAll(async () => {
  socket?.terminate();
  await server?.close();
  await station?.stop();
  await demo?.close();
  resetSharedSchedulers();
  setLogSink((line) => process.stderr.write(`${line.message}\n`), 'warn');
  rmSync(dir, { recursive: true, force: true });
});

describe('the API key stays in main', () => {
  it('is used for a whole station life in browser mode', async () => {
    const page = await ask(server.port, { path: `/?token=${token}`, headers: { host: `127.0.0.1:${server.port}` } });
    toPage.push(page.text, JSON.stringify(page.headers));

    const connected = await command<{ warehouses: Array<{ idwarehouse: number }> }>('setup.connect', { backend: { url: demo.url, apiKey } });
    expect(connected.warehouses.map((w) => w.idwarehouse)).toContain(warehouseId);
    const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId);
    await command('setup.save', { warehouse: warehouseId, stationName: 'Pack 1', language: 'en', packer: packer?.iduser ?? null });
    expect((await command<AppState>('app.state')).isConfigured).toBe(true);
    await command('sync.now');
    expect((await command<SyncStatus>('sync.status')).state).toBe('idle');
    await command('queue.list', {});
    await command('sync.status');

    // A backend fault on the way, so error paths write to the log too.
    demo.faults.setErrorRate(1);
    await command('sync.now');
    expect((await command<SyncStatus>('sync.status')).state).toBe('error');
    demo.faults.clear();

    const opened = await command<ScanAnswer>('pack.open', { idpicklist: packed.idpicklist });
    expect(opened.kind).toBe('opened');
    expect(opened.picklistid).toBe('../../etc/passwd');
    let last: ScanAnswer | null = null;
    for (const line of packed.products) {
      last = await scan(demo.state.findProduct(line.idproduct)?.barcode ?? '');
      for (let i = 1; i < line.amount; i++) last = await scan(demo.state.findProduct(line.idproduct)?.barcode ?? '');
    }
    expect(last?.outcome).toBe('all_verified');
    if ((await command<SessionState>('pack.current')).session?.state === 'packing') await command('pack.complete');

    await expect.poll(() => demo.state.getPicklist(packed.idpicklist).status, { timeout: 20_000 }).toBe('closed');
    await expect.poll(async () => (await command<OutboxStatus>('outbox.status')).pending, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => filesUnder(join(dataDir, 'printed')).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await command('history.list');
    await command('commands.sheet');
    await command('printers.list');
    await command('app.state');
    await command('sync.status');
  });

  it('never reached the page: no HTTP answer and no socket message carries it', () => {
    expect(toPage.length).toBeGreaterThan(20);
    const leaked = toPage.filter((text) => leaks(text).length > 0);
    expect(leaked).toEqual([]);
  });

  it('is in no file the station wrote but its own key file', () => {
    const files = filesUnder(dataDir);
    const names = files.map((file) => relative(dataDir, file));
    expect(names).toContain('api-key');
    expect(names.some((name) => name.startsWith('cache-') && name.endsWith('.sqlite'))).toBe(true);
    expect(names.some((name) => name.startsWith(join('printed', 'labels')))).toBe(true);

    const keyFile = readFileSync(join(dataDir, 'api-key'));
    expect(keyFile.includes(apiKey)).toBe(true);
    for (const file of files) {
      if (relative(dataDir, file) === 'api-key') continue;
      expect(leaks(readFileSync(file)), relative(dataDir, file)).toEqual([]);
    }
  });

  it('is in no log line, though the log holds every request and the failures', () => {
    const log = logText(join(dataDir, 'logs', 'packdesk.log'));
    expect(log).toContain('"path":"/picklists');
    expect(log).toContain('sync failed; will retry');
    expect(leaks(log)).toEqual([]);
  });

  it('let no name from the backend become a path: the hostile picklist number stays a file name', () => {
    expect(existsSync(join(dir, 'etc'))).toBe(false);
    expect(existsSync(join(dataDir, 'etc'))).toBe(false);
    for (const file of filesUnder(join(dataDir, 'printed'))) {
      const name = relative(join(dataDir, 'printed'), file).split(/[\\/]/);
      expect(name).toHaveLength(2);
      expect(name[1]).toMatch(/^[A-Za-z0-9._-]+$/);
    }
    expect(filesUnder(join(dataDir, 'printed', 'labels')).some((file) => file.includes('.._.._etc_passwd'))).toBe(true);
  });
});
