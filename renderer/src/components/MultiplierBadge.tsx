import { useT } from '../i18n/use-t';
import { useScan } from '../stores/context';
import { selectMultiplier } from '../stores/scan';

/** The number typed before a scan, large, so the packer sees the next scan will count it. */
export function MultiplierBadge() {
  const t = useT();
  const multiplier = useScan(selectMultiplier);
  if (multiplier === null) return null;
  return (
    <div className="multiplier" role="status" data-testid="multiplier">
      <span className="multiplier__label">{t('multiplier.label')}</span>
      <span className="multiplier__value">{multiplier}×</span>
      <span className="multiplier__hint">{t('multiplier.hint')}</span>
    </div>
  );
}
