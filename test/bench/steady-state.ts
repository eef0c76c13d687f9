import { words } from '../helpers/answer-words';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../shared/errors';
import type { OutboxStatus, ScanAnswer } from '../../shared/packing';
import { startDemoBackend, type DemoBackend, type DemoRequestLog } from '../../electron/picqer-demo/server';
import type { RawProduct } from '../../electron/picqer-demo/types';
import { resetSharedSchedulers } from '../../electron/main/picqer/scheduler';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { trackGlobalFetch, type FetchTracker } from './fetch-tracker';
import { createSteppingClock } from './sim-clock';
import { picklistsForOpen, sleep } from './stats';

/*
 * Figure 4: what one station costs of the account's request budget. A real station (the command
 * table startStation builds) against the demo backend over HTTP, on a manual clock that the
 * bench steps from timer to timer, so an idle hour takes seconds and nothing fires mid-request.
 *
 * - Idle: every request the station makes over the simulated window, with nobody packing.
 * - Per parcel: scan.submit to open, one scan per line (with the line's amount as multiplier, so
 *   auto-complete fires on the last), then until the outbox has drained and the picklist is
 *   closed in Picqer; every request in between, split by the step it belongs to.
 */

export type ParcelStep = 'open' | 'assign' | 'picks' | 're-check' | 'shipment' | 'packing slip' | 'close' | 'label download' | 'background sync' | 'other';
export const budgetSteps: readonly ParcelStep[] = ['assign', 'picks', 're-check', 'shipment', 'close'];

/** One parcel to pack: its number of lines, and whether its picklist names a shipping profile. */
export interface ParcelPlan {
  lines: number;
  hasProfile: boolean;
}

export interface ParcelFigures extends ParcelPlan {
  steps: Partial<Record<ParcelStep, number>>;
  /** Requests to Picqer's API (label downloads are plain file fetches and not counted). */
  apiRequests: number;
  /** assign + picks + re-check + shipment + close. */
  budgetRequests: number;
}

export interface SteadyStateResult {
  idleHours: number;
  idleRequests: number;
  idlePerMinute: number;
  idleByKind: Record<string, number>;
  openPicklists: number;
  parcels: ParcelFigures[];
}

const idwarehouse = 1829;
const isApi = (r: DemoRequestLog) => r.path.startsWith('/api/v1/');

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function idleKind(r: DemoRequestLog): string {
  const path = r.path.replace('/api/v1', '');
  if (path === '/picklists' && r.query.sinceid !== undefined) return 'new picklists';
  if (path === '/picklists' && r.query.status !== undefined) return 'open set';
  if (path === '/products') return 'products';
  if (path === '/orders' || path.startsWith('/orders/')) return 'orders';
  if (path === '/picking-containers') return 'open set';
  return 'reference';
}

/**
 * What a request of a parcel was for. The open's re-read runs beside the open (issue 12), so it is
 * told apart by coming before the parcel's first pick, not by coming before the open's answer.
 */
function parcelStep(r: DemoRequestLog, isOpening: boolean): ParcelStep {
  if (r.path.startsWith('/demo-labels/')) return 'label download';
  const path = r.path.replace('/api/v1', '');
  if (r.method === 'POST') {
    if (/\/assign$/.test(path)) return 'assign';
    if (/\/pick(all)?$/.test(path)) return 'picks';
    if (/\/shipments$/.test(path)) return 'shipment';
    if (/\/close$/.test(path)) return 'close';
    return 'other';
  }
  if (/\/packinglistpdf$/.test(path)) return 'packing slip';
  // The look at the picklist's shipments right before a shipment is made.
  if (/^\/picklists\/\d+\/shipments$/.test(path)) return 're-check';
  // List reads are the station's own polling, which goes on while the parcel is packed (the
  // simulated clock runs through the outbox's waits); they are counted as idle requests instead.
  if (!/\/\d+(\/|$)/.test(path)) return 'background sync';
  if (/\/shippingmethods$/.test(path) || /\/comments$/.test(path)) return isOpening ? 'open' : 'shipment';
  if (/^\/(picklists|orders)\/\d+$/.test(path)) return isOpening ? 'open' : 're-check';
  return 'other';
}

/** Products a scan identifies alone: simple, active, with a barcode no other product has. */
function scannableProducts(demo: DemoBackend, count: number): RawProduct[] {
  const seen = new Map<string, number>();
  for (const p of demo.state.products) if (p.barcode) seen.set(p.barcode, (seen.get(p.barcode) ?? 0) + 1);
  const found = demo.state.products.filter((p) => p.active && p.type === 'normal' && p.barcode && seen.get(p.barcode) === 1).slice(0, count);
  if (found.length < count) throw new Error('not enough scannable products in the seed');
  return found;
}

