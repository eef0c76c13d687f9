/*
 * Scan normalisation. A product's barcode reaches the station in many spellings: EAN-13 or UPC-A
 * from the item, GTIN-14 with leading zeros from a carton, a GS1-128 element string from a
 * pallet label, and any of these with the scanner's AIM symbology identifier in front. The local
 * index stores every product code as typed plus its canonical GTIN-14, and a scan is looked up
 * by its cleaned text plus its GTIN-14, so every spelling of one GTIN meets the same product.
 */

/** ASCII group separator: how scanners transmit FNC1 inside a GS1 element string. */
export const GS = '\x1d';

const gtinLengths = new Set([8, 12, 13, 14]);

/** AIM identifiers whose data is a GS1 element string (GS1-128, DataBar, DataMatrix, QR, DotCode). */
const gs1Symbologies = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);

/** True when `digits` is all digits and its last digit is the GS1 mod-10 check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  // Weights run 3,1,3,1,... from the digit left of the check digit towards the left.
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
    sum += Number(digits[i]) * weight;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/** EAN-8, UPC-A (12), EAN-13 or GTIN-14 with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return /^\d+$/.test(code) && gtinLengths.has(code.length) && hasValidCheckDigit(code);
}

/** The canonical 14-digit form of a valid GTIN, or null when `code` is not one. */
export function toGtin14(code: string): string | null {
  return isValidGtin(code) ? code.padStart(14, '0') : null;
}

export interface Gs1Element {
  ai: string;
  value: string;
}

/** Data length of the GS1 AIs with a predefined length; every other AI runs to FNC1 or the end. */
function fixedDataLength(ai: string): number | null {
  if (ai === '00') return 18;
  if (ai === '01' || ai === '02' || ai === '03') return 14;
  if (ai === '04') return 16;
  if (/^1[1-9]$/.test(ai)) return 6;
  if (ai === '20') return 2;
  if (/^3[1-6]\d\d$/.test(ai)) return 6;
  if (/^41\d$/.test(ai)) return 13;
  return null;
}

/** How many digits the AI starting with these two digits has. */
function aiLength(firstTwo: string): number | null {
  const n = Number(firstTwo);
  if (!/^\d\d$/.test(firstTwo)) return null;
  if (n <= 22 || n === 30 || n === 37 || n >= 90) return 2;
  if ((n >= 23 && n <= 29) || (n >= 40 && n <= 42)) return 3;
  if ((n >= 31 && n <= 36) || n === 39 || n === 43 || (n >= 70 && n <= 82)) return 4;
  return null;
}

/**
 * Splits a GS1 element string into its AIs. Accepts the human-readable form with parentheses,
 * `(01)00012345678905(10)AB12`, and the transmitted form with FNC1 as GS, `0100012345678905` +
 * `10AB12`. Returns null when the text is not a well-formed element string.
 */
