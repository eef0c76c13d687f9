import { useEffect, useState } from 'react';
import type { ShippingChoice } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useStores } from '../stores/context';
import { ShippingExtraField } from './ShippingExtraField';

interface Props {
  shipping: ShippingChoice;
  t: Translate;
  disabled: boolean;
}

/**
 * The shipping method Picqer selected (or another), the fields it needs, the packaging scanned,
 * and the weight. Opening the choice asks main for the methods Picqer allows for this picklist.
 */
export function ShippingPanel({ shipping, t, disabled }: Props) {
  const { session } = useStores();
  const shownWeight = shipping.weight === null ? '' : String(shipping.weight);
  const [weight, setWeight] = useState(shownWeight);

  // A new weight from main (a scale, another packaging, reset) replaces what the field shows.
  useEffect(() => setWeight(shownWeight), [shownWeight]);

  const chosen = shipping.profiles.find((p) => p.idshippingprovider_profile === shipping.idshippingprovider_profile);
  const requiredFields = chosen?.extraFields.filter((f) => f.isRequired) ?? [];
  const loadMethods = () => {
    if (!shipping.areMethodsFromPicqer) void session.getState().loadShippingMethods();
  };

  const parsed = Number.parseInt(weight, 10);
  const isValid = /^\d+$/.test(weight.trim()) && parsed >= 1 && parsed <= 100_000;

  return (
    <section className="shipping" aria-labelledby="shipping-title">
      <h2 id="shipping-title" className="shipping__title">
        {t('pack.shipping.title')}
      </h2>
      <div className="field">
        <label htmlFor="shipping-profile">{t('pack.shipping.profile')}</label>
        {shipping.profiles.length ? (
          <select
            id="shipping-profile"
            className="input"
            disabled={disabled}
            value={shipping.idshippingprovider_profile ?? ''}
            aria-invalid={shipping.isChoiceNeeded}
            onFocus={loadMethods}
            onMouseDown={loadMethods}
            onChange={(event) => void session.getState().setShipping({ idshippingprovider_profile: Number(event.target.value) })}
          >
            {shipping.idshippingprovider_profile === null ? <option value="">—</option> : null}
            {shipping.profiles.map((profile) => (
              <option key={profile.idshippingprovider_profile} value={profile.idshippingprovider_profile}>
                {profile.name}
              </option>
            ))}
          </select>
        ) : (
          <p className="muted">{t('pack.shipping.noProfiles')}</p>
        )}
        {shipping.isChoiceNeeded ? (
          <p className="hint shipping__needed" role="alert">
            {t('pack.shipping.chooseNeeded')}
          </p>
        ) : shipping.areMethodsFromPicqer ? (
          <p className="hint">{t('pack.shipping.allowedOnly')}</p>
        ) : null}
      </div>
      {requiredFields.map((field) => (
        <ShippingExtraField
          key={`${shipping.idshippingprovider_profile ?? ''}-${field.key}`}
          field={field}
          value={shipping.extraFields[field.key] ?? ''}
          t={t}
          disabled={disabled}
        />
      ))}
      <div className="field">
        <span className="field__label">{t('pack.shipping.packaging')}</span>
        {shipping.packaging ? (
          <p className="shipping__packaging">
            <strong>{shipping.packaging.name}</strong>
            <button type="button" className="button button--small button--quiet" disabled={disabled} onClick={() => void session.getState().setShipping({ idpackaging: null })}>
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
          if (isValid) void session.getState().setShipping({ weight: parsed });
        }}
      >
        <label htmlFor="shipping-weight">{t('pack.shipping.weight')}</label>
        <div className="shipping__weight-row">
          <input
            id="shipping-weight"
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
          {shipping.isWeightManual ? t('pack.shipping.weightManual') : t('pack.shipping.weightComputed')}
          {shipping.isWeightManual ? (
            <button type="button" className="button button--small button--quiet shipping__reset" disabled={disabled} onClick={() => void session.getState().setShipping({ weight: null })}>
              {t('pack.shipping.weightReset')}
            </button>
          ) : null}
        </p>
      </form>
    </section>
  );
}
