/*
 * `npm run test:chaos` (after `npm run build`): the offline, black-hole, unknown-outcome,
 * conflict, rescan, two-stations, split-scan, shared rate limit, kill, batch-kill, print-kill and
 * bad-input scenarios against the embedded demo backend with fault injection, fixed seeds, stations as real
 * child processes. Prints one summary line on stdout (progress goes to stderr) and exits non-zero
 * when an invariant broke.
 *
 *   --only kill,offline   run some scenarios only (names as in `scenarios` below)
 *   --seed 7              other seeds than the fixed ones, to look for trouble (CI keeps the fixed)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInputScenario } from './scenario-bad-input';
import { batchKillScenario } from './scenario-batch-kill';
import { blackHoleScenario } from './scenario-black-hole';
import { conflictScenario } from './scenario-conflict';
import { killScenario } from './scenario-kill';
import { note } from './harness';
import { offlineScenario } from './scenario-offline';
import { printKillScenario } from './scenario-print-kill';
import { rateLimitScenario } from './scenario-rate-limit';
import { rescanScenario } from './scenario-rescan';
import { splitScanScenario } from './scenario-split-scan';
import { twoStationsScenario } from './scenario-two-stations';
import { createTally, summaryLine, type Tally } from './tally';
import { unknownOutcomeScenario } from './scenario-unknown';

type Scenario = (tally: Tally, root: string) => Promise<void>;

const seedIndex = process.argv.indexOf('--seed');
const seed = seedIndex >= 0 ? (process.argv[seedIndex + 1] ?? '1') : '1';

const scenarios: Record<string, Scenario> = {
  offline: (tally, root) => offlineScenario(tally, { root, seed: `offline-${seed}` }),
  unknown: (tally, root) => unknownOutcomeScenario(tally, { root, seed: `unknown-${seed}` }),
  conflict: (tally, root) => conflictScenario(tally, { root, seed: `conflict-${seed}` }),
  rescan: (tally, root) => rescanScenario(tally, { root, seed: `rescan-${seed}` }),
  'two-stations': (tally, root) => twoStationsScenario(tally, { root, seed: `two-stations-${seed}` }),
  'black-hole': (tally, root) => blackHoleScenario(tally, { root, seed: `black-hole-${seed}` }),
  'split-scan': (tally, root) => splitScanScenario(tally, { root, seed: `split-scan-${seed}` }),
  'bad-input': (tally, root) => badInputScenario(tally, { root, seed: `bad-input-${seed}` }),
  kill: (tally, root) => killScenario(tally, { root, seed: seed === '1' ? '20261122' : seed, kills: 22, picklists: 10 }),
  'batch-kill': (tally, root) => batchKillScenario(tally, { root, seed: `batch-kill-${seed}`, kills: 12 }),
  'print-kill': (tally, root) => printKillScenario(tally, { root, seed: `print-kill-${seed}`, picklists: 3 }),
  'rate-limit': (tally, root) => rateLimitScenario(tally, { root, seed: `rate-limit-${seed}`, stations: 5, parcelsPerStation: 2, limitPerMinute: 60 }),
};

/*
 * The rate-limit scenario spends most of its time waiting for Picqer's minute windows, so it runs
 * beside the others rather than after them; the scenarios that time the station (offline,
 * black-hole) run before it starts, when the two cores are not shared with five more stations.
 */
const alone = ['offline', 'black-hole'];

async function main(): Promise<void> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',').filter(Boolean) : Object.keys(scenarios);
  for (const name of only) if (!scenarios[name]) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}`);
  const tally = createTally();
  const root = mkdtempSync(join(tmpdir(), 'packdesk-chaos-'));
  const started = performance.now();
  const runOne = async (name: string) => {
    const at = performance.now();
    note(`${name}: start`);
    await (scenarios[name] as Scenario)(tally, root);
    const broken = tally.failures.filter((f) => f.startsWith(`${name}:`)).length;
    note(`${name}: done in ${((performance.now() - at) / 1000).toFixed(1)} s${broken > 0 ? `, ${broken} invariant(s) broken` : ''}`);
  };
  try {
    for (const name of only.filter((n) => alone.includes(n))) await runOne(name);
    const background = only.includes('rate-limit') ? runOne('rate-limit') : Promise.resolve();
    for (const name of only.filter((n) => !alone.includes(n) && n !== 'rate-limit')) await runOne(name);
    await background;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  for (const failure of tally.failures) process.stderr.write(`[chaos] BROKEN ${failure}\n`);
  process.stdout.write(`${summaryLine(tally, (performance.now() - started) / 1000)}\n`);
  process.exitCode = tally.failures.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`[chaos] the run itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
