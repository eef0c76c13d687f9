import { batchSummary, batchView, type BatchSlot, type BatchSummary, type BatchView } from '../../shared/batch';

/*
 * Batches as main publishes them, parsed by the shared schemas so a fixture cannot drift from the
 * contract: a normal batch of 5 picklists (totes) and a singles batch of 10 one-unit picklists.
 */

export function slotFixture(slot: number, overrides: Partial<BatchSlot> = {}): BatchSlot {
  return {
    slot,
    idpicklist: 700 + slot,
    picklistid: `P2026-07${String(slot).padStart(2, '0')}`,
    alias: null,
    customer: `Customer ${slot}`,
    units: 1,
    verifiedUnits: 0,
    state: 'waiting',
    reason: null,
    packSessionId: null,
    ...overrides,
  };
}

function totals(slots: BatchSlot[]): Pick<BatchView, 'units' | 'verifiedUnits' | 'parcelsSent' | 'isDone'> {
  const counted = slots.filter((s) => s.state !== 'refused' && s.state !== 'problem');
  return {
    units: counted.reduce((n, s) => n + s.units, 0),
    verifiedUnits: counted.reduce((n, s) => n + s.verifiedUnits, 0),
    parcelsSent: slots.filter((s) => s.state === 'sent' || s.state === 'labels_pending').length,
    isDone: slots.every((s) => ['sent', 'labels_pending', 'problem', 'refused'].includes(s.state)),
  };
}

export function batchFixture(overrides: Partial<BatchView> & Pick<BatchView, 'slots'>): BatchView {
  return batchView.parse({
    id: 31,
    idpicklistBatch: 4001,
    picklistBatchid: 'B2026-0041',
    type: 'normal',
    packaging: null,
    packer: { iduser: 7, name: 'Sanne de Vries' },
    lastScan: null,
    isOnline: true,
    pendingQuantity: null,
    ...totals(overrides.slots),
    ...overrides,
  });
}

/** Five totes, mid-way: one sent, one being packed, one waiting, one refused by Picqer, one stuck verified. */
export function normalBatchFixture(overrides: Partial<BatchView> = {}): BatchView {
  const slots = [
    slotFixture(1, { units: 3, verifiedUnits: 3, state: 'sent', alias: 'T1', customer: 'Bakkerij de Gouden Korst', packSessionId: 51 }),
    slotFixture(2, { units: 4, verifiedUnits: 2, state: 'packing', alias: 'T2', customer: 'Studio Noord', packSessionId: 52 }),
    slotFixture(3, { units: 2, state: 'waiting', alias: 'T3', customer: 'Fietsenmaker Jansen' }),
    slotFixture(4, { units: 1, state: 'refused', alias: 'T4', customer: 'Koffiebar Zuid', reason: { code: 'picklist.paused', params: { picklistid: 'P2026-0704' } } }),
    slotFixture(5, { units: 2, verifiedUnits: 2, state: 'verified', alias: 'T5', customer: 'Hotel Dijkzicht', reason: { code: 'pack.chooseShippingMethod', params: { picklistid: 'P2026-0705' } }, packSessionId: 55 }),
  ];
  return batchFixture({
    slots,
    lastScan: { outcome: 'counted', code: '8712345000028', amount: 1, productName: 'Koffiebonen 1 kg', slot: 2, picklistid: 'P2026-0702', at: '2026-12-03T10:00:00.000Z' },
    ...overrides,
  });
}

/** Ten one-unit picklists: four sent, one waiting for its label offline, one refused, four waiting. */
export function singlesBatchFixture(overrides: Partial<BatchView> = {}): BatchView {
  const slots = Array.from({ length: 10 }, (_, i) => {
    const slot = i + 1;
    if (slot <= 4) return slotFixture(slot, { verifiedUnits: 1, state: 'sent', packSessionId: 60 + slot });
    if (slot === 5) return slotFixture(slot, { verifiedUnits: 1, state: 'labels_pending', packSessionId: 65 });
    if (slot === 6) return slotFixture(slot, { state: 'refused', reason: { code: 'picklist.cancelled', params: { picklistid: 'P2026-0706' } } });
    return slotFixture(slot);
  });
  return batchFixture({
    id: 32,
    idpicklistBatch: 4002,
    picklistBatchid: 'B2026-0042',
    type: 'singles',
    slots,
    lastScan: { outcome: 'all_verified', code: '8712345000035', amount: 1, productName: 'Telefoonhoesje', slot: 5, picklistid: 'P2026-0705', at: '2026-12-03T10:01:00.000Z' },
    ...overrides,
  });
}

export function batchSummaryFixture(idpicklistBatch: number, overrides: Partial<BatchSummary> = {}): BatchSummary {
  return batchSummary.parse({
    idpicklistBatch,
    picklistBatchid: `B2026-${String(idpicklistBatch).padStart(4, '0')}`,
    type: 'normal',
    totalPicklists: 5,
    totalProducts: 12,
    assignedTo: null,
    canOpen: true,
    ...overrides,
  });
}
