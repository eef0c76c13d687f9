import { execFile } from 'node:child_process';
import type { CupsQueue, PrinterHealth } from '../../../shared/printing';
import { labelPageOf } from '../documents/label-pdf';
import { createLogger } from '../infra/log';
import { aside, reason } from '../../../shared/reasons';
import { healthOf, PrinterError, type PortJob, type PrinterPort } from './printer-port';

/*
 * A CUPS queue through the command-line tools (lp, lpstat, cancel), so nothing native is linked
 * and the station works with whatever CUPS the machine has. Their output is parsed in the C
 * locale: a Dutch lpstat says "printer X is inactief" and would never match.
 *
 * A job is CUPS's once `lp` answered with a request id; before that a refusal can be retried.
 * After it, the job is followed until CUPS says completed (done), canceled or aborted (failed),
 * or CUPS stopped the queue on an error (the job is cancelled so it cannot print later unseen,
 * and reported as maybe printed: the backend may have sent part of it).
 */

const log = createLogger('cups');
const cEnv = { ...process.env, LANG: 'C', LC_ALL: 'C' };

interface Run {
  stdout: string;
  stderr: string;
}

class CupsMissing extends Error {}

function run(command: string, args: string[], input?: Buffer): Promise<Run> {
  return new Promise<Run>((resolve, reject) => {
    const child = execFile(command, args, { timeout: 30_000, env: cEnv, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new CupsMissing(`${command} is not installed on this station`));
      reject(Object.assign(new Error(stderr.trim() || error.message), { stdout }));
    });
    if (input) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/**
 * Parses `lpstat -p`: one "printer NAME is idle. / now printing JOB. / disabled since ..." line
 * per queue, each optionally followed by indented lines with the reason CUPS gives.
 */
export function parseLpstatPrinters(text: string): CupsQueue[] {
  const queues: CupsQueue[] = [];
  for (const line of text.split('\n')) {
    const head = /^printer (\S+) (.*)$/.exec(line);
    if (head) {
      const [, name = '', rest = ''] = head;
      const state = rest.startsWith('disabled') ? 'disabled' : rest.startsWith('now printing') ? 'printing' : rest.startsWith('is idle') ? 'ready' : 'unknown';
      queues.push({ name, state, message: null, source: 'cups' });
      continue;
    }
    const last = queues.at(-1);
    const reason = line.trim();
    // "Paused" is what cupsdisable says when no reason was given; it adds nothing to "disabled".
    if (last && /^\s/.test(line) && reason && reason !== 'Paused') last.message = last.message ? `${last.message} ${reason}` : reason;
  }
  return queues;
}

/** Every CUPS queue on this machine (lpstat -e) with its state (lpstat -p). Empty when CUPS is not installed or has none. */
export async function discoverCupsQueues(): Promise<CupsQueue[]> {
  try {
    const names = (await run('lpstat', ['-e'])).stdout
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 0) return [];
    const states = parseLpstatPrinters((await run('lpstat', ['-p'])).stdout);
    return names.map((name) => states.find((q) => q.name === name) ?? { name, state: 'unknown', message: null, source: 'cups' });
  } catch (error) {
    // "No destinations added" answers with an error exit; so does a scheduler that is not running.
    log.info('no CUPS queues found', { error: error instanceof Error ? error.message : String(error) });
    return [];
  }
}

/** One queue's health from `lpstat -p QUEUE`. */
export async function cupsQueueHealth(queue: string): Promise<PrinterHealth> {
  try {
    const found = parseLpstatPrinters((await run('lpstat', ['-p', queue])).stdout).find((q) => q.name === queue);
    if (!found) return healthOf('offline', reason('printer.noCupsQueue', { queue }));
    return { state: found.state, message: found.message, reason: null };
  } catch (error) {
    if (error instanceof CupsMissing) return healthOf('offline', reason('print.cupsMissing'));
    return cupsFailureHealth(queue, error instanceof Error ? error.message : String(error));
  }
}

/** What lpstat's failure means, in Packdesk's words where it is one we know (it answers in the C locale); CUPS's own words otherwise. */
export function cupsFailureHealth(queue: string, said: string): PrinterHealth {
  if (/Invalid destination name|Unknown destination/i.test(said)) return healthOf('offline', reason('printer.noCupsQueue', { queue }));
  if (/Unable to connect to server|Scheduler is not running/i.test(said)) return healthOf('offline', reason('printer.cupsNotRunning'));
  return { state: 'offline', message: said, reason: null };
}

/** The job id from `lp`'s "request id is QUEUE-42 (1 file(s))". */
export function parseRequestId(text: string): string | null {
  return /request id is (\S+)/.exec(text)?.[1] ?? null;
}

/**
 * Finds one job in `lpstat -l -W completed|not-completed -o QUEUE` output: a line starting with the
 * job id, then indented "Status:" / "Alerts:" lines. Null when the job is not in the list.
 */
export function findJob(text: string, jobId: string): { alerts: string; status: string } | null {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.split(/\s+/)[0] === jobId);
  if (at < 0) return null;
  let alerts = '';
  let status = '';
  for (const line of lines.slice(at + 1)) {
    if (!/^\s/.test(line)) break;
    const trimmed = line.trim();
    if (trimmed.startsWith('Alerts:')) alerts = trimmed.slice('Alerts:'.length).trim();
    if (trimmed.startsWith('Status:')) status = trimmed.slice('Status:'.length).trim();
  }
  return { alerts, status };
}

