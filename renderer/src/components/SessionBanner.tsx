import type { PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useReasonText } from '../i18n/use-t';

/** Why packing paused or what completing is doing; nothing while the packer just packs. */
export function SessionBanner({ session, t }: { session: PackSession; t: Translate }) {
  const words = useReasonText();
  const alert = session.alert ? words(session.alert) : null;
  const offline = !session.isOnline ? <p className="banner banner--warn">{t('pack.offline')}</p> : null;
  if (session.state === 'packing') {
    if (!alert) return offline;
    // Picqer's re-read found the picklist cannot be packed now: it stays on screen, but cannot complete.
    return (
      <>
        {offline}
        <div className="banner banner--bad" role="alert" data-testid="session-banner">
          <p className="banner__title">{t('pack.stoppedByPicqer')}</p>
          <p className="banner__text">{alert}</p>
        </div>
      </>
    );
  }
  const tone = session.state === 'alert' || session.state === 'problem' ? 'bad' : session.state === 'labels_pending' ? 'warn' : 'busy';
  return (
    <>
      {offline}
      <div className={`banner banner--${tone}`} role="alert" data-testid="session-banner">
        <p className="banner__title">{t(`pack.state.${session.state}`)}</p>
        {alert ? <p className="banner__text">{alert}</p> : null}
      </div>
    </>
  );
}
