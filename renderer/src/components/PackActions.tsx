import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { selectCanComplete, selectSession, selectSessionBusy } from '../stores/session';

/** Complete, Undo, Problem, Leave. Enter (outside a field) and the command barcodes do the same. */
export function PackActions({ t }: { t: Translate }) {
  const { session: store, ui, scanner } = useStores();
  const session = useSession(selectSession);
  const canComplete = useSession(selectCanComplete);
  const busy = useSession(selectSessionBusy);
  if (!session) return null;
  const remaining = Math.max(0, session.units - session.verifiedUnits);
  const isPacking = session.state === 'packing';

  return (
    <div className="pack-actions">
      <button type="button" className="button button--primary button--huge" disabled={!canComplete} onClick={() => void store.getState().complete()}>
        {t('pack.actions.complete')}
      </button>
      {/* While completing, the banner says what happens; the hint would only promise an Enter that does nothing. */}
      {isPacking ? (
        <p className="pack-actions__hint">
          {session.isAllVerified ? t('pack.actions.completeHint') : t('pack.actions.remaining', { count: remaining })}
        </p>
      ) : null}
      <div className="pack-actions__row">
        <button type="button" className="button" disabled={busy !== null || session.verifiedUnits === 0 || !isPacking} onClick={() => void scanner.undo()}>
          {t('pack.actions.undo')}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => ui.getState().openDialog({ kind: 'problem' })}>
          {t('pack.actions.problem')}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void store.getState().leave()}>
          {t('pack.actions.leave')}
        </button>
      </div>
    </div>
  );
}
