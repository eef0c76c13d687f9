import type { BatchView } from '../../../shared/batch';
import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { canReportBatchProblem, selectCanUndoBatch, selectSessionBusy } from '../stores/session';

/**
 * Undo, Problem, Leave batch. No Complete: a slot's picklist completes on its own once its last
 * unit is in. PD:UNDO, PD:PROBLEM and PD:CANCEL do the same from the scanner.
 */
export function BatchActions({ batch, t }: { batch: BatchView; t: Translate }) {
  const { session: store, ui, scanner } = useStores();
  const busy = useSession(selectSessionBusy);
  const canUndo = useSession(selectCanUndoBatch);
  const canReport = batch.slots.some(canReportBatchProblem);

  return (
    <div className="pack-actions batch-actions">
      {batch.isDone ? (
        <p className="batch-actions__done" role="status" data-testid="batch-done">
          {t('batch.done')}
        </p>
      ) : null}
      <div className="pack-actions__row">
        <button type="button" className="button" disabled={!canUndo} onClick={() => void scanner.undo()}>
          {t('pack.actions.undo')}
        </button>
        <button type="button" className="button" disabled={busy !== null || !canReport} onClick={() => ui.getState().openDialog({ kind: 'batchProblem' })}>
          {t('batch.actions.problem')}
        </button>
      </div>
      <button
        type="button"
        className={`button${batch.isDone ? ' button--primary button--huge' : ''}`}
        disabled={busy !== null}
        aria-describedby={batch.isDone ? undefined : 'batch-leave-hint'}
        onClick={() => void store.getState().leaveBatch()}
      >
        {t('batch.actions.leave')}
      </button>
      {batch.isDone ? null : (
        <p className="pack-actions__hint" id="batch-leave-hint">
          {t('batch.actions.leaveHint')}
        </p>
      )}
    </div>
  );
}
