import { useT } from '../i18n/use-t';
import { useScan, useSession } from '../stores/context';
import { selectMultiplier, selectMultiplierExpiresAt } from '../stores/scan';
import { selectPendingQuantity } from '../stores/session';
import { useNow } from '../use-now';

/**
 * What the next scan will count, large, so the packer cannot miss it: digits typed before a scan,
 * or a quantity barcode (PD:QTY:n) main holds. Both lapse when no scan follows in time; the
 * seconds left are shown so a stale number is never a surprise.
 */
export function MultiplierBadge() {
  const t = useT();
  const typed = useScan(selectMultiplier);
  const typedUntil = useScan(selectMultiplierExpiresAt);
  const held = useSession(selectPendingQuantity);
  const amount = typed ?? held?.amount ?? null;
  const until = typed !== null ? typedUntil : held ? Date.parse(held.expiresAt) : null;
  const now = useNow(250, amount !== null);
  if (amount === null) return null;
  // Escape clears typed digits here; a scanned quantity lives in main and PD:CANCEL clears it.
  const secondsLeft = until === null ? null : Math.ceil((until - now) / 1000);
  if (secondsLeft !== null && secondsLeft <= 0) return null;
  return (
    <div className="multiplier" role="status" data-testid="multiplier">
      <span className="multiplier__label">{t('multiplier.label')}</span>
      <span className="multiplier__value">{amount}×</span>
      <span className="multiplier__hint">
        {[secondsLeft === null ? null : t('multiplier.expires', { seconds: secondsLeft }), typed !== null ? t('multiplier.hint') : null].filter(Boolean).join(' · ')}
      </span>
    </div>
  );
}
