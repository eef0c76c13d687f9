import type { Lookalike } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { PackLineImage } from './PackLineImage';

interface Props {
  warnings: Lookalike[];
  t: Translate;
}

/** "Careful: these two are taken for each other here", with both pictures side by side. */
export function LookalikeWarning({ warnings, t }: Props) {
  if (warnings.length === 0) return null;
  return (
    <section className="lookalikes" aria-label={t('lookalike.title')}>
      <h2 className="lookalikes__title">{t('lookalike.title')}</h2>
      <ul className="lookalikes__list">
        {warnings.map((warning) => (
          <li key={`${warning.product.idproduct}-${warning.other.idproduct}`} className="lookalikes__pair">
            <figure>
              <PackLineImage src={warning.product.image} alt={warning.product.name} placeholder={t('lookalike.noImage')} />
              <figcaption>
                <strong>{warning.product.name}</strong> <code>{warning.product.productcode}</code>
              </figcaption>
            </figure>
            <p className="lookalikes__versus">
              {t(warning.isOtherOnPicklist ? 'lookalike.bothHere' : 'lookalike.takenFor', { count: warning.count })}
            </p>
            <figure>
              <PackLineImage src={warning.other.image} alt={warning.other.name} placeholder={t('lookalike.noImage')} />
              <figcaption>
                <strong>{warning.other.name}</strong> <code>{warning.other.productcode}</code>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
