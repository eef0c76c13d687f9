/*
 * `npm run bench`: measures the figures that decide the design and prints them as one table,
 * beside the machine they were measured on. `--write-docs` puts the table into docs/benchmarks.md
 * between the bench markers; `--smoke` runs a reduced size (CI: figures reported, never asserted).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { batchRows } from './batch';
import { benchInitialSync } from './initial-sync';
import { benchOpenToScreen } from './open-to-screen';
import { benchPackingSlip } from './packing-slip';
import { benchScanCore } from './scan-core';
import { benchScanToScreen } from './scan-to-screen';
import { benchStartUp } from './start-up';
import { benchSteadyState, type ParcelFigures } from './steady-state';
import { mb } from './stats';

interface Row {
  figure: string;
  measured: string;
  target: string;
}

const isSmoke = process.argv.includes('--smoke') || process.env.CI === 'true';
const shouldWriteDocs = process.argv.includes('--write-docs');

const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const rows: Row[] = [];
  const products = isSmoke ? 5_000 : 50_000;
  const scans = isSmoke ? 300 : 1_000;

  const core = await benchScanCore({ products, scans });
  rows.push({ figure: `Core scan answer (the scan router's submit to persisted outcome, ${products.toLocaleString('en')} products, ${scans} scans)`, measured: `p50 ${ms(core.p50Ms)}, p99 ${ms(core.p99Ms)}`, target: 'p99 < 1 ms' });

  const screen = await benchScanToScreen({ scans: isSmoke ? 40 : 200 });
  for (const figures of [screen.pace, screen.backToBack]) {
    rows.push({
      figure: `Scan to screen (browser mode, Enter key to the frame that paints the answer, ${figures.scans} scans, ${figures.note})`,
      measured: `p50 ${ms(figures.p50Ms)}, p95 ${ms(figures.p95Ms)} (in the document: p50 ${ms(figures.toDocumentP50Ms)}, p95 ${ms(figures.toDocumentP95Ms)})`,
      target: 'p95 < 16.7 ms',
    });
  }

  const opens = await benchOpenToScreen({ opensPerCondition: isSmoke ? 5 : 20 });
  for (const [condition, figures] of Object.entries(opens.byCondition)) {
    const what = { healthy: 'Picqer answering', slow: 'Picqer slow, 1 s a request', 'black-holed': 'Picqer black-holed (accepts, never answers)', 'rate-limited': 'Picqer answering every request 429' }[condition];
    rows.push({
      figure: `Open to screen (browser mode, Enter of a picklist scan to the pack screen painted with its lines, ${what}, ${figures.opens} opens)`,
      measured: `p50 ${ms(figures.p50Ms)}, p95 ${ms(figures.p95Ms)}, max ${ms(figures.maxMs)}`,
      target: 'p95 < 100 ms, no wait on Picqer',
    });
  }

  const openPicklists = isSmoke ? 500 : 5_000;
  const size = `${products.toLocaleString('en')} products, ${openPicklists.toLocaleString('en')}+ open picklists`;

  const sync = await benchInitialSync({ products, openPicklists });
  const over = ((sync.requests / sync.lowerBound - 1) * 100).toFixed(1);
  rows.push({
    figure: `Initial sync (${sync.products.toLocaleString('en')} products, ${sync.openPicklists.toLocaleString('en')} open picklists, demo limit ${sync.rateLimitPerMinute}/min, real scheduler; sync alone in a child process)`,
    measured:
      `${sync.requests} requests vs lower bound ${sync.lowerBound} (+${over} %, ${sync.rateLimitedResponses} answered 429); ` +
      `wall time ${(sync.simulatedMs / 1000).toFixed(1)} s **simulated** at the rate limit (waits skipped on a shared clock; real ${(sync.realMs / 1000).toFixed(1)} s, CPU ${(sync.cpuMs / 1000).toFixed(1)} s); ` +
      `peak RSS ${mb(sync.peakRssBytes)} MB, heap ${mb(sync.peakHeapBytes)} MB`,
    target: 'requests ≤ lower bound + 5 %; memory < 300 MB',
  });

  const steady = await benchSteadyState({ products, openPicklists, idleHours: isSmoke ? 1 : 4, parcels: [
      { lines: 1, hasProfile: true },
      { lines: 30, hasProfile: true },
      { lines: 1, hasProfile: false },
    ],
  });
  const kinds = Object.entries(steady.idleByKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  rows.push({
    figure: `Idle station (${steady.openPicklists.toLocaleString('en')} open picklists, simulated ${steady.idleHours} h on a manual clock)`,
    measured: `${steady.idlePerMinute.toFixed(2)} requests/min (${steady.idleRequests}: ${kinds})`,
    target: '≤ 2 per idle minute',
  });
  const describeParcel = (p: ParcelFigures) =>
    `${p.apiRequests} API requests all-in (${['open', 'assign', 'picks', 're-check', 'shipment', 'close', 'packing slip'].map((k) => `${k} ${p.steps[k as keyof ParcelFigures['steps']] ?? 0}`).join(', ')}${p.steps.other ? `, other ${p.steps.other}` : ''}) ` +
    `+ ${p.steps['label download'] ?? 0} label download; background polling meanwhile (${p.steps['background sync'] ?? 0}) counted with the idle figure`;
  for (const parcel of steady.parcels) {
    rows.push({
      figure: `Requests per packed parcel, ${parcel.lines}-line picklist ${parcel.hasProfile ? 'with' : 'without'} a shipping profile of its own (station command table, scan.submit to outbox drained)`,
      measured: describeParcel(parcel),
      target: '≤ 6 API requests all-in',
    });
  }

  // Batches (issue 17): the singles rhythm against Picqer's own time, and a batch parcel's requests against single packing's.
  rows.push(...(await batchRows(isSmoke)));

  const startUp = await benchStartUp({ products, openPicklists, runs: 5 });
  rows.push({
    figure: `Start-up to a usable queue (built CLI in browser mode, cache of ${size} already synced, ${startUp.runs.length} launches)`,
    measured: `median ${ms(startUp.medianMs)} to queue.list with all ${startUp.queueLength.toLocaleString('en')} picklists (ready line ${ms(startUp.medianReadyMs)}; runs ${startUp.runs.map((r) => r.toFixed(0)).join(', ')} ms)`,
    target: '< 2 s',
  });

  const slip = await benchPackingSlip({ runs: isSmoke ? 20 : 50 });
  for (const [lines, figures] of [[5, slip.lines5], [100, slip.lines100]] as const) {
    rows.push({
      figure: `Packing slip generation (local pdfkit slip, A4, embedded font and barcode, ${lines}-line order, ${slip.runs} runs)`,
      measured: `p50 ${ms(figures.p50Ms)}, p95 ${ms(figures.p95Ms)}`,
      target: 'reported (no target set)',
    });
  }

  // The budget sentence: Picqer's 500 requests a minute per key, shared by every station.
  const parcelsPerHour = 60;
  const stationsAt = (hasProfile: boolean) => {
    const perParcel = Math.max(...steady.parcels.filter((p) => p.hasProfile === hasProfile).map((p) => p.apiRequests));
    const perStation = steady.idlePerMinute + (parcelsPerHour / 60) * perParcel;
    return { perParcel, perStation, stations: Math.floor(500 / perStation) };
  };
  const own = stationsAt(true);
  const asked = stationsAt(false);
  const budget =
    `At these figures one API key (500 requests/minute) carries **${own.stations} stations**, assuming each packer finishes a parcel every minute ` +
    `(${parcelsPerHour} parcels/hour) and the picklists name their shipping profile (Picqer sets it from the webshop's shipping method): ` +
    `${own.perParcel} API requests per parcel plus ${steady.idlePerMinute.toFixed(2)} a minute of background sync is ${own.perStation.toFixed(2)} requests/minute per station. ` +
    `Where picklists carry no profile, opening one also asks Picqer for its shipping methods: ${asked.perParcel} per parcel, **${asked.stations} stations**.`;

  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}, ${process.platform}`;
  const table = [
    `Measured on ${machine}${isSmoke ? ' (smoke size)' : ''}.`,
    '',
    '| Figure | Measured | Target |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.measured} | ${r.target} |`),
    '',
    budget,
  ].join('\n');
  console.log(table);

  if (shouldWriteDocs) {
    const pageUrl = new URL('../../docs/benchmarks.md', import.meta.url);
    const page = readFileSync(pageUrl, 'utf8');
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    if (!page.includes(start) || !page.includes(end)) throw new Error('docs/benchmarks.md has no bench markers');
    const next = page.slice(0, page.indexOf(start) + start.length) + '\n' + table + '\n' + page.slice(page.indexOf(end));
    writeFileSync(pageUrl, next);
    console.log('docs/benchmarks.md benchmark table updated.');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
