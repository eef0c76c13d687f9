import { useEffect, useState, type FormEvent } from 'react';
import { languages, type Language } from '../../../shared/domain';
import { problemActions, type ProblemAction } from '../../../shared/packing';
import type { SettingsView } from '../../../shared/settings';
import { useT } from '../i18n/use-t';
import { useApp, useStationSettings, useStores } from '../stores/context';
import { selectIsSavingSettings, selectSavedSection, selectSettingsError, selectSettingsView, selectShelfLifeChoices, selectShippingProfiles } from '../stores/station-settings';
import { CutOffSettings } from './CutOffSettings';
import { ShelfLifeRules, rowsOfRules, rulesOfRows, type ShelfLifeProblem, type ShelfLifeRow } from './ShelfLifeRules';
import { downloadBlob } from '../download';
import { ErrorMessage } from './ErrorMessage';
import { DesktopSettings } from './DesktopSettings';
import { selectMode } from '../stores/app';

/** Lines of a textarea: trimmed, empty ones dropped. */
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

interface Draft {
  name: string;
  language: Language;
  idleSignOutMinutes: string;
  autoComplete: boolean;
  problemAction: ProblemAction;
  snoozeHours: string;
  minShelfLifeDays: string;
  shelfLifeRules: ShelfLifeRow[];
  serialTag: string;
  packingSlip: 'local' | 'picqer';
  isWeightChecked: boolean;
  weightGrams: string;
  weightPercent: string;
  orderFields: string;
  companyName: string;
  companyAddress: string;
  companyLogo: string;
}

function draftOf(view: SettingsView): Draft {
  return {
    name: view.station.name ?? '',
    language: view.station.language ?? 'en',
    idleSignOutMinutes: view.station.idleSignOutMinutes === undefined ? '' : String(view.station.idleSignOutMinutes),
    autoComplete: view.packing.autoComplete ?? true,
    problemAction: view.packing.problemAction ?? 'pause',
    snoozeHours: String(view.packing.snoozeHours ?? 24),
    minShelfLifeDays: String(view.packing.minShelfLifeDays ?? 0),
    shelfLifeRules: rowsOfRules(view.packing.shelfLifeRules),
    serialTag: view.packing.serialTag ?? '',
    packingSlip: view.packing.packingSlip ?? 'local',
    isWeightChecked: view.packing.weightTolerance !== undefined,
    weightGrams: String(view.packing.weightTolerance?.grams ?? 50),
    weightPercent: String(view.packing.weightTolerance?.percent ?? 5),
    orderFields: (view.packing.orderFields ?? []).join('\n'),
    companyName: view.company?.name ?? '',
    companyAddress: (view.company?.address ?? []).join('\n'),
    companyLogo: view.company?.logo ?? '',
  };
}

/** A number field as typed: empty means "not set", anything else is sent as it is for main to judge. */
const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** A tolerance as typed, a Dutch decimal comma included; empty is 0. */
const decimalOf = (text: string) => (text.trim() === '' ? 0 : Number(text.trim().replace(',', '.')));

/**
 * Every setting of the station config file that is not a printer, a device or the connection:
 * the station, packing and the packing slip's sender, each saved on its own over the file, and
 * the config exported for the next station.
 */
