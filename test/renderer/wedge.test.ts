import { describe, expect, it } from 'vitest';
import { codeOfBurst, splitBurst, WedgeDetector, type FocusKind, type WedgeDecision, type WedgeEvent, type WedgeOptions } from '../../renderer/src/scan/wedge';

/** A detector and a clock: every key is fed with a synthetic timestamp, no sleeps. */
function rig(options: Partial<WedgeOptions> = {}) {
  const events: WedgeEvent[] = [];
  const detector = new WedgeDetector((event) => events.push(event), options);
  let now = 1000;
  const decisions: WedgeDecision[] = [];
  return {
    detector,
    events,
    decisions,
    press(key: string, gapMs: number, focus: FocusKind = 'none'): WedgeDecision {
      now += gapMs;
      const decision = detector.key({ key, time: now, focus });
      decisions.push(decision);
      return decision;
    },
    /** A scanner: every key `gapMs` after the one before, the first `leadMs` after the last key. */
    burst(text: string, { gapMs = 8, leadMs = 500, suffix = 'Enter' as string | null, focus = 'none' as FocusKind } = {}) {
      [...text].forEach((ch, i) => this.press(ch, i === 0 ? leadMs : gapMs, focus));
      if (suffix) this.press(suffix, gapMs, focus);
    },
    /** A person: `gapMs` between keys. */
    type(text: string, gapMs = 150, focus: FocusKind = 'none') {
      for (const ch of text) this.press(ch, gapMs, focus);
    },
    wait(ms: number) {
      now += ms;
      detector.tick(now);
    },
    scans: () => events.filter((e) => e.type === 'scan'),
  };
}

