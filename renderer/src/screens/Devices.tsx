import { useEffect, useState } from 'react';
import type { DeviceEntry } from '../../../shared/devices';
import type { Reason } from '../../../shared/reasons';
import { ErrorMessage } from '../components/ErrorMessage';
import { ScannerSelfTest } from '../components/ScannerSelfTest';
import { WedgeSettings } from '../components/WedgeSettings';
import { useReasonText, useT } from '../i18n/use-t';
import type { Translate } from '../i18n';
import { useDevices, useStores } from '../stores/context';
import {
  selectAreDevicesLoading,
  selectConfigureError,
  selectDevices,
  selectDevicesConfig,
  selectDevicesConfigSource,
  selectDevicesError,
  selectHaveDevicesLoaded,
  selectIsConfiguringDevices,
} from '../stores/devices';
import { DeviceRowAction, SerialScannerForm } from '../components/DeviceConfigActions';

const hex = (value: number | null) => (value === null ? '—' : value.toString(16).padStart(4, '0'));

function statusText(device: DeviceEntry, t: Translate, words: (reason: Reason) => string): string {
  switch (device.status.state) {
    case 'connected':
      return t('devices.state.connected');
    case 'available':
      return t('devices.state.available');
    case 'not-found':
      return t('devices.state.notFound');
    case 'disconnected':
      return t('devices.state.disconnected');
    case 'error':
      return t('devices.state.error', { message: device.status.reason ? words(device.status.reason) : device.status.message });
  }
}

function readingText(device: DeviceEntry, t: Translate): string {
  const reading = device.reading;
  if (device.kind !== 'scale') return '';
  if (!reading) return t('devices.reading.none');
  const weight = reading.value === null ? '' : `${reading.value} ${reading.unit}`;
  return t(`devices.condition.${reading.condition}`, { weight }) + (reading.isSettled ? ` ${t('devices.reading.settled')}` : '');
}

/**
 * The station's scanners and scales with a live readout, the keyboard-wedge settings, and the
 * scanner self-test for whoever sets the station up before the shift.
 */
export function Devices() {
  const t = useT();
  const words = useReasonText();
  const { devices: store, onboarding, lead } = useStores();
  const devices = useDevices(selectDevices);
  const hasLoaded = useDevices(selectHaveDevicesLoaded);
  const isLoading = useDevices(selectAreDevicesLoading);
  const error = useDevices(selectDevicesError);
  const config = useDevices(selectDevicesConfig);
  const source = useDevices(selectDevicesConfigSource);
  const isConfiguring = useDevices(selectIsConfiguringDevices);
  const configureError = useDevices(selectConfigureError);
  const [isSelfTestOpen, setSelfTestOpen] = useState(false);
  // Which scanners and scale the station reads is a shift lead's to change.
  const configure = (next: Parameters<ReturnType<typeof store.getState>['configure']>[0]) => lead.getState().ask(() => void store.getState().configure(next));

  useEffect(() => {
    void store.getState().load();
    void store.getState().loadConfig();
  }, [store]);

  return (
    <section className="devices" aria-labelledby="devices-title">
      <header className="settings__header">
        <h1 id="devices-title">{t('devices.title')}</h1>
        <button type="button" className="button" disabled={isLoading} onClick={() => void store.getState().refresh()}>
          {isLoading ? t('devices.looking') : t('devices.refresh')}
        </button>
      </header>
      <p className="settings__hint">{t('devices.hint')}</p>
      {source ? <p className="settings__hint">{t(`devices.source.${source}`)}</p> : null}
      {source === 'settings' ? (
        <button type="button" className="button button--small button--quiet" disabled={isConfiguring} onClick={() => configure(null)}>
          {t('devices.useFile')}
        </button>
      ) : null}
      {configureError ? <ErrorMessage error={configureError} t={t} title={t('devices.configureFailed')} /> : null}
      {error ? <ErrorMessage error={error} t={t} onRetry={() => void store.getState().load()} /> : null}
      {hasLoaded && devices.length === 0 ? (
        <p className="settings__empty" role="status">
          {t('devices.none')}
        </p>
      ) : (
        <table className="queue-table settings-table" data-testid="devices">
          <thead>
            <tr>
              <th scope="col">{t('devices.col.device')}</th>
              <th scope="col">{t('devices.col.kind')}</th>
              <th scope="col">{t('devices.col.state')}</th>
              <th scope="col">{t('devices.col.reading')}</th>
              <th scope="col">{t('devices.col.ids')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('devices.col.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id} data-device={device.id} data-state={device.status.state}>
                <th scope="row">
                  {device.name}
                  {device.configKey ? <span className="printer-health__message"> ({device.configKey})</span> : null}
                </th>
                <td>{t(device.kind === 'scale' ? 'devices.kind.scale' : device.transport === 'serial' ? 'devices.kind.serial' : 'devices.kind.hid')}</td>
                <td className={`device-state device-state--${device.status.state}`}>{statusText(device, t, words)}</td>
                <td aria-live="polite">{readingText(device, t)}</td>
                <td>
                  <code>{device.transport === 'serial' ? (device.path ?? '') : `${hex(device.vendorId)}:${hex(device.productId)}`}</code>
                </td>
                <td>{config ? <DeviceRowAction device={device} config={config} disabled={isConfiguring} onConfigure={configure} t={t} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {config ? <SerialScannerForm config={config} disabled={isConfiguring} onConfigure={configure} t={t} /> : null}

      {/* Both components carry their own headings. */}
      <WedgeSettings />

      {isSelfTestOpen ? (
        <>
          <ScannerSelfTest
            loadSheet={() => store.getState().testSheet()}
            onVerdict={(status) => {
              if (status === 'good') onboarding.getState().markScannerChecked();
            }}
          />
          <button type="button" className="button" onClick={() => setSelfTestOpen(false)}>
            {t('devices.selfTestClose')}
          </button>
        </>
      ) : (
        <>
          <h2>{t('devices.selfTestTitle')}</h2>
          <p className="settings__hint">{t('devices.selfTestHint')}</p>
          <button type="button" className="button" onClick={() => setSelfTestOpen(true)}>
            {t('devices.selfTestOpen')}
          </button>
        </>
      )}
    </section>
  );
}
