import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import type { BatchSummary } from '../../../shared/batch';
import { listOpenPicklistBatches } from '../db/queries/picklist-batches';
import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* Picklist batches (issue 17): the queue's list, opening one by hand, a slot's problem, leaving. */
export function batchHandlers({ life, acks }: Pick<StationContext, 'life' | 'acks'>) {
  const pack = () => requireRuntime(life.runtime()).pack;
  return {
    'batch.list': (): BatchSummary[] => {
      const live = life.connected();
      const warehouse = life.warehouse();
      if (!live || !warehouse) throw new AppError('NOT_CONFIGURED', reason('station.chooseWarehouseFirst'));
      return listOpenPicklistBatches(live.db, warehouse.idwarehouse).map((b) => ({
        idpicklistBatch: b.idpicklistBatch,
        picklistBatchid: b.picklistBatchid,
        type: b.type,
        totalPicklists: b.totalPicklists,
        totalProducts: b.totalProducts,
        assignedTo: b.assignedToName,
        canOpen: b.hasDetail,
      }));
    },
    'batch.open': ({ idpicklistBatch }) => pack().openBatch(idpicklistBatch),
    'batch.problem': (input) => acks.pack(() => pack().batchProblem(input), 'problem_reported'),
    'batch.leave': () => acks.pack(() => pack().leaveBatch(), 'left'),
  } satisfies HandlersOf<'batch'>;
}
