import { describe, expect, it } from 'vitest';
import { createT } from '../../renderer/src/i18n';
import { selfTestIssueText, visibleText, wedgeProblemText } from '../../renderer/src/scan/self-test-text';
import { checkWedgeSettings, defaultWedgeSettings } from '../../renderer/src/scan/settings';
import { languages } from '../../shared/domain';
import { summariseSelfTest, typedThrough, type SelfTestIssue, type SelfTestIssueCode } from '../../shared/scanner-self-test';

/** One of every finding the analyser can make; a new code without a sentence fails to compile in self-test-text.ts. */
const oneOfEach: Record<SelfTestIssueCode, SelfTestIssue> = {
  layout: { code: 'layout', scanner: 'fr', host: 'us' },
  capsLock: { code: 'capsLock' },
  groupSeparatorMissing: { code: 'groupSeparatorMissing' },
  groupSeparatorOther: { code: 'groupSeparatorOther', seen: '^]' },
  unknownCode: { code: 'unknownCode', received: '8710000000440' },
  extraPrefix: { code: 'extraPrefix', text: 'SCN' },
  extraSuffix: { code: 'extraSuffix', text: '#' },
  prefixMissing: { code: 'prefixMissing', text: '~' },
  suffixMissing: { code: 'suffixMissing', text: '$' },
  noTerminator: { code: 'noTerminator', expected: 'Enter' },
  otherTerminator: { code: 'otherTerminator', sent: 'Tab', expected: 'Enter' },
  unexpectedTerminator: { code: 'unexpectedTerminator', sent: 'Enter' },
};

describe('self-test findings in words', () => {
  it.each(languages)('%s: every finding is a whole sentence, every placeholder filled', (language) => {
    const t = createT(language);
    for (const issue of Object.values(oneOfEach)) {
      const text = selfTestIssueText(issue, t);
      expect(text, issue.code).not.toMatch(/\{\w+\}/);
      expect(text.length, issue.code).toBeGreaterThan(30);
    }
  });

  it('says what an AZERTY scanner, a QWERTZ scanner and a missing Enter are, in plain words', () => {
    const en = createT('en');
    const nl = createT('nl');
    const azerty = summariseSelfTest([{ received: typedThrough('0123456789', 'fr', 'us') ?? '', ending: 'Enter', source: 'wedge' }], {
      terminator: 'Enter',
      prefix: '',
      suffix: '',
    });
    expect(selfTestIssueText(azerty.issues[0] as SelfTestIssue, en)).toBe(
      'This scanner types as AZERTY (French keyboard), but this computer uses US keyboard (QWERTY). Set the scanner’s keyboard country to US keyboard (QWERTY); the code for that is in the scanner’s manual.',
    );
    expect(selfTestIssueText({ code: 'layout', scanner: 'de', host: 'us' }, nl)).toContain('Deze scanner typt als QWERTZ (Duits toetsenbord)');
    expect(selfTestIssueText(oneOfEach.noTerminator, en)).toBe(
      'No Enter key after a scan, so every scan waits for the timeout. Add a CR suffix in the scanner, or set “What the scanner sends after each code” to nothing.',
    );
    expect(selfTestIssueText(oneOfEach.extraPrefix, en)).toContain('The scanner adds a prefix “SCN”');
  });

  it('explains a missing or substituted group separator (FNC1) in both languages', () => {
    const en = createT('en');
    const nl = createT('nl');
    const missing = selfTestIssueText(oneOfEach.groupSeparatorMissing, en);
    expect(missing).toContain('FNC1');
    expect(missing).toContain('GS (0x1D)');
    expect(missing).toContain('Ctrl+]');
    expect(selfTestIssueText(oneOfEach.groupSeparatorMissing, nl)).toContain('Ctrl+]');
    expect(selfTestIssueText(oneOfEach.groupSeparatorMissing, nl)).toContain('scheidingsteken');
    expect(selfTestIssueText(oneOfEach.groupSeparatorOther, en)).toContain('“^]”');
    expect(selfTestIssueText(oneOfEach.groupSeparatorOther, nl)).toContain('“^]”');
    expect(visibleText('10LOT42A\x1d17')).toBe('10LOT42A\u241d17');
  });

  it('explains every rule a settings form can break', () => {
    const t = createT('nl');
    const problems = checkWedgeSettings({ ...defaultWedgeSettings, minLength: 0, prefix: '\t', maxInterKeyMs: 90, timeoutMs: 90 });
    expect(problems.map((p) => wedgeProblemText(p, t))).toEqual([
      'Gebruik een heel getal van 2 tot en met 64.',
      'Hoogstens 16 tekens, en geen besturingstekens.',
      'Moet minstens 91 zijn: langer dan de pauze tussen toetsen.',
    ]);
  });

  it('shows the spaces and tabs a scanner typed', () => {
    expect(visibleText('AB 12\t')).toBe('AB\u242312\u21e5');
  });
});
