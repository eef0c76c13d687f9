import { describe, expect, it } from 'vitest';
import {
  analyseReading,
  judgeGroupSeparator,
  keyTimingOf,
  layoutCodes,
  layoutMismatches,
  sheetCodes,
  summariseSelfTest,
  typedThrough,
  withCapsLock,
  type KeyboardLayout,
  type ScanEnding,
  type SelfTestReading,
  type SelfTestSettings,
  type SheetCodeId,
} from '../../shared/scanner-self-test';

const stationDefaults: SelfTestSettings = { terminator: 'Enter', prefix: '', suffix: '' };

function value(id: SheetCodeId): string {
  const code = sheetCodes.find((c) => c.id === id);
  if (!code) throw new Error(`no sheet code ${id}`);
  return code.value;
}

const wedge = (received: string, ending: ScanEnding = 'Enter'): SelfTestReading => ({ received, ending, source: 'wedge' });

/*
 * What each wrong keyboard setting makes of the sheet, worked out by hand from the Windows
 * layouts (US, French AZERTY, German QWERTZ), not from the code under test: the scanner presses
 * the key its own layout has for a character, the computer reads that key with its layout.
 */
const byHand: Record<string, Partial<Record<SheetCodeId, string>>> = {
  // Scanner set to AZERTY on a US computer: a/q and z/w swap, m is on ; and every digit is shifted.
  'fr>us': { letters: 'QWAZ:Yqwaz;y', digits: ')!@#$%^&*(', symbols: '6>,4<m8' },
  // Scanner set to QWERTZ on a US computer: y/z swap, the digits are where US has them.
  'de>us': { letters: 'AYQWMZayqwmz', digits: '0123456789', symbols: '/&<|.,?' },
  // A US scanner on a French computer: the digit row types its unshifted AZERTY characters.
  'us>fr': { letters: 'QWAZ?Yqwaz,y', digits: `à&é"'(-è_ç`, symbols: ')!mù:;°' },
  // A US scanner on a German computer.
  'us>de': { letters: 'AYQWMZayqwmz', digits: '0123456789', symbols: 'ß-öä.,?' },
};

function scanAs(scanner: KeyboardLayout, host: KeyboardLayout, id: SheetCodeId): string {
  const text = byHand[`${scanner}>${host}`]?.[id];
  if (text === undefined) throw new Error(`no hand-made reading for ${scanner}>${host}`);
  return text;
}

describe('keyboard layouts', () => {
  it.each(Object.entries(byHand))('%s types the sheet the way worked out by hand', (pair, expected) => {
    const [scanner, host] = pair.split('>') as [KeyboardLayout, KeyboardLayout];
    for (const code of layoutCodes) expect(typedThrough(code.value, scanner, host), `${pair} ${code.id}`).toBe(expected[code.id]);
  });

  it('a scanner and computer on the same layout type every sheet code as printed', () => {
    for (const layout of ['us', 'fr', 'de'] as const) {
      for (const code of layoutCodes) expect(typedThrough(code.value, layout, layout)).toBe(code.value);
    }
  });

  it('every sheet code is typeable without AltGr or a dead key in every layout pair', () => {
    for (const pair of layoutMismatches) {
      for (const code of layoutCodes) {
        const typed = typedThrough(code.value, pair.scanner, pair.host);
        expect(typed, `${pair.scanner}>${pair.host} ${code.id}`).not.toBeNull();
        expect([...(typed ?? '')]).toHaveLength([...code.value].length);
      }
    }
  });

  it('each wrong setting garbles at least one sheet code in its own way', () => {
    const fingerprints = layoutMismatches.map((pair) => layoutCodes.map((c) => typedThrough(c.value, pair.scanner, pair.host)).join('|'));
    expect(new Set(fingerprints).size).toBe(layoutMismatches.length);
    const correct = layoutCodes.map((c) => c.value).join('|');
    expect(fingerprints).not.toContain(correct);
  });
});

