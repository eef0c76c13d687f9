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

/**
 * The parcel invariants for picklists a station completed: closed in Picqer with every unit
 * picked, exactly one shipment, and exactly one label and one packing slip printed.
 */
export function checkParcels(tally: Tally, scenario: string, demo: ChaosDemo, station: StationProcess, picklists: ReadonlyArray<{ idpicklist: number; picklistid: string }>): void {
  const printed = station.printed();
  for (const { idpicklist, picklistid } of picklists) {
    tally.parcels++;
    const remote = demo.backend.state.getPicklist(idpicklist);
    const shipments = demo.shipmentsOf(idpicklist);
    if (shipments > 1) {
      tally.shipmentsDuplicated += shipments - 1;
      fail(tally, scenario, `${picklistid} has ${shipments} shipments in Picqer`);
    }
    check(tally, scenario, shipments >= 1, `${picklistid} has no shipment in Picqer`);
    check(tally, scenario, remote.status === 'closed', `${picklistid} is ${remote.status} in Picqer, not closed`);
    check(tally, scenario, remote.products.every((l) => l.amount_picked === l.amount), `${picklistid} is not picked in full in Picqer`);
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
    `${tally.rateLimited} 429s seen (${share}% of ${tally.requests} requests), ${tally.parcels} parcels, ${seconds.toFixed(0)} s`
  );
}
