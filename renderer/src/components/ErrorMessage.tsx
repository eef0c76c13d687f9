import type { ApiError } from '../api';
import { errorKey, errorReasonKey, type Translate } from '../i18n';

interface Props {
  error: ApiError;
  t: Translate;
  onRetry?: () => void;
  /** A heading above the sentence, e.g. what failed. */
  title?: string;
}

export function ErrorMessage({ error, t, onRetry, title }: Props) {
  const reasonKey = errorReasonKey(error.reason);
  const sentence = error.isTransport ? t('error.transport') : t(reasonKey ?? errorKey(error.code));
  return (
    <div className="error-message" role="alert">
      {title ? <p className="error-message__title">{title}</p> : null}
      <p className="error-message__sentence">{sentence}</p>
      {/* A reason the catalogue words says it all; main's own sentence would only repeat it in English. */}
      {error.message && !reasonKey ? <p className="error-message__detail">{t('common.details', { message: error.message })}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
