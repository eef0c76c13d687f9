import { useT } from '../i18n/use-t';
import { selectIsDemo, selectPacker, selectStationName, selectWarehouse } from '../stores/app';
import { selectConnectionState, selectTransportMode } from '../stores/connection';
import { useApp, useConnection, useQueue, useStores } from '../stores/context';
import { selectQueueItems } from '../stores/queue';
import { useNow } from '../use-now';
import { MustLeaveToday } from './MustLeaveToday';
import { MuteToggle } from './MuteToggle';
import { OutboxIndicator } from './OutboxIndicator';
import { ProblemsTray } from './ProblemsTray';
import { SyncIndicator } from './SyncIndicator';

interface Props {
  /** Setup has no sync, station or packer yet; the bar still says demo and mode. */
  isConfigured: boolean;
  /** Setup is on screen already, so the bar offers no way into it. */
  isSetupOpen: boolean;
}

export function StatusBar({ isConfigured, isSetupOpen }: Props) {
  const t = useT();
  const { app, setup, lead } = useStores();
  const isDemo = useApp(selectIsDemo);
  const packer = useApp(selectPacker);
  const stationName = useApp(selectStationName);
  const warehouse = useApp(selectWarehouse);
  const mode = useConnection(selectTransportMode);
  const connection = useConnection(selectConnectionState);
  const queueItems = useQueue(selectQueueItems);
  const now = useNow(30_000, isConfigured);
  const stationAt = t('status.stationAt', { station: stationName ?? '', warehouse: warehouse?.name ?? '' });
  const isLost = connection !== 'open';
  const contact = (
    <span className={`status-bar__item status-bar__connection status-bar__connection--${connection}`} role="status">
      {t(connection === 'connecting' ? 'status.connection.connecting' : 'status.connection.reconnecting')}
    </span>
  );

  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      {isDemo ? (
        <span className="status-bar__demo" title={t('status.demoHint')}>
          {t('status.demo')}
          <span className="visually-hidden"> {t('status.demoHint')}</span>
        </span>
      ) : null}
      {/* Out of contact, what the station last said of sync and the outbox is not known to be
          true any more: the lost contact takes their place, first in the bar. */}
      {isLost ? contact : null}
      {isConfigured ? <ProblemsTray /> : null}
      {isConfigured && !isLost ? <SyncIndicator /> : null}
      {isConfigured && !isLost ? <OutboxIndicator /> : null}
      {isConfigured ? (
        <div className="status-bar__item status-bar__station">
          <span className="status-bar__label">{t('status.station')}</span>
          <span className="status-bar__value" title={stationAt}>
            {stationAt}
          </span>
        </div>
      ) : null}
      {isConfigured ? (
        <div className="status-bar__item status-bar__packer">
          <span className="status-bar__label">{t('status.packer')}</span>
          <span className="status-bar__value" data-testid="packer-name" title={packer?.name}>
            {packer ? packer.name : t('status.noPacker')}
          </span>
          {packer ? (
            <button type="button" className="button button--small button--quiet" onClick={() => void app.getState().signOut()}>
              {t('status.signOut')}
            </button>
          ) : null}
        </div>
      ) : null}
      {isConfigured ? <MustLeaveToday items={queueItems} now={now} t={t} /> : null}
      {isConfigured ? <MuteToggle /> : null}
      <div className="status-bar__item status-bar__mode">
        <span className="status-bar__value">{t(mode === 'electron' ? 'status.mode.electron' : 'status.mode.web')}</span>
      </div>
      {isConfigured && !isSetupOpen ? (
        <button type="button" className="button button--small" onClick={() => lead.getState().ask(() => setup.getState().open())}>
          {t('status.setup')}
        </button>
      ) : null}
    </footer>
  );
}