describe('wedge detector', () => {
  it('takes a fast burst ending in Enter as one scan and consumes its keys', () => {
    const r = rig();
    r.burst('8710000000440');
    expect(r.scans()).toEqual([{ type: 'scan', code: '8710000000440', multiplier: null, terminator: 'Enter' }]);
    // The first keys could not be known as a scan yet; from the 4th key on they are consumed.
    expect(r.decisions.map((d) => d.consume)).toEqual([false, false, false, ...Array<boolean>(11).fill(true)]);
    expect(r.decisions[3]?.recognised).toBe(true);
    expect(r.events.some((e) => e.type === 'enter')).toBe(false);
  });

  it('keeps scanner Shift presses from breaking a burst', () => {
    const r = rig();
    for (const [i, ch] of [...'PS #73 / ITQRFWVHT'].entries()) {
      if (ch !== ch.toLowerCase()) r.press('Shift', i === 0 ? 400 : 3);
      r.press(ch, i === 0 ? 3 : 5);
    }
    r.press('Enter', 5);
    expect(r.scans().map((e) => e.type === 'scan' && e.code)).toEqual(['PS #73 / ITQRFWVHT']);
  });

  it('leaves a person typing alone, at the edge of the threshold too', () => {
    const r = rig();
    r.type('hello world', 120, 'text');
    r.type('abcd', 36, 'text');
    r.press('Enter', 150, 'text');
    expect(r.scans()).toEqual([]);
    expect(r.decisions.every((d) => !d.consume)).toBe(true);
    // Enter in a text field is the field's own (a form submits); it is not "complete".
    expect(r.events).toEqual([]);
  });

  it('a fast typist rolling three keys is still typing: a scan needs minLength keys', () => {
    const r = rig();
    r.type('the', 20, 'text');
    r.wait(200);
    r.press('Enter', 10, 'text');
    expect(r.scans()).toEqual([]);
  });

  it('in a text field a burst is taken as a scan, and says when to restore the field', () => {
    const r = rig();
    r.type('Jan', 150, 'text');
    r.burst('P2026-0101', { focus: 'text' });
    r.type('sen', 150, 'text');
    expect(r.scans().map((e) => e.type === 'scan' && e.code)).toEqual(['P2026-0101']);
    const burstDecisions = r.decisions.slice(3, 3 + 11);
    expect(burstDecisions[0]?.startsCandidate).toBe(true);
    expect(burstDecisions.findIndex((d) => d.recognised)).toBe(3);
    // Typing after the scan reaches the field again.
    expect(r.decisions.slice(-3).every((d) => !d.consume)).toBe(true);
  });

  it('digits typed slowly, then a scan, multiply it; the multiplier is shown and then cleared', () => {
    const r = rig();
    r.type('12', 300);
    r.wait(100);
    expect(r.detector.multiplier).toBe(12);
    expect(r.events.filter((e) => e.type === 'multiplier')).toEqual([
      { type: 'multiplier', value: 1 },
      { type: 'multiplier', value: 12 },
    ]);
    r.burst('8710000000440');
    expect(r.scans()).toEqual([{ type: 'scan', code: '8710000000440', multiplier: 12, terminator: 'Enter' }]);
    expect(r.events.at(-1)).toEqual({ type: 'multiplier', value: null });
    expect(r.detector.multiplier).toBeNull();
  });

  it('the last slow digit counts even when the scan follows right after it', () => {
    const r = rig();
    r.type('3', 300);
    r.burst('ABCDEF', { leadMs: 60 });
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ABCDEF', multiplier: 3, terminator: 'Enter' }]);
  });

  it('digits typed into a text field are not a multiplier', () => {
    const r = rig();
    r.type('12', 300, 'text');
    r.wait(100);
    r.burst('ABCDEF');
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ABCDEF', multiplier: null, terminator: 'Enter' }]);
  });

  it('Escape clears the multiplier; Backspace takes back a digit; 0 alone is no multiplier', () => {
    const r = rig();
    r.type('25', 300);
    r.press('Backspace', 300);
    expect(r.detector.multiplier).toBe(2);
    r.press('Escape', 300);
    expect(r.detector.multiplier).toBeNull();
    expect(r.events.at(-1)).toEqual({ type: 'escape' });
    r.type('0', 300);
    r.wait(100);
    expect(r.detector.multiplier).toBeNull();
    r.type('07', 300);
    r.wait(100);
    expect(r.detector.multiplier).toBe(7);
    r.type('12345', 300);
    r.wait(100);
    expect(r.detector.multiplier).toBe(7123);
  });

  it('eats the second terminator of a CR LF scanner and of Enter+Tab', () => {
    const r = rig();
    r.burst('PD:UNDO');
    const second = r.press('Enter', 6);
    r.burst('PD:COMPLETE', { suffix: 'Enter' });
    const tab = r.press('Tab', 6);
    expect(second.consume).toBe(true);
    expect(tab.consume).toBe(true);
    expect(r.scans().map((e) => e.type === 'scan' && e.code)).toEqual(['PD:UNDO', 'PD:COMPLETE']);
    expect(r.events.filter((e) => e.type === 'enter')).toEqual([]);
    // A person pressing Enter later is Enter again.
    r.press('Enter', 800);
    expect(r.events.at(-1)).toEqual({ type: 'enter' });
  });

  it('ends a burst without a suffix after the timeout', () => {
    const r = rig({ timeoutMs: 80 });
    r.burst('8710000000440', { suffix: null });
    r.wait(50);
    expect(r.scans()).toEqual([]);
    r.wait(40);
    expect(r.scans()).toEqual([{ type: 'scan', code: '8710000000440', multiplier: null, terminator: 'timeout' }]);
  });

  it('two suffixless scans back to back are two scans', () => {
    const r = rig();
    r.burst('AAAA1111', { suffix: null });
    r.burst('BBBB2222', { suffix: null, leadMs: 200 });
    r.wait(200);
    expect(r.scans().map((e) => e.type === 'scan' && e.code)).toEqual(['AAAA1111', 'BBBB2222']);
  });

  it('Tab ends a burst too', () => {
    const r = rig();
    r.burst('ITQRFWVHT', { suffix: 'Tab', focus: 'control' });
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ITQRFWVHT', multiplier: null, terminator: 'Tab' }]);
  });

  it('Enter with nothing focused is "enter"; on a button or in a field it is theirs', () => {
    const r = rig();
    expect(r.press('Enter', 500, 'none').consume).toBe(true);
    expect(r.press('Enter', 500, 'control').consume).toBe(false);
    expect(r.press('Enter', 500, 'text').consume).toBe(false);
    expect(r.events).toEqual([{ type: 'enter' }]);
  });

  it('follows configured thresholds', () => {
    const r = rig({ maxInterKeyMs: 60, minLength: 6 });
    r.burst('ABCDE', { gapMs: 50 });
    expect(r.scans()).toEqual([]);
    r.burst('ABCDEF', { gapMs: 50 });
    expect(r.scans().map((e) => e.type === 'scan' && e.code)).toEqual(['ABCDEF']);
  });

  it('a key after the burst stopped is not part of it', () => {
    const r = rig();
    r.burst('ABCDEF', { suffix: null });
    r.press('G', 50);
    r.wait(200);
    expect(r.scans().map((e) => e.type === 'scan' && e.code)).toEqual(['ABCDEF']);
  });
});

