import { useT } from '../i18n/use-t';
import { openPdf } from '../pdf';
import { selectIsPractice } from '../stores/app';
import { useApp, usePeople, useStores } from '../stores/context';
import { selectIsPeopleBusy, selectPeopleError } from '../stores/people';
import { ErrorMessage } from './ErrorMessage';

/** Under the packer list: badges to print for everyone, and practice for someone new. */
export function PeopleActions() {
  const t = useT();
  const { people, lead } = useStores();
  const isBusy = usePeople(selectIsPeopleBusy);
  const error = usePeople(selectPeopleError);
  const isPractice = useApp(selectIsPractice);
  return (
    <div className="people-actions">
      <button
        type="button"
        className="button"
        disabled={isBusy}
        onClick={() =>
          // A badge signs its person in: printing one is a shift lead's to do.
          lead.getState().ask(async () => {
            const sheet = await people.getState().badges();
            if (sheet) openPdf(sheet.filename, sheet.pdfBase64);
          })
        }
      >
        {t('people.badges')}
      </button>
      {isPractice ? null : (
        <button type="button" className="button" disabled={isBusy} onClick={() => void people.getState().startPractice()}>
          {t('practice.start')}
        </button>
      )}
      <p className="hint">{t('people.hint')}</p>
      {error ? <ErrorMessage error={error} t={t} /> : null}
    </div>
  );
}
