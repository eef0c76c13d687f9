import { currentSession, words } from '../../helpers/answer-words';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Result } from '../../../shared/errors';
import type { ScanAnswer } from '../../../shared/packing';
import { systemClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import { createDispatcher } from '../../../electron/main/transport/dispatch';
import { refusedOutcome, submitCheckedScan } from '../../../electron/main/packing/scan-router';
import { startStation, type StartedStation } from '../../../electron/main/station/station';
import { startWebServer, type WebServer } from '../../../electron/main/transport/web/server';
import { ask } from './http';

/*
 * Bad scans through the real browser-mode server, over HTTP and over the event socket, into the
 * real station with the scan gate in front of the pack loop (the first step of packing/scan-router.ts): each
 * is refused with a sentence, counts nothing, is recorded as a scan event, and the socket stays up.
 */

const token = 'scan-input-test-token-0123456789abcdef';

let demo: DemoBackend;
let station: StartedStation;
let server: WebServer;
let dir: string;
let cache: Database;
let picklist: RawPicklist;
let socket: WebSocket;
let nextCall = 1;

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function overHttp(input: unknown): Promise<Result<unknown>> {
  const answer = await ask(server.port, {
    method: 'POST',
    path: '/api/scan.submit',
    headers: { host: `127.0.0.1:${server.port}`, 'x-packdesk-token': token, 'content-type': 'application/json' },
    body: typeof input === 'string' || Buffer.isBuffer(input) ? input : JSON.stringify(input),
  });
  expect(answer.status).toBe(200);
  return answer.json() as Result<unknown>;
}

function overSocket(frame: unknown): Promise<Result<unknown>> {
  const call = nextCall++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: Result<unknown> };
      if (message.id !== call) return;
      socket.off('message', onMessage);
      resolve(message.result as Result<unknown>);
    };
    socket.on('message', onMessage);
    socket.once('close', () => reject(new Error('the socket closed')));
    if (Buffer.isBuffer(frame)) {
      socket.send(Buffer.concat([Buffer.from(`{"id":${call},"name":"scan.submit","input":`), frame, Buffer.from('}')]), { binary: false });
    } else {
      socket.send(JSON.stringify({ id: call, name: 'scan.submit', input: frame }));
    }
  });
}

function refusedEvents(): Array<{ code: string; reason: string; outcome: string; pack_session_id: number | null }> {
  return cache.prepare('SELECT code, reason, outcome, pack_session_id FROM scan_events WHERE outcome = ? ORDER BY id').all(refusedOutcome) as Array<{
    code: string;
    reason: string;
    outcome: string;
    pack_session_id: number | null;
  }>;
}