describe('wedge tuning from the station profile', () => {
  it('takes sane numbers and ignores the rest', async () => {
    const { readWedgeTuning } = await import('../../renderer/src/scan/use-wedge');
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(readWedgeTuning(storage('{"maxInterKeyMs":50,"minLength":6,"timeoutMs":2,"extra":1}'))).toEqual({ maxInterKeyMs: 50, minLength: 6 });
    expect(readWedgeTuning(storage('not json'))).toEqual({});
    expect(readWedgeTuning(storage(null))).toEqual({});
    expect(readWedgeTuning(null)).toEqual({});
  });
});

const codes = (events: WedgeEvent[]) => events.flatMap((e) => (e.type === 'scan' ? [e.code] : []));

describe('wedge terminator setting', () => {
  it('Enter only: Enter ends the scan at once; a Tab the scanner sends instead is swallowed and the scan goes out after the timeout', () => {
    const r = rig({ terminators: ['Enter'] });
    r.burst('ITQRFWVHT');
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ITQRFWVHT', multiplier: null, terminator: 'Enter' }]);
    r.burst('LS-2291', { suffix: 'Tab', focus: 'control' });
    // The Tab is the scanner's: it must not move focus, and the scan is not out yet.
    expect(r.decisions.at(-1)).toMatchObject({ consume: true });
    expect(r.scans()).toHaveLength(1);
    r.wait(81);
    expect(r.scans().at(-1)).toEqual({ type: 'scan', code: 'LS-2291', multiplier: null, terminator: 'Tab' });
  });

  it('Tab only: Tab ends the scan; a person pressing Enter afterwards still completes', () => {
    const r = rig({ terminators: ['Tab'] });
    r.burst('ITQRFWVHT', { suffix: 'Tab' });
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ITQRFWVHT', multiplier: null, terminator: 'Tab' }]);
    r.press('Enter', 900);
    expect(r.events.at(-1)).toEqual({ type: 'enter' });
  });

  it('none: a burst ends after the timeout; an Enter the scanner sends anyway is part of the scan, not "complete"', () => {
    const r = rig({ terminators: [], timeoutMs: 120 });
    r.burst('8710000000440', { suffix: null });
    r.wait(100);
    expect(r.scans()).toEqual([]);
    r.wait(21);
    expect(r.scans()).toEqual([{ type: 'scan', code: '8710000000440', multiplier: null, terminator: 'timeout' }]);
    r.burst('8710000000457');
    r.wait(121);
    expect(r.scans().at(-1)).toEqual({ type: 'scan', code: '8710000000457', multiplier: null, terminator: 'Enter' });
    expect(r.events.some((e) => e.type === 'enter')).toBe(false);
  });

  it('a swallowed suffix closes the scan: the next scan right behind it is a scan of its own', () => {
    const r = rig({ terminators: [] });
    r.burst('AAAA1111', { gapMs: 2 });
    r.burst('BBBB2222', { gapMs: 2, leadMs: 5 });
    r.wait(100);
    expect(codes(r.events)).toEqual(['AAAA1111', 'BBBB2222']);
  });

  it('a second suffix key right after a swallowed one (CR LF) is eaten too', () => {
    const r = rig({ terminators: ['Tab'] });
    r.burst('PD:UNDO');
    expect(r.press('Enter', 3).consume).toBe(true);
    r.wait(100);
    expect(codes(r.events)).toEqual(['PD:UNDO']);
    expect(r.events.some((e) => e.type === 'enter')).toBe(false);
  });
});

