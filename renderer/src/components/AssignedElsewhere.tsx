import type { PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useStores } from '../stores/context';

/** Picqer has the picklist assigned to someone else: say who, and let the packer take it over. */
export function AssignedElsewhere({ session, t }: { session: PackSession; t: Translate }) {
  const { scanner } = useStores();
  if (!session.assignedElsewhere) return null;
  return (
    <div className="banner banner--warn banner--assigned" role="alert" data-testid="assigned-elsewhere">
      <div>
        <p className="banner__title">{t('pack.assigned.title', { name: session.assignedElsewhere.name })}</p>
        <p className="banner__text">{t('pack.assigned.body')}</p>
      </div>
      <button type="button" className="button button--large" onClick={() => void scanner.open(session.idpicklist, true)}>
        {t('pack.assigned.takeOver')}
      </button>
    </div>
  );
}
