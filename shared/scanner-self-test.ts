import { stripPrefixAndAim } from './barcode';
import type { ScanSource } from './packing';

/*
 * The scanner self-test. A keyboard-wedge scanner types each code as key presses for the keyboard
 * layout it is set to; the computer turns those keys into characters with its own layout. When
 * the two differ, most letters and digits still arrive, but some move: on a scanner set to
 * AZERTY (French) every digit comes out as its shifted key and a/q, z/w and m swap places; on
 * QWERTZ (German) y/z swap and the punctuation - / ; ' moves. The test sheet carries codes made of
 * exactly those characters, so what arrives tells which layouts are at work.
 *
 * The analyser also looks at what the scanner adds around a code (a prefix, a suffix, an AIM
 * symbology identifier) and at how a scan ended (the Enter or Tab the station expects, or
 * nothing). Pure: no DOM, no node; main prints the sheet from these values, the renderer reads
 * what arrives and shows the verdict. Sentences live in the renderer's catalogue, keyed by the
 * issue codes below, like the error codes in errors.ts.
 */

export const sheetCodeIds = ['letters', 'digits', 'symbols', 'gs1'] as const;
export type SheetCodeId = (typeof sheetCodeIds)[number];

/**
 * The values on the test sheet (Code 128). Only characters every modelled layout types without
 * AltGr and without a dead key: what they turn into is then one character per key, as the wedge
 * detector receives it.
 */
export const layoutCodes: ReadonlyArray<{ id: SheetCodeId; value: string; printed: string }> = [
  { id: 'letters', value: 'AZQWMYazqwmy', printed: 'AZQWMYazqwmy' },
  { id: 'digits', value: '0123456789', printed: '0123456789' },
  { id: 'symbols', value: "-/;'.,_", printed: "-/;'.,_" },
];

/** ASCII GS (0x1D): how a scanner must pass on FNC1 inside a GS1 element string. */
export const groupSeparator = '\x1d';

/** The GS1 code's element string up to the group separator: GTIN (01), then a lot (10), variable length. */
const gs1Head = '0109501101530003' + '10LOT42A';
/** After the separator: best-before (17). Without the GS the lot would run on into it. */
const gs1Tail = '17301231';

/**
 * The GS1-128 code on the sheet: a variable-length AI followed by FNC1, which a scanner must send
 * as GS. `printed` is the human-readable form under the code (AIs in brackets, no GS).
 */
export const gs1SheetCode = { id: 'gs1', value: `${gs1Head}${groupSeparator}${gs1Tail}`, printed: '(01)09501101530003(10)LOT42A(17)301231' } as const;

/** Every code on the test sheet, in sheet order. */
export const sheetCodes: ReadonlyArray<{ id: SheetCodeId; value: string; printed: string }> = [...layoutCodes, gs1SheetCode];

export type GroupSeparatorVerdict = { status: 'ok' } | { status: 'missing' } | { status: 'other'; seen: string };

/**
 * How the group separator of the sheet's GS1 code arrived, from everything one scan typed: null
 * when the scan is not that code. A GS is right; nothing means the lot runs into the next AI;
 * anything else (a `~`, `^]`, a space) is a substitute the scanner was set to send.
 */
export function judgeGroupSeparator(text: string): GroupSeparatorVerdict | null {
  const start = text.indexOf(gs1Head);
  if (start === -1) return null;
  const from = start + gs1Head.length;
  const end = text.indexOf(gs1Tail, from);
  if (end === -1) return null;
  const between = text.slice(from, end);
  if (between === groupSeparator) return { status: 'ok' };
  if (between === '') return { status: 'missing' };
  return { status: 'other', seen: between };
}

export const keyboardLayouts = ['us', 'fr', 'de'] as const;
export type KeyboardLayout = (typeof keyboardLayouts)[number];

/** Physical keys by row, named as KeyboardEvent.code names them. */
const keyRows: readonly (readonly string[])[] = [
  ['Backquote', 'Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal'],
  ['KeyQ', 'KeyW', 'KeyE', 'KeyR', 'KeyT', 'KeyY', 'KeyU', 'KeyI', 'KeyO', 'KeyP', 'BracketLeft', 'BracketRight'],
  ['KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK', 'KeyL', 'Semicolon', 'Quote', 'Backslash'],
  ['IntlBackslash', 'KeyZ', 'KeyX', 'KeyC', 'KeyV', 'KeyB', 'KeyN', 'KeyM', 'Comma', 'Period', 'Slash'],
];

/** NUL marks a dead key or no character: the wedge sees no character for it. */
const none = '\u0000';

