import type { ApiError } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useT } from '../i18n/use-t';
import { useStores } from '../stores/context';

/**
 * Main could not be asked for the station's state. In browser mode a refused token means the
 * page was opened without the link Packdesk printed (or from an earlier start): say exactly that.
 */
export function StartupProblem({ error, isWeb }: { error: ApiError; isWeb: boolean }) {
  const t = useT();
  const { app } = useStores();
  const isTokenProblem = isWeb && !error.isTransport && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');

  return (
    <section className="startup-problem" aria-labelledby="startup-title">
      <h1 id="startup-title">{isTokenProblem ? t('app.tokenTitle') : t('app.loadFailed')}</h1>
      {isTokenProblem ? (
        <p className="lead">{t('app.tokenBody')}</p>
      ) : (
        <ErrorMessage error={error} t={t} onRetry={() => void app.getState().load()} />
      )}
    </section>
  );
}
