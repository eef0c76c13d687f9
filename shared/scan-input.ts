import { scanAnswerOf, type ScanAnswer } from './packing';
import { reason, type Reason } from './reasons';

/*
 * What a scanner may send. A scan is a barcode: printable text, at most a few hundred characters,
 * with the GS1 group separator as the one control character that belongs in it. Anything else is
 * a scanner misconfigured (a wrong keyboard layout, a prefix or suffix of control codes), a burst
 * of keystrokes that was no scan, or a broken connection, and is refused before it can count.
 */

/** GS1 DataMatrix and QR element strings reach a couple of hundred characters; nothing real is longer. */
export const maxScanLength = 256;

/**
 * How long a scan the contract lets through to the handler, so a long burst is answered with a
 * sentence rather than a bare VALIDATION error. Far above maxScanLength, far below a request limit.
 */
export const maxScanInputLength = 16 * 1024;

export type ScanRefusal = 'empty' | 'too_long' | 'control_characters' | 'unreadable';

export type ScanCheck =
  | { ok: true; code: string }
  | {
      ok: false;
      refusal: ScanRefusal;
      /** Why, for the screen to word. */
      reason: Reason;
      /** The scan made safe to show and to log: control characters as symbols, cut short. */
      shown: string;
    };

/** ASCII GS: how scanners send FNC1 inside a GS1 element string. */
const groupSeparator = 0x1d;

function isControl(codePoint: number): boolean {
  return (codePoint < 0x20 && codePoint !== groupSeparator) || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** Invisible characters that reorder or hide text (bidi overrides, zero-width spaces, BOM). */
const invisibleFormat = /\p{Cf}/u;
/** U+FFFD is what a decoder puts where bytes were not valid UTF-8; U+FFFE/U+FFFF are never text. */
const undecodable = /[\uFFFD\uFFFE\uFFFF]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Scanners end a scan with CR, LF or TAB, and some pad with spaces: harmless at the ends. */
function trimEnds(raw: string): string {
  return raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** A printable stand-in for one character: C0 controls as their Control Pictures (U+2400 block). */
function picture(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint === groupSeparator) return '\u241D';
  if (codePoint < 0x20) return String.fromCodePoint(0x2400 + codePoint);
  if (codePoint === 0x7f) return '\u2421';
  if ((codePoint >= 0x80 && codePoint <= 0x9f) || invisibleFormat.test(char)) return `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return '\uFFFD';
  return char;
}

/** The scan as it may be shown on screen and written to the log: visible, and at most `max` characters. */
export function displayScanCode(raw: string, max = 48): string {
  const chars = Array.from(raw);
  const shown = chars.slice(0, max).map(picture).join('');
  return chars.length > max ? `${shown}… (${chars.length} characters)` : shown;
}

function firstControl(text: string): string | null {
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isControl(codePoint) || invisibleFormat.test(char)) return char;
  }
  return null;
}

/**
 * Checks one scan. Accepted scans come back with scanner whitespace trimmed from the ends;
 * refused ones with the reason, a sentence for the packer and a safe rendering of what came in.
 */
export function checkScanCode(raw: string): ScanCheck {
  const code = trimEnds(raw);
  const refuse = (refusal: ScanRefusal, why: Reason): ScanCheck => ({ ok: false, refusal, reason: why, shown: displayScanCode(raw) });
  if (code.length === 0) return refuse('empty', reason('scan.empty'));
  if (code.length > maxScanLength) return refuse('too_long', reason('scan.tooLong', { length: code.length, max: maxScanLength }));
  if (undecodable.test(code) || loneSurrogate.test(code)) return refuse('unreadable', reason('scan.unreadable'));
  const control = firstControl(code);
  if (control !== null) return refuse('control_characters', reason('scan.controlCharacter', { character: picture(control) }));
  return { ok: true, code };
}

/**
 * The answer to a refused scan: the "nothing found" kind the screen already shows, with its
 * reason. Nothing was counted, so the revision is the session's from before the scan.
 */
export function refusedScanAnswer(check: Extract<ScanCheck, { ok: false }>, amount: number, revision: number): ScanAnswer {
  return scanAnswerOf({ kind: 'not_found', code: check.shown, amount, reason: check.reason, revision });
}
