import { isRefusedSerial, type PackSession, type ScanAnswer, type ScanOutcome } from '../../../shared/packing';
import type { Translate } from '../i18n';

/**
 * The colour family of an answer. Always shown with its sentence: colour alone is not enough
 * under warehouse lights or for colour-blind packers.
 */
export type AnswerTone = 'ok' | 'done' | 'bad' | 'over' | 'unknown' | 'choose' | 'info';

const outcomeTones: Record<ScanOutcome, AnswerTone> = {
  counted: 'ok',
  line_complete: 'ok',
  all_verified: 'done',
  wrong_item: 'bad',
  too_many: 'over',
  unknown_barcode: 'unknown',
  partial_scan: 'unknown',
  ambiguous: 'choose',
  set_scanned: 'choose',
  short_dated: 'bad',
  serial_needed: 'choose',
};

export function toneOfOutcome(outcome: ScanOutcome): AnswerTone {
  return outcomeTones[outcome];
}

export function answerTone(answer: Pick<ScanAnswer, 'kind' | 'outcome'> & Partial<Pick<ScanAnswer, 'reason'>>): AnswerTone {
  switch (answer.kind) {
    case 'product':
      if (isRefusedSerial(answer)) return 'bad';
      return answer.outcome ? toneOfOutcome(answer.outcome) : 'unknown';
    case 'blocked':
    case 'already_packed':
    case 'no_packer':
    case 'badge_refused':
      return 'bad';
    case 'not_found':
      return 'unknown';
    case 'choose_picklist':
      return 'choose';
    case 'opened':
    case 'batch_opened':
    case 'undone':
    case 'command':
    case 'packaging':
      return 'info';
    case 'quantity':
      return answer.reason ? 'bad' : 'info';
    case 'signed_in':
      return 'ok';
  }
}

export function outcomeHeadline(outcome: ScanOutcome, productName: string | null, code: string, t: Translate): string {
  return t(`answer.outcome.${outcome}`, { product: productName ?? t('answer.thisProduct'), code });
}

/** The outcomes of a unit that went into a slot of the batch. */
const slotOutcomes: ReadonlySet<ScanOutcome> = new Set(['counted', 'line_complete', 'all_verified']);

/**
 * A unit counted in a batch: where it goes comes first, since that is what the packer acts on;
 * all_verified means the slot's picklist is complete and main completes it on its own.
 */
export function batchHeadline(outcome: ScanOutcome, slot: number, productName: string | null, t: Translate): string {
  const product = productName ?? t('answer.thisProduct');
  if (!slotOutcomes.has(outcome)) return outcomeHeadline(outcome, productName, '', t);
  return t(outcome === 'all_verified' ? 'answer.batch.complete' : 'answer.batch.into', { slot, product });
}

/**
 * The product's name as the packer can tell it apart: with its product code when another line on
 * the picklist has the same name ("Muts geel (MUTS-GL-2)"), so two such lines never give the same answer.
 */
export function productLabel(product: Pick<NonNullable<ScanAnswer['product']>, 'name' | 'productcode'>, session: PackSession | null): string {
  const isShared = session?.lines.some((l) => l.name === product.name && l.productcode !== product.productcode) ?? false;
  return isShared ? `${product.name} (${product.productcode})` : product.name;
}

/** The large sentence for an answer; the session is the screen's (from session.changed), for telling same-named lines apart. */
export function answerHeadline(answer: ScanAnswer, session: PackSession | null, t: Translate): string {
  switch (answer.kind) {
    case 'product':
      if (answer.slot !== null && answer.outcome !== null && slotOutcomes.has(answer.outcome)) {
        return batchHeadline(answer.outcome, answer.slot, answer.product ? answer.product.name : null, t);
      }
      if (isRefusedSerial(answer)) return t('answer.serialRefused', { product: answer.product?.name ?? t('answer.thisProduct') });
      return answer.outcome
        ? outcomeHeadline(answer.outcome, answer.product ? productLabel(answer.product, session) : null, answer.code, t)
        : t('answer.kind.product', { code: answer.code });
    case 'undone':
      if (answer.slot !== null && answer.product) return t('answer.batch.undone', { amount: answer.amount, product: answer.product.name, slot: answer.slot });
      return answer.product ? t('answer.kind.undone', { amount: answer.amount, product: answer.product.name }) : t('answer.command.UNDO');
    case 'opened':
      return t('answer.kind.opened', { picklistid: answer.picklistid ?? answer.code });
    case 'batch_opened':
      return t('answer.kind.batch_opened', { batchid: answer.name ?? answer.code });
    case 'command':
      return answer.command ? t(`answer.command.${answer.command}`) : t('answer.kind.command', { command: answer.code });
    case 'quantity':
      return answer.reason ? t('answer.kind.quantityNoPicklist') : t('answer.kind.quantity', { amount: answer.amount });
    case 'packaging':
      return t('answer.kind.packaging', { packaging: answer.name ?? answer.code });
    case 'choose_picklist':
      return t('answer.kind.choose_picklist', { code: answer.code });
    case 'blocked':
      return t('answer.kind.blocked');
    case 'already_packed':
      return answer.packed
        ? t(`answer.alreadyPacked.${answer.packed.state}`, { picklistid: answer.packed.picklistid, station: answer.packed.station })
        : t('answer.kind.already_packed');
    case 'not_found':
      return answer.outcome === 'partial_scan' ? t('answer.outcome.partial_scan', { code: answer.code }) : t('answer.kind.not_found', { code: answer.code });
    case 'no_packer':
      return t('answer.kind.no_packer');
    case 'signed_in':
      return t('answer.kind.signed_in', { name: answer.name ?? answer.code });
    case 'badge_refused':
      return t('answer.kind.badge_refused');
  }
}

/**
 * A serial question main no longer asks: the answer asked for a unit's serial, but main holds no
 * unit waiting for one (the station restarted and dropped it). Shown as such, never as still open.
 */
export function isStaleSerialQuestion(answer: ScanAnswer | null, wanted: { idproduct: number } | null | undefined): boolean {
  return answer?.kind === 'product' && answer.outcome === 'serial_needed' && !wanted;
}
