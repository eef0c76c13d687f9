import { useT } from '../i18n/use-t';
import { openPdf } from '../pdf';
import { useHistory, useStores } from '../stores/context';
import { selectIsMakingSheet, selectSheetError } from '../stores/history';
import { ErrorMessage } from './ErrorMessage';

/** The sheet of command barcodes, so the scanner alone can complete, undo, report and reprint. */
export function CommandSheetButton() {
  const t = useT();
  const { history } = useStores();
  const isMaking = useHistory(selectIsMakingSheet);
  const error = useHistory(selectSheetError);
  return (
    <div className="command-sheet">
      <button
        type="button"
        className="button"
        disabled={isMaking}
        onClick={async () => {
          const sheet = await history.getState().commandSheet();
          if (sheet) openPdf(sheet.filename, sheet.pdfBase64);
        }}
      >
        {t('history.commandSheet')}
      </button>
      <p className="hint">{t('history.commandSheetHint')}</p>
      {error ? <ErrorMessage error={error} t={t} title={t('history.commandSheetFailed')} /> : null}
    </div>
  );
}
