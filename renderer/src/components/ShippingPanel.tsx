import { useEffect, useRef } from 'react';
import type { ShippingChoice } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { revealInList } from '../reveal-in-list';
import { useStores } from '../stores/context';
import { ShippingBox } from './ShippingBox';
import { ShippingExtraField } from './ShippingExtraField';

interface Props {
  shipping: ShippingChoice;
  t: Translate;
  disabled: boolean;
}

/**
 * The shipping method Picqer selected (or another), the fields it needs, and each box's packaging
 * and weight: one box, or several (New box, or PD:NEWBOX), the last being the one a packaging scan
 * or the scale fills. Opening the choice asks main for the methods Picqer allows for this picklist.
 */
export function ShippingPanel({ shipping, t, disabled }: Props) {
  const { session } = useStores();
  const chosen = shipping.profiles.find((p) => p.idshippingprovider_profile === shipping.idshippingprovider_profile);
  const requiredFields = chosen?.extraFields.filter((f) => f.isRequired) ?? [];
  const loadMethods = () => {
    if (!shipping.areMethodsFromPicqer) void session.getState().loadShippingMethods();
  };
  const panelRef = useRef<HTMLElement>(null);
  const boxCount = shipping.boxes.length;
  const { currentBox } = shipping;

  // On a short screen the panel is squeezed under the remarks and scrolls by itself: a new box (or
  // another box becoming current) is brought into view there, title first, and nothing else moves.
  useEffect(() => {
    if (boxCount < 2) return;
    const frame = requestAnimationFrame(() => {
      const panel = panelRef.current;
      if (panel) revealInList(panel, panel.querySelector('.shipping__box--current'));
    });
    return () => cancelAnimationFrame(frame);
  }, [boxCount, currentBox]);

  return (
    <section className="shipping" aria-labelledby="shipping-title" ref={panelRef}>
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
      {shipping.boxes.length > 1 ? (
        <ol className="shipping__boxes" aria-label={t('pack.shipping.boxes')}>
          {shipping.boxes.map((entry) => {
            const isCurrent = entry.box === shipping.currentBox;
            const isLast = entry.box === shipping.boxes.length;
            const isEmpty = entry.packaging === null && !entry.isWeightManual;
            return (
              <li key={entry.box} className={`shipping__box${isCurrent ? ' shipping__box--current' : ''}`} aria-current={isCurrent ? 'step' : undefined}>
                <h3 className="shipping__box-title">
                  {t('pack.shipping.boxOf', { box: entry.box, count: shipping.boxes.length })}
                  {isCurrent ? <span className="shipping__box-current"> · {t('pack.shipping.boxCurrent')}</span> : null}
                  {isLast && isEmpty ? (
                    <button type="button" className="button button--small button--quiet" disabled={disabled} onClick={() => void session.getState().removeBox()}>
                      {t('pack.shipping.removeBox')}
                    </button>
                  ) : null}
                </h3>
                <ShippingBox entry={entry} box={entry.box} t={t} disabled={disabled} />
              </li>
            );
          })}
        </ol>
      ) : shipping.boxes[0] ? (
        <ShippingBox entry={shipping.boxes[0]} box={undefined} t={t} disabled={disabled} />
      ) : null}
      <p className="shipping__new-box">
        <button type="button" className="button button--small" disabled={disabled} onClick={() => void session.getState().newBox()}>
          {t('pack.shipping.newBox')}
        </button>
        <span className="hint"> {t('pack.shipping.newBoxHint')}</span>
      </p>
    </section>
  );
}
