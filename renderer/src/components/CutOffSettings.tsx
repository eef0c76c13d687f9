import { useState, type FormEvent, type ReactNode } from 'react';
import type { SettingsView, ShippingProfileChoice, ShippingSettings } from '../../../shared/settings';
import type { Translate } from '../i18n';

interface Props {
  view: SettingsView;
  /** The cached shipping profiles (settings.shippingProfiles). */
  profiles: ShippingProfileChoice[];
  isSaving: boolean;
  t: Translate;
  onSave: (value: ShippingSettings) => void;
  /** The saved note or main's refusal for this section, from the settings store. */
  status: ReactNode;
}

/** The section to save from the typed times: an empty field is no cut-off; the rest main judges. */
export function cutOffsOf(times: Record<number, string>): ShippingSettings {
  return {
    cutOffs: Object.entries(times)
      .filter(([, time]) => time.trim() !== '')
      .map(([id, time]) => ({ idshippingproviderProfile: Number(id), time: time.trim() })),
  };
}

/** A cut-off time per shipping profile: by when its parcels must be packed for today's pickup. */
export function CutOffSettings({ view, profiles, isSaving, t, onSave, status }: Props) {
  const [times, setTimes] = useState<Record<number, string>>(() =>
    Object.fromEntries((view.shipping.cutOffs ?? []).map((c) => [c.idshippingproviderProfile, c.time])),
  );
  const save = (event: FormEvent) => {
    event.preventDefault();
    // A cut-off set for a profile no longer synced is kept rather than silently dropped.
    onSave(cutOffsOf(times));
  };
  return (
    <form className="station-settings__section" onSubmit={save} aria-labelledby="station-settings-cut-offs" data-testid="cut-off-settings">
      <h3 id="station-settings-cut-offs">{t('cutOffs.title')}</h3>
      <p className="settings__hint">{t(`stationSettings.source.${view.sources.shipping}`)}</p>
      <p className="settings__hint">{t('cutOffs.hint')}</p>
      {profiles.length === 0 ? <p className="settings__empty">{t('cutOffs.none')}</p> : null}
      {profiles.map((profile) => {
        const label = `${profile.carrier} ${profile.name}`;
        return (
          <label className="field" key={profile.idshippingproviderProfile}>
            <span>{label}</span>
            <input
              className="input"
              type="time"
              aria-label={t('cutOffs.time', { profile: label })}
              data-profile={profile.idshippingproviderProfile}
              value={times[profile.idshippingproviderProfile] ?? ''}
              onChange={(e) => setTimes({ ...times, [profile.idshippingproviderProfile]: e.target.value })}
            />
          </label>
        );
      })}
      {status}
      <button type="submit" className="button" disabled={isSaving}>
        {t('stationSettings.save')}
      </button>
    </form>
  );
}