export function StationSettings() {
  const t = useT();
  const { stationSettings: store } = useStores();
  const view = useStationSettings(selectSettingsView);
  const isSaving = useStationSettings(selectIsSavingSettings);
  const error = useStationSettings(selectSettingsError);
  const saved = useStationSettings(selectSavedSection);
  const shippingProfiles = useStationSettings(selectShippingProfiles);
  const shelfLifeChoices = useStationSettings(selectShelfLifeChoices);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [shelfLifeProblem, setShelfLifeProblem] = useState<ShelfLifeProblem | null>(null);
  const isDesktop = useApp(selectMode) === 'electron';

  useEffect(() => {
    void store.getState().load();
    void store.getState().loadShippingProfiles();
    void store.getState().loadShelfLifeChoices();
  }, [store]);
  useEffect(() => {
    if (view && !draft) setDraft(draftOf(view));
  }, [view, draft]);

  if (!draft || !view) {
    return error?.section === 'load' ? <ErrorMessage error={error.error} t={t} onRetry={() => void store.getState().load()} /> : null;
  }
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const errorOf = (section: 'station' | 'packing' | 'shipping' | 'company' | 'desktop') => (error?.section === section ? <ErrorMessage error={error.error} t={t} /> : null);
  const savedNote = (section: 'station' | 'packing' | 'shipping' | 'company' | 'desktop') =>
    saved === section ? (
      <span className="settings__test settings__test--done" role="status">
        {t('stationSettings.saved')}
      </span>
    ) : null;
  const source = (section: 'station' | 'packing' | 'company') => <p className="settings__hint">{t(`stationSettings.source.${view.sources[section]}`)}</p>;

  const saveStation = (event: FormEvent) => {
    event.preventDefault();
    void store.getState().save({
      section: 'station',
      value: { name: draft.name, language: draft.language, idleSignOutMinutes: numberOrUndefined(draft.idleSignOutMinutes) },
    });
  };
  const savePacking = (event: FormEvent) => {
    event.preventDefault();
    const orderFields = linesOf(draft.orderFields);
    const shelfLife = rulesOfRows(draft.shelfLifeRules);
    setShelfLifeProblem('problem' in shelfLife ? shelfLife.problem : null);
    if ('problem' in shelfLife) return;
    void store.getState().save({
      section: 'packing',
      value: {
        autoComplete: draft.autoComplete,
        problemAction: draft.problemAction,
        snoozeHours: numberOrUndefined(draft.snoozeHours),
        minShelfLifeDays: numberOrUndefined(draft.minShelfLifeDays),
        ...(shelfLife.rules.length > 0 ? { shelfLifeRules: shelfLife.rules } : {}),
        ...(draft.serialTag.trim() !== '' ? { serialTag: draft.serialTag.trim() } : {}),
        packingSlip: draft.packingSlip,
        ...(draft.isWeightChecked ? { weightTolerance: { grams: decimalOf(draft.weightGrams), percent: decimalOf(draft.weightPercent) } } : {}),
        ...(orderFields.length > 0 ? { orderFields } : {}),
      },
    });
  };
  const saveCompany = (event: FormEvent) => {
    event.preventDefault();
    const address = linesOf(draft.companyAddress);
    void store.getState().save({
      section: 'company',
      value:
        draft.companyName.trim() === ''
          ? null
          : { name: draft.companyName, ...(address.length > 0 ? { address } : {}), ...(draft.companyLogo.trim() ? { logo: draft.companyLogo.trim() } : {}) },
    });
  };
  const exportConfig = async () => {
    const file = await store.getState().exportConfig();
    if (!file) return;
    downloadBlob(file.filename, new Blob([file.json], { type: 'application/json' }));
  };

  return (
    <div className="station-settings">
      <form className="station-settings__section" onSubmit={saveStation} aria-labelledby="station-settings-station">
        <h3 id="station-settings-station">{t('stationSettings.station')}</h3>
        {source('station')}
        <label className="field">
          <span>{t('stationSettings.name')}</span>
          <input className="input" value={draft.name} maxLength={60} onChange={(e) => change({ name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('stationSettings.language')}</span>
          <select className="input" value={draft.language} onChange={(e) => change({ language: e.target.value as Language })}>
            {languages.map((language) => (
              <option key={language} value={language}>
                {t(`lang.${language}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('stationSettings.idle')}</span>
          <input className="input" inputMode="decimal" value={draft.idleSignOutMinutes} onChange={(e) => change({ idleSignOutMinutes: e.target.value })} />
          <small className="hint">{t('stationSettings.idleHint')}</small>
        </label>
        {errorOf('station')}
        <button type="submit" className="button" disabled={isSaving}>
          {t('stationSettings.save')}
        </button>{' '}
        {savedNote('station')}
      </form>

      <form className="station-settings__section" onSubmit={savePacking} aria-labelledby="station-settings-packing">
        <h3 id="station-settings-packing">{t('stationSettings.packing')}</h3>
        {source('packing')}
        <label className="field field--check">
          <input type="checkbox" checked={draft.autoComplete} onChange={(e) => change({ autoComplete: e.target.checked })} /> {t('stationSettings.autoComplete')}
        </label>
        <label className="field">
          <span>{t('stationSettings.problemAction')}</span>
          <select className="input" value={draft.problemAction} onChange={(e) => change({ problemAction: e.target.value as ProblemAction })}>
            {problemActions.map((action) => (
              <option key={action} value={action}>
                {t(`stationSettings.problemAction.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('stationSettings.snoozeHours')}</span>
          <input className="input" inputMode="numeric" value={draft.snoozeHours} onChange={(e) => change({ snoozeHours: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('stationSettings.minShelfLifeDays')}</span>
          <input className="input" inputMode="numeric" value={draft.minShelfLifeDays} onChange={(e) => change({ minShelfLifeDays: e.target.value })} />
          <small className="settings__hint">{t('stationSettings.minShelfLifeDays.hint')}</small>
        </label>
        <ShelfLifeRules rows={draft.shelfLifeRules} choices={shelfLifeChoices} problem={shelfLifeProblem} t={t} onChange={(rows) => change({ shelfLifeRules: rows })} />
        <label className="field">
          <span>{t('stationSettings.serialTag')}</span>
          <input className="input" value={draft.serialTag} onChange={(e) => change({ serialTag: e.target.value })} />
          <small className="settings__hint">{t('stationSettings.serialTag.hint')}</small>
        </label>
        <label className="field">
          <span>{t('stationSettings.packingSlip')}</span>
          <select className="input" value={draft.packingSlip} onChange={(e) => change({ packingSlip: e.target.value as 'local' | 'picqer' })}>
            <option value="local">{t('stationSettings.packingSlip.local')}</option>
            <option value="picqer">{t('stationSettings.packingSlip.picqer')}</option>
          </select>
        </label>
        <label className="field field--check">
          <input type="checkbox" checked={draft.isWeightChecked} onChange={(e) => change({ isWeightChecked: e.target.checked })} /> {t('stationSettings.weightCheck')}
        </label>
        {draft.isWeightChecked ? (
          <>
            <label className="field">
              <span>{t('stationSettings.weightGrams')}</span>
              <input className="input" inputMode="numeric" value={draft.weightGrams} onChange={(e) => change({ weightGrams: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('stationSettings.weightPercent')}</span>
              <input className="input" inputMode="decimal" value={draft.weightPercent} onChange={(e) => change({ weightPercent: e.target.value })} />
              <small className="hint">{t('stationSettings.weightHint')}</small>
            </label>
          </>
        ) : null}
        <label className="field">
          <span>{t('stationSettings.orderFields')}</span>
          <textarea className="input" rows={3} value={draft.orderFields} onChange={(e) => change({ orderFields: e.target.value })} />
          <small className="hint">{t('stationSettings.orderFieldsHint')}</small>
        </label>
        {errorOf('packing')}
        <button type="submit" className="button" disabled={isSaving}>
          {t('stationSettings.save')}
        </button>{' '}
        {savedNote('packing')}
      </form>

      <CutOffSettings
        view={view}
        profiles={shippingProfiles}
        isSaving={isSaving}
        t={t}
        onSave={(value) => void store.getState().save({ section: 'shipping', value })}
        status={
          <>
            {errorOf('shipping')}
            {savedNote('shipping')}
          </>
        }
      />

      <form className="station-settings__section" onSubmit={saveCompany} aria-labelledby="station-settings-company">
        <h3 id="station-settings-company">{t('stationSettings.company')}</h3>
        {source('company')}
        <label className="field">
          <span>{t('stationSettings.companyName')}</span>
          <input className="input" value={draft.companyName} maxLength={100} onChange={(e) => change({ companyName: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('stationSettings.companyAddress')}</span>
          <textarea className="input" rows={4} value={draft.companyAddress} onChange={(e) => change({ companyAddress: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('stationSettings.companyLogo')}</span>
          <input className="input" value={draft.companyLogo} onChange={(e) => change({ companyLogo: e.target.value })} />
        </label>
        {errorOf('company')}
        <button type="submit" className="button" disabled={isSaving}>
          {t('stationSettings.save')}
        </button>{' '}
        {savedNote('company')}
      </form>

      <DesktopSettings
        view={view}
        isDesktop={isDesktop}
        isSaving={isSaving}
        t={t}
        onSave={(value) => void store.getState().save({ section: 'desktop', value })}
        status={
          <>
            {errorOf('desktop')}
            {savedNote('desktop')}
          </>
        }
      />

      <div className="station-settings__section">
        <h3>{t('stationSettings.export')}</h3>
        <p className="settings__hint">{t('stationSettings.exportHint')}</p>
        <button type="button" className="button" onClick={() => void exportConfig()}>
          {t('stationSettings.exportButton')}
        </button>
        {error?.section === 'export' ? <ErrorMessage error={error.error} t={t} /> : null}
      </div>
    </div>
  );
}
