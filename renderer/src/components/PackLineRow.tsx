import { memo } from 'react';
import type { PackLine } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useStores } from '../stores/context';
import { PackLineImage } from './PackLineImage';

interface Props {
  line: PackLine;
  t: Translate;
  onConfirm: (line: PackLine) => void;
  canConfirm: boolean;
  /** The line the last scan (or undo, or hand-confirm) changed: highlighted. */
  isScanned: boolean;
  /** The first line still to scan: marked "Next". */
  isNext: boolean;
}

/**
 * Memoised: a scan changes one line, and the session store keeps the others as the same objects,
 * so only that row renders again (a picklist can have a hundred).
 */
export const PackLineRow = memo(function PackLineRow({ line, t, onConfirm, canConfirm, isScanned, isNext }: Props) {
  const { productLabels } = useStores();
  const isDone = line.verified >= line.amount;
  const classes = ['pack-line'];
  if (isDone) classes.push('pack-line--done');
  if (line.parentId !== null) classes.push('pack-line--part');
  if (line.isComposition) classes.push('pack-line--composition');
  if (isScanned) classes.push('pack-line--scanned');
  if (isNext) classes.push('pack-line--next');

  return (
    <li className={classes.join(' ')} data-idpicklist-product={line.idpicklist_product} data-done={isDone} data-scanned={isScanned} data-next={isNext}>
      <PackLineImage src={line.image} alt={line.name} placeholder={t('pack.line.noImage')} />
      <div className="pack-line__what">
        <p className="pack-line__name">
          {isNext ? <span className="pack-line__next">{t('pack.line.next')}</span> : null}
          {isScanned ? <span className="visually-hidden">{t('pack.line.scanned')}: </span> : null}
          {line.name}
        </p>
        <p className="pack-line__meta">
          <span className="pack-line__code">{line.productcode}</span>
          <span className="pack-line__location">
            {line.stockLocation ? t('pack.line.location', { location: line.stockLocation }) : t('pack.line.noLocation')}
          </span>
          {!line.hasBarcode && !line.isComposition ? <span className="badge badge--paused">{t('pack.line.noBarcode')}</span> : null}
        </p>
        {line.isComposition ? <p className="pack-line__note">{t('pack.line.composition')}</p> : null}
        {line.remarks ? <p className="pack-line__note pack-line__note--remark">{t('pack.line.remarks', { remarks: line.remarks })}</p> : null}
        {line.manualReason ? <p className="pack-line__note">{t('pack.line.manual', { reason: line.manualReason })}</p> : null}
      </div>
      <div className="pack-line__count" aria-label={t('pack.line.count', { verified: line.verified, amount: line.amount })}>
        <span className="pack-line__verified">{line.verified}</span>
        <span className="pack-line__of">/</span>
        <span className="pack-line__amount">{line.amount}</span>
      </div>
      <div className="pack-line__state">
        {isDone ? (
          <span className="pack-line__done">✓ {t('pack.line.done')}</span>
        ) : !line.hasBarcode && !line.isComposition ? (
          <button type="button" className="button button--small" disabled={!canConfirm} onClick={() => onConfirm(line)}>
            {t('pack.line.confirm')}
          </button>
        ) : null}
        {line.idproduct > 0 ? (
          <button
            type="button"
            className="button button--small button--quiet pack-line__label"
            aria-label={t('productLabel.lineButtonLabel', { product: line.name })}
            onClick={() => productLabels.getState().open({ idproduct: line.idproduct, productcode: line.productcode, name: line.name })}
          >
            {t('productLabel.lineButton')}
          </button>
        ) : null}
      </div>
    </li>
  );
});