/** Each layout as [unshifted, shifted] per row, one character per key of `keyRows` (Windows layouts). */
const layoutRows: Record<KeyboardLayout, ReadonlyArray<readonly [string, string]>> = {
  us: [
    ['`1234567890-=', '~!@#$%^&*()_+'],
    ['qwertyuiop[]', 'QWERTYUIOP{}'],
    ["asdfghjkl;'\\", 'ASDFGHJKL:"|'],
    ['\\zxcvbnm,./', '|ZXCVBNM<>?'],
  ],
  fr: [
    [`²&é"'(-è_çà)=`, `${none}1234567890°+`],
    [`azertyuiop${none}$`, `AZERTYUIOP${none}£`],
    ['qsdfghjklmù*', 'QSDFGHJKLM%µ'],
    ['<wxcvbn,;:!', '>WXCVBN?./§'],
  ],
  de: [
    [`${none}1234567890ß${none}`, `°!"§$%&/()=?${none}`],
    ['qwertzuiopü+', 'QWERTZUIOPÜ*'],
    ['asdfghjklöä#', "ASDFGHJKLÖÄ'"],
    ['<yxcvbnm,.-', '>YXCVBNM;:_'],
  ],
};

interface KeyStroke {
  code: string;
  isShifted: boolean;
}

interface LayoutTable {
  strokeOf: Map<string, KeyStroke>;
  charOf: Map<string, string>;
}

function buildLayout(rows: ReadonlyArray<readonly [string, string]>): LayoutTable {
  const strokeOf = new Map<string, KeyStroke>();
  const charOf = new Map<string, string>();
  rows.forEach(([base, shifted], r) => {
    const codes = keyRows[r] ?? [];
    for (const [isShifted, chars] of [
      [false, [...base]],
      [true, [...shifted]],
    ] as const) {
      chars.forEach((ch, i) => {
        const code = codes[i];
        if (code === undefined) return;
        charOf.set(`${code}${isShifted ? '+shift' : ''}`, ch === none ? '' : ch);
        // The first key that types a character is the one a scanner uses for it.
        if (ch !== none && !strokeOf.has(ch)) strokeOf.set(ch, { code, isShifted });
      });
    }
  });
  return { strokeOf, charOf };
}

const layouts: Record<KeyboardLayout, LayoutTable> = {
  us: buildLayout(layoutRows.us),
  fr: buildLayout(layoutRows.fr),
  de: buildLayout(layoutRows.de),
};

/**
 * What the computer receives when a scanner set to `scanner` types `text` on a computer set to
 * `host`; null when the scanner's layout has no plain key for one of the characters.
 */
export function typedThrough(text: string, scanner: KeyboardLayout, host: KeyboardLayout): string | null {
  let out = '';
  for (const ch of text) {
    const stroke = layouts[scanner].strokeOf.get(ch);
    if (!stroke) return null;
    out += layouts[host].charOf.get(`${stroke.code}${stroke.isShifted ? '+shift' : ''}`) ?? '';
  }
  return out;
}

/** What arrives with Caps Lock on: scanners press Shift for capitals, and Caps Lock turns that round. */
export function withCapsLock(text: string): string {
  return [...text].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');
}

export interface LayoutMismatch {
  scanner: KeyboardLayout;
  host: KeyboardLayout;
}

/** Most likely first: a scanner set to a country's layout on a US computer is the usual mistake. */
export const layoutMismatches: readonly LayoutMismatch[] = [
  { scanner: 'fr', host: 'us' },
  { scanner: 'de', host: 'us' },
  { scanner: 'us', host: 'fr' },
  { scanner: 'us', host: 'de' },
  { scanner: 'fr', host: 'de' },
  { scanner: 'de', host: 'fr' },
];

/** How a wedge scan ended: the scanner's suffix key, or nothing and the burst timed out. */
export type ScanEnding = 'Enter' | 'Tab' | 'timeout';

/** The part of the wedge settings the verdict depends on. */
export interface SelfTestSettings {
  terminator: 'Enter' | 'Tab' | 'none';
  prefix: string;
  suffix: string;
}

export interface SelfTestReading {
  /** Everything the scanner typed for one scan, prefix, suffix and AIM identifier included. */
  received: string;
  ending: ScanEnding;
  source: ScanSource;
  /** Wedge only: the ms between the scan's keys as they arrived. */
  keyGaps?: readonly number[];
}

