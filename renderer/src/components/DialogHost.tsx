import { useT } from '../i18n/use-t';
import { useSession, useUi } from '../stores/context';
import { selectLines } from '../stores/session';
import { selectDialog } from '../stores/ui';
import { ChoosePicklistDialog } from './ChoosePicklistDialog';
import { ChooseProductDialog } from './ChooseProductDialog';
import { ConfirmLineDialog } from './ConfirmLineDialog';
import { ProblemDialog } from './ProblemDialog';

/** The one open dialog, whichever screen is showing. */
export function DialogHost() {
  const t = useT();
  const dialog = useUi(selectDialog);
  const lines = useSession(selectLines);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'choosePicklist':
      return <ChoosePicklistDialog code={dialog.code} choices={dialog.choices} t={t} />;
    case 'chooseProduct':
      return <ChooseProductDialog code={dialog.code} choices={dialog.choices} t={t} />;
    case 'problem':
      return <ProblemDialog t={t} />;
    case 'confirmLine': {
      const line = lines.find((l) => l.idpicklist_product === dialog.idpicklist_product);
      return line ? <ConfirmLineDialog line={line} t={t} /> : null;
    }
  }
}
