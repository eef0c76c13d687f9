import type { ChaosDemo, StationProcess } from './harness';

/*
 * The figures a chaos run reports and the invariants it holds stations to. Every scenario adds to
 * one tally; a broken invariant is recorded with what was seen, and the run exits non-zero.
 */

export interface Tally {
  faultsInjected: number;
  killsSurvived: number;
  scansLost: number;
  shipmentsDuplicated: number;
  printJobsDuplicated: number;
  printJobsLost: number;
  rateLimited: number;
  /** Requests that reached the demo backends, for the 429 share. */
  requests: number;
  parcels: number;
  /** Picklists scanned again after their parcel was packed, and how many of those were refused. */
  rescans: number;
  rescansRefused: number;
  /** Pieces of split scans (a code cut in two) the station refused instead of counting. */
  splitScansRefused: number;
  /** Kills that landed while a print job was on its way to the printer. */
  printKills: number;
  /** How long the station took to show a black-holed Picqer as offline; null when not run or never. */
  blackHoleNoticedMs: number | null;
  failures: string[];
}

export function createTally(): Tally {
  return {
    faultsInjected: 0,
    killsSurvived: 0,
    scansLost: 0,
    shipmentsDuplicated: 0,
    printJobsDuplicated: 0,
    printJobsLost: 0,
    rateLimited: 0,
    requests: 0,
    parcels: 0,
    rescans: 0,
    rescansRefused: 0,
    splitScansRefused: 0,
    printKills: 0,
    blackHoleNoticedMs: null,
    failures: [],
  };
}

export function fail(tally: Tally, scenario: string, text: string): void {
  tally.failures.push(`${scenario}: ${text}`);
}

export function check(tally: Tally, scenario: string, isHeld: boolean, text: string): void {
  if (!isHeld) fail(tally, scenario, text);
}

/**
 * A scenario's body with its demo and station: a throw fails the scenario with the end of the
 * station's log, and the station is stopped and the demo counted and closed whatever happened.
 */
export async function runWithStation(tally: Tally, scenario: string, demo: ChaosDemo, station: StationProcess, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    fail(tally, scenario, `${error instanceof Error ? error.message : String(error)}\n${station.log().slice(-2000)}`);
  } finally {
    await station.stop();
    countDemo(tally, demo);
    await demo.close();
  }
}

/** What the demo backend handed out and answered, added to the tally once a scenario is done with it. */
export function countDemo(tally: Tally, demo: ChaosDemo): void {
  tally.faultsInjected += Object.values(demo.backend.faults.injected).reduce((sum, n) => sum + n, 0);
  tally.rateLimited += demo.backend.requests.filter((r) => r.status === 429).length;
  tally.requests += demo.backend.requests.length;
}

/** Printed documents of several stations added up: a parcel packed on two must still print once. */
export function printedBy(stations: readonly StationProcess[]): Map<string, { label: number; packing_slip: number }> {
  const total = new Map<string, { label: number; packing_slip: number }>();
  for (const station of stations) {
    for (const [picklistid, documents] of station.printed()) {
      const entry = total.get(picklistid) ?? { label: 0, packing_slip: 0 };
      entry.label += documents.label;
      entry.packing_slip += documents.packing_slip;
      total.set(picklistid, entry);
    }
  }
  return total;
}

/**
 * At most one shipment per picklist, counting cancelled ones (no scenario cancels one on
 * purpose, so a cancelled second shipment is still one the station should not have made).
 */
export function checkNoSecondShipment(tally: Tally, scenario: string, demo: ChaosDemo, picklist: { idpicklist: number; picklistid: string }): void {
  const shipments = demo.allShipmentsOf(picklist.idpicklist);
  if (shipments <= 1) return;
  const cancelled = shipments - demo.shipmentsOf(picklist.idpicklist);
  tally.shipmentsDuplicated += shipments - 1;
  fail(tally, scenario, `${picklist.picklistid} has ${shipments} shipments in Picqer${cancelled > 0 ? ` (${cancelled} cancelled)` : ''}`);
}

const isStationList = (value: StationProcess | readonly StationProcess[]): value is readonly StationProcess[] => Array.isArray(value);

/**
 * The parcel invariants for picklists a station (or, given several, the stations together)
 * completed, checked both ways: closed in Picqer with every unit picked and none picked beyond the
 * line, exactly one shipment (cancelled ones counted), exactly one label and one packing slip.
 */
export function checkParcels(
  tally: Tally,
  scenario: string,
  demo: ChaosDemo,
  station: StationProcess | readonly StationProcess[],
  picklists: ReadonlyArray<{ idpicklist: number; picklistid: string }>,
): void {
  const printed = printedBy(isStationList(station) ? station : [station]);
  for (const { idpicklist, picklistid } of picklists) {
    tally.parcels++;
    const remote = demo.backend.state.getPicklist(idpicklist);
    checkNoSecondShipment(tally, scenario, demo, { idpicklist, picklistid });
    check(tally, scenario, demo.shipmentsOf(idpicklist) >= 1, `${picklistid} has no standing shipment in Picqer`);
    check(tally, scenario, remote.status === 'closed', `${picklistid} is ${remote.status} in Picqer, not closed`);
    const short = remote.products.filter((l) => l.amount_picked < l.amount);
    const over = remote.products.filter((l) => l.amount_picked > l.amount);
    check(tally, scenario, short.length === 0, `${picklistid} is not picked in full in Picqer (${short.map((l) => `${l.amount_picked} of ${l.amount}`).join(', ')})`);
    check(tally, scenario, over.length === 0, `${picklistid} has more picked than ordered in Picqer (${over.map((l) => `${l.amount_picked} of ${l.amount}`).join(', ')})`);
    const documents = printed.get(picklistid) ?? { label: 0, packing_slip: 0 };
    for (const kind of ['label', 'packing_slip'] as const) {
      const count = documents[kind];
      if (count > 1) {
        tally.printJobsDuplicated += count - 1;
        fail(tally, scenario, `${picklistid}: ${count} ${kind} files printed`);
      } else if (count === 0) {
        tally.printJobsLost++;
        fail(tally, scenario, `${picklistid}: no ${kind} printed`);
      }
    }
  }
}

export function summaryLine(tally: Tally, seconds: number): string {
  const share = tally.requests > 0 ? ((tally.rateLimited / tally.requests) * 100).toFixed(1) : '0.0';
  const verdict = tally.failures.length === 0 ? 'PASS' : `FAIL (${tally.failures.length} invariant${tally.failures.length === 1 ? '' : 's'} broken)`;
  return (
    `chaos ${verdict}: ${tally.faultsInjected} faults injected, ${tally.killsSurvived} kills survived, ` +
    `${tally.scansLost} scans lost, ${tally.shipmentsDuplicated} shipments duplicated, ` +
    `${tally.printJobsDuplicated + tally.printJobsLost} print jobs duplicated or lost, ` +
    `${tally.rescansRefused} of ${tally.rescans} rescans refused, ${tally.splitScansRefused} split scans refused, ${tally.printKills} kills mid-print, ` +
    `black hole ${tally.blackHoleNoticedMs === null ? 'not noticed' : `offline in ${(tally.blackHoleNoticedMs / 1000).toFixed(1)} s`}, ` +
    `${tally.rateLimited} 429s seen (${share}% of ${tally.requests} requests), ${tally.parcels} parcels, ${seconds.toFixed(0)} s`
  );
}