describe('wedge timeout setting', () => {
  it('a longer timeout waits longer for a suffixless scanner; the scan ends where its last key was', () => {
    const r = rig({ timeoutMs: 300 });
    r.burst('ABCDEF', { suffix: null });
    r.wait(250);
    expect(r.scans()).toEqual([]);
    r.wait(60);
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ABCDEF', multiplier: null, terminator: 'timeout' }]);
  });

  it('a key after the burst stopped starts a new run even before the timeout', () => {
    const r = rig({ timeoutMs: 300 });
    r.burst('ABCDEF', { suffix: null });
    r.press('X', 100);
    expect(codes(r.events)).toEqual(['ABCDEF']);
  });
});

describe('wedge prefix and suffix', () => {
  it('takes the configured prefix and suffix off the code and reports what was typed', () => {
    const r = rig({ prefix: '~', suffix: '#' });
    r.burst('~8710000000440#');
    expect(r.scans()).toEqual([{ type: 'scan', code: '8710000000440', multiplier: null, terminator: 'Enter', raw: '~8710000000440#' }]);
  });

  it('a burst that starts with the prefix is a scan however short', () => {
    const r = rig({ prefix: '@@' });
    const decisions = [...'@@A1'].map((ch, i) => r.press(ch, i === 0 ? 500 : 6));
    r.press('Enter', 6);
    expect(decisions.map((d) => d.recognised)).toEqual([false, false, true, false]);
    expect(codes(r.events)).toEqual(['A1']);
    // Without the prefix the same short burst stays typing: minLength still holds.
    r.burst('B2');
    expect(codes(r.events)).toEqual(['A1']);
  });

  it('a scan without the prefix is still a scan, and keeps its text', () => {
    const r = rig({ prefix: '~' });
    r.burst('ITQRFWVHT');
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ITQRFWVHT', multiplier: null, terminator: 'Enter' }]);
  });

  it('a person typing the prefix character slowly into a field is typing', () => {
    const r = rig({ prefix: '~' });
    r.type('~ok', 150, 'text');
    r.press('Enter', 150, 'text');
    expect(r.scans()).toEqual([]);
    expect(r.decisions.every((d) => !d.consume)).toBe(true);
  });

  it('a burst that was only the prefix and suffix carries no code and is dropped', () => {
    const r = rig({ prefix: '~~', suffix: '##' });
    r.burst('~~##');
    expect(r.scans()).toEqual([]);
  });
});

describe('wedge AIM symbology identifiers', () => {
  it.each([
    [']E08710000000440', '8710000000440', ']E0'],
    [']C1010871000000044310AB12', '010871000000044310AB12', ']C1'],
    [']d2010871000000044310AB12', '010871000000044310AB12', ']d2'],
    [']Q1https://example.test/p/1', 'https://example.test/p/1', ']Q1'],
  ])('%s arrives as %s with its identifier %s beside it', (typed, code, aim) => {
    const r = rig();
    r.burst(typed);
    expect(r.scans()).toEqual([{ type: 'scan', code, aim, multiplier: null, terminator: 'Enter', raw: typed }]);
  });

  it('takes the AIM identifier off after the prefix, and before it, and keeps it', () => {
    const r = rig({ prefix: '~' });
    r.burst('~]E08710000000440');
    r.burst(']C1~0108710000000440');
    expect(codes(r.events)).toEqual(['8710000000440', '0108710000000440']);
    expect(r.scans().map((e) => e.type === 'scan' && e.aim)).toEqual([']E0', ']C1']);
  });

  it('sends no identifier for a scan without one', () => {
    const r = rig();
    r.burst('8710000000440');
    expect(r.scans()).toEqual([{ type: 'scan', code: '8710000000440', multiplier: null, terminator: 'Enter' }]);
  });
});

