/*
 * The keyboard wedge: a barcode scanner that types. Every scan in the app is captured here, once,
 * whatever has focus. A scanner types a whole code in a few milliseconds per key; a person needs
 * 80 ms or more between keys. So the detector looks only at the time between keys: a run of at
 * least `minLength` characters, each within `maxInterKeyMs` of the one before, is a burst, and a
 * burst ends with the scanner's suffix key (Enter or Tab) or, for scanners set up without one,
 * when no key follows for `timeoutMs`.
 *
 * What the scanner adds around the code is taken off before the code leaves here: the prefix and
 * suffix text the station is told about, and the AIM symbology identifier (`]E0`, `]C1`, ...)
 * that many scanners can send, which goes along beside the code: main reads GS1 codes by it. A
 * scanner that reads one label twice in a blink sends the same code twice; within `doubleReadMs`
 * that counts once.
 *
 * Digits typed slowly outside a text field are the multiplier for the next scan ("12" then a scan
 * counts 12 units). Only a person's digits: a scanner that stalls inside a code (Bluetooth, a busy
 * PC) sends the code in two parts, and the digits behind the stall must never count the next item
 * several times over. So digits are no multiplier when two come at scanner pace, when a suffix key
 * follows them at scanner pace, or when they start right after a scan ended (its tail); such a
 * run clears a multiplier typed before it. A multiplier lapses when no scan follows it in time.
 * Pure logic, fed with {key, time} so tests need no DOM and no sleeps; the DOM
 * binding is keyboard.ts.
 */

import { stripPrefixAndAim } from '../../../shared/barcode';

/** The keys a scanner can send after a code (its "suffix" in scanner manuals: CR or TAB). */
export type SuffixKey = 'Enter' | 'Tab';

export interface WedgeOptions {
  /** The longest gap between two keys of one burst. Scanners type 2–20 ms apart, people 80+ ms. */
  maxInterKeyMs: number;
  /** Fewer characters than this are never a scan: a fast typist's key rollover stays typing. */
  minLength: number;
  /** A burst without a suffix key ends this long after its last key. */
  timeoutMs: number;
  /** The suffix keys that end a scan at once. Another suffix key in a burst is swallowed with it. */
  terminators: readonly SuffixKey[];
  /** Text the scanner is set to type before every code: removed, and it makes a short burst a scan. */
  prefix: string;
  /** Text the scanner is set to type after every code (before its suffix key): removed. */
  suffix: string;
  /**
   * The same code again within this many ms (end of one scan to end of the next) is the scanner
   * reading one label twice, and counts once. 0 turns it off.
   */
  doubleReadMs: number;
  /** The contract allows a multiplier up to 9999. */
  maxMultiplierDigits: number;
  /**
   * Keys starting this soon after a scan ended (or within `doubleReadMs`, whichever is longer) are
   * the rest of that scan cut off by a stall, never a multiplier. A person who means a number puts
   * the scanner down first.
   */
  scanTailMs: number;
  /** A multiplier with no scan after it lapses after this long, so it cannot catch a later item. */
  multiplierTimeoutMs: number;
}

export const defaultWedgeOptions: WedgeOptions = {
  maxInterKeyMs: 35,
  minLength: 4,
  timeoutMs: 80,
  terminators: ['Enter', 'Tab'],
  prefix: '',
  suffix: '',
  doubleReadMs: 60,
  maxMultiplierDigits: 4,
  scanTailMs: 250,
  multiplierTimeoutMs: 10_000,
};

/**
 * What has focus when a key arrives. `text`: the key types into something (input, textarea,
 * select, contenteditable). `control`: Enter and Space activate it (a button, a link). `none`:
 * the page itself, where Enter means "complete".
 */
export type FocusKind = 'text' | 'control' | 'none';

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** ms, monotonic (KeyboardEvent.timeStamp / performance.now()). */
  time: number;
  focus: FocusKind;
}

export interface WedgeDecision {
  /** The key belongs to a scan: the binding calls preventDefault so it never reaches the page. */
  consume: boolean;
  /** This key may start a burst: the binding remembers the focused field's value as it was. */
  startsCandidate: boolean;
  /**
   * The burst was recognised on this key. The keys before it were typed into the focused field
   * (nobody could know yet); the binding puts the field back to what it remembered.
   */
  recognised: boolean;
}

/** What the scanner sent after the code: its suffix key, or nothing (the burst ended by `timeout`). */
export type ScanTerminator = SuffixKey | 'timeout';

export type WedgeEvent =
  | {
      type: 'scan';
      code: string;
      /** The AIM symbology identifier the scanner sent in front of the code, when it sent one. */
      aim?: string;
      multiplier: number | null;
      terminator: ScanTerminator;
      /** What the scanner typed, when it was more than the code (a prefix, suffix or AIM identifier taken off). */
      raw?: string;
    }
  | { type: 'multiplier'; value: number | null }
  /** Enter pressed by a person with nothing focused that Enter would act on. */
  | { type: 'enter' }
  | { type: 'escape' };

/** Keys that arrive inside a burst without meaning anything: scanners press Shift for capitals. */
const ignoredKeys = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Unidentified', 'Dead', 'Process']);

