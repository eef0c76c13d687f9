import type { Database } from 'better-sqlite3';
import type { BoxAdvice } from '../../../shared/packing';
import { advicePackagings } from '../db/queries/packagings';
import { chosenForProductSet, recordAdviceOutcome } from '../db/queries/box-advice-outcomes';
import { productDimensions } from '../db/queries/products';
import { adviseBox, learnAfter, learnedChoice, productSetKey, type AdviceLine } from './box-advice';
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
  const fitted = adviseBox(adviceLines(db, leaves), packagings);
  const learned = learnedChoice(chosenForProductSet(db, productSetKey(leaves.map((l) => l.row)), packSessionId, learnAfter), fitted?.idpackaging ?? null);
  const learnedPackaging = learned === null ? undefined : packagings.find((p) => p.idpackaging === learned);
  if (learnedPackaging) return { idpackaging: learnedPackaging.idpackaging, name: learnedPackaging.name, barcode: learnedPackaging.barcode, isLearned: true };
  return fitted ? { idpackaging: fitted.idpackaging, name: fitted.name, barcode: fitted.barcode, isLearned: false } : null;
}

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
