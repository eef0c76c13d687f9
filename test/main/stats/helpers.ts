import { setPackSessionStatus } from '../../../electron/main/db/queries/pack-sessions';
import { insertPrintJob, markPrintJobDone } from '../../../electron/main/db/queries/print-jobs';
import { saveShipment } from '../../../electron/main/db/queries/shipments';
import type { PicqerShipment } from '../../../electron/main/picqer/types';
import { statsSummary } from '../../../electron/main/stats/summary';
import type { Harness } from '../packing/harness';

/* The parts of the outbox and the print queue a parcel goes through after its completion, written
 * through their real query functions with the harness clock, so the waiting time is known. */

export const tz = 'Europe/Amsterdam';

let nextShipment = 9000;

function shipment(idpicklist: number): PicqerShipment {
  nextShipment += 1;
  return {
    idshipment: nextShipment,
    idpicklist,
    idorder: null,
    idpackaging: null,
    idshippingprovider_profile: 1365,
    provider: 'postnl',
    providername: 'PostNL',
    profile_name: 'PostNL standard',
    carrier_key: null,
    trackingcode: `3STEST${nextShipment}`,
    tracktraceurl: null,
    weight: null,
    cancelled: false,
    created: null,
    parcels: [],
    raw: {},
  };
}

export const wait = (h: Harness, seconds: number) => h.clock.advance(seconds * 1000);
export const nowIso = (h: Harness) => new Date(h.clock.now()).toISOString();

/** Moves the harness clock forward to an instant. */
export function waitUntil(h: Harness, iso: string): void {
  const ms = Date.parse(iso) - h.clock.now();
  if (ms < 0) throw new Error(`the clock is past ${iso} already`);
  h.clock.advance(ms);
}

/**
 * The shipment arrives after `shipped` seconds, its label is fetched and queued `fetched` seconds
 * later (the session is completed then), and prints `printed` seconds after that, or fails at
 * once (no label printer), or is still waiting.
 */
export function labelArrives(
  h: Harness,
  packSessionId: number,
  idpicklist: number,
  steps: { shipped: number; fetched: number; printed: number | 'failed' | 'waiting' },
): { shipmentId: number; jobId: number } {
  wait(h, steps.shipped);
  const shipmentId = saveShipment(h.db, {
    shipment: shipment(idpicklist),
    idpicklist,
    packSessionId,
    picklistid: `P2026-${idpicklist}`,
    customer: null,
    idshippingproviderProfile: 1365,
    createdAt: nowIso(h),
  });
  setPackSessionStatus(h.db, packSessionId, 'labels_pending', { now: nowIso(h) });
  wait(h, steps.fetched);
  const jobId = insertPrintJob(
    h.db,
    {
      kind: 'label',
      idpicklist,
      shipmentId,
      printer: 'folder',
      format: 'pdf',
      documentPath: `/labels/${shipmentId}.pdf`,
      isReprint: false,
      failure: steps.printed === 'failed' ? 'No printer is set for labels' : null,
    },
    nowIso(h),
  );
  setPackSessionStatus(h.db, packSessionId, 'completed', { now: nowIso(h) });
  if (typeof steps.printed === 'number') {
    wait(h, steps.printed);
    markPrintJobDone(h.db, jobId, nowIso(h));
  }
  return { shipmentId, jobId };
}

export function summaryOf(h: Harness, query: { day?: string; shift?: string } = {}) {
  return statsSummary(h.db, query, { clock: h.clock, timeZone: tz });
}