function isSuffixKey(key: string): key is SuffixKey {
  return key === 'Enter' || key === 'Tab';
}

/** What the scanner typed, taken apart: the code without the configured prefix and suffix, and the AIM identifier. */
export function splitBurst(raw: string, options: Pick<WedgeOptions, 'prefix' | 'suffix'>): { code: string; aim: string | null } {
  const stripped = stripPrefixAndAim(raw, options.prefix);
  // Only an AIM-looking identifier and nothing after it is taken as typed: there is no code left.
  const isAimAlone = stripped.rest === '' && stripped.aim !== null;
  let text = isAimAlone ? (stripped.aim ?? '') : stripped.rest;
  if (options.suffix && text.endsWith(options.suffix)) text = text.slice(0, text.length - options.suffix.length);
  return { code: text, aim: isAimAlone ? null : stripped.aim };
}

/** The code inside what the scanner typed: without the configured prefix and suffix and the AIM identifier. */
export function codeOfBurst(raw: string, options: Pick<WedgeOptions, 'prefix' | 'suffix'>): string {
  return splitBurst(raw, options).code;
}

const pass: WedgeDecision = { consume: false, startsCandidate: false, recognised: false };
const consumed: WedgeDecision = { consume: true, startsCandidate: false, recognised: false };

export class WedgeDetector {
  private options: WedgeOptions;
  private readonly emit: (event: WedgeEvent) => void;
  /** The characters of the run being watched: a burst once it is long and fast enough. */
  private chars: string[] = [];
  private lastTime = 0;
  private isBurst = false;
  /**
   * The burst got a suffix key that is not this station's terminator: nothing more belongs to it,
   * and it goes out when the timeout passes or the next key arrives, whichever is first.
   */
  private closedBy: SuffixKey | null = null;
  private focusAtStart: FocusKind = 'none';
  private multiplierDigits = '';
  /** When the multiplier's last digit was typed: it lapses `multiplierTimeoutMs` later. */
  private multiplierAt = 0;
  /** When the run being watched started: a run that starts right after a scan is its tail. */
  private runStartedAt = 0;
  /** The time of each character of the run being watched. */
  private keyTimes: number[] = [];
  private scanKeyGaps: number[] = [];
  /** When the last burst ended on a suffix key: a second suffix right after it (CR LF) is eaten. */
  private lastTerminatedAt = Number.NEGATIVE_INFINITY;
  /** The code and end time of the last scan read, sent or not, for telling a double read. */
  private lastRead: { code: string; endedAt: number } | null = null;

  constructor(emit: (event: WedgeEvent) => void, options: Partial<WedgeOptions> = {}) {
    this.emit = emit;
    this.options = { ...defaultWedgeOptions, ...options };
  }

  /** New settings from the station; a burst under way finishes under them. */
  configure(options: Partial<WedgeOptions>): void {
    this.options = { ...defaultWedgeOptions, ...options };
  }

  get multiplier(): number | null {
    return parseMultiplier(this.multiplierDigits);
  }

