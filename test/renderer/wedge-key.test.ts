import { describe, expect, it } from 'vitest';
import { wedgeKeyOf } from '../../renderer/src/scan/keyboard';
import { WedgeDetector, type WedgeEvent } from '../../renderer/src/scan/wedge';
import { gs1SheetCode } from '../../shared/scanner-self-test';

/*
 * Which character a keydown gives the wedge. A scanner that sends the GS1 group separator (FNC1)
 * through a keyboard presses Ctrl+] (the ASCII control key for GS): that is part of the scan, not
 * a shortcut, and must reach the detector as GS, or every lot runs into the next AI.
 */
const key = (k: string, extra: Partial<{ code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  code: extra.code ?? '',
  ctrlKey: extra.ctrlKey ?? false,
  metaKey: extra.metaKey ?? false,
  altKey: extra.altKey ?? false,
});

describe('wedgeKeyOf', () => {
  it('Ctrl+] is the group separator GS, whatever character the layout puts on that key', () => {
    expect(wedgeKeyOf(key(']', { code: 'BracketRight', ctrlKey: true }))).toBe('\x1d');
    // On a German layout the key right of P types +; the scanner still presses that key.
    expect(wedgeKeyOf(key('+', { code: 'BracketRight', ctrlKey: true }))).toBe('\x1d');
  });

  it('other Ctrl and Cmd shortcuts are not typing; AltGr (Ctrl+Alt) is', () => {
    expect(wedgeKeyOf(key('c', { code: 'KeyC', ctrlKey: true }))).toBeNull();
    expect(wedgeKeyOf(key(']', { code: 'BracketRight', metaKey: true }))).toBeNull();
    expect(wedgeKeyOf(key('@', { code: 'KeyQ', ctrlKey: true, altKey: true }))).toBe('@');
    expect(wedgeKeyOf(key('a', { code: 'KeyA' }))).toBe('a');
    expect(wedgeKeyOf(key('Enter', { code: 'Enter' }))).toBe('Enter');
  });
});

describe('a GS1 scan typed through the keyboard', () => {
  it('keeps the group separator from Ctrl+] inside the scan', () => {
    const events: WedgeEvent[] = [];
    const detector = new WedgeDetector((event) => events.push(event));
    let now = 1000;
    for (const ch of gs1SheetCode.value) {
      now += 8;
      const k = ch === '\x1d' ? wedgeKeyOf(key(']', { code: 'BracketRight', ctrlKey: true })) : wedgeKeyOf(key(ch));
      detector.key({ key: k ?? '', time: now, focus: 'none' });
    }
    detector.key({ key: 'Enter', time: now + 8, focus: 'none' });
    const scan = events.find((e) => e.type === 'scan');
    expect(scan?.type === 'scan' ? scan.code : null).toBe(gs1SheetCode.value);
  });
});
