import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { listQueue } from '../db/queries/picklists';
import type { HandlersOf, StationContext } from './context';

/* The queue of picklists to pack in the station's warehouse. */
export function queueHandlers({ life, settings }: Pick<StationContext, 'life' | 'settings'>) {
  return {
    'queue.list': ({ search }) => {
      const live = life.connected();
      const warehouse = life.warehouse();
      if (!live || !warehouse) throw new AppError('NOT_CONFIGURED', reason('station.chooseWarehouseFirst'));
      const cutOffs = new Map((settings.config().shipping?.cutOffs ?? []).map((c) => [c.idshippingproviderProfile, c.time]));
      return listQueue(live.db, { idwarehouse: warehouse.idwarehouse, search, cutOffs });
    },
  } satisfies HandlersOf<'queue'>;
}
