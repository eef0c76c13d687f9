import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/contract';
import { value } from '../station-helpers';
import type { PackSession, ScanAnswer, SessionState } from '../../../shared/packing';
import { startDemoBackend, type DemoBackend } from '../../../electron/picqer-demo/server';
import type { RawPicklist } from '../../../electron/picqer-demo/types';
import type { DemoVariants } from '../../../electron/picqer-demo/variants';
import { startStation, type StartedStation } from '../../../electron/main/station/station';

/*
 * A whole station (startStation, its command table, real outbox and folder printers) against the
 * demo backend over real HTTP, on real time: what a packer's station does, in one process.
 */

export interface StationHarness {
  demo: DemoBackend;
  station: StartedStation;
  dir: string;
  /** The iduser signed in at the station. */
  packer: number;
  /** Every event the station emitted, with the time it came. */
  events: Array<{ at: number; name: EventName; payload: unknown }>;
  call<T>(name: string, input?: unknown): Promise<T>;
  scan(code: string, multiplier?: number): Promise<ScanAnswer>;
  /** The session main shows now (answers no longer carry it). */
  session(): Promise<PackSession | null>;
  /** Scans every unit of the picklist's lines, from line `from` on. */
  scanLines(picklist: RawPicklist, from?: number, to?: number): Promise<ScanAnswer | null>;
  barcodeOf(idproduct: number): string;
  files(printer: 'labels' | 'slips'): string[];
  lastEvent<E extends EventName>(name: E): EventPayload<E> | null;
  /** Open picklists whose every line is a product with a barcode of its own. */
  simplePicklists(): RawPicklist[];
  close(): Promise<void>;
}

export interface StationHarnessOptions {
  /** Which reading of each behaviour Picqer's docs leave open the demo plays (demo/variants.ts). */
  variants?: Partial<DemoVariants>;
}

export async function startStationHarness(seed: number | string = 7, options: StationHarnessOptions = {}): Promise<StationHarness> {
  const demo = await startDemoBackend({ port: 0, seed, variants: options.variants });
  const dir = mkdtempSync(join(tmpdir(), 'pd-station-'));
  const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId);
  writeFileSync(
    join(dir, 'station.json'),
    JSON.stringify({
      backend: { url: demo.url, apiKey: 'k' },
      warehouse: 1829,
      station: { name: 'Pack 1', language: 'en', packer: packer?.iduser },
      printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
    }),
  );
  const station = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web' });
  const events: StationHarness['events'] = [];
  station.events.subscribe((name, payload) => events.push({ at: Date.now(), name, payload }));
  value(await station.dispatch('sync.now', {}));

  const barcodeCount = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) barcodeCount.set(p.barcode, (barcodeCount.get(p.barcode) ?? 0) + 1);

  const harness: StationHarness = {
    demo,
    station,
    dir,
    packer: packer?.iduser ?? 0,
    events,
    call: async <T>(name: string, input: unknown = {}) => value<T>(await station.dispatch(name, input)),
    scan: (code, multiplier) => harness.call<ScanAnswer>('scan.submit', { code, source: 'wedge', ...(multiplier ? { multiplier } : {}) }),
    session: async () => (await harness.call<SessionState>('pack.current')).session,
    async scanLines(picklist, from = 0, to = picklist.products.length) {
      let last: ScanAnswer | null = null;
      for (const line of picklist.products.slice(from, to)) {
        for (let unit = 0; unit < line.amount; unit++) last = await harness.scan(harness.barcodeOf(line.idproduct));
      }
      return last;
    },
    barcodeOf(idproduct) {
      const barcode = demo.state.findProduct(idproduct)?.barcode;
      if (!barcode) throw new Error(`product ${idproduct} has no barcode`);
      return barcode;
    },
    files(printer) {
      const path = join(dir, printer);
      return existsSync(path) ? readdirSync(path).filter((f) => !f.startsWith('.')).sort() : [];
    },
    lastEvent(name) {
      for (let i = events.length - 1; i >= 0; i--) {
        const event = events[i];
        if (event?.name === name) return event.payload as EventPayload<typeof name>;
      }
      return null;
    },
    simplePicklists() {
      return demo.state.picklists.filter(
        (p) =>
          p.idwarehouse === 1829 &&
          p.status === 'new' &&
          p.assigned_to_iduser === null &&
          p.products.length >= 2 &&
          p.products.every((line) => {
            const product = demo.state.findProduct(line.idproduct);
            return !line.has_parts && line.partof_idpicklist_product === null && product?.barcode && barcodeCount.get(product.barcode) === 1;
          }),
      );
    },
    async close() {
      await station.stop();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
