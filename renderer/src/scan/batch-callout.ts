import type { BatchSlot, BatchView } from '../../../shared/batch';
import type { Reason } from '../../../shared/reasons';
import type { ScanAnswer, ScanOutcome } from '../../../shared/packing';
import { isStaleSerialQuestion } from './answer-text';

/**
 * What the large panel of the batch screen says about the last scan: the slot the unit goes into,
 * the slot to take it out of after an undo, or that no slot takes it (and why).
 */
export type BatchCallout =
  | { kind: 'none' }
  | { kind: 'put'; slot: number; outcome: ScanOutcome; detail: BatchSlot | null }
  | { kind: 'takeOut'; slot: number; detail: BatchSlot | null }
  | { kind: 'refused'; outcome: ScanOutcome; reason: Reason | null; productName: string | null; code: string };

const goodOutcomes: ReadonlySet<ScanOutcome> = new Set(['counted', 'line_complete', 'all_verified']);

/*
 * The answer just given is the newest word (it came after the batch state it changed); main's
 * lastScan is what a reloaded screen has. Both come from main: nothing here is guessed.
 */
export function batchCallout(batch: BatchView, heard: ScanAnswer | null): BatchCallout {
  // A serial question main no longer asks is not where the unit goes: main's last word is.
  const answer = isStaleSerialQuestion(heard, batch.serialWanted) ? null : heard;
  const slotOf = (slot: number) => batch.slots.find((s) => s.slot === slot) ?? null;
  if (answer) {
    if (answer.kind === 'product' && answer.outcome !== null && answer.outcome !== 'ambiguous') {
      if (answer.slot !== null) return { kind: 'put', slot: answer.slot, outcome: answer.outcome, detail: slotOf(answer.slot) };
      if (!goodOutcomes.has(answer.outcome)) {
        return { kind: 'refused', outcome: answer.outcome, reason: answer.reason, productName: answer.product?.name ?? null, code: answer.code };
      }
    }
    if (answer.kind === 'undone' && answer.slot !== null) return { kind: 'takeOut', slot: answer.slot, detail: slotOf(answer.slot) };
    if (answer.kind === 'not_found') {
      return { kind: 'refused', outcome: answer.outcome ?? 'unknown_barcode', reason: answer.reason, productName: null, code: answer.code };
    }
    // Just opened: the slots of scans before (a batch resumed) are not where the next unit goes.
    if (answer.kind === 'batch_opened') return { kind: 'none' };
  }
  const last = batch.lastScan;
  if (!last) return { kind: 'none' };
  if (last.slot !== null) return { kind: 'put', slot: last.slot, outcome: last.outcome, detail: slotOf(last.slot) };
  if (last.outcome === 'ambiguous') return { kind: 'none' };
  return { kind: 'refused', outcome: last.outcome, reason: null, productName: last.productName, code: last.code };
}
