import type { ApiError } from '../api';
import { errorKey, type Translate } from '../i18n';

interface Props {
  error: ApiError;
  t: Translate;
  onRetry?: () => void;
  /** A heading above the sentence, e.g. what failed. */
  title?: string;
  /** What the code means where it was raised, when the general sentence for it would mislead. */
  sentence?: string;
}

export function ErrorMessage({ error, t, onRetry, title, sentence: meaning }: Props) {
  const sentence = error.isTransport ? t('error.transport') : (meaning ?? t(errorKey(error.code)));
  return (
    <div className="error-message" role="alert">
      {title ? <p className="error-message__title">{title}</p> : null}
      <p className="error-message__sentence">{sentence}</p>
      {error.message ? <p className="error-message__detail">{t('common.details', { message: error.message })}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