describe('wedge double reads', () => {
  it('the same code again within 60 ms of the end of the first counts once', () => {
    const r = rig();
    r.burst('8710000000440', { gapMs: 2 });
    // 13 characters and Enter at 2 ms: the second read ends 4 + 12*2 + 2 = 30 ms after the first.
    r.burst('8710000000440', { gapMs: 2, leadMs: 4 });
    expect(codes(r.events)).toEqual(['8710000000440']);
  });

  it('the same code later than the window is the packer scanning the next unit', () => {
    const r = rig();
    r.burst('8710000000440', { gapMs: 2 });
    r.burst('8710000000440', { gapMs: 2, leadMs: 35 });
    expect(codes(r.events)).toEqual(['8710000000440', '8710000000440']);
  });

  it('measures end to end: a slow scanner\'s second read of a long code is outside the window', () => {
    const r = rig();
    r.burst('8710000000440', { gapMs: 8 });
    r.burst('8710000000440', { gapMs: 8, leadMs: 4 });
    expect(codes(r.events)).toHaveLength(2);
  });

  it('a different code right behind is never a double read', () => {
    const r = rig();
    r.burst('8710000000440', { gapMs: 2 });
    r.burst('8710000000457', { gapMs: 2, leadMs: 4 });
    expect(codes(r.events)).toEqual(['8710000000440', '8710000000457']);
  });

  it('the window is configurable, and 0 turns it off', () => {
    const wide = rig({ doubleReadMs: 200 });
    wide.burst('ABCDEFGH', { gapMs: 8 });
    wide.burst('ABCDEFGH', { gapMs: 8, leadMs: 100 });
    expect(codes(wide.events)).toEqual(['ABCDEFGH']);
    const off = rig({ doubleReadMs: 0 });
    off.burst('ABCDEFGH', { gapMs: 1 });
    off.burst('ABCDEFGH', { gapMs: 1, leadMs: 1 });
    expect(codes(off.events)).toEqual(['ABCDEFGH', 'ABCDEFGH']);
  });

  it('suffixless double reads are told by where their last keys were, not by when the timer ran', () => {
    const r = rig({ terminators: [], timeoutMs: 80 });
    r.burst('ABCDEFGH', { gapMs: 2, suffix: null });
    r.burst('ABCDEFGH', { gapMs: 2, suffix: null, leadMs: 40 });
    r.wait(500);
    expect(codes(r.events)).toEqual(['ABCDEFGH']);
  });

  it('a third read in a row chains to the second', () => {
    const r = rig();
    for (let i = 0; i < 3; i++) r.burst('ABCDEFGH', { gapMs: 2, leadMs: i === 0 ? 500 : 20 });
    expect(codes(r.events)).toEqual(['ABCDEFGH']);
  });
});

describe('wedge with a text field focused', () => {
  it('a prefixed burst is recognised on its second key and its keys never reach the field', () => {
    const r = rig({ prefix: '~' });
    r.type('note', 150, 'text');
    r.burst('~ABCDEF', { focus: 'text' });
    const burst = r.decisions.slice(4);
    expect(burst[0]).toMatchObject({ startsCandidate: true, consume: false });
    expect(burst[1]).toMatchObject({ recognised: true, consume: true });
    expect(burst.slice(1).every((d) => d.consume)).toBe(true);
    expect(codes(r.events)).toEqual(['ABCDEF']);
  });

  it('Enter typed by a person in a field stays the field\'s, whatever the terminator setting', () => {
    for (const terminators of [['Enter'], ['Tab'], []] as const) {
      const r = rig({ terminators });
      r.type('hello', 140, 'text');
      expect(r.press('Enter', 140, 'text').consume).toBe(false);
      expect(r.events).toEqual([]);
    }
  });
});

describe('wedge reconfigured while bound', () => {
  it('follows new settings from the next key on', () => {
    const r = rig();
    r.detector.configure({ prefix: '~', terminators: [] });
    r.burst('~ABCDEF', { suffix: null });
    r.wait(100);
    expect(r.scans()).toEqual([{ type: 'scan', code: 'ABCDEF', multiplier: null, terminator: 'timeout', raw: '~ABCDEF' }]);
    expect(r.detector.timeoutMs).toBe(80);
  });
});

