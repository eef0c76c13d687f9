import { join } from 'node:path';
import type { OutboxProblems } from '../../shared/contract';
import type { BatchSummary, BatchView } from '../../shared/batch';
import type { ScanAnswer, SessionState } from '../../shared/packing';
import { createPrng, type Prng } from '../../electron/picqer-demo/prng';
import { words } from '../helpers/answer-words';
import { logEntries } from '../helpers/log-files';
import { uniqueScanCodes } from '../helpers/demo-codes';
import { createStation, note, sleep, startChaosDemo, StationGone, waitFor, waitForDrained, waitForQueue, warehouseId, type ChaosDemo, type StationProcess } from './harness';
import { type Tally, check, checkParcels, fail, runWithStation } from './tally';

/*
 * Crash safety of batch packing (issue 17): a station packs the demo's normal batch 2041 and its
 * singles batch 2042 from scans alone while it is SIGKILLed at seeded moments: at a random time
 * (during a scan, an open, the outbox's work), the moment a scan completed a picklist, or a little
 * later while the outbox picks and ships it. Each time it is started again on the same data dir,
 * must show the batch it had open with every acknowledged unit still counted on its slot, and is
 * packed on until every picklist of both batches is handed over. Like a packer, the script only
 * knows what the station answered; a unit committed whose answer the kill swallowed shows up on
 * the slot of the scan that was in flight, and nowhere else. At the end, in Picqer: one shipment
 * per picklist (cancelled ones counted), picked in full, closed; one label and one slip each.
 */

const scenario = 'batch-kill';
const counting = new Set(['counted', 'line_complete', 'all_verified']);
const handedStates = new Set(['sent', 'labels_pending']);

interface Line {
  idproduct: number;
  amount: number;
  /** What is scanned for it: a code that names this product and no other (its barcode, else its product code). */
  code: string;
}

interface Member {
  idpicklist: number;
  picklistid: string;
  lines: Line[];
  /** Units the station acknowledged as counted on this picklist, by product. */
  acked: Map<number, number>;
  /** Its slot shows it handed to the outbox. */
  isHanded: boolean;
}

interface Batch {
  idpicklistBatch: number;
  code: string;
  members: Member[];
}

/** The scan whose answer has not come yet: a kill may have swallowed the answer of a unit it counted. */
interface InFlight {
  batch: Batch;
  idproduct: number;
  amount: number;
}

export interface BatchKillOptions {
  root: string;
  seed: string;
  kills: number;
}

type KillPlan = 'random' | 'at-complete' | 'while-shipping';

const ackedOf = (m: Member) => [...m.acked.values()].reduce((sum, n) => sum + n, 0);
const wantsMore = (m: Member, idproduct: number) => m.lines.some((l) => l.idproduct === idproduct && (m.acked.get(idproduct) ?? 0) < l.amount);

function batchesOf(demo: ChaosDemo, listed: BatchSummary[]): Batch[] {
  const codeOf = uniqueScanCodes(demo.backend.state);
  return ['2041', '2042'].map((code) => {
    const summary = listed.find((b) => b.picklistBatchid === code);
    if (!summary) throw new Error(`batch ${code} is not listed at the station`);
    const detail = demo.backend.state.getPicklistBatch(summary.idpicklistBatch);
    return {
      idpicklistBatch: summary.idpicklistBatch,
      code,
      members: detail.picklists.map((entry) => {
        const picklist = demo.backend.state.getPicklist(entry.idpicklist);
        const lines = picklist.products.filter((l) => l.partof_idpicklist_product === null).map((l) => ({ idproduct: l.idproduct, amount: l.amount, code: codeOf(l.idproduct) }));
        return { idpicklist: picklist.idpicklist, picklistid: picklist.picklistid, lines, acked: new Map<number, number>(), isHanded: false };
      }),
    };
  });
}

interface Driver {
  /** Packs until both batches are handed over; throws StationGone when the station was killed under it. */
  drive(onCompleted: () => void): Promise<void>;
  /** Scans whose answer said counted, over the whole run. */
  counted(): number;
  /** Units a kill committed before their answer got out, found kept on their slot after the restart. */
  unanswered(): number;
  /** After a restart: the batch the station last said it opened is open again, if any of it was left to pack. */
  checkResumed(): Promise<void>;
  /** Restarts that found the batch open again. */
  resumed(): number;
}

