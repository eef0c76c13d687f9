/*
 * Reading a scan out of HID POS barcode scanner input reports (usage page 0x8C, "Scanned Data
 * Report" of the USB HID Point of Sale Usage Tables v1.02). Scanners in HID POS mode send a
 * fixed 64-byte report:
 *
 *   byte 0      report ID, 0x02
 *   byte 1      how many data bytes of this report are used
 *   bytes 2-4   symbology identifier 1..3: the AIM identifier (`]`, code, modifier), or zeros
 *   bytes 5-60  decoded data, padded with zeros (56 bytes)
 *   byte 61     vendor's own symbology code (Honeywell: its "Code ID" character)
 *   byte 62     reserved
 *   byte 63     bit 0 "Decode Data Continued": more reports follow with the rest of this code
 *
 * Documented this way by Honeywell (Voyager/Xenon "HID POS" interface; reports captured from a
 * Voyager 1602g are public) and by Access-IS (LSR116/LSR118/ATR110 manuals, appendix "HID
 * reports"). Zebra and Datalogic scanners offer a "USB HID POS" mode for the same usage tables;
 * no byte-level description of theirs was at hand, so they are expected to send this layout or one
 * of the variants below. A code longer than 56 bytes comes in several reports, each repeating the
 * AIM identifier; the last has bit 0 of byte 63 clear.
 *
 * Variants, chosen per scanner with `layout`. `auto` (the default) tells them apart by the first
 * report of each code, except a `plain` scanner that puts an AIM prefix in its data: that looks
 * like the AIM header, so such a scanner needs `layout: "plain"` in the config.
 * - `aim-header`: the layout above.
 * - `shifted`: one more byte before the AIM identifier (AIM at bytes 3-5, data from byte 6), seen
 *   by the @point-of-sale/webhid-barcode-scanner project on some HID POS scanners.
 * - `plain`: no symbology header; data at bytes 2-57, reserved 58-61, the vendor's symbology code
 *   at byte 62, the continued flag at byte 63 (Quio QU-R-302 manual, "Acquire Scanned Data"). An
 *   AIM prefix, when the scanner is set to send one, is then part of the data and is taken off it.
 */

import { splitAim } from '../../../shared/barcode';

export const SCANNED_DATA_REPORT_ID = 0x02;
const REPORT_SIZE = 64;
const FLAGS_AT = 63;

export type BarcodeReportLayout = 'auto' | 'aim-header' | 'shifted' | 'plain';

export interface ReportSegment {
  /** The layout the report was read with: `auto` resolved from this report's bytes. */
  layout: Exclude<BarcodeReportLayout, 'auto'>;
  data: Buffer;
  /** The AIM identifier from the report header, if the layout has one and it was filled in. */
  aim: string | null;
  /** The vendor's own symbology byte (Honeywell Code ID), 0 when not sent. */
  vendorSymbology: number;
  isContinued: boolean;
}

export interface ScannedCode {
  /** The decoded text without AIM identifier, suffix CR/LF or padding. */
  code: string;
  aim: string | null;
  symbology: string | null;
}

const isAimCode = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
const isAimModifier = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
const isAimAt = (report: Buffer, at: number) => report[at] === 0x5d && isAimCode(report[at + 1]) && isAimModifier(report[at + 2]);

function resolveLayout(report: Buffer, layout: BarcodeReportLayout): Exclude<BarcodeReportLayout, 'auto'> {
  if (layout !== 'auto') return layout;
  if (isAimAt(report, 2)) return 'aim-header';
  if (report[2] === 0 && report[3] === 0 && report[4] === 0) return 'aim-header';
  if (isAimAt(report, 3)) return 'shifted';
  return 'plain';
}

/**
 * One scanned-data report, or null for any other report the scanner sends (status, responses to
 * commands) and for bytes too short to be one.
 */
export function parseScannedDataReport(report: Buffer, layout: BarcodeReportLayout = 'auto'): ReportSegment | null {
  if (report.length < 3 || report[0] !== SCANNED_DATA_REPORT_ID) return null;
  const length = report[1] ?? 0;
  const resolved = resolveLayout(report, layout);
  const isContinued = report.length >= REPORT_SIZE && ((report[FLAGS_AT] ?? 0) & 0x01) === 1;

  if (resolved === 'plain') {
    const end = Math.min(2 + length, 58, report.length);
    return { layout: resolved, data: report.subarray(2, end), aim: null, vendorSymbology: report[62] ?? 0, isContinued };
  }
  const aimAt = resolved === 'shifted' ? 3 : 2;
  const dataAt = aimAt + 3;
  // The data field ends before the vendor byte at 61; a length past it is a broken report, not more data.
  const end = Math.min(dataAt + length, report.length >= REPORT_SIZE ? 61 : report.length);
  const aim = isAimAt(report, aimAt) ? report.subarray(aimAt, aimAt + 3).toString('latin1') : null;
  return { layout: resolved, data: report.subarray(dataAt, Math.max(dataAt, end)), aim, vendorSymbology: report[61] ?? 0, isContinued };
}