describe('reading one scan', () => {
  it('a correct scanner: the code as printed, Enter after it, nothing to fix', () => {
    for (const code of sheetCodes) {
      expect(analyseReading(wedge(code.value), stationDefaults)).toEqual({ codeId: code.id, isExact: true, layouts: [], aim: null, issues: [] });
    }
  });

  it('a scanner typing AZERTY on a US computer is told as that, for letters, digits and punctuation', () => {
    for (const id of ['letters', 'digits', 'symbols'] as const) {
      const analysis = analyseReading(wedge(scanAs('fr', 'us', id)), stationDefaults);
      expect(analysis.codeId).toBe(id);
      expect(analysis.isExact).toBe(false);
      expect(analysis.issues).toEqual([{ code: 'layout', scanner: 'fr', host: 'us' }]);
    }
  });

  it('a scanner typing QWERTZ on a US computer is told as that from letters or punctuation, and its digits are fine', () => {
    expect(analyseReading(wedge(scanAs('de', 'us', 'symbols')), stationDefaults).issues).toEqual([{ code: 'layout', scanner: 'de', host: 'us' }]);
    const letters = analyseReading(wedge(scanAs('de', 'us', 'letters')), stationDefaults);
    expect(letters.issues[0]).toMatchObject({ code: 'layout' });
    // y/z swap the same way in both directions: from letters alone either could be true.
    expect(letters.layouts).toEqual(expect.arrayContaining([{ scanner: 'de', host: 'us' }, { scanner: 'us', host: 'de' }]));
    expect(analyseReading(wedge(scanAs('de', 'us', 'digits')), stationDefaults).issues).toEqual([]);
  });

  it('a US scanner on a French or German computer is told the other way round', () => {
    expect(analyseReading(wedge(scanAs('us', 'fr', 'digits')), stationDefaults).issues).toEqual([{ code: 'layout', scanner: 'us', host: 'fr' }]);
    expect(analyseReading(wedge(scanAs('us', 'de', 'symbols')), stationDefaults).issues).toEqual([{ code: 'layout', scanner: 'us', host: 'de' }]);
  });

  it('a scanner without a suffix: the code is right, and it says to add CR or set the terminator to none', () => {
    const analysis = analyseReading(wedge(value('letters'), 'timeout'), stationDefaults);
    expect(analysis.isExact).toBe(true);
    expect(analysis.issues).toEqual([{ code: 'noTerminator', expected: 'Enter' }]);
    // The same scanner on a station set to "none" is right.
    expect(analyseReading(wedge(value('letters'), 'timeout'), { ...stationDefaults, terminator: 'none' }).issues).toEqual([]);
  });

  it('a Tab suffix on an Enter station, and an Enter on a station set to none', () => {
    expect(analyseReading(wedge(value('digits'), 'Tab'), stationDefaults).issues).toEqual([{ code: 'otherTerminator', sent: 'Tab', expected: 'Enter' }]);
    expect(analyseReading(wedge(value('digits'), 'Tab'), { ...stationDefaults, terminator: 'Tab' }).issues).toEqual([]);
    expect(analyseReading(wedge(value('digits'), 'Enter'), { ...stationDefaults, terminator: 'none' }).issues).toEqual([
      { code: 'unexpectedTerminator', sent: 'Enter' },
    ]);
  });

  it('names a prefix and a suffix the scanner adds that the station does not know about', () => {
    const analysis = analyseReading(wedge(`SCN${value('digits')}#`), stationDefaults);
    expect(analysis.codeId).toBe('digits');
    expect(analysis.issues).toEqual([
      { code: 'extraPrefix', text: 'SCN' },
      { code: 'extraSuffix', text: '#' },
    ]);
  });

  it('a prefix and suffix the station is set to expect are fine; missing ones are named', () => {
    const settings = { ...stationDefaults, prefix: '~', suffix: '$' };
    expect(analyseReading(wedge(`~${value('symbols')}$`), settings).issues).toEqual([]);
    expect(analyseReading(wedge(value('symbols')), settings).issues).toEqual([
      { code: 'prefixMissing', text: '~' },
      { code: 'suffixMissing', text: '$' },
    ]);
  });

  it('an AIM identifier is noted, not a problem, before or after the prefix', () => {
    expect(analyseReading(wedge(`]C0${value('letters')}`), stationDefaults)).toMatchObject({ aim: ']C0', issues: [] });
    expect(analyseReading(wedge(`~]C0${value('letters')}`), { ...stationDefaults, prefix: '~' })).toMatchObject({ aim: ']C0', issues: [] });
    expect(analyseReading(wedge(`]C0~${value('letters')}`), { ...stationDefaults, prefix: '~' })).toMatchObject({ aim: ']C0', issues: [] });
  });

  it('Caps Lock on turns the case of the letters round', () => {
    expect(analyseReading(wedge(withCapsLock(value('letters'))), stationDefaults).issues).toEqual([{ code: 'capsLock' }]);
    expect(withCapsLock('AZqw-1')).toBe('azQW-1');
  });

  it('something not on the sheet is said to be so, with what arrived', () => {
    expect(analyseReading(wedge('8710000000440'), stationDefaults).issues).toEqual([{ code: 'unknownCode', received: '8710000000440' }]);
  });

  it('for a serial or HID scanner the keyboard and the Enter do not matter; its line ending is not a suffix', () => {
    const serial: SelfTestReading = { received: `${value('symbols')}\r\n`, ending: 'timeout', source: 'serial' };
    expect(analyseReading(serial, stationDefaults).issues).toEqual([]);
    const garbled: SelfTestReading = { received: scanAs('fr', 'us', 'symbols'), ending: 'timeout', source: 'hid' };
    expect(analyseReading(garbled, stationDefaults).issues).toEqual([{ code: 'unknownCode', received: scanAs('fr', 'us', 'symbols') }]);
  });
});