function createDriver(station: StationProcess, tally: Tally, batches: Batch[], pace: Prng): Driver {
  let inFlight: InFlight | null = null;
  let counted = 0;
  let unanswered = 0;
  let resumed = 0;
  /** The batch the station last answered opened, until it answered the leave. */
  let opened: Batch | null = null;

  /** The station's slots against what it acknowledged: nothing acknowledged lost, nothing counted that no scan put there. */
  const reconcile = (batch: Batch, view: BatchView) => {
    for (const member of batch.members) {
      const slot = view.slots.find((s) => s.idpicklist === member.idpicklist);
      if (!slot) throw new Error(`${member.picklistid} has no slot in batch ${batch.code} any more`);
      const mine = ackedOf(member);
      if (slot.verifiedUnits < mine) {
        tally.scansLost += mine - slot.verifiedUnits;
        fail(tally, scenario, `${member.picklistid} (slot ${slot.slot}): ${mine} units acknowledged, ${slot.verifiedUnits} kept after the restart`);
      } else if (slot.verifiedUnits > mine) {
        const extra = slot.verifiedUnits - mine;
        const scanned = inFlight;
        if (!scanned || scanned.batch !== batch || extra !== scanned.amount || !wantsMore(member, scanned.idproduct)) {
          throw new Error(`${member.picklistid} (slot ${slot.slot}) counts ${extra} unit(s) that no scan in flight put there`);
        }
        // The kill came between the unit's commit and its answer: it was kept, as it must be.
        member.acked.set(scanned.idproduct, (member.acked.get(scanned.idproduct) ?? 0) + extra);
        unanswered += extra;
        inFlight = null;
      }
      if (slot.state === 'alert' || slot.state === 'problem' || slot.state === 'refused') {
        throw new Error(`${member.picklistid} (slot ${slot.slot}) is ${slot.state}: ${slot.reason?.code ?? ''}`);
      }
      member.isHanded = handedStates.has(slot.state);
      if (!member.isHanded && slot.verifiedUnits >= slot.units) throw new Error(`${member.picklistid} (slot ${slot.slot}) has every unit but is ${slot.state}, not handed over`);
    }
    inFlight = null;
  };

  const scan = async (code: string): Promise<ScanAnswer> => {
    await sleep(pace.int(40, 220));
    return station.command<ScanAnswer>('scan.submit', { code, source: 'wedge' });
  };

  return {
    counted: () => counted,
    unanswered: () => unanswered,
    resumed: () => resumed,
    async checkResumed() {
      if (!opened || opened.members.every((m) => m.isHanded)) return;
      const shown = (await station.command<SessionState>('pack.current')).batch;
      if (shown?.idpicklistBatch === opened.idpicklistBatch) resumed++;
      else fail(tally, scenario, `batch ${opened.code} was open before the kill, and after the restart the station shows ${shown ? `batch ${shown.picklistBatchid}` : 'no batch'}`);
    },
    async drive(onCompleted) {
      for (;;) {
        const batch = batches.find((b) => b.members.some((m) => !m.isHanded));
        if (!batch) return;
        const state = await station.command<SessionState>('pack.current');
        if (state.batch?.idpicklistBatch === batch.idpicklistBatch) {
          reconcile(batch, state.batch);
          // The lowest slot that still wants a unit, as the station routes (sent slots take nothing).
          const member = batch.members.find((m) => !m.isHanded && m.lines.some((l) => wantsMore(m, l.idproduct)));
          if (!member) continue;
          const line = member.lines.find((l) => wantsMore(member, l.idproduct));
          if (!line) continue;
          inFlight = { batch, idproduct: line.idproduct, amount: 1 };
          const answer = await scan(line.code);
          inFlight = null;
          if (answer.kind !== 'product' || !answer.outcome || !counting.has(answer.outcome)) {
            throw new Error(`batch ${batch.code}: ${line.code} for ${member.picklistid} answered ${answer.kind}/${answer.outcome ?? '-'} ${words(answer) ?? ''}`);
          }
          const target = batch.members.find((m) => m.picklistid === answer.picklistid);
          if (!target || !wantsMore(target, line.idproduct)) {
            fail(tally, scenario, `batch ${batch.code}: ${line.code} went to slot ${answer.slot ?? '-'} (${answer.picklistid ?? '-'}), which does not want it`);
            throw new Error('the batch cannot be judged after a unit went to the wrong slot');
          }
          target.acked.set(line.idproduct, (target.acked.get(line.idproduct) ?? 0) + answer.amount);
          counted++;
          if (answer.outcome === 'all_verified') onCompleted();
          continue;
        }
        if (state.batch) {
          await station.command('batch.leave');
          opened = null;
          continue;
        }
        if (state.session) {
          await station.command('pack.leave');
          continue;
        }
        const answer = await scan(batch.code);
        if (answer.kind !== 'batch_opened') throw new Error(`batch ${batch.code} did not open: ${answer.kind} ${words(answer) ?? ''}`);
        opened = batch;
      }
    },
  };
}

