import { describe, expect, it } from 'vitest';
import { WedgeDetector, type FocusKind, type WedgeDecision, type WedgeEvent, type WedgeOptions } from '../../renderer/src/scan/wedge';

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
