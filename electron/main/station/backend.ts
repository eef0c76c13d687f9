import { join } from 'node:path';
import type { BackendInput } from '../../../shared/contract';
import type { Clock } from '../infra/clock';
import { demoSeed, type DemoAddress } from '../../../shared/demo-address';
import type { DemoBackend, DemoBackendOptions } from '../../picqer-demo/server';
import { createLogger } from '../infra/log';
import { createPicqerClient } from '../picqer/client';
import { userAgent } from '../infra/version';

/*
 * The backend a station talks to: Picqer by subdomain, any Picqer-compatible base URL, or the
 * embedded demo warehouse. All three go through the same client over real HTTP, so the demo
 * exercises exactly the code that talks to Picqer.
 */

export type BackendKind = 'demo' | 'picqer' | 'url';

export interface BackendConnection {
  kind: BackendKind;
  label: string;
  /** Names the cache file: each backend has its own database, ids never mix. */
  identity: string;
  api: ReturnType<typeof createPicqerClient>;
  close(): Promise<void>;
}

export { demoSeed, demoLine, type DemoAddress } from '../../../shared/demo-address';
/** The embedded demo is one fixed warehouse: the demo seed, a key of its own (public, in docs/picqer.md). */
const demoKey = 'packdesk-demo-key';
const log = createLogger('backend');

/*
 * The demo Picqer is loaded only when a demo or practice backend is connected: a station on a real
 * Picqer account never loads its 3k lines. The build splits it into a chunk of its own
 * (scripts/main-build.mjs; test/main/build-bundle.test.ts checks it stays out of the entry files).
 */
async function startDemo(options: DemoBackendOptions): Promise<DemoBackend> {
  const { startDemoBackend } = await import('../../picqer-demo/server');
  return startDemoBackend(options);
}

/**
 * The embedded demo of a data dir, one per state file however many connections use it (Setup
 * connects again while the station runs on it): two demos on one file would each hand out the
 * same next ids and overwrite each other's file. It stops when the last connection closes.
 */
const liveDemos = new Map<string, { demo: Promise<DemoBackend>; users: number }>();

async function sharedDemo(stateFile: string, onDemoStarted?: (address: DemoAddress) => void): Promise<{ demo: DemoBackend; release(): Promise<void> }> {
  let live = liveDemos.get(stateFile);
  if (!live) {
    live = { demo: startDemo({ port: 0, seed: demoSeed, apiKey: demoKey, stateFile }), users: 0 };
    liveDemos.set(stateFile, live);
    const started = live;
    started.demo.then(
      (demo) => {
        log.info('embedded demo warehouse', { url: demo.url, apiKey: demoKey, seed: demoSeed, stateFile });
        onDemoStarted?.({ url: demo.url, apiKey: demoKey, seed: demoSeed });
      },
      () => liveDemos.delete(stateFile),
    );
  }
  live.users += 1;
  const entry = live;
  const demo = await entry.demo;
  return {
    demo,
    async release() {
      entry.users -= 1;
      if (entry.users > 0) return;
      liveDemos.delete(stateFile);
      await demo.close();
    },
  };
}

function safeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

export interface ConnectOptions {
  /**
   * The station's data dir: the embedded demo keeps its warehouse there, so a restart carries on
   * with the parcels already packed. Absent (practice): a fresh demo every time, in memory.
   */
  dataDir?: string;
  /** Told once per start of the data dir's embedded demo (not a practice demo), with its address. */
  onDemoStarted?: (address: DemoAddress) => void;
}

export async function connectBackend(backend: BackendInput, clock: Clock, options: ConnectOptions = {}): Promise<BackendConnection> {
  if ('demo' in backend) {
    const stateFile = options.dataDir ? join(options.dataDir, 'demo-warehouse.json') : undefined;
    const shared = stateFile ? await sharedDemo(stateFile, options.onDemoStarted) : null;
    const demo: DemoBackend = shared?.demo ?? (await startDemo({ port: 0, seed: demoSeed, apiKey: demoKey }));
    let isClosed = false;
    return {
      kind: 'demo',
      label: 'Demo warehouse',
      // A demo that started over from its seed (state file lost) gets a cache of its own: the old
      // cache holds ids the new demo will hand out again for other shipments.
      identity: stateFile ? `demo-${demo.epoch.slice(0, 8)}` : 'demo',
      api: createPicqerClient({ baseUrl: demo.url, apiKey: demoKey, userAgent, clock }),
      close: async () => {
        if (isClosed) return;
        isClosed = true;
        await (shared ? shared.release() : demo.close());
      },
    };
  }
  if ('subdomain' in backend) {
    const subdomain = backend.subdomain.toLowerCase();
    return {
      kind: 'picqer',
      label: `${subdomain}.picqer.com`,
      identity: `picqer-${safeName(subdomain)}`,
      api: createPicqerClient({ baseUrl: `https://${subdomain}.picqer.com`, apiKey: backend.apiKey, userAgent, clock }),
      close: async () => {},
    };
  }
  const url = new URL(backend.url);
  return {
    kind: 'url',
    label: url.host,
    identity: `url-${safeName(url.host + url.pathname)}`,
    api: createPicqerClient({ baseUrl: backend.url.replace(/\/+$/, ''), apiKey: backend.apiKey, userAgent, clock }),
    close: async () => {},
  };
}
