import type { PrinterHealth } from '../../../shared/printing';
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
 * A failed delivery. `isMaybeDelivered` means bytes may have reached the printer (a connection
 * dropped mid-job): printing it again could make a second label, so the queue does not retry it.
 */
export class PrinterError extends Error {
  readonly isMaybeDelivered: boolean;
  readonly isPermanent: boolean;

  constructor(message: string, options: { isMaybeDelivered?: boolean; isPermanent?: boolean } = {}) {
    super(message);
    this.name = 'PrinterError';
    this.isMaybeDelivered = options.isMaybeDelivered ?? false;
    this.isPermanent = options.isPermanent ?? false;
  }
}
