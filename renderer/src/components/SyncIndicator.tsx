import type { SyncStatus } from '../../../shared/domain';
import { formatClock, formatDateTime } from '../format';
import type { Translate } from '../i18n';
import { answerText, listLabel, stepText } from '../picqer-answer';
import { useT } from '../i18n/use-t';
import { selectLanguage } from '../stores/app';
import { useApp, useStores, useSync } from '../stores/context';
import { selectIsSyncRequesting, selectSyncError, selectSyncStatus } from '../stores/sync';
import { ErrorMessage } from './ErrorMessage';
import type { Language } from '../../../shared/domain';

const phaseLabel = listLabel;

/**
 * The failed request and Picqer's answer, when the main process knew them. Main's own English
 * text (a network error's wording) is for the log and the IT person, not the floor: not shown.
 */
function failureDetail(status: SyncStatus, t: Translate): string | null {
  if (!status.failure) return null;
  return `${stepText(status.failure.step, t)}: ${answerText(status.failure.answer, t)}`;
}

interface Described {
  text: string;
  detail: string | null;
  /** What the person at the station can do about it. */
  hint?: string;
}

function describe(status: SyncStatus | null, t: Translate, language: Language): Described {
  if (!status) return { text: t('status.sync.unknown'), detail: null };
  switch (status.state) {
    case 'idle': {
      const time = status.lastSyncedAt ? formatClock(status.lastSyncedAt, language) : null;
      return { text: time ? t('status.sync.idle', { time }) : t('status.sync.never'), detail: null };
    }
    case 'syncing': {
      const progress = status.progress;
      const text = progress?.phase
        ? t('status.sync.syncing', { phase: phaseLabel(progress.phase, t) })
        : t('status.sync.syncingPlain');
      if (!progress) return { text, detail: null };
      const detail =
        progress.total !== null
          ? t('status.sync.progress', { done: progress.done, total: progress.total })
          : t('status.sync.progressOpen', { done: progress.done });
      return { text, detail };
    }
    case 'offline':
      return { text: t('status.sync.offline'), detail: t('status.sync.offlineHint') };
    case 'error':
      return { text: t('status.sync.error'), detail: failureDetail(status, t), hint: t('status.sync.errorHint') };
    case 'unauthorized':
      return { text: t('status.sync.unauthorized'), detail: failureDetail(status, t), hint: t('status.sync.unauthorizedHint') };
  }
}

export function SyncIndicator() {
  const t = useT();
  const language = useApp(selectLanguage);
  const status = useSync(selectSyncStatus);
  const isRequesting = useSync(selectIsSyncRequesting);
  const error = useSync(selectSyncError);
  const { sync } = useStores();
  const { text, detail, hint } = describe(status, t, language);
  const state = status?.state ?? 'unknown';
  const percent =
    status?.state === 'syncing' && status.progress?.total
      ? Math.min(100, Math.round((status.progress.done / status.progress.total) * 100))
      : null;
  const lastSynced = status?.lastSyncedAt ? formatDateTime(status.lastSyncedAt, language) : null;
  const isBusy = isRequesting || state === 'syncing';
  const unavailable = status?.unavailable?.map((u) => ({ list: u.list, text: t('status.sync.unavailable', { list: listLabel(u.list, t), reason: answerText(u.answer, t) }) })) ?? [];
  const skipped = status?.skipped ? t('status.sync.skipped', { count: status.skipped }) : null;
  // The status bar is one row: what does not fit is cut with an ellipsis and said whole here.
  const title = [text, detail, hint, ...unavailable.map((u) => u.text), skipped, lastSynced].filter(Boolean).join('\n');

  return (
    <div className={`sync sync--${state}`}>
      <div className="sync__state" role="status" aria-live="polite" title={title}>
        <span className="sync__dot" aria-hidden="true" />
        <span className="sync__text">{text}</span>
        {detail ? <span className="sync__detail">{detail}</span> : null}
        {hint ? <span className="sync__hint">{hint}</span> : null}
        {unavailable.map((u) => (
          <span key={u.list} className="sync__hint" data-testid="sync-unavailable" title={t('status.sync.unavailableHint')}>
            {u.text}
          </span>
        ))}
        {skipped ? <span className="sync__hint">{skipped}</span> : null}
        {percent !== null ? (
          <progress className="sync__progress" max={100} value={percent} aria-label={text} />
        ) : null}
      </div>
      {/* An arrow with its words as its name: "Nu synchroniseren" would take a third of the row. */}
      <button
        type="button"
        className="button button--small sync__now"
        disabled={isBusy}
        aria-label={isBusy ? t('status.syncNowBusy') : t('status.syncNow')}
        title={isBusy ? t('status.syncNowBusy') : t('status.syncNow')}
        onClick={() => void sync.getState().syncNow()}
      >
        <span aria-hidden="true">↻</span>
      </button>
      {error ? <ErrorMessage error={error} t={t} /> : null}
    </div>
  );
}