export type SelfTestIssue =
  /** The scanner's keyboard layout is not the computer's. */
  | { code: 'layout'; scanner: KeyboardLayout; host: KeyboardLayout }
  | { code: 'capsLock' }
  /** The GS1 code arrived without its group separator: the lot ran into the next AI. */
  | { code: 'groupSeparatorMissing' }
  /** The GS1 code arrived with this in place of the group separator. */
  | { code: 'groupSeparatorOther'; seen: string }
  /** Nothing on the test sheet, in any layout. */
  | { code: 'unknownCode'; received: string }
  /** The scanner types this before every code, and the station is not told about it. */
  | { code: 'extraPrefix'; text: string }
  | { code: 'extraSuffix'; text: string }
  /** The station expects this prefix (suffix), and the scanner did not send it. */
  | { code: 'prefixMissing'; text: string }
  | { code: 'suffixMissing'; text: string }
  /** The station expects Enter (Tab) after a scan and nothing came: each scan waits for the timeout. */
  | { code: 'noTerminator'; expected: 'Enter' | 'Tab' }
  | { code: 'otherTerminator'; sent: 'Enter' | 'Tab'; expected: 'Enter' | 'Tab' }
  /** The station is set to no terminator, and the scanner sends one. */
  | { code: 'unexpectedTerminator'; sent: 'Enter' | 'Tab' };

export type SelfTestIssueCode = SelfTestIssue['code'];

export interface ReadingAnalysis {
  /** The sheet code this scan was, when it could be told. */
  codeId: SheetCodeId | null;
  /** True when the code itself arrived exactly as printed. */
  isExact: boolean;
  /** Every layout pair that explains what arrived (empty unless the layout is the problem). */
  layouts: LayoutMismatch[];
  /** The AIM symbology identifier the scanner sent, if any: fine, the station takes it off. */
  aim: string | null;
  issues: SelfTestIssue[];
}

interface Match {
  codeId: SheetCodeId;
  before: string;
  after: string;
}

function findIn(text: string, expectedOf: (value: string) => string | null, codes = layoutCodes): Match | null {
  for (const { id, value } of codes) {
    const expected = expectedOf(value);
    if (!expected) continue;
    const at = text.indexOf(expected);
    if (at !== -1) return { codeId: id, before: text.slice(0, at), after: text.slice(at + expected.length) };
  }
  return null;
}

/** Serial and HID-POS scanners deliver bytes, with CR/LF at the end of a serial line. */
function trimLineEnds(text: string): string {
  return text.replace(/^[\r\n\t]+|[\r\n\t]+$/g, '');
}

/** What one scan of the sheet says about the scanner. */
export function analyseReading(reading: SelfTestReading, settings: SelfTestSettings): ReadingAnalysis {
  const isWedge = reading.source === 'wedge';
  const text = isWedge ? reading.received : trimLineEnds(reading.received);
  const issues: SelfTestIssue[] = [];
  let codeId: SheetCodeId | null = null;
  let aim: string | null = null;
  let matchedLayouts: LayoutMismatch[] = [];

  let exact = findIn(text, (value) => value, sheetCodes);
  const isExact = exact !== null;
  if (!exact) {
    // The GS1 code with its group separator missing or replaced: the rest of the scan is judged as usual.
    const verdict = judgeGroupSeparator(text);
    if (verdict && verdict.status !== 'ok') {
      const head = text.indexOf(gs1Head);
      const tailEnd = text.indexOf(gs1Tail, head + gs1Head.length) + gs1Tail.length;
      exact = { codeId: 'gs1', before: text.slice(0, head), after: text.slice(tailEnd) };
      issues.push(verdict.status === 'missing' ? { code: 'groupSeparatorMissing' } : { code: 'groupSeparatorOther', seen: verdict.seen });
    }
  }
  if (exact) {
    codeId = exact.codeId;
    let after = exact.after;
    const prefix = isWedge ? settings.prefix : '';
    const suffix = isWedge ? settings.suffix : '';
    const stripped = stripPrefixAndAim(exact.before, prefix);
    const before = stripped.rest;
    aim = stripped.aim;
    const sawPrefix = stripped.hasPrefix;
    if (!sawPrefix) issues.push({ code: 'prefixMissing', text: prefix });
    if (before) issues.push({ code: 'extraPrefix', text: before });
    if (suffix) {
      if (after.endsWith(suffix)) after = after.slice(0, after.length - suffix.length);
      else issues.push({ code: 'suffixMissing', text: suffix });
    }
    if (after) issues.push({ code: 'extraSuffix', text: after });
  } else if (isWedge) {
    // Around a garbled code the prefix and suffix are garbled too: the layout comes first.
    for (const pair of layoutMismatches) {
      const match = findIn(text, (value) => typedThrough(value, pair.scanner, pair.host));
      if (!match) continue;
      codeId ??= match.codeId;
      if (match.codeId === codeId) matchedLayouts.push(pair);
    }
    const first = matchedLayouts[0];
    if (first) {
      issues.push({ code: 'layout', scanner: first.scanner, host: first.host });
    } else {
      const caps = findIn(text, withCapsLock);
      if (caps) {
        codeId = caps.codeId;
        issues.push({ code: 'capsLock' });
      }
    }
  }
  if (codeId === null) {
    issues.push({ code: 'unknownCode', received: text });
    matchedLayouts = [];
  }

  if (isWedge) {
    const { terminator } = settings;
    const { ending } = reading;
    if (terminator === 'none') {
      if (ending !== 'timeout') issues.push({ code: 'unexpectedTerminator', sent: ending });
    } else if (ending === 'timeout') {
      issues.push({ code: 'noTerminator', expected: terminator });
    } else if (ending !== terminator) {
      issues.push({ code: 'otherTerminator', sent: ending, expected: terminator });
    }
  }
  return { codeId, isExact, layouts: matchedLayouts, aim, issues };
}

