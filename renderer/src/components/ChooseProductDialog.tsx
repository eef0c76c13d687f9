import type { Translate } from '../i18n';
import { useStores } from '../stores/context';
import type { ProductChoice } from '../stores/ui';
import { Dialog } from './Dialog';
import { PackLineImage } from './PackLineImage';

interface Props {
  code: string;
  choices: ProductChoice[];
  t: Translate;
}

export function ChooseProductDialog({ code, choices, t }: Props) {
  const { scanner } = useStores();
  return (
    <Dialog title={t('chooseProduct.title')} t={t} testId="choose-product">
      <p className="dialog__lead">{t('chooseProduct.hint', { code })}</p>
      <ol className="choices">
        {choices.map((choice, i) => (
          <li key={choice.idproduct}>
            <button type="button" className="choice-button choice-button--product" onClick={() => void scanner.choose(choice.idproduct)}>
              <span className="choice-button__number">{i + 1}</span>
              <PackLineImage src={choice.image} alt={choice.name} placeholder={t('pack.line.noImage')} />
              <span className="choice-button__main">{choice.name}</span>
              <span className="choice-button__sub">{choice.productcode}</span>
            </button>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
