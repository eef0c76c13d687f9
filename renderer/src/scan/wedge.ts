/*
 * The keyboard wedge: a barcode scanner that types. Every scan in the app is captured here, once,
 * whatever has focus. A scanner types a whole code in a few milliseconds per key; a person needs
 * 80 ms or more between keys. So the detector looks only at the time between keys: a run of at
 * least `minLength` characters, each within `maxInterKeyMs` of the one before, is a burst, and a
 * burst ends with Enter or Tab (the scanner's suffix) or, for scanners set up without a suffix,
 * when no key follows for `timeoutMs`.
 *
 * Digits typed slowly outside a text field are the multiplier for the next scan ("12" then a scan
 * counts 12 units). Pure logic, fed with {key, time} so tests need no DOM and no sleeps; the DOM
 * binding is keyboard.ts.
 */

export interface WedgeOptions {
  /** The longest gap between two keys of one burst. Scanners type 2–20 ms apart, people 80+ ms. */
  maxInterKeyMs: number;
  /** Fewer characters than this are never a scan: a fast typist's key rollover stays typing. */
  minLength: number;
  /** A burst without a suffix key ends this long after its last key. */
  timeoutMs: number;
  /** The scanner's suffix keys. */
  terminators: readonly string[];
  /** The contract allows a multiplier up to 9999. */
  maxMultiplierDigits: number;
}

export const defaultWedgeOptions: WedgeOptions = {
  maxInterKeyMs: 35,
  minLength: 4,
  timeoutMs: 80,
  terminators: ['Enter', 'Tab'],
  maxMultiplierDigits: 4,
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

export type ScanTerminator = 'Enter' | 'Tab' | 'timeout';

export type WedgeEvent =
  | { type: 'scan'; code: string; multiplier: number | null; terminator: ScanTerminator }
  | { type: 'multiplier'; value: number | null }
  /** Enter pressed by a person with nothing focused that Enter would act on. */
  | { type: 'enter' }
  | { type: 'escape' };

/** Keys that arrive inside a burst without meaning anything: scanners press Shift for capitals. */
const ignoredKeys = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Unidentified', 'Dead', 'Process']);

const pass: WedgeDecision = { consume: false, startsCandidate: false, recognised: false };

export class WedgeDetector {
  private readonly options: WedgeOptions;
  private readonly emit: (event: WedgeEvent) => void;
  /** The characters of the run being watched: a burst once it is long and fast enough. */
  private chars: string[] = [];
  private lastTime = 0;
  private isBurst = false;
  private focusAtStart: FocusKind = 'none';
  private multiplierDigits = '';
  /** When the last burst ended on a suffix key: a second suffix right after it (CR LF) is eaten. */
  private lastTerminatedAt = Number.NEGATIVE_INFINITY;

  constructor(emit: (event: WedgeEvent) => void, options: Partial<WedgeOptions> = {}) {
    this.emit = emit;
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

  key(input: WedgeKey): WedgeDecision {
    const { key, time, focus } = input;
    if (ignoredKeys.has(key)) return pass;
    this.tick(time, key.length === 1 ? this.options.maxInterKeyMs : this.options.timeoutMs);

    if (key.length === 1) return this.printable(key, time, focus);
    if (this.options.terminators.includes(key)) return this.terminator(key, time, focus);

    if (key === 'Escape') {
      this.chars = [];
      this.isBurst = false;
      this.setMultiplier('');
      this.emit({ type: 'escape' });
      return pass;
    }
    if (this.isBurst) return { ...pass, consume: true };
    this.endTyping();
    if (key === 'Backspace' && focus !== 'text' && this.multiplierDigits) {
      this.setMultiplier(this.multiplierDigits.slice(0, -1));
      return { ...pass, consume: true };
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
    if (this.chars.length === 0) return;
    const gap = now - this.lastTime;
    if (this.isBurst) {
      // A burst ends when its keys stop: a key later than maxInterKeyMs is not the scanner's.
      if (gap > burstGapMs) this.finishScan('timeout');
    } else if (gap > this.options.maxInterKeyMs) {
      this.endTyping();
    }
  }

  private printable(key: string, time: number, focus: FocusKind): WedgeDecision {
    if (this.chars.length === 0) {
      this.chars = [key];
      this.lastTime = time;
      this.isBurst = false;
      this.focusAtStart = focus;
      return { consume: false, startsCandidate: true, recognised: false };
    }
    this.chars.push(key);
    this.lastTime = time;
    if (!this.isBurst && this.chars.length >= this.options.minLength) {
      this.isBurst = true;
      return { consume: true, startsCandidate: false, recognised: true };
    }
    return { consume: this.isBurst, startsCandidate: false, recognised: false };
  }

  private terminator(key: string, time: number, focus: FocusKind): WedgeDecision {
    if (this.isBurst) {
      this.finishScan(key === 'Tab' ? 'Tab' : 'Enter');
      this.lastTerminatedAt = time;
      return { ...pass, consume: true };
    }
    if (time - this.lastTerminatedAt <= this.options.timeoutMs) {
      // The scanner's CR LF (Enter Enter) or Enter Tab: the second one is part of the same scan.
      this.lastTerminatedAt = Number.NEGATIVE_INFINITY;
      return { ...pass, consume: true };
    }
    this.endTyping();
    if (key === 'Enter' && focus === 'none') {
      this.emit({ type: 'enter' });
      return { ...pass, consume: true };
    }
    return pass;
  }

  private finishScan(terminator: ScanTerminator): void {
    const code = this.chars.join('');
    const multiplier = parseMultiplier(this.multiplierDigits);
    this.chars = [];
    this.isBurst = false;
    this.emit({ type: 'scan', code, multiplier, terminator });
    if (this.multiplierDigits) this.setMultiplier('');
  }

  /** The run was a person typing: into a field it already went; outside one, digits multiply. */
  private endTyping(): void {
    if (this.chars.length === 0) return;
    const typed = this.chars.join('');
    const wasOutsideField = this.focusAtStart !== 'text';
    this.chars = [];
    this.isBurst = false;
    if (!wasOutsideField || !/^\d+$/.test(typed)) return;
    const next = (this.multiplierDigits + typed).replace(/^0+/, '').slice(0, this.options.maxMultiplierDigits);
    this.setMultiplier(next);
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
