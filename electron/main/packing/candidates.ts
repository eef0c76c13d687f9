import type { ProductCandidate, ScanAnswer, ScanOutcome } from '../../../shared/packing';
import type { ProductMatch } from '../db/queries/products';
import type { LineState } from './types';

/* A product as a scan answer names it: found by its barcode, or the line a count or an undo was on. */

export const productCandidate = (p: ProductMatch): ProductCandidate => ({
  idproduct: p.idproduct,
  name: p.name,
  productcode: p.productcode,
  image: p.imageUrl,
  isInactive: !p.isActive,
});

export const lineCandidate = (line: LineState): ProductCandidate => ({
  idproduct: line.row.idproduct,
  name: line.row.name,
  productcode: line.row.productcode,
  image: line.row.image,
  isInactive: false,
});

/** What a product scan's answer says of it, in a picklist or a batch: its outcome, the product and an ambiguous scan's choices. */
export function productAnswerFields(
  scan: { code: string; amount: number },
  outcome: ScanOutcome,
  product: ProductMatch | null,
  choices: readonly ProductMatch[] = [],
): Pick<ScanAnswer, 'kind' | 'outcome' | 'code' | 'amount' | 'product' | 'productChoices'> {
  return { kind: 'product', outcome, code: scan.code, amount: scan.amount, product: product ? productCandidate(product) : null, productChoices: choices.map(productCandidate) };
}