export function parseGs1(text: string): Gs1Element[] | null {
  const input = text.startsWith(GS) ? text.slice(1) : text;
  if (input.startsWith('(')) {
    const elements: Gs1Element[] = [];
    const pattern = /\((\d{2,4})\)([^(]*)/gy;
    let match: RegExpExecArray | null;
    let consumed = 0;
    while ((match = pattern.exec(input)) !== null) {
      const ai = match[1] ?? '';
      const value = (match[2] ?? '').split(GS).join('');
      const fixed = fixedDataLength(ai);
      if (value.length === 0 || (fixed !== null && value.length !== fixed)) return null;
      elements.push({ ai, value });
      consumed = pattern.lastIndex;
    }
    return consumed === input.length && elements.length > 0 ? elements : null;
  }

  const elements: Gs1Element[] = [];
  let i = 0;
  while (i < input.length) {
    const length = aiLength(input.slice(i, i + 2));
    if (length === null || i + length > input.length) return null;
    const ai = input.slice(i, i + length);
    if (!/^\d+$/.test(ai)) return null;
    i += length;
    const fixed = fixedDataLength(ai);
    let value: string;
    if (fixed !== null) {
      value = input.slice(i, i + fixed);
      if (value.length !== fixed) return null;
      i += fixed;
      if (input[i] === GS) i++;
    } else {
      const end = input.indexOf(GS, i);
      value = end === -1 ? input.slice(i) : input.slice(i, end);
      i = end === -1 ? input.length : end + 1;
    }
    if (value.length === 0 || value.includes(GS)) return null;
    elements.push({ ai, value });
  }
  return elements.length > 0 ? elements : null;
}

/** The GTIN-14 in AI (01) of a GS1 element string, when its check digit is right. */
export function gtinFromGs1(text: string): string | null {
  const elements = parseGs1(text);
  const gtin = elements?.find((e) => e.ai === '01')?.value;
  return gtin && /^\d{14}$/.test(gtin) && hasValidCheckDigit(gtin) ? gtin : null;
}

/** What a GS1 element string says of one unit: its GTIN and, where present, lot, best-before date and serial. */
export interface Gs1UnitData {
  gtin: string;
  /** AI (10), batch or lot number. */
  lot: string | null;
  /** AI (17), best-before or expiry date as an ISO date (YYYY-MM-DD). */
  expiry: string | null;
  /** AI (21), serial number. */
  serial: string | null;
}

/**
 * A GS1 YYMMDD date as an ISO date, or null when it is no date. Day 00 means the last day of the
 * month (GS1 General Specifications). Years are read as 20YY: the sliding century window only
 * matters from 2050 on, and a best-before date half a century out is not a packing question.
 */
export function gs1Date(yymmdd: string): string | null {
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd);
  if (!match) return null;
  const year = 2000 + Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Number(match[3]) === 0 ? lastDay : Number(match[3]);
  if (day > lastDay) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * GTIN, lot (10), best-before (17) and serial (21) of a GS1 element string, in any order, with
 * or without FNC1 after the variable-length AIs that end the string. Null when the text is not an
 * element string with a valid GTIN in AI (01), or its date does not exist: a productcode that
 * happens to start with 10 is never read as a lot, and a misread date is not guessed at.
 */
export function gs1UnitData(text: string): Gs1UnitData | null {
  if (isValidGtin(text)) return null;
  const elements = parseGs1(text);
  if (!elements) return null;
  const valueOf = (ai: string) => elements.find((e) => e.ai === ai)?.value ?? null;
  const gtin = valueOf('01');
  if (!gtin || !/^\d{14}$/.test(gtin) || !hasValidCheckDigit(gtin)) return null;
  const rawExpiry = valueOf('17');
  const expiry = rawExpiry === null ? null : gs1Date(rawExpiry);
  if (rawExpiry !== null && expiry === null) return null;
  return { gtin, lot: valueOf('10'), expiry, serial: valueOf('21') };
}

export interface NormalisedScan {
  /** The scan without symbology identifier, surrounding whitespace or a leading FNC1. */
  text: string;
  /** The AIM symbology identifier the scanner sent (`]E0`, `]C1`, ...), if any. */
  symbology: string | null;
  /** Canonical GTIN-14 when the scan is (or carries) a GTIN with a valid check digit. */
  gtin: string | null;
  /**
   * Digits of a GTIN's length whose check digit is wrong: a misread or typo, or a numeric
   * productcode. The caller decides; the text is still looked up as it is.
   */
  hasBadCheckDigit: boolean;
}

/** Whitespace and control characters (CR/LF/TAB suffixes, NUL), but not GS: it separates GS1 elements. */
function isNoise(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch !== GS && (code < 0x20 || code === 0x7f || /\s/.test(ch));
}

function trimScan(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isNoise(value[start] ?? '')) start++;
  while (end > start && isNoise(value[end - 1] ?? '')) end--;
  return value.slice(start, end);
}

/** `]` + symbology letter + modifier (ISO/IEC 15424): the AIM identifier some scanners send first. */
const leadingAim = /^\][A-Za-z][0-9A-Za-z]/;

/** Takes a leading AIM identifier off: `]E05901234123457` -> `5901234123457` and `]E0`. */
export function splitAim(text: string): { code: string; aim: string | null } {
  const match = leadingAim.exec(text);
  return match ? { code: text.slice(3), aim: match[0] } : { code: text, aim: null };
}

/**
 * Takes a scanner's configured prefix and its AIM identifier off the front. Scanners put the AIM
 * identifier after the prefix, some before it: whichever leads comes off first, each once.
 */
export function stripPrefixAndAim(text: string, prefix: string): { rest: string; aim: string | null; hasPrefix: boolean } {
  let rest = text;
  let aim: string | null = null;
  let hasPrefix = prefix === '';
  for (let round = 0; round < 2; round++) {
    if (!hasPrefix && rest.startsWith(prefix)) {
      rest = rest.slice(prefix.length);
      hasPrefix = true;
    } else if (aim === null) {
      const split = splitAim(rest);
      rest = split.code;
      aim = split.aim;
    }
  }
  return { rest, aim, hasPrefix };
}

