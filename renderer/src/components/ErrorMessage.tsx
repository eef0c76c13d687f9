import type { ApiError } from '../api';
import { errorKey, type Translate } from '../i18n';
import { useReasonText } from '../i18n/use-t';

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
  const words = useReasonText();
  const sentence = error.isTransport ? t('error.transport') : (meaning ?? (error.reason ? words(error.reason) : t(errorKey(error.code))));
  return (
    <div className="error-message" role="alert">
      {title ? <p className="error-message__title">{title}</p> : null}
      <p className="error-message__sentence">{sentence}</p>
      {/*
        Main's own text (English, as in its log) for the IT person, where there is no reason to
        word: folded away, so the packer reads only the sentence in the station's language.
      */}
      {error.message && !error.reason ? (
        <details className="error-message__detail">
          <summary>{t('common.technicalDetails')}</summary>
          {error.message}
        </details>
      ) : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
