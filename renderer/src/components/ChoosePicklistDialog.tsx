import type { Translate } from '../i18n';
import { useStores } from '../stores/context';
import type { PicklistChoice } from '../stores/ui';
import { Dialog } from './Dialog';

interface Props {
  code: string;
  choices: PicklistChoice[];
  t: Translate;
}

export function ChoosePicklistDialog({ code, choices, t }: Props) {
  const { scanner } = useStores();
  return (
    <Dialog title={t('choosePicklist.title')} t={t} testId="choose-picklist">
      <p className="dialog__lead">{t('choosePicklist.hint', { code })}</p>
      <ol className="choices">
        {choices.map((choice, i) => (
          <li key={choice.idpicklist}>
            <button type="button" className="choice-button" onClick={() => void scanner.open(choice.idpicklist)}>
              <span className="choice-button__number">{i + 1}</span>
              <span className="choice-button__main">{choice.picklistid}</span>
              <span className="choice-button__sub">
                {choice.customer}
                {choice.reference ? ` · ${choice.reference}` : ''}
              </span>
              {choice.status !== 'new' ? <span className="badge badge--paused">{t(`queue.status.${choice.status}`)}</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
