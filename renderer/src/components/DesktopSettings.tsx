import { useState, type FormEvent, type ReactNode } from 'react';
import type { DesktopSettings as DesktopValues, SettingsView } from '../../../shared/settings';
import type { Translate } from '../i18n';

interface Props {
  view: SettingsView;
  /** Electron's window; browser mode shows the group, saying why it does nothing there. */
  isDesktop: boolean;
  isSaving: boolean;
  t: Translate;
  onSave: (value: DesktopValues) => void;
  /** The saved note or main's refusal for this section, from the settings store. */
  status: ReactNode;
}

/**
 * This computer: start at login and full screen, and where updates come from (the config file's
 * updates.url, shown, not edited: the fleet's update folder is the IT person's choice).
 */
export function DesktopSettings({ view, isDesktop, isSaving, t, onSave, status }: Props) {
  const [startAtLogin, setStartAtLogin] = useState(view.desktop.startAtLogin ?? false);
  const [fullScreen, setFullScreen] = useState(view.desktop.fullScreen ?? false);
  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave({ startAtLogin, fullScreen });
  };
  return (
    <form className="station-settings__section" onSubmit={save} aria-labelledby="station-settings-desktop" data-testid="desktop-settings">
      <h3 id="station-settings-desktop">{t('desktop.title')}</h3>
      {isDesktop ? <p className="settings__hint">{t(`stationSettings.source.${view.sources.desktop}`)}</p> : <p className="settings__hint">{t('desktop.webOnly')}</p>}
      <label className="field field--check">
        <input type="checkbox" checked={startAtLogin} disabled={!isDesktop} onChange={(e) => setStartAtLogin(e.target.checked)} /> {t('desktop.startAtLogin')}
      </label>
      <small className="hint">{t('desktop.startAtLoginHint')}</small>
      <label className="field field--check">
        <input type="checkbox" checked={fullScreen} disabled={!isDesktop} onChange={(e) => setFullScreen(e.target.checked)} /> {t('desktop.fullScreen')}
      </label>
      <small className="hint">{t('desktop.fullScreenHint')}</small>
      <h4>{t('desktop.updates')}</h4>
      <p className="settings__hint" data-testid="desktop-updates">
        {view.updates ? t('desktop.updatesOn', { url: view.updates.url }) : t('desktop.updatesOff')}
      </p>
      {status}
      <button type="submit" className="button" disabled={isSaving || !isDesktop}>
        {t('stationSettings.save')}
      </button>
    </form>
  );
}
