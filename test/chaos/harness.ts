import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutboxStatus, PackSession, ScanAnswer, SessionState } from '../../shared/packing';
import { words } from '../helpers/answer-words';
import { spawnReady, type StartedProcess } from '../helpers/spawn-ready';
import type { QueueItem } from '../../shared/domain';
import { startDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../electron/picqer-demo/server';
import type { RawPicklist } from '../../electron/picqer-demo/types';

/*
 * What every chaos scenario stands on: the demo backend in this process (so its state is what
 * Picqer would say), and stations as real child processes (`node out/main/cli.js --web`) with a
 * config file, folder printers and their own data dir, driven over their HTTP API like the page
 * drives them. A station can be killed (SIGKILL) and started again on the same data dir.
 */

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(repoRoot, 'out/main/cli.js');
export const warehouseId = 1829;
const apiKey = 'chaos-key';

/** Progress for the person watching; stdout carries only the summary line. */
export function note(text: string): void {
  process.stderr.write(`[chaos] ${text}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface ChaosDemo {
  backend: DemoBackend;
  /** The iduser each station signs in as, one per station name. */
  packerFor(index: number): number;
  /** Open, unassigned picklists of the warehouse whose lines are all products with a barcode of their own. */
  simplePicklists(): RawPicklist[];
  barcodeOf(idproduct: number): string;
  /** Picqer's view: shipments not cancelled. */
  shipmentsOf(idpicklist: number): number;
  /**
   * Every shipment Picqer holds for the picklist, cancelled ones too: a station that made two and
   * cancelled one still made a second label the packer may have stuck on a box.
   */
  allShipmentsOf(idpicklist: number): number;
  close(): Promise<void>;
}

export async function startChaosDemo(options: DemoBackendOptions): Promise<ChaosDemo> {
  const backend = await startDemoBackend({ port: 0, apiKey, products: 80, picklists: 60, ...options });
  const barcodes = new Map<string, number>();
  for (const p of backend.state.products) if (p.barcode) barcodes.set(p.barcode, (barcodes.get(p.barcode) ?? 0) + 1);
  const packers = backend.state.users.filter((u) => u.active && u.iduser !== backend.state.apiUserId);
  return {
    backend,
    packerFor(index) {
      const user = packers[index % packers.length];
      if (!user) throw new Error('the demo has no packers');
      return user.iduser;
    },
    simplePicklists() {
      return backend.state.picklists.filter(
        (p) =>
          p.idwarehouse === warehouseId &&
          p.status === 'new' &&
          p.assigned_to_iduser === null &&
          p.products.length > 0 &&
          p.products.every((line) => {
            const product = backend.state.findProduct(line.idproduct);
            return !line.has_parts && line.partof_idpicklist_product === null && product?.barcode && barcodes.get(product.barcode) === 1;
          }),
      );
    },
    barcodeOf(idproduct) {
      const barcode = backend.state.findProduct(idproduct)?.barcode;
      if (!barcode) throw new Error(`product ${idproduct} has no barcode`);
      return barcode;
    },
    shipmentsOf: (idpicklist) => backend.state.listShipments(idpicklist).filter((s) => !s.cancelled).length,
    allShipmentsOf: (idpicklist) => backend.state.listShipments(idpicklist).length,
    close: () => backend.close(),
  };
}

/** The station answered `{ok:false}`. */
export class CommandFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'CommandFailed';
  }
}

/** The station could not be reached at all (it was killed, or is not up). */
export class StationGone extends Error {
  constructor(cause: unknown) {
    super(`the station is gone (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'StationGone';
  }
}

export interface StationProcess {
  name: string;
  dir: string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no flush, as a power cut to the process. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
  command<T>(name: string, input?: unknown): Promise<T>;
  /** Printed documents, by picklistid and kind, from the folder printers. */
  printed(): Map<string, { label: number; packing_slip: number }>;
  log(): string;
}

const readyLine = /Packdesk ready at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/;
const printedName = /^\d{8}-\d{6}-(.+)-(label|packing_slip)(?:-\d+)?\.(?:pdf|zpl)$/;

export function createStation(options: { root: string; name: string; demoUrl: string; packer: number }): StationProcess {
  const dir = join(options.root, options.name.replace(/\W+/g, '-').toLowerCase());
  const printers = { label: join(dir, 'labels'), packingSlip: join(dir, 'slips') };
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'station.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      backend: { url: options.demoUrl, apiKey },
      warehouse: warehouseId,
      station: { name: options.name, language: 'en', packer: options.packer },
      printers: { label: { driver: 'folder', path: printers.label }, packingSlip: { driver: 'folder', path: printers.packingSlip } },
    }),
  );
  /** The station's process from the moment it is spawned: a start can be killed before it is ready. */
  let running: StartedProcess | null = null;
  // The log of the earlier runs on this data dir, so that log() tells what happened before a kill too.
  let earlierLog = '';
  let origin = '';
  let token = '';
  const log = () => (earlierLog + (running?.stderr() ?? '')).slice(-20_000);

  const station: StationProcess = {
    name: options.name,
    dir,
    async start() {
      if (!existsSync(cliPath)) throw new Error('out/main/cli.js is missing: run `npm run build` first');
      earlierLog = log();
      running = null;
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.PACKDESK_CONFIG;
      delete env.PACKDESK_DATA_DIR;
      const ready = await spawnReady({
        command: process.execPath,
        args: [cliPath, '--web', '--no-open', '--port', '0', '--config', configFile, '--data-dir', join(dir, 'data')],
        ready: readyLine,
        what: options.name,
        cwd: repoRoot,
        env,
        timeoutMs: 30_000,
        onSpawn: (started) => {
          running = started;
        },
      });
      origin = ready.match[1] ?? '';
      token = ready.match[2] ?? '';
    },
    async kill() {
      await running?.kill();
    },
    async stop() {
      await running?.stop();
    },
    isRunning: () => running?.isRunning() ?? false,
    async command<T>(name: string, input: unknown = {}): Promise<T> {
      let response: Response;
      let body: { ok?: boolean; value?: unknown; error?: { code: string; message: string } };
      try {
        response = await fetch(`${origin}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Packdesk-Token': token },
          body: JSON.stringify(input),
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        throw new StationGone(error);
      }
      if (body.ok !== true) throw new CommandFailed(body.error?.code ?? String(response.status), body.error?.message ?? 'no message');
      return body.value as T;
    },
    printed() {
      const counts = new Map<string, { label: number; packing_slip: number }>();
      for (const folder of [printers.label, printers.packingSlip]) {
        if (!existsSync(folder)) continue;
        for (const file of readdirSync(folder)) {
          const match = printedName.exec(file);
          if (!match?.[1] || !match[2]) continue;
          const entry = counts.get(match[1]) ?? { label: 0, packing_slip: 0 };
          entry[match[2] as 'label' | 'packing_slip']++;
          counts.set(match[1], entry);
        }
      }
      return counts;
    },
    log,
  };
  return station;
}

/** Waits until the station's cache holds the queue: its first sync is done. */
export async function waitForQueue(station: StationProcess, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => (await station.command<QueueItem[]>('queue.list', {})).length > 0, timeoutMs, `${station.name}'s first sync`, 200);
}

export async function waitForDrained(station: StationProcess, timeoutMs: number): Promise<OutboxStatus> {
  let status: OutboxStatus | null = null;
  await waitFor(
    async () => {
      status = await station.command<OutboxStatus>('outbox.status');
      return status.pending === 0 && status.labelsPending.length === 0;
    },
    timeoutMs,
    `${station.name}'s outbox to drain`,
    200,
  );
  if (!status) throw new Error('no outbox status');
  return status;
}

/** The session the station shows now: answers carry only what happened and its revision. */
export async function shownSession(station: StationProcess): Promise<PackSession | null> {
  return (await station.command<SessionState>('pack.current')).session;
}

/** Scans a picklist open, then every unit; what the last answer said. */
export async function packPicklist(station: StationProcess, demo: ChaosDemo, picklist: RawPicklist, options: { multiplier?: boolean } = {}): Promise<ScanAnswer> {
  const opened = await station.command<ScanAnswer>('scan.submit', { code: picklist.picklistid, source: 'wedge' });
  if (opened.kind !== 'opened') throw new Error(`${station.name} could not open ${picklist.picklistid}: ${opened.kind} ${words(opened) ?? ''}`);
  let last: ScanAnswer = opened;
  for (const line of picklist.products) {
    const code = demo.barcodeOf(line.idproduct);
    if (options.multiplier) {
      last = await station.command<ScanAnswer>('scan.submit', { code, source: 'wedge', multiplier: line.amount });
    } else {
      for (let unit = 0; unit < line.amount; unit++) last = await station.command<ScanAnswer>('scan.submit', { code, source: 'wedge' });
    }
  }
  if (last.outcome !== 'all_verified') throw new Error(`${station.name}: ${picklist.picklistid} ended on ${last.outcome ?? last.kind}`);
  return last;
}