describe('what the wedge takes off a burst', () => {
  it('one prefix, one AIM identifier, one suffix, and nothing that only looks like them further in', () => {
    expect(codeOfBurst(']E0]C1ABC', { prefix: '', suffix: '' })).toBe(']C1ABC');
    expect(codeOfBurst('~~ABC~~', { prefix: '~', suffix: '~' })).toBe('~ABC~');
    expect(codeOfBurst(']E0', { prefix: '', suffix: '' })).toBe(']E0');
    expect(codeOfBurst('AB]E0CD', { prefix: '', suffix: '' })).toBe('AB]E0CD');
  });

  it('keeps the AIM identifier it takes off, and only that one', () => {
    expect(splitBurst(']E0]C1ABC', { prefix: '', suffix: '' })).toEqual({ code: ']C1ABC', aim: ']E0' });
    expect(splitBurst('~]C10108710000000440#', { prefix: '~', suffix: '#' })).toEqual({ code: '0108710000000440', aim: ']C1' });
    expect(splitBurst(']E0', { prefix: '', suffix: '' })).toEqual({ code: ']E0', aim: null });
    expect(splitBurst('AB]E0CD', { prefix: '', suffix: '' })).toEqual({ code: 'AB]E0CD', aim: null });
  });
});

describe('a split scan is never a multiplier (issue 12)', () => {
  // A Bluetooth scanner or a busy PC stalls once inside a code: the front part goes out on its
  // own (by the key gap) and the digits behind the stall arrive as a short run of their own.
  const stallMs = 50;

  it('the tail of an EAN split by a stall does not multiply the next clean scan', () => {
    const r = rig();
    r.burst('875760000114', { suffix: null });
    r.press('3', stallMs);
    r.press('Enter', 8);
    r.wait(500);
    r.burst('8710000000440');
    expect(r.scans()).toEqual([
      { type: 'scan', code: '875760000114', multiplier: null, terminator: 'timeout' },
      { type: 'scan', code: '8710000000440', multiplier: null, terminator: 'Enter' },
    ]);
    expect(r.events.filter((e) => e.type === 'multiplier' || e.type === 'enter')).toEqual([]);
    expect(r.detector.multiplier).toBeNull();
  });

  it('a two-digit tail at scanner pace is no multiplier either, even long after any scan', () => {
    const r = rig();
    r.burst('87576000011', { suffix: null });
    r.press('4', stallMs);
    r.press('3', 8);
    r.wait(500);
    expect(r.detector.multiplier).toBeNull();
    // Two digits 8 ms apart with no scan before them: no person types that fast.
    r.press('1', 2000);
    r.press('2', 8);
    r.wait(500);
    expect(r.detector.multiplier).toBeNull();
    r.burst('8710000000440');
    expect(r.scans().at(-1)).toMatchObject({ code: '8710000000440', multiplier: null });
  });

  it('digits arriving right after a scan (within the double-read window) are its tail, not a multiplier', () => {
    const r = rig();
    r.burst('87576000011');
    r.press('4', 40);
    r.wait(500);
    expect(r.detector.multiplier).toBeNull();
    r.burst('8710000000440');
    expect(r.scans().at(-1)).toMatchObject({ code: '8710000000440', multiplier: null });
  });

  it('digits typed at human pace after the scan settled still multiply the next scan', () => {
    const r = rig();
    r.burst('8710000000440');
    r.type('12', 400);
    r.wait(500);
    expect(r.detector.multiplier).toBe(12);
    r.burst('8710000000457');
    expect(r.scans().at(-1)).toMatchObject({ code: '8710000000457', multiplier: 12 });
  });

  it('a typed multiplier the next scan does not follow within its time limit lapses', () => {
    const r = rig({ multiplierTimeoutMs: 10_000 });
    r.type('5', 300);
    r.wait(500);
    expect(r.detector.multiplier).toBe(5);
    r.wait(10_001);
    expect(r.events.at(-1)).toEqual({ type: 'multiplier', value: null });
    r.burst('8710000000440');
    expect(r.scans().at(-1)).toMatchObject({ multiplier: null });
  });
});

describe('key timing of the last scan (for the self-test)', () => {
  it('gives the gaps between the keys of the last burst', () => {
    const r = rig();
    r.press('A', 500);
    r.press('B', 3);
    r.press('C', 12);
    r.press('D', 5);
    r.press('Enter', 4);
    expect(r.detector.lastKeyGaps).toEqual([3, 12, 5]);
  });
});
