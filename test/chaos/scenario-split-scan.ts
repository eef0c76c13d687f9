import { join } from 'node:path';
import type { ScanAnswer, SessionState } from '../../shared/packing';
import { createPrng } from '../../electron/picqer-demo/prng';
import { createStation, note, startChaosDemo, waitFor, waitForDrained, waitForQueue, shownSession } from './harness';
import { type Tally, check, checkParcels, runWithStation } from './tally';

/*
 * Split scans: a keyboard-wedge scanner whose keystrokes are cut in two (a pause inside the code,
 * a USB hiccup) delivers the front of a barcode and then its trailing digits as two scans. Neither
 * piece is a code: both must be refused and count nothing, and the trailing digits must never
 * turn into a quantity for a later scan. Then every clean scan counts exactly one unit, and only
 * a deliberate multiplier counts more. Checked both ways, on the station and in Picqer: no unit
 * short, none extra.
 */

const scenario = 'split-scan';
const counting = new Set(['counted', 'line_complete', 'all_verified']);

export async function splitScanScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack S', demoUrl: demo.backend.url, packer: demo.packerFor(7) });
  const prng = createPrng(`chaos-split/${options.seed}`);
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    const picklists = demo.simplePicklists().filter((p) => p.products.some((l) => l.amount >= 2) && p.products.every((l) => demo.barcodeOf(l.idproduct).length >= 8)).slice(0, 2);
    if (picklists.length < 2) throw new Error('the demo has too few picklists for split scans');
    let pieces = 0;
    let refused = 0;
    for (const [index, picklist] of picklists.entries()) {
      const opened = await station.command<ScanAnswer>('scan.submit', { code: picklist.picklistid, source: 'wedge' });
      const openedSession = opened.kind === 'opened' ? await shownSession(station) : null;
      if (!openedSession) throw new Error(`${picklist.picklistid} did not open: ${opened.kind}`);
      let verified = openedSession.verifiedUnits;
      let cleanScans = 0;
      const units = picklist.products.reduce((n, l) => n + l.amount, 0);
      // What the station shows after a scan; after the last unit the parcel completes by itself and leaves the screen.
      const countAfter = async (answer: ScanAnswer) => (await shownSession(station))?.verifiedUnits ?? (answer.outcome === 'all_verified' ? units : verified);
      for (const [lineIndex, line] of picklist.products.entries()) {
        const code = demo.barcodeOf(line.idproduct);
        const cut = prng.int(3, code.length - 3);
        for (const piece of [code.slice(0, cut), code.slice(cut)]) {
          pieces++;
          const answer = await station.command<ScanAnswer>('scan.submit', { code: piece, source: 'wedge' });
          const after = (await shownSession(station))?.verifiedUnits ?? verified;
          const isCounted = (answer.outcome !== null && counting.has(answer.outcome)) || after !== verified;
          const isElsewhere = answer.kind === 'opened' || answer.kind === 'signed_in' || answer.kind === 'command';
          if (!isCounted && !isElsewhere) refused++;
          check(tally, scenario, !isCounted, `${picklist.picklistid}: the piece "${piece}" of ${code} counted ${after - verified} unit(s) (${answer.kind}/${answer.outcome ?? '-'})`);
          check(tally, scenario, !isElsewhere, `${picklist.picklistid}: the piece "${piece}" of ${code} was taken as ${answer.kind}`);
          if (answer.kind === 'opened') throw new Error(`the piece "${piece}" opened another picklist; the rest of the parcel cannot be judged`);
        }
        // The last line of the second parcel is scanned with a deliberate multiplier: that, and only that, counts more than one.
        const isMultiplied = index === 1 && lineIndex === picklist.products.length - 1 && line.amount >= 2;
        const scans = isMultiplied ? [line.amount] : Array.from({ length: line.amount }, () => 1);
        for (const amount of scans) {
          const answer = await station.command<ScanAnswer>('scan.submit', { code, source: 'wedge', ...(amount > 1 ? { multiplier: amount } : {}) });
          cleanScans += amount;
          const after = await countAfter(answer);
          check(tally, scenario, answer.amount === amount && after - verified === amount, `${picklist.picklistid}: a clean scan of ${code}${amount > 1 ? ` times ${amount}` : ''} counted ${after - verified} (answer said ${answer.amount}) after a split scan`);
          verified = after;
        }
      }
      const session = (await station.command<SessionState>('pack.current')).session;
      // A completed parcel has left the screen; the last answer's session was checked above.
      if (session && session.idpicklist === picklist.idpicklist) check(tally, scenario, session.verifiedUnits === cleanScans, `${picklist.picklistid}: ${session.verifiedUnits} units counted for ${cleanScans} scanned`);
      check(tally, scenario, verified === units && cleanScans === units, `${picklist.picklistid}: ${verified} counted, ${cleanScans} scanned, ${units} on the picklist`);
    }
    tally.splitScansRefused += refused;
    note(`split-scan: ${pieces} pieces of codes scanned, ${refused} refused`);
    await waitForDrained(station, 60_000);
    await waitFor(() => picklists.every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'every label');
    checkParcels(tally, scenario, demo, station, picklists);
  });
}