export async function batchKillScenario(tally: Tally, options: BatchKillOptions): Promise<void> {
  // Big enough that the seed's batches are 5 multi-line picklists and 10 singles, small enough to sync in a moment.
  const demo = await startChaosDemo({ seed: `chaos-batch-kill-${options.seed}`, products: 200, picklists: 120 });
  // A little latency per request widens the moments a kill can land inside a pick, a shipment or a close.
  demo.backend.faults.setLatency(60);
  const prng = createPrng(`chaos-batch-kill/${options.seed}`);
  const pace = prng.fork('pace');
  const plans = prng.fork('plans');
  const delays = prng.fork('delays');
  const station = createStation({ root: join(options.root, `batch-kill-${options.seed}`), name: 'Pack B', demoUrl: demo.backend.url, packer: demo.packerFor(3) });
  let batches: Batch[] = [];
  const kills: Record<KillPlan, number> = { random: 0, 'at-complete': 0, 'while-shipping': 0 };
  let killsMidCommand = 0;
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    // The batches come with the open-set refresh, which a sync by hand runs at once.
    await station.command('sync.now');
    let listed: BatchSummary[] = [];
    await waitFor(
      async () => {
        listed = await station.command<BatchSummary[]>('batch.list');
        return ['2041', '2042'].every((code) => listed.some((b) => b.picklistBatchid === code && b.canOpen));
      },
      60_000,
      'batches 2041 and 2042 at the station',
      200,
    );
    batches = batchesOf(demo, listed);
    const sizes = batches.map((b) => `${b.code}: ${b.members.length} picklists, ${b.members.reduce((n, m) => n + m.lines.reduce((u, l) => u + l.amount, 0), 0)} units`);
    note(`batch-kill: warehouse ${warehouseId}, batch ${sizes.join('; batch ')}`);
    const driver = createDriver(station, tally, batches, pace);

    for (let life = 0; ; life++) {
      const isLastLife = life >= options.kills;
      // Every life draws the same numbers whatever happens in it, so a seed always plans the same kills.
      const plan: KillPlan = (['random', 'at-complete', 'while-shipping'] as const)[plans.int(0, 2)] ?? 'random';
      const randomMs = delays.int(150, 1_600);
      const shippingMs = delays.int(40, 400);
      const afterMs = delays.int(100, 1_200);
      let timer: NodeJS.Timeout | null = null;
      const killIn = (ms: number) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void station.kill(), ms);
      };
      if (!isLastLife) killIn(plan === 'random' ? randomMs : 4_000);
      let isKillPlaced = false;
      const onCompleted = () => {
        if (isLastLife || plan === 'random' || isKillPlaced) return;
        isKillPlaced = true;
        // At once: the outbox has the parcel's rows and has just started on them. A little later: mid pick or shipment.
        if (plan === 'at-complete') void station.kill();
        else killIn(shippingMs);
      };
      try {
        await driver.drive(onCompleted);
        // Both batches are handed over: the outbox and the printers are still at work, and may be killed too.
        if (!isLastLife) await sleep(afterMs);
      } catch (error) {
        if (!(error instanceof StationGone) || isLastLife) throw error;
        killsMidCommand++;
      }
      if (timer) clearTimeout(timer);
      if (isLastLife) break;
      await station.kill();
      kills[plan]++;
      await station.start();
      tally.killsSurvived++;
      await driver.checkResumed();
    }
    const members = batches.flatMap((b) => b.members);
    // Where the kills landed, from the station's own log: outbox changes it found in flight at a start.
    const inFlight = logEntries(join(station.dir, 'data', 'logs', 'packdesk.log')).filter((entry) => entry.msg === 'rows in flight at start are unknown now');
    note(
      `batch-kill ${options.seed}: ${options.kills} kills (${kills.random} at random, ${kills['at-complete']} as a picklist completed, ${kills['while-shipping']} while it shipped; ` +
        `${killsMidCommand} during a command, ${inFlight.length} with outbox changes in flight), ${driver.counted()} units answered counted and ` +
        `${driver.unanswered()} counted whose answer a kill swallowed, ${driver.resumed()} restarts back in the open batch, ${members.length} picklists handed over`,
    );
    const status = await waitForDrained(station, 90_000);
    check(tally, scenario, status.failed === 0, `${status.failed} outbox rows failed: ${status.lastError ?? ''}`);
    const problems = await station.command<OutboxProblems>('outbox.problems');
    check(tally, scenario, problems.problems.length === 0, `set aside: ${problems.problems.map((p) => `${p.picklistid} ${p.kind}: ${p.reason}`).join('; ')}`);
    // After the last restart the open batch still counts every unit a scan was answered for.
    const shown = (await station.command<SessionState>('pack.current')).batch;
    if (shown) {
      const batch = batches.find((b) => b.idpicklistBatch === shown.idpicklistBatch);
      for (const member of batch?.members ?? []) {
        const slot = shown.slots.find((s) => s.idpicklist === member.idpicklist);
        check(tally, scenario, (slot?.verifiedUnits ?? 0) >= ackedOf(member), `${member.picklistid}: ${ackedOf(member)} acknowledged, ${slot?.verifiedUnits ?? 0} shown at the end`);
      }
    }
    await waitFor(
      () => members.every((m) => (station.printed().get(m.picklistid)?.label ?? 0) >= 1 && (station.printed().get(m.picklistid)?.packing_slip ?? 0) >= 1),
      20_000,
      'a label and a slip of every batch picklist',
      200,
    ).catch(() => undefined);
    checkParcels(tally, scenario, demo, station, members);
  });
}