export interface KeyTiming {
  /** How many key gaps were measured. */
  keys: number;
  maxGapMs: number;
  p95GapMs: number;
  /** The key gap setting these scans call for. */
  recommendedMs: number;
}

/** Never below the station's default key gap (no gain, and a busy PC needs the room)... */
export const minRecommendedKeyGapMs = 35;
/** ...nor above what the setting allows; a scanner slower than that is told from typing badly anyway. */
export const maxRecommendedKeyGapMs = 200;

/**
 * How far apart the scanner's keys came in the test scans, and the key gap to set: twice the
 * widest gap seen, because one stall wider than the setting cuts a scan in two (issue 12).
 */
export function keyTimingOf(readings: readonly SelfTestReading[]): KeyTiming | null {
  const gaps = readings.flatMap((r) => (r.source === 'wedge' ? (r.keyGaps ?? []) : [])).sort((a, b) => a - b);
  const max = gaps.at(-1);
  if (max === undefined) return null;
  const p95 = gaps[Math.ceil(gaps.length * 0.95) - 1] ?? max;
  const recommended = Math.min(maxRecommendedKeyGapMs, Math.max(minRecommendedKeyGapMs, Math.ceil(max * 2)));
  return { keys: gaps.length, maxGapMs: Math.round(max), p95GapMs: Math.round(p95), recommendedMs: recommended };
}

export type SelfTestStatus = 'waiting' | 'incomplete' | 'good' | 'problems';

export interface SelfTestReport {
  status: SelfTestStatus;
  /** Most important first; each once. */
  issues: SelfTestIssue[];
  /** The sheet codes that arrived exactly as printed. */
  read: SheetCodeId[];
  /** The sheet codes not read exactly yet. */
  missing: SheetCodeId[];
  aim: string | null;
}

/** What to fix first: the layout garbles everything else, a missing terminator costs every scan. */
const issueOrder: readonly SelfTestIssueCode[] = [
  'layout',
  'capsLock',
  'unknownCode',
  'groupSeparatorMissing',
  'groupSeparatorOther',
  'noTerminator',
  'otherTerminator',
  'unexpectedTerminator',
  'extraPrefix',
  'extraSuffix',
  'prefixMissing',
  'suffixMissing',
];

/** The verdict over every scan of the sheet so far. */
export function summariseSelfTest(readings: readonly SelfTestReading[], settings: SelfTestSettings): SelfTestReport {
  const analyses = readings.map((reading) => analyseReading(reading, settings));
  const read = sheetCodeIds.filter((id) => analyses.some((a) => a.codeId === id && a.isExact));
  const missing = sheetCodeIds.filter((id) => !read.includes(id));
  const aim = analyses.find((a) => a.aim !== null)?.aim ?? null;

  // One scan may fit several layout pairs (digits look the same on some); the pair that fits
  // every garbled scan is the answer.
  const layoutScans = analyses.filter((a) => a.layouts.length > 0);
  let layout: LayoutMismatch | null = null;
  if (layoutScans.length > 0) {
    const fitsAll = layoutMismatches.filter((pair) => layoutScans.every((a) => a.layouts.some((p) => p.scanner === pair.scanner && p.host === pair.host)));
    layout = fitsAll[0] ?? layoutScans[0]?.layouts[0] ?? null;
  }

  const seen = new Set<string>();
  const issues: SelfTestIssue[] = [];
  if (layout) issues.push({ code: 'layout', ...layout });
  for (const analysis of analyses) {
    for (const issue of analysis.issues) {
      if (issue.code === 'layout') continue;
      const key = JSON.stringify(issue);
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
  }
  issues.sort((a, b) => issueOrder.indexOf(a.code) - issueOrder.indexOf(b.code));

  const status: SelfTestStatus = readings.length === 0 ? 'waiting' : issues.length > 0 ? 'problems' : missing.length === 0 ? 'good' : 'incomplete';
  return { status, issues, read, missing, aim };
}
