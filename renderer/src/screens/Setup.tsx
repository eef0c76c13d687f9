import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { BackendInput } from '../../../shared/contract';
import { languages, type Language } from '../../../shared/domain';
import { ErrorMessage } from '../components/ErrorMessage';
import { SetupStationPrinters } from '../components/SetupStationPrinters';
import { createT, type MessageKey } from '../i18n';
import { selectIsConfigured, selectLead, selectPacker, selectSavedLanguage, selectStationName, selectWarehouse } from '../stores/app';
import { useApp, useLead, useSetup, useStores, useUsers } from '../stores/context';
import { selectLeadError } from '../stores/lead';
import {
  selectConnectError,
  selectConnectedAs,
  selectIsConnecting,
  selectIsSaving,
  selectIsSetupDemo,
  selectSaveError,
  selectSetupStationPrinters,
  selectSetupWarehouses,
} from '../stores/setup';
import { activeUsersByName, selectAreUsersLoading, selectUsers, selectUsersError } from '../stores/users';

const askAtSignIn = 'ask';

/**
 * Connect to Picqer (or the demo), choose warehouse, name, language and packer. On first run
 * there is no way around it; opened from the status bar it starts from the current settings
 * and Cancel goes back to the queue unchanged.
 */
export function Setup() {
  const { app, setup, users: usersStore, lead } = useStores();
  const hasPin = useApp(selectLead)?.hasPin ?? false;
  const [leadPin, setLeadPin] = useState('');
  const leadError = useLead(selectLeadError);
  const isLeadPinValid = leadPin === '' || /^\d{4,12}$/.test(leadPin);
  const stationLanguage = useApp(selectSavedLanguage);
  const isConfigured = useApp(selectIsConfigured);
  const currentStationName = useApp(selectStationName);
  const currentWarehouse = useApp(selectWarehouse);
  const currentPacker = useApp(selectPacker);
  const [language, setLanguage] = useState<Language>(stationLanguage);
  // Setup speaks the language being chosen, so the person setting up sees the result at once: the
  // whole window does (the status bar too) until Setup closes, saved or cancelled.
  const t = useMemo(() => createT(language), [language]);
  useEffect(() => {
    app.getState().showLanguage(language);
  }, [app, language]);
  useEffect(() => () => app.getState().showLanguage(null), [app]);

  const connectedAs = useSetup(selectConnectedAs);
  const isDemo = useSetup(selectIsSetupDemo);
  const warehouses = useSetup(selectSetupWarehouses);
  const isConnecting = useSetup(selectIsConnecting);
  const connectError = useSetup(selectConnectError);
  const isSaving = useSetup(selectIsSaving);
  const saveError = useSetup(selectSaveError);
  const stationPrinters = useSetup(selectSetupStationPrinters);
  const users = useUsers(selectUsers);
  const areUsersLoading = useUsers(selectAreUsersLoading);
  const usersError = useUsers(selectUsersError);

  const [subdomain, setSubdomain] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [chosenWarehouse, setChosenWarehouse] = useState<number | null>(
    isConfigured ? (currentWarehouse?.idwarehouse ?? null) : null,
  );
  const [stationName, setStationName] = useState(isConfigured ? (currentStationName ?? '') : '');
  // Saving "ask at sign-in" signs the current packer out, so a reopened Setup keeps them.
  const [chosenPacker, setPacker] = useState<string>(currentPacker ? String(currentPacker.iduser) : askAtSignIn);
  const [hasTriedSave, setHasTriedSave] = useState(false);
  // None unless chosen: a reopened Setup keeps the printers the station has.
  const [chosenStation, setChosenStation] = useState<number | null>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);

  const activeWarehouses = useMemo(() => warehouses.filter((w) => w.isActive), [warehouses]);
  const packers = useMemo(() => activeUsersByName(users), [users]);
  const onlyWarehouse = activeWarehouses.length === 1 ? activeWarehouses[0] : undefined;
  // A choice carried over from the current settings counts only if this account has it too.
  const warehouse = activeWarehouses.some((w) => w.idwarehouse === chosenWarehouse)
    ? chosenWarehouse
    : (onlyWarehouse?.idwarehouse ?? null);
  const packer = packers.some((u) => String(u.iduser) === chosenPacker) ? chosenPacker : askAtSignIn;
  // Said only after a save attempt, and gone as soon as the field is filled in.
  let missing: MessageKey | null = null;
  if (hasTriedSave && warehouse === null) missing = 'setup.missing.warehouse';
  else if (hasTriedSave && !stationName.trim()) missing = 'setup.missing.stationName';

  // A refusal appears where the form was not looked at on a short screen: it is brought into view.
  const connectProblem = useRef<HTMLDivElement>(null);
  const saveProblem = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (connectError) connectProblem.current?.scrollIntoView({ block: 'nearest' });
  }, [connectError]);
  useEffect(() => {
    if (missing) saveProblem.current?.scrollIntoView({ block: 'nearest' });
  }, [missing]);

  useEffect(() => {
    if (connectedAs) detailsHeading.current?.focus();
  }, [connectedAs]);

  async function connect(backend: BackendInput) {
    if (await setup.getState().connect(backend)) {
      void usersStore.getState().load();
      void setup.getState().loadStationPrinters();
    }
  }

  function onConnect(event: FormEvent) {
    event.preventDefault();
    void connect({ subdomain: subdomain.trim(), apiKey: apiKey.trim() });
  }

  function onSave(event: FormEvent) {
    event.preventDefault();
    setHasTriedSave(true);
    if (warehouse === null || !stationName.trim() || !isLeadPinValid) return;
    void (async () => {
      // The PIN first: setting it unlocks the station for whoever set it, so the save goes through.
      if (leadPin && !(await lead.getState().configure({ pin: leadPin }, 'pinSaved'))) return;
      await setup.getState().save({
        warehouse,
        stationName: stationName.trim(),
        language,
        packer: packer === askAtSignIn ? null : Number(packer),
        packingStation: stationPrinters.stations.some((s) => s.idpacking_station === chosenStation) ? chosenStation : null,
      });
    })();
  }

  return (
    <section className="setup" aria-labelledby="setup-title" lang={language}>
      <header className="setup__header">
        <h1 id="setup-title">{t('setup.title')}</h1>
        {isConfigured ? (
          <button type="button" className="button button--large" disabled={isSaving} onClick={() => setup.getState().cancel()}>
            {t('setup.cancel')}
          </button>
        ) : null}
      </header>
      <p className="lead">{t(isConfigured ? 'setup.introChange' : 'setup.intro')}</p>

      <fieldset className="setup__language">
        <legend>{t('setup.language.legend')}</legend>
        <div className="choice-row">
          {languages.map((code) => (
            <label key={code} className="choice">
              <input
                type="radio"
                name="language"
                value={code}
                checked={language === code}
                onChange={() => setLanguage(code)}
              />
              <span lang={code}>{t(`lang.${code}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="setup__step">
        <h2>{t('setup.step.connect')}</h2>
        {connectedAs ? (
          <div className="setup__connected">
            <p className="setup__connected-text" role="status">
              {t(isDemo ? 'setup.connectedDemo' : 'setup.connectedAs', { name: connectedAs.name })}
            </p>
            <button type="button" className="button button--quiet" onClick={() => setup.getState().disconnect()}>
              {t('setup.changeConnection')}
            </button>
          </div>
        ) : (
          <div className="setup__connect">
            <form className="setup__picqer" onSubmit={onConnect}>
              <div className="field">
                <label htmlFor="setup-subdomain">{t('setup.subdomain.label')}</label>
                <input
                  id="setup-subdomain"
                  className="input"
                  value={subdomain}
                  onChange={(event) => setSubdomain(event.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby="setup-subdomain-hint"
                  required
                />
                <p id="setup-subdomain-hint" className="hint">
                  {t('setup.subdomain.hint')}
                </p>
              </div>
              <div className="field">
                <label htmlFor="setup-apikey">{t('setup.apiKey.label')}</label>
                <input
                  id="setup-apikey"
                  className="input"
                  type="password"
                  value={apiKey}
                  onChange={(event) => setApiKey(event.target.value)}
                  autoComplete="off"
                  aria-describedby="setup-apikey-hint"
                  required
                />
                <p id="setup-apikey-hint" className="hint">
                  {t('setup.apiKey.hint')}
                </p>
              </div>
              <button type="submit" className="button button--primary" disabled={isConnecting}>
                {isConnecting ? t('setup.connecting') : t('setup.connect')}
              </button>
            </form>
            <p className="setup__or" aria-hidden="true">
              {t('setup.or')}
            </p>
            <div className="setup__demo">
              <button
                type="button"
                className="button button--demo"
                disabled={isConnecting}
                onClick={() => void connect({ demo: true })}
                aria-describedby="setup-demo-hint"
              >
                {t('setup.demo')}
              </button>
              <p id="setup-demo-hint" className="hint">
                {t('setup.demoHint')}
              </p>
            </div>
          </div>
        )}
        {connectError ? (
          <div ref={connectProblem}>
            <ErrorMessage error={connectError} t={t} />
          </div>
        ) : null}
      </div>

      {connectedAs ? (
        <form className="setup__details" onSubmit={onSave} noValidate>
          <div className="setup__step">
            <h2 ref={detailsHeading} tabIndex={-1}>
              {t('setup.step.warehouse')}
            </h2>
            {activeWarehouses.length === 0 ? (
              <p role="alert">{t('setup.warehouse.none')}</p>
            ) : (
              <fieldset>
                <legend>{t('setup.warehouse.legend')}</legend>
                <div className="choice-list">
                  {activeWarehouses.map((w) => (
                    <label key={w.idwarehouse} className="choice">
                      <input
                        type="radio"
                        name="warehouse"
                        value={w.idwarehouse}
                        checked={warehouse === w.idwarehouse}
                        onChange={() => setChosenWarehouse(w.idwarehouse)}
                      />
                      <span>{w.name}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
          </div>

          <div className="setup__step">
            <h2>{t('setup.step.station')}</h2>
            <div className="field">
              <label htmlFor="setup-station-name">{t('setup.stationName.label')}</label>
              <input
                id="setup-station-name"
                className="input"
                value={stationName}
                maxLength={60}
                placeholder={t('setup.stationName.default')}
                onChange={(event) => setStationName(event.target.value)}
                aria-describedby="setup-station-name-hint"
                required
              />
              <p id="setup-station-name-hint" className="hint">
                {t('setup.stationName.hint')}
              </p>
            </div>
          </div>

          <div className="setup__step">
            <h2>{t('setup.step.packer')}</h2>
            <div className="field">
              <label htmlFor="setup-packer">{t('setup.packer.label')}</label>
              <select
                id="setup-packer"
                className="input"
                value={packer}
                onChange={(event) => setPacker(event.target.value)}
              >
                <option value={askAtSignIn}>{t('setup.packer.ask')}</option>
                {packers.map((user) => (
                  <option key={user.iduser} value={String(user.iduser)}>
                    {user.name}
                  </option>
                ))}
              </select>
              {areUsersLoading ? <p className="hint">{t('setup.packer.loading')}</p> : null}
            </div>
            {usersError ? (
              <ErrorMessage error={usersError} t={t} onRetry={() => void usersStore.getState().load()} />
            ) : null}
          </div>

          <SetupStationPrinters state={stationPrinters} chosen={chosenStation} t={t} onChoose={setChosenStation} />

          {hasPin ? null : (
            <div className="setup__step">
              <h2>{t('lead.settings.title')}</h2>
              <p className="hint">{t('lead.settings.hint')}</p>
              <div className="field">
                <label htmlFor="setup-lead-pin">{t('lead.settings.pin')}</label>
                <input
                  id="setup-lead-pin"
                  className="input"
                  data-testid="setup-lead-pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="new-password"
                  maxLength={12}
                  value={leadPin}
                  onChange={(event) => setLeadPin(event.target.value.trim())}
                />
                <p className="hint">{isLeadPinValid ? t('lead.noPin') : t('lead.settings.pinInvalid')}</p>
              </div>
              {leadError ? <ErrorMessage error={leadError} t={t} /> : null}
            </div>
          )}

          {missing ? (
            <p className="form-problem" role="alert" ref={saveProblem}>
              {t(missing)}
            </p>
          ) : null}
          {saveError ? <ErrorMessage error={saveError} t={t} /> : null}
          <div className="setup__actions">
            <button type="submit" className="button button--primary button--large" disabled={isSaving}>
              {isSaving ? t('setup.saving') : t('setup.save')}
            </button>
            {isConfigured ? (
              <button type="button" className="button button--large" disabled={isSaving} onClick={() => setup.getState().cancel()}>
                {t('setup.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
