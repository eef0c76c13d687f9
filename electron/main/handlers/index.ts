import type { Handlers } from '../transport/dispatch';
import type { StationContext } from './context';
import { batchHandlers } from './batch';
import { deviceHandlers } from './devices';
import { historyHandlers } from './history';
import { outboxHandlers } from './outbox';
import { packHandlers } from './pack';
import { peopleHandlers } from './people';
import { practiceHandlers } from './practice';
import { printerHandlers } from './printers';
import { productHandlers } from './products';
import { queueHandlers } from './queue';
import { scanHandlers } from './scan';
import { settingsHandlers } from './settings';
import { setupHandlers } from './setup';
import { statsHandlers } from './stats';
import { syncHandlers } from './sync';

export { createAcks, type StationContext } from './context';

/** The station's command table: every domain's handlers, checked whole against the contract (a missing command does not compile). */
export function createHandlers(ctx: StationContext) {
  return {
    ...setupHandlers(ctx),
    ...peopleHandlers(ctx),
    ...settingsHandlers(ctx),
    ...practiceHandlers(ctx),
    ...queueHandlers(ctx),
    ...syncHandlers(ctx),
    ...scanHandlers(ctx),
    ...packHandlers(ctx),
    ...batchHandlers(ctx),
    ...historyHandlers(ctx),
    ...statsHandlers(ctx),
    ...outboxHandlers(ctx),
    ...printerHandlers(ctx),
    ...productHandlers(ctx),
    ...deviceHandlers(ctx),
  } satisfies Handlers;
}