/** Scanners send bytes; most codes are ASCII, QR codes may carry UTF-8, anything else is read as Latin-1. */
export function decodeScanBytes(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** AIM code characters (ISO/IEC 15424) and the modifiers that change the name. */
function aimName(aim: string): string | null {
  const code = aim[1];
  const modifier = aim[2];
  switch (code) {
    case 'A':
      return 'Code 39';
    case 'C':
      return modifier === '1' ? 'GS1-128' : 'Code 128';
    case 'E':
      return modifier === '4' ? 'EAN-8' : modifier === '0' ? 'EAN-13' : 'EAN/UPC with add-on';
    case 'F':
      return 'Codabar';
    case 'G':
      return 'Code 93';
    case 'H':
      return 'Code 11';
    case 'I':
      return 'Interleaved 2 of 5';
    case 'J':
      return 'DotCode';
    case 'L':
      return 'PDF417';
    case 'M':
      return 'MSI';
    case 'Q':
      return modifier === '3' || modifier === '4' ? 'GS1 QR Code' : 'QR Code';
    case 'U':
      return 'MaxiCode';
    case 'd':
      return modifier === '2' || modifier === '5' ? 'GS1 DataMatrix' : 'Data Matrix';
    case 'e':
      return 'GS1 DataBar';
    case 'z':
      return 'Aztec';
    default:
      return null;
  }
}

/** Honeywell's Code ID characters (its symbology chart), for scanners set to send no AIM identifier. */
const honeywellCodeIds: Record<string, string> = {
  a: 'Codabar',
  b: 'Code 39',
  c: 'UPC-A',
  d: 'EAN-13',
  D: 'EAN-8',
  E: 'UPC-E',
  e: 'Interleaved 2 of 5',
  g: 'MSI',
  h: 'Code 11',
  i: 'Code 93',
  j: 'Code 128',
  I: 'GS1-128',
  r: 'PDF417',
  R: 'MicroPDF417',
  s: 'QR Code',
  w: 'Data Matrix',
  x: 'MaxiCode',
  y: 'GS1 DataBar',
  z: 'Aztec',
  '{': 'GS1 DataBar Limited',
  '}': 'GS1 DataBar Expanded',
};

export const HONEYWELL_VENDOR_ID = 0x0c2e;

/** The readable symbology for an AIM identifier, or for a vendor's symbology byte when there is no AIM. */
export function symbologyName(aim: string | null, vendorSymbology = 0, vendorId?: number): string | null {
  if (aim) return aimName(aim);
  if (vendorId === HONEYWELL_VENDOR_ID && vendorSymbology > 0) return honeywellCodeIds[String.fromCharCode(vendorSymbology)] ?? null;
  return null;
}


/** A suffix the scanner was set to add (CR, LF, TAB) and the zero padding are not part of the code. */
function trimScanEnds(text: string): string {
  return text.replace(/^[\0\r\n]+/, '').replace(/[\0\r\n\t]+$/, '');
}

export interface BarcodeAssemblerOptions {
  layout?: BarcodeReportLayout;
  vendorId?: number;
  /**
   * A code whose next report does not come within this time is dropped: the scanner was
   * unplugged mid-code, and gluing its first half to the next scan would make a wrong code.
   */
  staleMs?: number;
  /** A code longer than this is not a barcode a packer scans; a stuck "continued" flag is the likelier cause. */
  maxBytes?: number;
  /** Told when a half-received code is thrown away, so the log says why a scan went missing. */
  onDrop?: (reason: string) => void;
}

export interface BarcodeAssembler {
  /** Feeds one input report; returns the code when this report completes one. */
  push(report: Buffer, now: number): ScannedCode | null;
  /** Forgets a half-received code (the device went away); true when there was one. */
  reset(): boolean;
}

/** Joins the reports of one scan, in order, into one code. */
export function createBarcodeAssembler(options: BarcodeAssemblerOptions = {}): BarcodeAssembler {
  const layout = options.layout ?? 'auto';
  const staleMs = options.staleMs ?? 1_000;
  const maxBytes = options.maxBytes ?? 8_192;
  let parts: Buffer[] = [];
  let size = 0;
  let aim: string | null = null;
  let codeLayout: BarcodeReportLayout = layout;
  let lastAt = 0;
  let isSkipping = false;

  const clear = () => {
    const hadPartial = parts.length > 0;
    parts = [];
    size = 0;
    aim = null;
    return hadPartial;
  };

  return {
    push(report, now) {
      if (report[0] !== SCANNED_DATA_REPORT_ID) return null;
      if ((parts.length > 0 || isSkipping) && now - lastAt > staleMs) {
        if (parts.length > 0) options.onDrop?.(`the rest of a code did not arrive within ${staleMs} ms`);
        clear();
        isSkipping = false;
      }
      if (isSkipping) {
        // The rest of a code that was too long: its last report ends the skipping, not a new code.
        lastAt = now;
        isSkipping = parseScannedDataReport(report, codeLayout)?.isContinued ?? true;
        return null;
      }
      // The rest of a code is read the way its first report was: data bytes may look like a header.
      const segment = parseScannedDataReport(report, parts.length > 0 ? codeLayout : layout);
      if (!segment) return null;
      if (parts.length === 0) {
        aim = segment.aim;
        codeLayout = segment.layout;
      }
      parts.push(Buffer.from(segment.data));
      size += segment.data.length;
      lastAt = now;
      if (size > maxBytes) {
        clear();
        isSkipping = segment.isContinued;
        options.onDrop?.(`a code ran past ${maxBytes} bytes without ending`);
        return null;
      }
      if (segment.isContinued) return null;

      const text = trimScanEnds(decodeScanBytes(Buffer.concat(parts)));
      const headerAim = aim;
      clear();
      // A scanner set to put the AIM identifier in the data as well sends it twice: keep one.
      const fromData = splitAim(text);
      const codeAim = headerAim ?? fromData.aim;
      const code = fromData.aim && (headerAim === null || fromData.aim === headerAim) ? fromData.code : text;
      if (code.length === 0) return null;
      return { code, aim: codeAim, symbology: symbologyName(codeAim, segment.vendorSymbology, options.vendorId) };
    },
    reset() {
      isSkipping = false;
      return clear();
    },
  };
}
