import { orderLotsCsv } from '../history/lots-csv';
import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* Today's parcels at this station: cancel a shipment, reprint, or show a document; an order's lots as CSV. */
export function historyHandlers({ life, events, acks }: Pick<StationContext, 'life' | 'events' | 'acks'>) {
  const history = () => requireRuntime(life.runtime()).history;
  return {
    'history.list': () => history().list(),
    'history.cancelShipment': async ({ idpicklist, reason }) => {
      await history().cancel(idpicklist, reason);
      events.emit('history.changed', { idpicklist });
      return acks.bus();
    },
    'history.reprint': ({ idpicklist, document }) => {
      history().reprint(idpicklist, document);
      events.emit('history.changed', { idpicklist });
      return acks.bus();
    },
    'history.document': ({ idpicklist, document }) => history().document(idpicklist, document),
    // The cache's own records: it answers without a running warehouse too, as Stats does.
    'history.lotsCsv': (target) => orderLotsCsv(life.db(), target),
  } satisfies HandlersOf<'history'>;
}
