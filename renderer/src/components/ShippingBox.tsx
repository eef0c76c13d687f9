import { useEffect, useState } from 'react';
import type { ShippingChoice } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useStores } from '../stores/context';

interface Props {
  entry: ShippingChoice['boxes'][number];
  /** The box number sent with each change; undefined for a parcel of one box (the current box). */
  box: number | undefined;
  t: Translate;
  disabled: boolean;
}

/** One box's packaging (from a packaging barcode) and weight (typed, or from the scale). */
export function ShippingBox({ entry, box, t, disabled }: Props) {
  const { session } = useStores();
  const shownWeight = entry.weight === null ? '' : String(entry.weight);
  const [weight, setWeight] = useState(shownWeight);
  const suffix = box === undefined ? '' : `-${box}`;

  // A new weight from main (a scale, another packaging, reset) replaces what the field shows.
  useEffect(() => setWeight(shownWeight), [shownWeight]);

  const parsed = Number.parseInt(weight, 10);
  const isValid = /^\d+$/.test(weight.trim()) && parsed >= 1 && parsed <= 100_000;
  const set = (input: { idpackaging?: null; weight?: number | null }) => void session.getState().setShipping(box === undefined ? input : { ...input, box });
  // Box 1's weight comes from the products when none is given; a later box has none until given.
  const isFirst = entry.box === 1;

  return (
    <>
      <div className="field">
        <span className="field__label">{t('pack.shipping.packaging')}</span>
        {entry.packaging ? (
          <p className="shipping__packaging">
            <strong>{entry.packaging.name}</strong>
            <button type="button" className="button button--small button--quiet" disabled={disabled} onClick={() => set({ idpackaging: null })}>
              {t('pack.shipping.clearPackaging')}
            </button>
          </p>
        ) : (
          <p className="muted shipping__packaging">{t('pack.shipping.noPackaging')}</p>
        )}
      </div>
      <form
        className="field shipping__weight"
        onSubmit={(event) => {
          event.preventDefault();
          if (isValid) set({ weight: parsed });
        }}
      >
        <label htmlFor={`shipping-weight${suffix}`}>{t('pack.shipping.weight')}</label>
        <div className="shipping__weight-row">
          <input
            id={`shipping-weight${suffix}`}
            className="input"
            inputMode="numeric"
            autoComplete="off"
            value={weight}
            disabled={disabled}
            onChange={(event) => setWeight(event.target.value.replace(/[^\d]/g, '').slice(0, 6))}
          />
          <button type="submit" className="button button--small" disabled={disabled || !isValid || weight === shownWeight}>
            {t('pack.shipping.weightSave')}
          </button>
        </div>
        <p className="hint">
          {/* Box 1 of several has no computed weight: the products' weight is the whole parcel's. */}
          {entry.isWeightManual ? t('pack.shipping.weightManual') : entry.weight !== null ? t('pack.shipping.weightComputed') : t('pack.shipping.boxWeightNone')}
          {entry.isWeightManual ? (
            <button type="button" className="button button--small button--quiet shipping__reset" disabled={disabled} onClick={() => set({ weight: null })}>
              {isFirst ? t('pack.shipping.weightReset') : t('pack.shipping.boxWeightClear')}
            </button>
          ) : null}
        </p>
      </form>
    </>
  );
}
