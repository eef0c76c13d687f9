import { splitAim } from '../../../shared/barcode';
import type { ScanSource } from '../../../shared/packing';

/*
 * Where a scan enters main, its AIM symbology identifier is settled once. The wedge, HID and
 * serial scanners send it apart from the code; a caller that does not (an old client, a tool, a
 * wedge scanner set up before the split) may still have it in front of the code, and it comes off
 * here. Everything after this point reads the code as it is and the identifier as `aim`, so the
 * GS1 hints (`]C1`, `]d2`, ...) mean the same whichever way the scan came.
 */

export interface RawScanInput {
  code: string;
  aim?: string | null;
  source: ScanSource;
  multiplier?: number;
}

export interface NormalisedScanInput {
  /** The scan without its AIM identifier; scanner whitespace is for the scan gate to trim. */
  code: string;
  aim: string | null;
  source: ScanSource;
  multiplier?: number;
}

/** Scanners end a scan with CR, LF or TAB, and some pad with spaces: the identifier may follow them. */
const leadingWhitespace = /^[ \t\r\n]+/;

export function normaliseScanInput(input: RawScanInput): NormalisedScanInput {
  const { multiplier } = input;
  const rest = multiplier === undefined ? { source: input.source } : { source: input.source, multiplier };
  if (input.aim) return { code: input.code, aim: input.aim, ...rest };
  const split = splitAim(input.code.replace(leadingWhitespace, ''));
  // An identifier and nothing after it is no identifier: the scan is what was sent, as the wedge keeps it.
  if (split.aim === null || split.code.trim() === '') return { code: input.code, aim: null, ...rest };
  return { code: split.code, aim: split.aim, ...rest };
}
