import type { ShippingChoice } from '../../../shared/packing';
import type { Translate } from '../i18n';

/** Names as a sentence says them: "A, B and C". */
function listOf(names: readonly string[], t: Translate): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${t('list.and')} ${names[names.length - 1] ?? ''}`;
}

/**
 * The box advice (issue 18): the packaging to use, large, with the barcode the packer scans to take
 * it; scanning another packaging overrides it, and the panel says which was chosen. Products that
 * take several boxes get a packaging per box: the panel advises the current box and names them all.
 */
export function BoxAdvicePanel({ shipping, t }: { shipping: ShippingChoice; t: Translate }) {
  const { advice, boxes, currentBox } = shipping;
  if (!advice) return null;
  const count = advice.boxes.length;
  const names = listOf(
    advice.boxes.map((b) => b.name),
    t,
  );
  const advised = advice.boxes[currentBox - 1];
  if (!advised) {
    return (
      <div className="box-advice" data-testid="box-advice" data-idpackaging={advice.idpackaging}>
        <p className="box-advice__note-row">{t('pack.advice.beyond', { count, names })}</p>
      </div>
    );
  }
  const chosen = boxes[currentBox - 1]?.packaging ?? (currentBox === 1 ? shipping.packaging : null);
  const isFollowed = chosen !== null && chosen.idpackaging === advised.idpackaging;
  return (
    <div className="box-advice" data-testid="box-advice" data-idpackaging={advised.idpackaging} data-box={currentBox}>
      {/* One row, title, name and barcode, so the lines below keep their room on a short screen. */}
      <p className="box-advice__head">
        <span className="box-advice__title">{count > 1 ? t('pack.advice.boxOf', { box: currentBox, count }) : t('pack.advice.title')}</span>
        <span className="box-advice__name">{advised.name}</span>
        {advised.barcode ? <span className="box-advice__barcode">{advised.barcode}</span> : null}
      </p>
      <p className="box-advice__note-row">
        {count > 1 ? <span className="box-advice__note">{t('pack.advice.split', { count, names })}</span> : null}
        {advice.isLearned ? <span className="box-advice__note">{t('pack.advice.learned')}</span> : null}
        {chosen === null ? (
          <span className="box-advice__note">{advised.barcode ? t('pack.advice.scan') : t('pack.advice.noBarcode')}</span>
        ) : isFollowed ? (
          <span className="box-advice__note box-advice__note--ok">{t('pack.advice.followed')}</span>
        ) : (
          <span className="box-advice__note box-advice__note--other">{t('pack.advice.overridden', { name: chosen.name })}</span>
        )}
      </p>
    </div>
  );
}
