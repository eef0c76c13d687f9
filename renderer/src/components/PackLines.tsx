import { useCallback, useEffect, useRef } from 'react';
import type { PackLine, PackSession, ScanOutcome } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useScan, useStores } from '../stores/context';
import type { ScanStore } from '../stores/scan';
import { revealInList } from '../reveal-in-list';
import { nextLineOf, useScannedLine } from '../use-scanned-line';
import { PackLineRow } from './PackLineRow';

/** Outcomes that change a line's count, or (too many) say which line is full. */
const lineOutcomes: ReadonlySet<ScanOutcome> = new Set(['counted', 'line_complete', 'all_verified', 'too_many', 'set_scanned']);

/**
 * The answer's number when it was about a line (a product counted, an undo, a hand-confirm), else
 * 0: an unknown, partial or wrong barcode changes no line and moves nothing, and does not even
 * render the list again (no layout forced while the answer is on its way to the screen).
 */
const selectLineAnswerSeq = (s: ScanStore): number => {
  const answer = s.lastAnswer;
  const isAboutLine = answer?.kind === 'undone' || (answer?.kind === 'product' && answer.outcome !== null && lineOutcomes.has(answer.outcome));
  return isAboutLine ? s.answerSeq : 0;
};

interface Props {
  session: PackSession;
  t: Translate;
  canConfirm: boolean;
}

/**
 * The picklist's lines, in a list that scrolls by itself while the counter and the answer stay put.
 * After every answer the line just scanned is brought into view (and the next one to scan, where
 * both fit), so a packer on a small screen never scrolls to see what the scan did.
 */
export function PackLines({ session, t, canConfirm }: Props) {
  const { ui, scan } = useStores();
  const lineAnswerSeq = useScan(selectLineAnswerSeq);
  // The answer itself is only read when the lines changed or the screen came back.
  const scannedId = useScannedLine(session, () => scan.getState().lastAnswer);
  const nextId = nextLineOf(session.lines);
  const listRef = useRef<HTMLUListElement>(null);
  const onConfirm = useCallback((line: PackLine) => ui.getState().openDialog({ kind: 'confirmLine', idpicklist_product: line.idpicklist_product }), [ui]);

  // Scrolling forces a layout: it waits for the next frame, so the commit that puts the answer
  // on screen never does it, and only answers about a line ask for it. A banner coming or going
  // above the list changes its height: then the lines are brought into view again.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const reveal = () => {
      // The next line first, then the scanned one, so the scanned line wins where both do not fit.
      revealInList(list, list.querySelector('[data-next="true"]'));
      revealInList(list, list.querySelector('[data-scanned="true"]'));
    };
    const frame = requestAnimationFrame(reveal);
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(reveal);
    resized?.observe(list);
    return () => {
      cancelAnimationFrame(frame);
      resized?.disconnect();
    };
  }, [scannedId, nextId, lineAnswerSeq]);

  return (
    <ul className="pack-lines" aria-label={t('pack.lines.title')} ref={listRef}>
      {session.lines.map((line) => (
        <PackLineRow
          key={line.idpicklist_product}
          line={line}
          t={t}
          onConfirm={onConfirm}
          canConfirm={canConfirm}
          isScanned={line.idpicklist_product === scannedId}
          isNext={line.idpicklist_product === nextId}
        />
      ))}
    </ul>
  );
}