describe('the verdict over the whole sheet', () => {
  const allOf = (read: (id: SheetCodeId) => string, ending: ScanEnding = 'Enter', codes = layoutCodes) => codes.map((c) => wedge(read(c.id), ending));

  it('waits for a first scan, then asks for the rest, then says all good', () => {
    expect(summariseSelfTest([], stationDefaults).status).toBe('waiting');
    const one = summariseSelfTest([wedge(value('letters'))], stationDefaults);
    expect(one).toMatchObject({ status: 'incomplete', read: ['letters'], missing: ['digits', 'symbols', 'gs1'], issues: [] });
    expect(summariseSelfTest(allOf(value, 'Enter', sheetCodes), stationDefaults)).toEqual({ status: 'good', issues: [], read: ['letters', 'digits', 'symbols', 'gs1'], missing: [], aim: null });
  });

  it('tells AZERTY, QWERTZ and a missing suffix apart from each other and from a correct scanner', () => {
    const verdicts = {
      correct: summariseSelfTest(allOf(value, 'Enter', sheetCodes), stationDefaults),
      azerty: summariseSelfTest(allOf((id) => scanAs('fr', 'us', id)), stationDefaults),
      qwertz: summariseSelfTest(allOf((id) => scanAs('de', 'us', id)), stationDefaults),
      noSuffix: summariseSelfTest(allOf(value, 'timeout', sheetCodes), stationDefaults),
    };
    expect(verdicts.correct.status).toBe('good');
    expect(verdicts.azerty).toMatchObject({ status: 'problems', issues: [{ code: 'layout', scanner: 'fr', host: 'us' }] });
    // The QWERTZ scanner's digits arrive right; its letters and punctuation do not.
    expect(verdicts.qwertz).toMatchObject({ status: 'problems', issues: [{ code: 'layout', scanner: 'de', host: 'us' }], read: ['digits'] });
    expect(verdicts.noSuffix).toMatchObject({ status: 'problems', issues: [{ code: 'noTerminator', expected: 'Enter' }], missing: [] });
    const first = Object.values(verdicts).map((v) => JSON.stringify(v.issues[0] ?? null));
    expect(new Set(first).size).toBe(4);
  });

  it('a QWERTZ scanner whose letters were scanned first is still told once its punctuation comes in', () => {
    const letters = summariseSelfTest([wedge(scanAs('de', 'us', 'letters'))], stationDefaults);
    expect(letters.issues).toEqual([{ code: 'layout', scanner: 'de', host: 'us' }]);
    const both = summariseSelfTest([wedge(scanAs('us', 'de', 'letters')), wedge(scanAs('us', 'de', 'symbols'))], stationDefaults);
    expect(both.issues).toEqual([{ code: 'layout', scanner: 'us', host: 'de' }]);
  });

  it('an AZERTY scanner without a suffix gets both, the layout first, each once', () => {
    const report = summariseSelfTest(allOf((id) => scanAs('fr', 'us', id), 'timeout'), stationDefaults);
    expect(report.issues).toEqual([
      { code: 'layout', scanner: 'fr', host: 'us' },
      { code: 'noTerminator', expected: 'Enter' },
    ]);
  });
});

