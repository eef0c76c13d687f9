import { useEffect, useRef } from 'react';
import { AppNav } from './components/AppNav';
import { DialogHost } from './components/DialogHost';
import { FirstRunChecklist } from './components/FirstRunChecklist';
import { MultiplierBadge } from './components/MultiplierBadge';
import { PracticeBanner } from './components/PracticeBanner';
import { ReadyPanel } from './components/ReadyPanel';
import { StatusBar } from './components/StatusBar';
import { useT } from './i18n/use-t';
import { useWedge } from './scan/use-wedge';
import { useDisplayClasses } from './use-display';
import { Devices } from './screens/Devices';
import { History } from './screens/History';
import { Pack } from './screens/Pack';
import { PackerChooser } from './screens/PackerChooser';
import { Queue } from './screens/Queue';
import { Settings } from './screens/Settings';
import { Stats } from './screens/Stats';
import { Setup } from './screens/Setup';
import { StartupProblem } from './screens/StartupProblem';
import { selectAppLoadError, selectHasAppState, selectHasPacker, selectIsConfigured, selectLanguage } from './stores/app';
import { selectTransportMode } from './stores/connection';
import { useApp, useConnection, useSetup, useStores, useUi } from './stores/context';
import { selectIsSetupOpen } from './stores/setup';
import { selectScreen } from './stores/ui';

export function App() {
  const t = useT();
  const stores = useStores();
  const language = useApp(selectLanguage);
  const hasState = useApp(selectHasAppState);
  const loadError = useApp(selectAppLoadError);
  const isConfigured = useApp(selectIsConfigured);
  const hasPacker = useApp(selectHasPacker);
  const isSetupOpen = useSetup(selectIsSetupOpen);
  const mode = useConnection(selectTransportMode);
  const screen = useUi(selectScreen);
  const isStation = hasState && isConfigured && !isSetupOpen;
  const mainRef = useRef<HTMLElement>(null);

  useWedge(stores, isStation);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useDisplayClasses(stores.display);

  // Another screen starts at its top: the "parcel sent" line must not stay scrolled out of view,
  // nor the first-run checklist after a Setup saved from low on its form.
  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [screen, isStation]);

  if (!hasState) {
    return (
      <main className="app app--starting">
        {loadError ? (
          <StartupProblem error={loadError} isWeb={mode === 'web'} />
        ) : (
          <p className="app__starting" role="status">
            {t('app.starting')}
          </p>
        )}
      </main>
    );
  }

  return (
    <div className="app">
      {isStation ? <PracticeBanner /> : null}
      {isStation ? <AppNav /> : null}
      <main className={`app__main app__main--${isStation ? screen : 'setup'}`} ref={mainRef}>
        {!isStation ? (
          <Setup />
        ) : screen === 'pack' ? (
          <Pack />
        ) : screen === 'history' ? (
          <History />
        ) : screen === 'stats' ? (
          <Stats />
        ) : screen === 'devices' ? (
          <Devices />
        ) : screen === 'settings' ? (
          <Settings />
        ) : (
          <>
            {/* The queue shows with nobody signed in too: it is the first thing a new station shows. */}
            <FirstRunChecklist />
            {hasPacker ? null : <PackerChooser />}
            <ReadyPanel />
            <Queue />
          </>
        )}
      </main>
      {isStation ? <MultiplierBadge /> : null}
      {isStation ? <DialogHost /> : null}
      <StatusBar isConfigured={isConfigured} isSetupOpen={isSetupOpen} />
    </div>
  );
}
