import { useEffect } from 'react';
import { StatusBar } from './components/StatusBar';
import { useT } from './i18n/use-t';
import { PackerChooser } from './screens/PackerChooser';
import { Queue } from './screens/Queue';
import { Setup } from './screens/Setup';
import { StartupProblem } from './screens/StartupProblem';
import { selectAppLoadError, selectHasAppState, selectHasPacker, selectIsConfigured, selectLanguage } from './stores/app';
import { selectTransportMode } from './stores/connection';
import { useApp, useConnection, useSetup } from './stores/context';
import { selectIsSetupOpen } from './stores/setup';

export function App() {
  const t = useT();
  const language = useApp(selectLanguage);
  const hasState = useApp(selectHasAppState);
  const loadError = useApp(selectAppLoadError);
  const isConfigured = useApp(selectIsConfigured);
  const hasPacker = useApp(selectHasPacker);
  const isSetupOpen = useSetup(selectIsSetupOpen);
  const mode = useConnection(selectTransportMode);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

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
      <main className="app__main">
        {!isConfigured || isSetupOpen ? (
          <Setup />
        ) : (
          <>
            {/* The queue shows with nobody signed in too: it is the first thing a new station shows. */}
            {hasPacker ? null : <PackerChooser />}
            <Queue />
          </>
        )}
      </main>
      <StatusBar isConfigured={isConfigured} isSetupOpen={isSetupOpen} />
    </div>
  );
}
