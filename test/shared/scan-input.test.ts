import { words } from '../helpers/answer-words';
import { describe, expect, it } from 'vitest';
import { scanAnswer } from '../../shared/packing';
import { checkScanCode, displayScanCode, maxScanLength, refusedScanAnswer, type ScanCheck } from '../../shared/scan-input';

function refusal(check: ScanCheck): string {
  return check.ok ? 'accepted' : check.refusal;
}

describe('checkScanCode', () => {
  it('accepts barcodes as scanners send them, trimming the suffix', () => {
    expect(checkScanCode('8712345000014')).toEqual({ ok: true, code: '8712345000014' });
    expect(checkScanCode('8712345000014\r\n')).toEqual({ ok: true, code: '8712345000014' });
    expect(checkScanCode('\t 8712345000014 \t')).toEqual({ ok: true, code: '8712345000014' });
    expect(checkScanCode(']C1010871234500001410AB12\x1d17261231')).toEqual({ ok: true, code: ']C1010871234500001410AB12\x1d17261231' });
    expect(checkScanCode('PS #73 / ITQRFWVHT')).toEqual({ ok: true, code: 'PS #73 / ITQRFWVHT' });
    expect(checkScanCode('PD:COMPLETE')).toEqual({ ok: true, code: 'PD:COMPLETE' });
    expect(checkScanCode('Größe-XL-ÉÀ')).toEqual({ ok: true, code: 'Größe-XL-ÉÀ' });
    expect(checkScanCode('x'.repeat(maxScanLength)).ok).toBe(true);
  });

  it('refuses an empty scan, or one of only whitespace', () => {
    for (const raw of ['', ' ', '\r\n', '\t\t']) {
      const check = checkScanCode(raw);
      expect(refusal(check), JSON.stringify(raw)).toBe('empty');
      expect(check.ok ? '' : words(check)).toBe('Empty scan: the scanner sent nothing readable. Scan again.');
    }
  });

  it('refuses a 4 KB burst, saying how long it was, and shows only its start', () => {
    const burst = 'ABCDEFGH'.repeat(512);
    const check = checkScanCode(burst);
    if (check.ok) throw new Error('a 4 KB burst was accepted');
    expect(check.refusal).toBe('too_long');
    expect(words(check)).toBe(
      'Not a barcode: 4,096 characters arrived at once (a barcode has at most 256). Scan again; if it happens again, check the scanner.',
    );
    expect(check.shown).toBe(`${'ABCDEFGH'.repeat(6)}… (4096 characters)`);
    expect(refusal(checkScanCode('x'.repeat(maxScanLength + 1)))).toBe('too_long');
  });

  it('refuses control characters inside a scan, naming the one it found', () => {
    const cases: Array<[string, string]> = [
      ['12345\x07678', '\u2407'],
      ['ABC\x00DEF', '\u2400'],
      ['\x1b[31mRED', '\u241B'],
      ['AB\x7fCD', '\u2421'],
      ['AB\u0085CD', '<U+0085>'],
      ['AB\tCD', '\u2409'],
      ['invoice\u202Egpj.exe', '<U+202E>'],
      ['87123\u200B45000014', '<U+200B>'],
      ['\uFEFF8712345000014', '<U+FEFF>'],
    ];
    for (const [raw, pictured] of cases) {
      const check = checkScanCode(raw);
      if (check.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
      expect(check.refusal, JSON.stringify(raw)).toBe('control_characters');
      expect(words(check)).toBe(`Not a barcode: the scan contains a control character (${pictured}). Check the scanner's prefix and suffix settings.`);
    }
  });

  it('refuses text that was not valid UTF-8 on the way in: U+FFFD, lone surrogates, noncharacters', () => {
    for (const raw of ['ABC\uFFFD', '\uD800ABC', 'ABC\uDC00', 'AB\uDBFF', 'AB\uFFFE']) {
      const check = checkScanCode(raw);
      expect(refusal(check), JSON.stringify(raw)).toBe('unreadable');
      expect(check.ok ? '' : words(check)).toContain('could not be read');
    }
    expect(checkScanCode('BOX-\uD83D\uDCE6').ok).toBe(true);
  });
});

describe('displayScanCode', () => {
  it('makes every character visible, so nothing invisible reaches the screen or the log', () => {
    expect(displayScanCode('A\x00B\x1dC\r\n')).toBe('A\u2400B\u241DC\u240D\u240A');
    expect(displayScanCode('A\uD800B')).toBe('A\uFFFDB');
    const shown = displayScanCode('\x07'.repeat(4096));
    expect(shown).toBe(`${'\u2407'.repeat(48)}… (4096 characters)`);
    // eslint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\x00-\x1f\x7f]/);
  });
});

describe('refusedScanAnswer', () => {
  it('answers in the contract\'s shape, as a scan that found nothing and counted nothing', () => {
    const check = checkScanCode('AB\x07CD');
    if (check.ok) throw new Error('accepted');
    const answer = refusedScanAnswer(check, 3, 12);
    expect(scanAnswer.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({ kind: 'not_found', outcome: null, code: 'AB\u2407CD', amount: 3, revision: 12, reason: check.reason });
  });
});
