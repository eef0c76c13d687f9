import { describe, expect, it } from 'vitest';
import { catalogues, createT, isMessageKey } from '../../renderer/src/i18n';
import { answerHeadline } from '../../renderer/src/scan/answer-text';
import { languages } from '../../shared/domain';
import { packLineFixture, sessionFixture } from './fake-api';
import { scanAnswer, scanAnswerOf, scanCommands, scanOutcomes, type ScanAnswer } from '../../shared/packing';

const answerKinds = scanAnswer.shape.kind.options;

function answer(overrides: Partial<ScanAnswer>): ScanAnswer {
  return scanAnswerOf({
    kind: 'product',
    code: '8710000000440',
    product: { idproduct: 1, name: 'Koffiebonen 1 kg', productcode: 'KB-1', image: null },
    revision: 1,
    ...overrides,
  });
}

describe('pack loop sentences', () => {
  it.each(languages)('%s has a sentence for every scan outcome, answer kind and command', (language) => {
    for (const outcome of scanOutcomes) expect(isMessageKey(`answer.outcome.${outcome}`), outcome).toBe(true);
    for (const kind of answerKinds) expect(isMessageKey(`answer.kind.${kind}`), kind).toBe(true);
    for (const command of scanCommands) expect(isMessageKey(`answer.command.${command}`), command).toBe(true);
    const t = createT(language);
    for (const outcome of scanOutcomes) {
      const text = answerHeadline(answer({ outcome }), null, t);
      expect(text, `${language} ${outcome}`).not.toMatch(/\{\w+\}/);
      expect(text.length).toBeGreaterThan(5);
    }
    for (const kind of answerKinds) {
      const text = answerHeadline(answer({ kind, outcome: null, command: kind === 'command' ? 'UNDO' : null }), null, t);
      expect(text, `${language} ${kind}`).not.toMatch(/\{\w+\}/);
    }
    expect(Object.keys(catalogues[language]).length).toBe(Object.keys(catalogues.en).length);
  });

  it('names the wrong product, in Dutch with the floor words', () => {
    const nl = createT('nl');
    expect(answerHeadline(answer({ outcome: 'wrong_item' }), null, nl)).toBe('Verkeerd artikel: Koffiebonen 1 kg staat niet op deze picklijst');
    expect(nl('history.print.packing_slip')).toBe('Pakbon');
    expect(nl('history.print.label')).toBe('Verzendlabel');
    expect(nl('nav.pack')).toBe('Inpakken');
  });

  it('tells two lines of the same name apart by their product code (issue 14)', () => {
    const en = createT('en');
    const line = (id: number, productcode: string) => ({ ...packLineFixture(id), name: 'Muts geel', productcode });
    const session = { ...sessionFixture(), lines: [line(1, 'MUTS-GL-1'), line(2, 'MUTS-GL-2')] };
    const counted = answer({ outcome: 'counted', product: { idproduct: 2, name: 'Muts geel', productcode: 'MUTS-GL-2', image: null } });
    expect(answerHeadline(counted, session, en)).toBe('Counted: Muts geel (MUTS-GL-2)');
    // One line of that name: the name alone says it.
    expect(answerHeadline(counted, { ...session, lines: [line(2, 'MUTS-GL-2')] }, en)).toBe('Counted: Muts geel');
  });
});