beforeAll(async () => {
  demo = await startDemoBackend({ port: 0, seed: 7 });
  dir = mkdtempSync(join(tmpdir(), 'pd-scan-input-'));
  const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId);
  writeFileSync(
    join(dir, 'station.json'),
    JSON.stringify({
      backend: { url: demo.url, apiKey: 'scan-input-key' },
      warehouse: 1829,
      station: { name: 'Pack 1', language: 'en', packer: packer?.iduser },
      printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
    }),
  );
  station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  value(await station.dispatch('sync.now', {}));
  const file = readdirSync(join(dir, 'data')).find((name) => name.startsWith('cache-') && name.endsWith('.sqlite'));
  cache = openDatabase(join(dir, 'data', file ?? 'missing.sqlite'));

  // The scan gate in front of the pack loop, as the scan router puts it.
  const dispatch = createDispatcher({
    ...station.handlers,
    'scan.submit': (input) =>
      submitCheckedScan(
        {
          submitScan: async (checked) => station.handlers['scan.submit'](checked),
          current: async () => (await station.handlers['pack.current']({})).session,
          revision: () => 0,
        },
        input,
        { db: cache, clock: systemClock, stationName: () => 'Pack 1', packer: () => station.state().packer },
      ),
  });
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Packdesk</title>');
  server = await startWebServer({ dispatch, events: station.events, staticDir, token });
  socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=${token}`, { origin: server.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  const owners = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) owners.set(p.barcode, (owners.get(p.barcode) ?? 0) + 1);
  const found = demo.state.picklists.find(
    (p) =>
      p.idwarehouse === 1829 &&
      p.status === 'new' &&
      p.assigned_to_iduser === null &&
      p.products.length >= 1 &&
      p.products.every((l) => {
        const barcode = demo.state.findProduct(l.idproduct)?.barcode;
        return !l.has_parts && l.partof_idpicklist_product === null && barcode && owners.get(barcode) === 1;
      }),
  );
  if (!found) throw new Error('no simple picklist in the seed');
  picklist = found;
  const opened = value<ScanAnswer>(await overHttp({ code: picklist.picklistid, source: 'wedge' }));
  expect(opened.kind).toBe('opened');
});

afterAll(async () => {
  socket?.terminate();
  await server?.close();
  cache?.close();
  await station?.stop();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bad: Array<[string, string, string]> = [
  ['an empty scan', '', 'Empty scan: the scanner sent nothing readable. Scan again.'],
  ['only a suffix', '\r\n', 'Empty scan: the scanner sent nothing readable. Scan again.'],
  ['a 4 KB burst', '7'.repeat(4096), 'Not a barcode: 4,096 characters arrived at once (a barcode has at most 256). Scan again; if it happens again, check the scanner.'],
  ['a control character', '87123\x0745000014', "Not a barcode: the scan contains a control character (\u2407). Check the scanner's prefix and suffix settings."],
  ['an escape sequence', '\x1b[2J8712345000014', "Not a barcode: the scan contains a control character (\u241B). Check the scanner's prefix and suffix settings."],
  ['a replacement character', '8712345\uFFFD', "The scan contains characters that could not be read. Scan again; if it happens again, check the scanner's keyboard layout or character set."],
  ['a lone surrogate', '8712345\uD800', "The scan contains characters that could not be read. Scan again; if it happens again, check the scanner's keyboard layout or character set."],
];

async function expectRefused(result: Result<unknown>, message: string): Promise<ScanAnswer> {
  const answer = value<ScanAnswer>(result);
  expect(answer).toMatchObject({ kind: 'not_found', outcome: null });
  expect(words(answer)).toBe(message);
  const shown = await currentSession(station);
  expect(shown?.idpicklist).toBe(picklist.idpicklist);
  expect(shown?.verifiedUnits).toBe(0);
  return answer;
}

describe('bad scans through browser mode', () => {
  it.each(bad)('refuses %s over HTTP and over the socket, counting nothing', async (_name, code, message) => {
    const before = refusedEvents().length;
    await expectRefused(await overHttp({ code, source: 'wedge' }), message);
    await expectRefused(await overSocket({ code, source: 'hid' }), message);
    const events = refusedEvents().slice(before);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.reason).toContain(message);
      expect(event.code.length).toBeLessThanOrEqual(80);
      // eslint-disable-next-line no-control-regex
      expect(event.code).not.toMatch(/[\x00-\x1f\x7f]/);
      expect(event.pack_session_id).not.toBeNull();
    }
  });

  it('answers bytes that are not UTF-8 with a sentence, over HTTP and over the socket, which stays open', async () => {
    const broken = Buffer.concat([Buffer.from('{"code":"87123'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","source":"serial"}')]);
    await expectRefused(await overHttp(broken), bad[5]?.[2] ?? '');
    await expectRefused(await overSocket(broken), bad[5]?.[2] ?? '');
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a scan past the contract limit as VALIDATION with a sentence, on both paths', async () => {
    const huge = { code: 'A'.repeat(20_000), source: 'wedge' };
    for (const result of [await overHttp(huge), await overSocket(huge)]) {
      expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'code: The scan is far too long to be a barcode.' } });
    }
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('still counts a good scan afterwards: nothing above touched the session', async () => {
    const line = picklist.products[0];
    const barcode = demo.state.findProduct(line?.idproduct ?? 0)?.barcode ?? '';
    const answer = value<ScanAnswer>(await overSocket({ code: `${barcode}\r\n`, source: 'wedge' }));
    expect(['counted', 'line_complete', 'all_verified']).toContain(answer.outcome);
    // A one-unit picklist completes by itself: the answer then carries no session.
    if (answer.outcome !== 'all_verified') expect((await currentSession(station))?.verifiedUnits).toBe(1);
    const counted = cache.prepare("SELECT COUNT(*) AS n FROM scan_events WHERE outcome IN ('counted', 'line_complete', 'all_verified')").get() as { n: number };
    expect(counted.n).toBe(1);
  });
});
