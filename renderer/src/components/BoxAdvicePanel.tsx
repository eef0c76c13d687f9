import type { ShippingChoice } from '../../../shared/packing';
import type { Translate } from '../i18n';

/**
 * The box advice (issue 18): the packaging to use, big, with the barcode the packer scans to take
 * it; scanning another packaging overrides it, and the panel says which was chosen.
 */
export function BoxAdvicePanel({ shipping, t }: { shipping: ShippingChoice; t: Translate }) {
  const { advice, packaging } = shipping;
  if (!advice) return null;
  const isFollowed = packaging !== null && packaging.idpackaging === advice.idpackaging;
  return (
    <div className="box-advice" data-testid="box-advice" data-idpackaging={advice.idpackaging}>
      {/* One row, title, name and barcode, so the lines below keep their room on a short screen. */}
      <p className="box-advice__head">
        <span className="box-advice__title">{t('pack.advice.title')}</span>
        <span className="box-advice__name">{advice.name}</span>
        {advice.barcode ? <span className="box-advice__barcode">{advice.barcode}</span> : null}
      </p>
      <p className="box-advice__note-row">
        {advice.isLearned ? <span className="box-advice__note">{t('pack.advice.learned')}</span> : null}
        {packaging === null ? (
          <span className="box-advice__note">{advice.barcode ? t('pack.advice.scan') : t('pack.advice.noBarcode')}</span>
        ) : isFollowed ? (
          <span className="box-advice__note box-advice__note--ok">{t('pack.advice.followed')}</span>
        ) : (
          <span className="box-advice__note box-advice__note--other">{t('pack.advice.overridden', { name: packaging.name })}</span>
        )}
      </p>
    </div>
  );
}
