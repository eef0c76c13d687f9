import type { Database } from 'better-sqlite3';
import type { Person } from '../../../shared/domain';
import type { PackSession, ScanAnswer, ScanSource } from '../../../shared/packing';
import { reasonText } from '../../../shared/i18n';
import { checkScanCode, refusedScanAnswer } from '../../../shared/scan-input';
import type { Clock } from '../infra/clock';
import { createLogger, type Logger } from '../infra/log';
import { recordScanEvent } from '../db/queries/scan-events';

/*
 * The gate in front of the pack loop for every scan, whatever carried it (Electron ipc, browser
 * mode's HTTP or socket, a HID or serial scanner): a scan that cannot be a barcode is refused
 * here, counts nothing, and is still recorded as a scan event like every other refusal.
 */

export interface ScanInput {
  code: string;
  source: ScanSource;
  multiplier?: number;
}

/** What the gate needs from the pack service. */
export interface ScanTarget {
  submitScan(input: ScanInput): Promise<ScanAnswer>;
  current(): PackSession | null | Promise<PackSession | null>;
  /** The session's revision, which a refused scan leaves as it was. */
  revision(): number;
}

export interface ScanGuardDeps {
  /** The station's cache, where scan events live; null before a backend is connected. */
  db: Database | null;
  clock: Clock;
  stationName(): string;
  packer(): Person | null;
  log?: Logger;
}

/** The outcome stored for a scan refused before it reached the pack loop. */
export const refusedOutcome = 'refused';

const defaultLog = createLogger('scan');

export async function submitCheckedScan(target: ScanTarget, input: ScanInput, deps: ScanGuardDeps): Promise<ScanAnswer> {
  const check = checkScanCode(input.code);
  if (check.ok) return target.submitScan({ ...input, code: check.code });

  const amount = input.multiplier ?? 1;
  const session = await target.current();
  const log = deps.log ?? defaultLog;
  // Only the safe rendering is kept: a 4 KB burst of control codes is not worth a database row,
  // and raw control characters in a log file are how log lines get forged.
  log.warn('refused a scan', { refusal: check.refusal, code: check.shown, source: input.source, length: input.code.length });
  if (deps.db) {
    recordScanEvent(deps.db, {
      packSessionId: session?.id ?? null,
      idpicklist: session?.idpicklist ?? null,
      iduser: deps.packer()?.iduser ?? null,
      station: deps.stationName(),
      code: check.shown,
      source: input.source,
      quantity: amount,
      outcome: refusedOutcome,
      reason: `${check.refusal}: ${reasonText('en', check.reason)}`,
      scannedAt: new Date(deps.clock.now()).toISOString(),
    });
  }
  return refusedScanAnswer(check, amount, target.revision());
}
