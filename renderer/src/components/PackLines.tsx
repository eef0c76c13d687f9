import { useCallback, useEffect, useRef } from 'react';
import type { PackLine, PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useScan, useStores } from '../stores/context';
import { selectAnswerSeq, selectLastAnswer } from '../stores/scan';
import { nextLineOf, useScannedLine } from '../use-scanned-line';
import { PackLineRow } from './PackLineRow';

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
  const { ui } = useStores();
  const answer = useScan(selectLastAnswer);
  const answerSeq = useScan(selectAnswerSeq);
  const scannedId = useScannedLine(session, answer);
  const nextId = nextLineOf(session.lines);
  const listRef = useRef<HTMLUListElement>(null);
  const onConfirm = useCallback((line: PackLine) => ui.getState().openDialog({ kind: 'confirmLine', idpicklist_product: line.idpicklist_product }), [ui]);

  // After the answer is painted, not before: scrolling waits on layout, the answer must not.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    // 'nearest' moves the list no more than it must; the scanned line goes last so it wins.
    list.querySelector('[data-next="true"]')?.scrollIntoView({ block: 'nearest' });
    list.querySelector('[data-scanned="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [scannedId, nextId, answerSeq]);

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
