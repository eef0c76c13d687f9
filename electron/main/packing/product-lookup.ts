import type { Database } from 'better-sqlite3';
import { lookupKeysForScan } from '../../../shared/barcode';
import { findProductsByCode, type ProductMatch } from '../db/queries/products';

/**
 * Every product a scan can mean, its AIM identifier read as the GS1 hint. The barcode index finds
 * a GS1 element string that carries its GTIN without parentheses, FNC1 or a leading AI 01
 * (`]C1` + `17261231` + `0100012345678905`) only when told it is one; the identifier says so.
 */
export function findProductsForScan(db: Database, scan: { code: string; aim?: string | null }): ProductMatch[] {
  const matches = findProductsByCode(db, scan.code);
  const plain = new Set(lookupKeysForScan(scan.code));
  // TODO(#15): findProductsByCode takes the aim itself once db/ is reorganised; then this goes.
  const hinted = lookupKeysForScan(scan.code, scan.aim ?? null).filter((key) => !plain.has(key));
  if (hinted.length === 0) return matches;
  const byId = new Map(matches.map((m) => [m.idproduct, m]));
  for (const key of hinted) for (const m of findProductsByCode(db, key)) if (!byId.has(m.idproduct)) byId.set(m.idproduct, m);
  return [...byId.values()].sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.idproduct - b.idproduct);
}