  /** Something is waiting for time to pass: the binding should call tick() after `timeoutMs`. */
  get hasPending(): boolean {
    return this.chars.length > 0;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** The ms between the keys of the last scan, for the self-test to measure the scanner by. */
  get lastKeyGaps(): readonly number[] {
    return this.scanKeyGaps;
  }

  get multiplierTimeoutMs(): number {
    return this.options.multiplierTimeoutMs;
  }

  key(input: WedgeKey): WedgeDecision {
    const { key, time, focus } = input;
    if (ignoredKeys.has(key)) return pass;
    this.tick(time, key.length === 1 ? this.options.maxInterKeyMs : this.options.timeoutMs);
    if (this.closedBy && !isSuffixKey(key)) this.finishScan(this.closedBy, this.lastTime);

    if (key.length === 1) return this.printable(key, time, focus);
    if (isSuffixKey(key)) return this.suffixKey(key, time, focus);

    if (key === 'Escape') {
      this.chars = [];
      this.isBurst = false;
      this.setMultiplier('');
      this.emit({ type: 'escape' });
      return pass;
    }
    if (this.isBurst) return consumed;
    this.endTyping();
    if (key === 'Backspace' && focus !== 'text' && this.multiplierDigits) {
      this.setMultiplier(this.multiplierDigits.slice(0, -1));
      return consumed;
    }
    return pass;
  }

  /** The multiplier was used for something else (choosing from a list by its number). */
  clearMultiplier(): void {
    this.setMultiplier('');
  }

  /**
   * Lets time pass: a burst whose keys stopped `timeoutMs` ago is a scan (a scanner without a
   * suffix); a slow run that stopped is typing, and its digits (outside a text field) the multiplier.
   */
  tick(now: number, burstGapMs = this.options.timeoutMs): void {
    if (this.multiplierDigits && this.chars.length === 0 && now - this.multiplierAt > this.options.multiplierTimeoutMs) this.setMultiplier('');
    if (this.chars.length === 0) return;
    const gap = now - this.lastTime;
    if (this.isBurst) {
      // A burst ends when its keys stop: a key later than maxInterKeyMs is not the scanner's. The
      // scan ends where its last key was, not when the timer got round to it.
      if (gap > burstGapMs) this.finishScan(this.closedBy ?? 'timeout', this.lastTime);
    } else if (gap > this.options.maxInterKeyMs) {
      this.endTyping();
    }
  }

  private printable(key: string, time: number, focus: FocusKind): WedgeDecision {
    if (this.chars.length === 0) {
      this.chars = [key];
      this.lastTime = time;
      this.runStartedAt = time;
      this.keyTimes = [time];
      this.isBurst = false;
      this.focusAtStart = focus;
      return { consume: false, startsCandidate: true, recognised: false };
    }
    this.chars.push(key);
    this.keyTimes.push(time);
    this.lastTime = time;
    if (!this.isBurst && (this.chars.length >= this.options.minLength || this.startsWithPrefix())) {
      this.isBurst = true;
      return { consume: true, startsCandidate: false, recognised: true };
    }
    return { consume: this.isBurst, startsCandidate: false, recognised: false };
  }

  /** A fast run that began with the scanner's own prefix and has more after it: a scan, however short. */
  private startsWithPrefix(): boolean {
    const { prefix } = this.options;
    if (!prefix || this.chars.length <= prefix.length) return false;
    return this.chars.slice(0, prefix.length).join('') === prefix;
  }

  private suffixKey(key: SuffixKey, time: number, focus: FocusKind): WedgeDecision {
    if (this.closedBy) return consumed;
    if (this.isBurst) {
      this.lastTerminatedAt = time;
      if (this.options.terminators.includes(key)) {
        this.finishScan(key, time);
      } else {
        // The scanner's key, not the page's: it must not move focus or complete a picklist.
        this.closedBy = key;
        this.lastTime = time;
      }
      return consumed;
    }
    if (time - this.lastTerminatedAt <= this.options.timeoutMs) {
      // The scanner's CR LF (Enter Enter) or Enter Tab: the second one is part of the same scan.
      this.lastTerminatedAt = Number.NEGATIVE_INFINITY;
      return consumed;
    }
    if (this.chars.length > 0 && this.focusAtStart !== 'text' && time - this.lastTime <= this.options.maxInterKeyMs) {
      // A short run with a suffix key right behind it is a scanner's: the tail of a split code.
      this.dropTail();
      return consumed;
    }
    this.endTyping();
    if (key === 'Enter' && focus === 'none') {
      this.emit({ type: 'enter' });
      return consumed;
    }
    return pass;
  }

  private finishScan(terminator: ScanTerminator, endedAt: number): void {
    const raw = this.chars.join('');
    this.scanKeyGaps = this.keyTimes.slice(1).map((time, i) => time - (this.keyTimes[i] ?? time));
    this.chars = [];
    this.isBurst = false;
    this.closedBy = null;
    const { code, aim } = splitBurst(raw, this.options);
    if (code.length === 0) return;
    const previous = this.lastRead;
    this.lastRead = { code, endedAt };
    if (previous && previous.code === code && endedAt - previous.endedAt <= this.options.doubleReadMs) return;
    const multiplier = parseMultiplier(this.multiplierDigits);
    const scan: WedgeEvent = aim === null ? { type: 'scan', code, multiplier, terminator } : { type: 'scan', code, aim, multiplier, terminator };
    this.emit(raw === code ? scan : { ...scan, raw });
    if (this.multiplierDigits) this.setMultiplier('');
  }

  /**
   * The run was too short for a scan: into a field it already went; outside one, a person's digits
   * multiply. A run at scanner pace (two keys within the key gap) or right behind a scan is what
   * is left of a scan cut in two, and takes any multiplier with it.
   */
  private endTyping(): void {
    if (this.chars.length === 0) return;
    if (this.focusAtStart === 'text') {
      this.chars = [];
      this.isBurst = false;
      return;
    }
    if (this.chars.length > 1 || this.isScanTail()) {
      this.dropTail();
      return;
    }
    const typed = this.chars.join('');
    this.chars = [];
    this.isBurst = false;
    if (!/^\d+$/.test(typed)) return;
    const next = (this.multiplierDigits + typed).replace(/^0+/, '').slice(0, this.options.maxMultiplierDigits);
    this.multiplierAt = this.lastTime;
    this.setMultiplier(next);
  }

  private isScanTail(): boolean {
    const endedAt = this.lastRead?.endedAt;
    if (endedAt === undefined) return false;
    return this.runStartedAt - endedAt <= Math.max(this.options.scanTailMs, this.options.doubleReadMs);
  }

  private dropTail(): void {
    this.chars = [];
    this.isBurst = false;
    this.setMultiplier('');
  }

  private setMultiplier(digits: string): void {
    const before = parseMultiplier(this.multiplierDigits);
    this.multiplierDigits = digits;
    const after = parseMultiplier(digits);
    if (before !== after) this.emit({ type: 'multiplier', value: after });
  }
}

function parseMultiplier(digits: string): number | null {
  const value = Number.parseInt(digits, 10);
  return Number.isFinite(value) && value >= 1 ? value : null;
}
