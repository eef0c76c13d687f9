import { useT } from '../i18n/use-t';
import { useSession, useStores, useUi } from '../stores/context';
import { selectBatch, selectSession } from '../stores/session';
import { selectScreen, type Screen } from '../stores/ui';

/** Queue / Pack / History / Stats / Settings: real buttons, so Tab and Enter reach them like any other. */
export function AppNav() {
  const t = useT();
  const { ui } = useStores();
  const screen = useUi(selectScreen);
  const session = useSession(selectSession);
  const batch = useSession(selectBatch);
  const packLabel = session ? t('nav.packWith', { picklistid: session.picklistid }) : batch ? t('nav.packBatch', { batchid: batch.picklistBatchid }) : t('nav.pack');

  const tab = (target: Screen, label: string, disabled = false) => (
    <button
      type="button"
      className={`app-nav__tab${screen === target ? ' app-nav__tab--current' : ''}`}
      aria-current={screen === target ? 'page' : undefined}
      data-screen={target}
      // Cut with an ellipsis when the row is narrow (a long picklist number in Dutch at 1024 px).
      title={label}
      disabled={disabled}
      onClick={() => ui.getState().show(target)}
    >
      {label}
    </button>
  );

  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {tab('queue', t('nav.queue'))}
      {tab('pack', packLabel, !session && !batch)}
      {tab('history', t('nav.history'))}
      {tab('stats', t('nav.stats'))}
      {tab('devices', t('nav.devices'))}
      {tab('settings', t('nav.settings'))}
    </nav>
  );
}