/** True for an AIM identifier on its own: `]`, the symbology letter and its modifier (`]C1`). */
export function isAimIdentifier(value: string): boolean {
  return value.length === 3 && leadingAim.test(value);
}

/** A scan's text as the pack loop compares it: without surrounding whitespace or a leading FNC1. */
export function scanText(code: string): string {
  const text = trimScan(code);
  return trimScan(text.startsWith(GS) ? text.slice(1) : text);
}

/**
 * Reads a scan whose AIM identifier came apart from it (main splits it off once, where a scan
 * enters): cleans the text and finds the GTIN in it, with the identifier as the GS1 hint. Never
 * takes anything off the front as an AIM identifier again.
 */
export function readScan(code: string, aim: string | null): NormalisedScan {
  return classifyScan(scanText(code), aim);
}

/** Cleans one scan that may still carry its AIM identifier in front, and finds the GTIN in it, if any. */
export function normaliseScan(raw: string): NormalisedScan {
  let text = trimScan(raw);
  const split = splitAim(text);
  text = split.code;
  if (text.startsWith(GS)) text = text.slice(1);
  return classifyScan(trimScan(text), split.aim);
}

function classifyScan(text: string, symbology: string | null): NormalisedScan {
  const direct = toGtin14(text);
  if (direct) return { text, symbology, gtin: direct, hasBadCheckDigit: false };

  const looksGs1 =
    (symbology !== null && gs1Symbologies.has(symbology)) || text.startsWith('(') || text.includes(GS) || /^01\d{14}/.test(text);
  const fromGs1 = looksGs1 ? gtinFromGs1(text) : null;
  if (fromGs1) return { text, symbology, gtin: fromGs1, hasBadCheckDigit: false };

  const hasBadCheckDigit = /^\d+$/.test(text) && gtinLengths.has(text.length);
  return { text, symbology, gtin: null, hasBadCheckDigit };
}

/**
 * A scan that is most likely a code cut short or misread rather than a code of its own: all digits
 * with a GTIN's length (8, 12, 13, 14) and a wrong check digit, or one digit short of EAN-8 or
 * UPC-A (7, 11 digits). 12 and 13 digits are also one short of 13 and 14, but with a right check
 * digit they are a UPC-A or EAN-13 in their own right and are left alone.
 *
 * Only for a scan the station did not find: product codes can be anything, and a code the cache
 * knows is what this warehouse labels, whatever its check digit says. `aim` as for lookupKeysForScan.
 */
export function looksCutOrMisread(raw: string, aim?: string | null): boolean {
  const scan = aim === undefined ? normaliseScan(raw) : readScan(raw, aim);
  if (scan.hasBadCheckDigit) return true;
  return /^\d+$/.test(scan.text) && (scan.text.length === 7 || scan.text.length === 11);
}

function uniqueCaseless(codes: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const code of codes) {
    const key = code.toUpperCase();
    if (code.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(code);
  }
  return out;
}

/**
 * The codes to look up in product_barcodes for one scan: its cleaned text, then its GTIN-14. With
 * `aim` the scan's AIM identifier is already apart (see readScan); without, it may lead the text.
 */
export function lookupKeysForScan(raw: string, aim?: string | null): string[] {
  const scan = aim === undefined ? normaliseScan(raw) : readScan(raw, aim);
  return uniqueCaseless(scan.gtin ? [scan.text, scan.gtin] : [scan.text]);
}

export type IndexedCodeKind = 'barcode' | 'productcode' | 'gtin';

export interface IndexedCode {
  code: string;
  kind: IndexedCodeKind;
}

/**
 * Every code under which a product is found: its barcode and productcode as Picqer has them, and
 * the GTIN-14 of either when it is a GTIN (or a GS1 string with AI 01), so any spelling matches.
 */
export function indexCodesForProduct(product: { barcode: string | null; productcode: string | null }): IndexedCode[] {
  const out: IndexedCode[] = [];
  const seen = new Set<string>();
  const add = (code: string, kind: IndexedCodeKind) => {
    const key = code.toUpperCase();
    if (code.length === 0 || seen.has(key)) return;
    seen.add(key);
    out.push({ code, kind });
  };
  for (const [value, kind] of [
    [product.barcode, 'barcode'],
    [product.productcode, 'productcode'],
  ] as const) {
    if (!value) continue;
    const scan = normaliseScan(value);
    add(scan.text, kind);
    if (scan.gtin) add(scan.gtin, 'gtin');
  }
  return out;
}
