import type { PrinterHealth } from '../../../shared/printing';
import type { Reason } from '../../../shared/reasons';
import { englishOf } from '../packing/reasons';
import type { PrintJobKind } from '../db/queries/print-jobs';

/*
 * One port for every printer driver (cups, raw-tcp, folder). The print queue
 * (print-service.ts) decides what to print and when; a port only delivers one document.
 */

export interface PortJob {
  id: number;
  kind: PrintJobKind;
  /** The picklist's number (P2026-00012) when the job belongs to one; used in file names. */
  picklistid: string | null;
  format: 'pdf' | 'zpl';
  body: Buffer;
  /** Where the job goes, chosen by `plan` and committed before `print` runs. */
  target: string;
  /** Copies, where the driver can ask the printer for them (CUPS); one when absent. */
  copies?: number;
  /** A PDF's first page size in points, where it could be read: drivers choose media from it. */
  pageSize?: { width: number; height: number } | null;
}

export interface PrinterPort {
  /** For the print_jobs.printer column and messages: "folder:/srv/labels", "cups:Brother_HL". */
  readonly description: string;
  /** Chooses the job's target before it is sent, so a restart can look for it (folder: the file name). */
  plan(job: Omit<PortJob, 'target' | 'body'>, now: number): string;
  print(job: PortJob): Promise<void>;
  /**
   * Whether a job that was being printed when the station stopped reached the printer:
   * true/false when the port can tell (a folder: the file is there or not), null when it cannot.
   */
  wasDelivered(job: Omit<PortJob, 'body'>): Promise<boolean | null>;
  /** What the printer says about itself now, for Settings and for "printer offline" while a job waits. Never throws. */
  health(): Promise<PrinterHealth>;
}

/**
 * A failed delivery, with why as a reason the screen words (the message is it in English, for the
 * log). `isMaybeDelivered` means bytes may have reached the printer (a connection dropped
 * mid-job): printing it again could make a second label, so the queue does not retry it; the
 * reason's sentence says so to the packer.
 */
export class PrinterError extends Error {
  readonly reason: Reason;
  readonly isMaybeDelivered: boolean;
  readonly isPermanent: boolean;

  constructor(why: Reason, options: { isMaybeDelivered?: boolean; isPermanent?: boolean } = {}) {
    super(englishOf(why));
    this.reason = why;
    this.name = 'PrinterError';
    this.isMaybeDelivered = options.isMaybeDelivered ?? false;
    this.isPermanent = options.isPermanent ?? false;
  }
}

/** A printer's state with what Packdesk says about it: the reason for the screen, its English for the log. */
export function healthOf(state: PrinterHealth['state'], why: Reason | null): PrinterHealth {
  return { state, message: why ? englishOf(why) : null, reason: why };
}