export interface CupsOptions {
  queue: string;
  media?: string;
  /** How often to ask CUPS about a job it took. */
  pollMs?: number;
  /**
   * How long to follow a job. A job still waiting after this stays with CUPS, which prints it when
   * the printer answers again; following it longer would hold up every other job at this station.
   */
  followMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const pointsPerMm = 72 / 25.4;

/**
 * The `lp -o` options for one job. A carrier label whose page is label stock (4x6 in, 100x150 mm,
 * A6) goes on media of its own size with scaling off: CUPS's default "fit" would otherwise shrink
 * it onto whatever the queue's default page is, and a shrunk label fails the carrier's scanner.
 * The configured media wins: IT knows what stock is loaded.
 */
export function cupsJobOptions(job: Pick<PortJob, 'kind' | 'format' | 'pageSize'>, configuredMedia?: string): string[] {
  // ZPL goes to the printer untouched; a filter would try to render it as text.
  if (job.format === 'zpl') return ['-o', 'raw'];
  const args: string[] = [];
  const page = job.kind === 'label' && job.pageSize ? labelPageOf(job.pageSize) : null;
  if (page === '4x6' || page === 'A6') {
    const size = job.pageSize as { width: number; height: number };
    const [short, long] = [Math.min(size.width, size.height) / pointsPerMm, Math.max(size.width, size.height) / pointsPerMm];
    const ownMedia = page === 'A6' ? 'A6' : Math.abs(short - 101.6) < 1 ? 'Custom.4x6in' : `Custom.${Math.round(short)}x${Math.round(long)}mm`;
    args.push('-o', `media=${configuredMedia ?? ownMedia}`, '-o', 'print-scaling=none');
  } else if (configuredMedia) {
    args.push('-o', `media=${configuredMedia}`);
  }
  return args;
}

export function createCupsPrinter(options: CupsOptions): PrinterPort {
  const { queue } = options;
  const pollMs = options.pollMs ?? 500;
  const followMs = options.followMs ?? 30_000;
  const description = `cups:${queue}`;

  const follow = async (jobId: string) => {
    const until = Date.now() + followMs;
    for (;;) {
      const completed = findJob((await run('lpstat', ['-l', '-W', 'completed', '-o', queue])).stdout, jobId);
      if (completed) {
        if (/canceled|aborted/.test(completed.alerts)) {
          throw new PrinterError(reason(/aborted/.test(completed.alerts) ? 'print.cupsJobAborted' : 'print.cupsJobCancelled', { job: jobId, queue, aside: aside(completed.status) }), {
            isMaybeDelivered: true,
          });
        }
        return;
      }
      const health = await cupsQueueHealth(queue);
      if (health.state === 'disabled') {
        // CUPS stopped the queue on a backend error and holds the job; cancelled here, or it
        // would print by itself whenever someone re-enables the queue, next to our reprint.
        await run('cancel', [jobId]).catch(() => undefined);
        throw new PrinterError(reason('print.cupsStoppedQueue', { queue, aside: aside(health.message) }), {
          isMaybeDelivered: true,
        });
      }
      if (Date.now() >= until) {
        log.warn('job still waiting in CUPS; CUPS will print it', { queue, jobId, status: health.message });
        return;
      }
      await sleep(pollMs);
    }
  };

  return {
    description,
    plan: (job) => `${description}#${job.id}`,
    async print(job: PortJob) {
      const before = await cupsQueueHealth(queue);
      if (before.state === 'disabled' || before.state === 'offline') {
        // Nothing was sent: the queue waits and tries again, and Settings shows why.
        if (before.reason) throw new PrinterError(before.reason);
        throw new PrinterError(reason(before.state === 'disabled' ? 'print.cupsQueueDisabled' : 'print.cupsQueueOffline', { queue, aside: aside(before.message) }));
      }
      const args = ['-d', queue, '-n', String(job.copies ?? 1), '-t', `packdesk-${job.id}-${job.kind}`, ...cupsJobOptions(job, options.media)];
      let answer: Run;
      try {
        answer = await run('lp', args, job.body);
      } catch (error) {
        if (error instanceof CupsMissing) throw new PrinterError(reason('print.cupsMissing'), { isPermanent: true });
        throw new PrinterError(reason('print.cupsRefused', { aside: aside(error instanceof Error ? error.message : String(error)) }));
      }
      const jobId = parseRequestId(answer.stdout);
      if (!jobId) return;
      try {
        await follow(jobId);
      } catch (error) {
        if (error instanceof PrinterError) throw error;
        // lpstat failing while following says nothing about the job, which CUPS already holds.
        log.warn('could not follow a CUPS job', { queue, jobId, error: error instanceof Error ? error.message : String(error) });
      }
    },
    // The job title names our job, but lpstat does not show titles; telling would need IPP.
    wasDelivered: async () => null,
    health: () => cupsQueueHealth(queue),
  };
}
