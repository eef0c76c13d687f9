import type { Migration } from './types';
import initial from './0001-initial';
import packSessions from './0002-pack-sessions';
import outboxPrinting from './0003-outbox-printing';
import orderAddresses from './0004-order-addresses';
import scanEventOutcomes from './0005-scan-event-outcomes';
import shipmentCancelledBy from './0006-shipment-cancelled-by';
import shippingExtraFields from './0007-shipping-extra-fields';
import outboxAnswers from './0008-outbox-answers';
import picklistBatches from './0009-picklist-batches';
import batchSessions from './0010-batch-sessions';
import packSessionBoxes from './0011-pack-session-boxes';
import scanEventLots from './0012-scan-event-lots';
import weightOverride from './0013-weight-override';
import boxAdvice from './0014-box-advice';

/** Every migration in order. A new one is appended here and gets a case in the migration test. */
export const migrations: readonly Migration[] = [
  initial,
  packSessions,
  outboxPrinting,
  orderAddresses,
  scanEventOutcomes,
  shipmentCancelledBy,
  shippingExtraFields,
  outboxAnswers,
  picklistBatches,
  batchSessions,
  packSessionBoxes,
  scanEventLots,
  weightOverride,
  boxAdvice,
];

export type { Migration } from './types';
