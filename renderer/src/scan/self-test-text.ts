import type { ScanEnding, SelfTestIssue, SheetCodeId } from '../../../shared/scanner-self-test';
import type { Translate } from '../i18n';
import type { WedgeSettingsProblem } from './settings';

/*
 * The self-test's findings and the wedge settings' problems in the packer's language. The
 * analyser in shared/ answers with codes, as errors do; the sentences are in the catalogue.
 */

/** What to set in the scanner for each suffix key: scanner manuals call them CR and TAB. */
const suffixNames = { Enter: 'CR', Tab: 'TAB' } as const;

export function endingText(ending: ScanEnding, t: Translate): string {
  return t(`selfTest.ending.${ending}`);
}

export function sheetCodeText(id: SheetCodeId | null, t: Translate): string {
  return id ? t(`selfTest.code.${id}`) : t('selfTest.code.unknown');
}

export function selfTestIssueText(issue: SelfTestIssue, t: Translate): string {
  switch (issue.code) {
    case 'layout':
      return t('selfTest.issue.layout', { scanner: t(`selfTest.layout.${issue.scanner}`), host: t(`selfTest.layout.${issue.host}`) });
    case 'capsLock':
      return t('selfTest.issue.capsLock');
    case 'groupSeparatorMissing':
      return t('selfTest.issue.groupSeparatorMissing');
    case 'groupSeparatorOther':
      return t('selfTest.issue.groupSeparatorOther', { seen: visibleText(issue.seen) });
    case 'unknownCode':
      return t('selfTest.issue.unknownCode', { received: issue.received });
    case 'extraPrefix':
      return t('selfTest.issue.extraPrefix', { text: issue.text });
    case 'extraSuffix':
      return t('selfTest.issue.extraSuffix', { text: issue.text });
    case 'prefixMissing':
      return t('selfTest.issue.prefixMissing', { text: issue.text });
    case 'suffixMissing':
      return t('selfTest.issue.suffixMissing', { text: issue.text });
    case 'noTerminator':
      return t('selfTest.issue.noTerminator', { expected: endingText(issue.expected, t), suffix: suffixNames[issue.expected] });
    case 'otherTerminator':
      return t('selfTest.issue.otherTerminator', {
        sent: endingText(issue.sent, t),
        expected: endingText(issue.expected, t),
        suffix: suffixNames[issue.expected],
      });
    case 'unexpectedTerminator':
      return t('selfTest.issue.unexpectedTerminator', { sent: endingText(issue.sent, t) });
  }
}

export function wedgeProblemText(problem: WedgeSettingsProblem, t: Translate): string {
  switch (problem.problem) {
    case 'range':
      return t('wedge.problem.range', { min: problem.min, max: problem.max });
    case 'text':
      return t('wedge.problem.text', { max: problem.max });
    case 'belowInterKey':
      return t('wedge.problem.belowInterKey', { min: problem.min });
  }
}

/** What arrived, with the invisible made visible: a space, a tab or the GS1 group separator in a scan is a finding too. */
export function visibleText(text: string): string {
  return text.replaceAll('\x1d', '\u241d').replace(/ /g, '\u2423').replace(/\t/g, '\u21e5').replace(/\r/g, '\u240d').replace(/\n/g, '\u240a');
}
