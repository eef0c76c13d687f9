import type { PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';

/** Why packing paused or what completing is doing; nothing while the packer just packs. */
export function SessionBanner({ session, t }: { session: PackSession; t: Translate }) {
  const offline = !session.isOnline ? <p className="banner banner--warn">{t('pack.offline')}</p> : null;
  if (session.state === 'packing') {
    if (!session.alert) return offline;
    // Picqer's re-read found the picklist cannot be packed now: it stays on screen, but cannot complete.
    return (
      <>
        {offline}
        <div className="banner banner--bad" role="alert" data-testid="session-banner">
          <p className="banner__title">{t('pack.stoppedByPicqer')}</p>
          <p className="banner__text">{session.alert}</p>
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
        {session.alert ? <p className="banner__text">{session.alert}</p> : null}
      </div>
    </>
  );
}
