import type { Database } from 'better-sqlite3';
import type { BoxAdvice } from '../../../shared/packing';
import { advicePackagings } from '../db/queries/packagings';
import { chosenForProductSet, recordAdviceOutcome } from '../db/queries/box-advice-outcomes';
import { productDimensions } from '../db/queries/products';
import { adviseBoxes, learnAfter, learnedChoice, productSetKey, type AdviceLine, type AdvicePackaging } from './box-advice';
import type { ActiveSession, LineState } from './types';

/*
 * The box advice from the cache (issue 18): the products' dimensions and the packagings marked for
 * advice, turned to what packers chose when the last parcels of the same products all agreed.
 */

function adviceLines(db: Database, leaves: readonly LineState[]): AdviceLine[] {
  const dimensions = productDimensions(db, leaves.map((l) => l.row.idproduct));
  return leaves.map((l) => {
    const d = dimensions.get(l.row.idproduct);
    return { idproduct: l.row.idproduct, amount: l.row.amount, length: d?.length ?? null, width: d?.width ?? null, height: d?.height ?? null };
  });
}

export function adviceFor(db: Database, packSessionId: number, leaves: readonly LineState[]): BoxAdvice | null {
  const packagings = advicePackagings(db);
  if (packagings.length === 0) return null;
  const fitted = adviseBoxes(adviceLines(db, leaves), packagings);
  // Learning is for parcels of one box: what packers chose for box 1 of the same products.
  const single = fitted?.length === 1 ? fitted[0] : undefined;
  const learned = fitted !== null && fitted.length > 1 ? null : learnedChoice(chosenForProductSet(db, productSetKey(leaves.map((l) => l.row)), packSessionId, learnAfter), single?.idpackaging ?? null);
  const learnedPackaging = learned === null ? undefined : packagings.find((p) => p.idpackaging === learned);
  if (learnedPackaging) return { ...advised(learnedPackaging), isLearned: true, boxes: [advised(learnedPackaging)] };
  const first = fitted?.[0];
  return fitted && first ? { ...advised(first), isLearned: false, boxes: fitted.map(advised) } : null;
}

const advised = (p: AdvicePackaging) => ({ idpackaging: p.idpackaging, name: p.name, barcode: p.barcode });

/** A packaging chosen for box 1 of a parcel that had advice: followed or overridden, for Stats and learning. */
export function recordChoice(db: Database, session: ActiveSession, idpackaging: number, at: string): void {
  if (!session.advice) return;
  recordAdviceOutcome(db, {
    packSessionId: session.record.id,
    productSet: productSetKey(session.leaves.map((l) => l.row)),
    advised: session.advice.idpackaging,
    chosen: idpackaging,
    isLearned: session.advice.isLearned,
    at,
  });
}
