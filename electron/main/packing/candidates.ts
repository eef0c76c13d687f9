import type { ProductCandidate } from '../../../shared/packing';
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
