import { describe, expect, it } from 'vitest';
import { wedgeKeyOf } from '../../renderer/src/scan/keyboard';

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
