import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { useProductLabels, useSession, useUi } from '../stores/context';
import { selectIsLabelDialogOpen } from '../stores/product-labels';
import { selectLines } from '../stores/session';
import { selectDialog } from '../stores/ui';
import { BatchProblemDialog } from './BatchProblemDialog';
import { CancelShipmentDialog } from './CancelShipmentDialog';
import { ChoosePicklistDialog } from './ChoosePicklistDialog';
import { ChooseProductDialog } from './ChooseProductDialog';
import { ConfirmLineDialog } from './ConfirmLineDialog';
import { LeadUnlockDialog } from './LeadUnlockDialog';
import { ProblemDialog } from './ProblemDialog';
import { ProductLabelDialog } from './ProductLabelDialog';

/** The one open dialog, whichever screen is showing; the product label dialog over it when open. */
export function DialogHost() {
  const t = useT();
  const dialog = useUi(selectDialog);
  const lines = useSession(selectLines);
  const isLabelDialogOpen = useProductLabels(selectIsLabelDialogOpen);

  let uiDialog: ReactNode = null;
  switch (dialog?.kind) {
    case 'choosePicklist':
      uiDialog = <ChoosePicklistDialog code={dialog.code} choices={dialog.choices} t={t} />;
      break;
    case 'chooseProduct':
      uiDialog = <ChooseProductDialog code={dialog.code} choices={dialog.choices} t={t} />;
      break;
    case 'problem':
      uiDialog = <ProblemDialog t={t} />;
      break;
    case 'batchProblem':
      uiDialog = <BatchProblemDialog t={t} />;
      break;
    case 'cancelShipment':
      uiDialog = <CancelShipmentDialog idpicklist={dialog.idpicklist} picklistid={dialog.picklistid} t={t} />;
      break;
    case 'leadUnlock':
      uiDialog = <LeadUnlockDialog t={t} />;
      break;
    case 'confirmLine': {
      const line = lines.find((l) => l.idpicklist_product === dialog.idpicklist_product);
      uiDialog = line ? <ConfirmLineDialog line={line} t={t} /> : null;
      break;
    }
  }
  return (
    <>
      {uiDialog}
      {isLabelDialogOpen ? <ProductLabelDialog t={t} /> : null}
    </>
  );
}
