import { useState, type FormEvent } from 'react';
import type { DeviceEntry } from '../../../shared/devices';
import { withDevice, withoutDevice, type DevicesConfig } from '../../../shared/devices-config';
import type { Translate } from '../i18n';

/*
 * Choosing devices on the Devices screen instead of in the config file: use a scanner or scale
 * that was found, stop using one, add a serial scanner. Each change is the whole devices config,
 * saved by main over the file's section.
 */

type Config = DevicesConfig;

interface ActionProps {
  device: DeviceEntry;
  config: Config;
  disabled: boolean;
  onConfigure(config: Config): void;
  t: Translate;
}

/** The button on a device's row: use it, or stop using it. */
export function DeviceRowAction({ device, config, disabled, onConfigure, t }: ActionProps) {
  if (device.configKey) {
    return (
      <button type="button" className="button button--small button--quiet" disabled={disabled} onClick={() => onConfigure(withoutDevice(config, device.configKey ?? ''))}>
        {t('devices.stopUsing')}
      </button>
    );
  }
  if (device.status.state !== 'available' || device.vendorId === null) return null;
  return (
    <button type="button" className="button button--small" disabled={disabled} onClick={() => onConfigure(withDevice(config, device))}>
      {t(device.kind === 'scale' ? 'devices.useScale' : 'devices.useScanner')}
    </button>
  );
}

interface SerialProps {
  config: Config;
  disabled: boolean;
  onConfigure(config: Config): void;
  t: Translate;
}

/** Adds a scanner on a serial port (or in USB serial mode): path, speed and the suffix it sends. */
export function SerialScannerForm({ config, disabled, onConfigure, t }: SerialProps) {
  const [path, setPath] = useState('');
  const [baudRate, setBaudRate] = useState('9600');
  const [terminator, setTerminator] = useState<'CR' | 'LF' | 'CRLF' | 'none'>('CR');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Sent as typed: main checks it and names the field that is wrong.
    onConfigure({ ...config, scanners: [...config.scanners, { kind: 'serial', path, baudRate: Number(baudRate), terminator, timeoutMs: undefined }] });
  };
  return (
    <form className="serial-form" onSubmit={submit} aria-labelledby="serial-form-title">
      <h3 id="serial-form-title">{t('devices.serial.title')}</h3>
      <label className="field">
        <span>{t('devices.serial.path')}</span>
        <input className="input" value={path} placeholder="/dev/ttyACM0" onChange={(e) => setPath(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('devices.serial.baudRate')}</span>
        <input className="input input--short" inputMode="numeric" value={baudRate} onChange={(e) => setBaudRate(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('devices.serial.terminator')}</span>
        <select className="input input--short" value={terminator} onChange={(e) => setTerminator(e.target.value as typeof terminator)}>
          <option value="CR">CR</option>
          <option value="LF">LF</option>
          <option value="CRLF">CR LF</option>
          <option value="none">{t('devices.serial.none')}</option>
        </select>
      </label>
      <button type="submit" className="button" disabled={disabled || path.trim() === ''}>
        {t('devices.serial.add')}
      </button>
    </form>
  );
}