describe('key timing from the test scans (issue 12)', () => {
  const reading = (keyGaps: number[]): SelfTestReading => ({ received: 'X', ending: 'Enter', source: 'wedge', keyGaps });

  it('measures the widest and the 95th-percentile gap, and recommends twice the widest', () => {
    const gaps = [...Array<number>(95).fill(4), 6, 8, 10, 12, 30];
    const timing = keyTimingOf([reading(gaps.slice(0, 50)), reading(gaps.slice(50))]);
    expect(timing).toEqual({ keys: 100, maxGapMs: 30, p95GapMs: 4, recommendedMs: 60 });
  });

  it('never recommends less than the default nor more than the setting allows', () => {
    expect(keyTimingOf([reading([2, 3, 5])])?.recommendedMs).toBe(35);
    expect(keyTimingOf([reading([20, 150])])?.recommendedMs).toBe(200);
  });

  it('has nothing to say without timed wedge scans', () => {
    expect(keyTimingOf([])).toBeNull();
    expect(keyTimingOf([{ received: 'X', ending: 'Enter', source: 'serial' }])).toBeNull();
  });
});

describe('the GS1 code and its group separator (FNC1)', () => {
  const gs1 = value('gs1');
  const [head = '', tail = ''] = gs1.split('\x1d');

  it('is a GS1 element string with a variable-length lot followed by GS, then a best-before date', () => {
    expect(gs1).toBe('0109501101530003' + '10LOT42A' + '\x1d' + '17301231');
    expect(sheetCodes.find((c) => c.id === 'gs1')?.printed).toBe('(01)09501101530003(10)LOT42A(17)301231');
  });

  it('judges the separator: GS is fine, nothing means the lot runs on, anything else is named', () => {
    expect(judgeGroupSeparator(gs1)).toEqual({ status: 'ok' });
    expect(judgeGroupSeparator(`${head}${tail}`)).toEqual({ status: 'missing' });
    expect(judgeGroupSeparator(`${head}~${tail}`)).toEqual({ status: 'other', seen: '~' });
    expect(judgeGroupSeparator(`]C1${head}^]${tail}`)).toEqual({ status: 'other', seen: '^]' });
    expect(judgeGroupSeparator(value('digits'))).toBeNull();
  });

  it('a GS1 code arriving with GS is read, with its AIM identifier noted', () => {
    expect(analyseReading(wedge(`]C1${gs1}`), stationDefaults)).toEqual({ codeId: 'gs1', isExact: true, layouts: [], aim: ']C1', issues: [] });
  });

  it('without the separator, or with a substitute, the scan is the GS1 code and the issue says so; the ending is still judged', () => {
    expect(analyseReading(wedge(`${head}${tail}`), stationDefaults)).toMatchObject({ codeId: 'gs1', isExact: false, issues: [{ code: 'groupSeparatorMissing' }] });
    expect(analyseReading(wedge(`${head}~${tail}`, 'timeout'), stationDefaults).issues).toEqual([
      { code: 'groupSeparatorOther', seen: '~' },
      { code: 'noTerminator', expected: 'Enter' },
    ]);
    const report = summariseSelfTest([...layoutCodes.map((c) => wedge(c.value)), wedge(`${head}${tail}`)], stationDefaults);
    expect(report).toMatchObject({ status: 'problems', issues: [{ code: 'groupSeparatorMissing' }], missing: ['gs1'] });
  });
});