export async function benchSteadyState(options: { products: number; openPicklists: number; idleHours: number; parcels: ParcelPlan[] }): Promise<SteadyStateResult> {
  const clock = createSteppingClock();
  const fetches: FetchTracker = trackGlobalFetch();
  const demo = await startDemoBackend({ port: 0, seed: 1, products: options.products, picklists: picklistsForOpen(options.openPicklists), clock });
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-steady-'));
  let station: StartedStation | null = null;
  resetSharedSchedulers();

  /** Lets the station work; steps the clock to its next timer whenever it waits on one. */
  const drive = async <T>(work: Promise<T>, limitMs = 10 * 60_000): Promise<T> => {
    let isDone = false;
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    work.then(
      (v) => ((outcome = { ok: true, value: v }), (isDone = true)),
      (e: unknown) => ((outcome = { ok: false, error: e }), (isDone = true)),
    );
    const deadline = clock.now() + limitMs;
    while (!isDone) {
      await fetches.quiet();
      if (isDone) break;
      const next = clock.nextDue();
      if (next !== null && next <= deadline) clock.advanceTo(next);
      else await sleep(2);
    }
    const settled = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
    if (!settled) throw new Error('drive ended without an outcome');
    if (!settled.ok) throw settled.error;
    return settled.value;
  };

  try {
    const packer = demo.state.users.find((u) => u.active && u.iduser !== demo.state.apiUserId);
    writeFileSync(
      join(dir, 'station.json'),
      JSON.stringify({
        backend: { url: demo.url, apiKey: 'bench' },
        warehouse: idwarehouse,
        station: { name: 'Bench 1', language: 'en', packer: packer?.iduser },
        printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
      }),
    );
    const started = await startStation({ argv: ['--config', join(dir, 'station.json'), '--data-dir', join(dir, 'data')], env: {}, mode: 'web', clock });
    station = started;
    await drive(started.dispatch('sync.now', {}).then((r) => value(r)));
    await fetches.quiet();

    // Idle: step from timer to timer through the window, never while a request is out.
    const idleFrom = demo.requests.length;
    const idleEnd = clock.now() + options.idleHours * 3_600_000;
    for (;;) {
      await fetches.quiet();
      const next = clock.nextDue();
      if (next === null || next > idleEnd) break;
      clock.advanceTo(next);
    }
    clock.advanceTo(idleEnd);
    await fetches.quiet();
    const idle = demo.requests.slice(idleFrom).filter(isApi);
    const idleByKind: Record<string, number> = {};
    for (const r of idle) idleByKind[idleKind(r)] = (idleByKind[idleKind(r)] ?? 0) + 1;

    // Parcels: new picklists of simple products, synced in, then packed from scans alone.
    const parcels: ParcelFigures[] = [];
    const pool = scannableProducts(demo, options.parcels.reduce((sum, p) => sum + p.lines, 0));
    const standardProfile = demo.state.shippingProviders.flatMap((p) => p.profiles).find((p) => p.active)?.idshippingprovider_profile ?? null;
    let used = 0;
    for (const { lines, hasProfile } of options.parcels) {
      const products = pool.slice(used, used + lines);
      used += lines;
      const picklist = demo.state.addPicklist({
        idwarehouse,
        lines: products.map((p, i) => ({ idproduct: p.idproduct, amount: 1 + (i % 3) })),
        idshippingprovider_profile: hasProfile ? standardProfile : null,
      });
      await drive(started.dispatch('sync.now', {}).then((r) => value(r)));
      await fetches.quiet();

      const from = demo.requests.length;
      const opened = value<ScanAnswer>(await drive(started.dispatch('scan.submit', { code: picklist.picklistid, source: 'wedge' })));
      if (opened.kind !== 'opened') throw new Error(`bench picklist did not open: ${opened.kind} ${words(opened) ?? ''}`);

      for (const line of picklist.products) {
        const barcode = demo.state.findProduct(line.idproduct)?.barcode ?? '';
        value<ScanAnswer>(await started.dispatch('scan.submit', { code: barcode, source: 'wedge', multiplier: line.amount }));
      }
      const isFinished = async () =>
        demo.state.getPicklist(picklist.idpicklist).status === 'closed' && value<OutboxStatus>(await started.dispatch('outbox.status', {})).pending === 0;
      await drive(
        (async () => {
          while (!(await isFinished())) await sleep(2);
        })(),
      );
      await fetches.quiet();
      const own = demo.requests.slice(from);
      const firstPick = own.findIndex((r) => r.method === 'POST' && /\/pick(all)?$/.test(r.path));
      const pickAt = firstPick < 0 ? own.length : firstPick;
      const steps: Partial<Record<ParcelStep, number>> = {};
      own.forEach((r, i) => {
        const step = parcelStep(r, i < pickAt);
        steps[step] = (steps[step] ?? 0) + 1;
      });
      const apiRequests = own.filter((r, i) => isApi(r) && parcelStep(r, i < pickAt) !== 'background sync').length;
      parcels.push({ lines, hasProfile, steps, apiRequests, budgetRequests: budgetSteps.reduce((sum, s) => sum + (steps[s] ?? 0), 0) });
    }

    return {
      idleHours: options.idleHours,
      idleRequests: idle.length,
      idlePerMinute: idle.length / (options.idleHours * 60),
      idleByKind,
      openPicklists: demo.state.listPicklists({ idwarehouse }).filter((p) => ['new', 'paused', 'snoozed'].includes(p.status)).length,
      parcels,
    };
  } finally {
    await station?.stop();
    await demo.close();
    fetches.restore();
    resetSharedSchedulers();
    rmSync(dir, { recursive: true, force: true });
  }
}
